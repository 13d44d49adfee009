// Decimal::parse on any bytes: a refusal is clean; a decimal read prints as text that reads back
// as the same value at the same scale, and its arithmetic with itself is exact or refused.
#include <cstdint>
#include <string>

#include "check.h"
#include "oms/decimal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oms;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = Decimal::parse(text, "quantity");
  fuzz::require_clean(parsed.status());
  if (!parsed.ok()) {
    fuzz::require(parsed.status().field() == "quantity", "the refusal names the field");
    return 0;
  }
  const Decimal& d = *parsed;
  const auto again = Decimal::parse(d.to_string());
  fuzz::require(again.ok() && *again == d && again->scale() == d.scale(), "printing and reading back is lossless");
  try {
    fuzz::require(d - d == Decimal(), "x - x is zero");
    fuzz::require((d + d) - d == d, "(x + x) - x is x");
  } catch (const Error& e) {  // x + x beyond the range
    fuzz::require(e.status().code() == StatusCode::kOverflow, "only overflow may refuse a sum");
  }
  return 0;
}
