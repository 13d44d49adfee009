// Internal: whole numbers written as text with a minimum number of digits, as printf's "%0*d"
// writes them, without printf (which costs a thousand instructions a call: order numbers and
// dates are written on every operation).
#ifndef OMS_SRC_DIGITS_H_
#define OMS_SRC_DIGITS_H_

#include <charconv>
#include <string>

namespace oms::internal {

// Appends `n` with at least `width` characters, zeros after the sign: (7, 4) "0007", (-1, 4)
// "-001", (12345, 4) "12345".
inline void append_padded(std::string& out, long long n, int width) {
  char digits[24];
  const unsigned long long magnitude = n < 0 ? 0ull - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  const char* end = std::to_chars(digits, digits + sizeof digits, magnitude).ptr;
  const int length = static_cast<int>(end - digits) + (n < 0 ? 1 : 0);
  if (n < 0) out += '-';
  if (length < width) out.append(static_cast<std::size_t>(width - length), '0');
  out.append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace oms::internal

#endif  // OMS_SRC_DIGITS_H_
