#include <algorithm>

#include "oms/catalog.h"

namespace oms {

// EAN-13 and UPC-A share the GS1 check: from the right, excluding the check digit, digits are
// weighted 3, 1, 3, 1, ...; the check digit brings the sum to a multiple of 10.
bool barcode_check_digit_valid(std::string_view code) {
  if (code.size() != 13 && code.size() != 12) return false;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  int sum = 0;
  const std::size_t n = code.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const int digit = code[n - 1 - i] - '0';
    sum += (i % 2 == 0) ? digit * 3 : digit;
  }
  return (10 - sum % 10) % 10 == code.back() - '0';
}

}  // namespace oms
