// Decimal: an exact signed decimal number for money and quantities.
//
// A Decimal is a signed 128-bit integer mantissa and a scale of 0..18 decimal places:
// value = mantissa / 10^scale. The scale is kept as given, so "1.50" prints as "1.50";
// comparison is by value, so 1.50 == 1.5. The mantissa is held as a native 128-bit integer and
// every operation checks it for overflow; a result whose exact intermediate does not fit in 128
// bits (aligning scales, a product before it is rounded) is computed again in 256 bits with
// Boost.Multiprecision, so no operation wraps or loses digits on the way.
//
// Rules (docs/ROUNDING.md has the business rules built on them):
// - Parsing and printing are lossless. Parsing refuses more than 18 decimal places rather than
//   rounding silently.
// - + and - are exact. * is exact unless the result would need more than 18 decimal places, in
//   which case it is rounded half-even at 18 places (documented, never silent truncation).
// - Division always names the scale and the rounding mode of its result: divide(a, b, 6, mode).
// - Overflow (a mantissa beyond +-(2^127 - 1), about +-1.7e38) throws oms::Error with kOverflow:
//   it never wraps and never loses digits. Division by zero throws oms::Error with kInvalidArgument.
//
// Thread safety: a value type; thread-compatible.
#ifndef OMS_DECIMAL_H_
#define OMS_DECIMAL_H_

#include <boost/multiprecision/cpp_int.hpp>
#include <compare>
#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "oms/export.h"
#include "oms/status.h"

namespace oms {

enum class RoundingMode {
  kHalfUp,    // ties away from zero: 2.5 -> 3, -2.5 -> -3 (commercial rounding; the default)
  kHalfEven,  // ties to the even neighbour: 2.5 -> 2, 3.5 -> 4 (banker's rounding)
  kDown,      // toward zero (truncate): 2.9 -> 2, -2.9 -> -2
  kUp,        // away from zero: 2.1 -> 3, -2.1 -> -3
  kFloor,     // toward negative infinity
  kCeiling,   // toward positive infinity
};

OMS_API std::string_view rounding_mode_name(RoundingMode mode) noexcept;

class OMS_API Decimal {
 public:
  // The mantissa as a portable type (wider than the range a Decimal holds).
  using Int = boost::multiprecision::checked_int128_t;
  static constexpr int kMaxScale = 18;

  Decimal() = default;  // 0
  template <std::integral I>
  Decimal(I value) : mantissa_(static_cast<long long>(value)) {}  // NOLINT(google-explicit-constructor)

  // value = mantissa / 10^scale. Throws oms::Error: kInvalidArgument if scale is outside 0..18,
  // kOverflow if |mantissa| > max_mantissa().
  static Decimal from_mantissa(const Int& mantissa, int scale);
  // The largest mantissa a Decimal holds: 2^127 - 1.
  static Int max_mantissa();

  // Parses "-12.345", "+7", "0.10", ".5", and an exponent as Python's decimal and spreadsheets
  // write one: "1E+1" (10), "5E-7" (0.0000005), "1.25e3" (1250). The scale kept is the number of
  // digits after the point less the exponent, at least 0 ("1E+1" is "10", "1.50" stays "1.50");
  // trailing zeros give way when that is above 18 ("1000E-20" is 1E-17). No thousands
  // separators, no spaces, no infinities or NaN. On failure the status names `field` and the
  // text: kInvalidArgument for malformed text or more than 18 decimal places that are not zeros,
  // kOverflow for a value beyond the range.
  static Result<Decimal> parse(std::string_view text, std::string_view field = "value");
  // Like parse, but throws oms::Error; for literals in code and tests.
  static Decimal from_string(std::string_view text);

  // Exact text at the held scale: "1.50", "-0.05", "12".
  std::string to_string() const;

  Int mantissa() const;
  int scale() const noexcept { return scale_; }
  int sign() const noexcept { return (mantissa_ > 0) - (mantissa_ < 0); }
  bool is_zero() const noexcept { return mantissa_ == 0; }
  bool is_negative() const noexcept { return sign() < 0; }
  bool is_positive() const noexcept { return sign() > 0; }

  // The value rounded (or extended with zeros) to exactly `scale` decimal places.
  Decimal rounded(int scale, RoundingMode mode) const;
  // The same value with trailing fractional zeros removed ("1.500" -> "1.5").
  Decimal normalized() const;
  // True if the value has no more than `scale` significant decimal places.
  bool fits_scale(int scale) const;
  // True if the value is a whole number.
  bool is_integer() const { return fits_scale(0); }
  // The whole-number value. REQUIRES: is_integer() and it fits in 64 bits; throws otherwise.
  std::int64_t to_int64() const;

  Decimal abs() const { return is_negative() ? -*this : *this; }
  Decimal operator-() const {  // cannot overflow: the range is symmetric
    Decimal d = *this;
    d.mantissa_ = -d.mantissa_;
    return d;
  }

  // At one scale, + and - are a native addition checked for overflow, here inline (sums are the
  // engine's most frequent arithmetic); operands at different scales go through sum().
  friend Decimal operator+(const Decimal& a, const Decimal& b) {
    Native m;
    if (a.scale_ == b.scale_ && !__builtin_add_overflow(Native(a.mantissa_), Native(b.mantissa_), &m) && m != kOutOfRange) {
      return Decimal(m, a.scale_);
    }
    return sum(a, b);
  }
  friend Decimal operator-(const Decimal& a, const Decimal& b) {
    Native m;
    if (a.scale_ == b.scale_ && !__builtin_sub_overflow(Native(a.mantissa_), Native(b.mantissa_), &m) && m != kOutOfRange) {
      return Decimal(m, a.scale_);
    }
    return sum(a, -b);
  }
  friend OMS_API Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& o) { return *this = *this + o; }
  Decimal& operator-=(const Decimal& o) { return *this = *this - o; }
  Decimal& operator*=(const Decimal& o) { return *this = *this * o; }

  // a / b rounded to `scale` places with `mode`.
  static Decimal divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode);

  friend OMS_API std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

  // The native mantissa type (a GCC/Clang extension, hence __extension__ under -Wpedantic).
  __extension__ using Native = __int128;

 private:
  __extension__ using UNative = unsigned __int128;
  // The one 128-bit value outside the range: -2^127 (the range is +-(2^127 - 1)).
  static constexpr Native kOutOfRange = static_cast<Native>(UNative(1) << 127);

  // a + b exactly, at the larger of their scales; throws kOverflow beyond the range.
  static Decimal sum(const Decimal& a, const Decimal& b);

  // REQUIRES: m in range, scale in 0..kMaxScale.
  Decimal(Native m, int scale) noexcept : mantissa_(m), scale_(scale) {}

  // The mantissa is stored 8-aligned, not at the 16 bytes a native 128-bit integer asks for, so
  // that a Decimal is 24 bytes, not 32, and a Money (with its 8-byte currency) 32, not 48: an
  // order line holds 21 of them. x86-64 and AArch64 load a 128-bit integer as two 64-bit words
  // either way. Read and written by value only (never through a Native& or Native*, which
  // would promise 16-byte alignment).
  __extension__ typedef __int128 StoredNative __attribute__((aligned(8)));
  StoredNative mantissa_ = 0;
  int scale_ = 0;
};

OMS_API std::ostream& operator<<(std::ostream& os, const Decimal& d);

inline Decimal min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
inline Decimal max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

// Quantities are exact decimals too; their precision is the product's unit (pieces: 0, kg: 3).
using Quantity = Decimal;

namespace literals {
// 12.50_d and "12.50"_d; for tests and examples. Throws oms::Error on malformed text.
inline Decimal operator""_d(const char* text) { return Decimal::from_string(text); }
inline Decimal operator""_d(const char* text, std::size_t size) { return Decimal::from_string({text, size}); }
}  // namespace literals

}  // namespace oms

#endif  // OMS_DECIMAL_H_
