#include "oms/decimal.h"

#include <algorithm>
#include <array>
#include <limits>

namespace oms {

// The layout the header promises (the mantissa stored 8-aligned): a Decimal in 24 bytes.
static_assert(sizeof(Decimal) == 24 && alignof(Decimal) == 8);

namespace {

using Int = Decimal::Int;
using Native = Decimal::Native;
__extension__ using UNative = unsigned __int128;
// When an exact intermediate (aligned scales, a product before rounding) does not fit in 128
// bits, the operation is computed again in 256 bits and narrowed back with a range check.
using Wide = boost::multiprecision::checked_int256_t;

constexpr Native kMax = static_cast<Native>(~UNative(0) >> 1);  // 2^127 - 1; the range is +-kMax

// 10^n for n in 0..38 (10^38 < 2^127).
constexpr int kMaxNativePow10 = 38;
using Pow10Table = std::array<Native, kMaxNativePow10 + 1>;
constexpr Pow10Table make_pow10() {
  Pow10Table t{};
  Native p = 1;
  for (auto& x : t) {
    x = p;
    if (&x != &t.back()) p *= 10;
  }
  return t;
}
constexpr Pow10Table kPow10 = make_pow10();

const Wide& pow10_wide(int n) {
  static const auto table = [] {
    std::array<Wide, 60> t;
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return table.at(static_cast<std::size_t>(n));
}

[[noreturn]] void overflow(const char* what) {
  throw Error(Status::Overflow(std::string("decimal overflow in ") + what +
                               ": the result exceeds the 128-bit decimal range"));
}

bool in_range(Native m) { return m >= -kMax && m <= kMax; }

// m * 10^n into `out`; false if it does not fit (the caller then works in 256 bits).
bool scaled(Native m, int n, Native& out) {
  if (n == 0) {  // the common case, operands at one scale: no checked 128-bit multiplication
    out = m;
    return true;
  }
  const auto k = static_cast<std::size_t>(n);
  if (k >= kPow10.size()) {  // 10^n alone is beyond the range
    out = 0;
    return m == 0;
  }
  return !__builtin_mul_overflow(m, kPow10[k], &out) && in_range(out);
}

Wide to_wide(Native m) {
  const UNative mag = m < 0 ? UNative(-m) : UNative(m);
  Wide w = Wide(static_cast<std::uint64_t>(mag >> 64));
  w <<= 64;
  w += static_cast<std::uint64_t>(mag);
  return m < 0 ? Wide(-w) : w;
}

Native narrow(const Wide& w, const char* what) {
  static const Wide kMaxWide = to_wide(kMax);
  if (w > kMaxWide || w < -kMaxWide) overflow(what);
  const Wide mag = abs(w);
  const auto hi = static_cast<std::uint64_t>(mag >> 64);
  const auto lo = static_cast<std::uint64_t>(mag & Wide(std::numeric_limits<std::uint64_t>::max()));
  const auto m = static_cast<Native>((UNative(hi) << 64) | lo);
  return w.sign() < 0 ? -m : m;
}

template <class T>
T abs_of(const T& x) {
  return x < 0 ? T(-x) : x;
}

// num / den rounded to an integer with `mode`, for Native and Wide alike. REQUIRES: den != 0.
template <class T>
T divide_rounded(const T& num, const T& den, RoundingMode mode) {
  T q = num / den;  // truncates toward zero (not const: returned, so moved)
  const T r = num % den;  // same sign as num
  if (r == 0) return q;
  const int sign = (num < 0) != (den < 0) ? -1 : 1;
  // |r| < |den| <= kMax, so 2|r| compares without overflow as |r| against |den| - |r|.
  const T abs_r = abs_of(r);
  const T rest = abs_of(den) - abs_r;
  bool away = false;
  switch (mode) {
    case RoundingMode::kDown: away = false; break;
    case RoundingMode::kUp: away = true; break;
    case RoundingMode::kFloor: away = sign < 0; break;
    case RoundingMode::kCeiling: away = sign > 0; break;
    case RoundingMode::kHalfUp: away = abs_r >= rest; break;
    case RoundingMode::kHalfEven:
      away = abs_r > rest || (abs_r == rest && (q % 2) != 0);
      break;
  }
  return away ? T(q + sign) : q;
}

void check_scale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    throw Error(Status::InvalidArgument("scale", std::to_string(scale), "must be between 0 and 18"));
  }
}

// The decimal digits of |m|, in chunks of 18.
std::string magnitude_digits(Native m) {
  constexpr std::uint64_t kChunk = 1000000000000000000ULL;
  UNative v = m < 0 ? UNative(-m) : UNative(m);
  std::uint64_t chunks[3];
  int n = 0;
  do {
    chunks[n++] = static_cast<std::uint64_t>(v % kChunk);
    v /= kChunk;
  } while (v != 0);
  std::string out = std::to_string(chunks[n - 1]);
  for (int i = n - 2; i >= 0; --i) {
    const std::string part = std::to_string(chunks[i]);
    out.append(18 - part.size(), '0');
    out += part;
  }
  return out;
}

}  // namespace

std::string_view rounding_mode_name(RoundingMode mode) noexcept {
  switch (mode) {
    case RoundingMode::kHalfUp: return "half_up";
    case RoundingMode::kHalfEven: return "half_even";
    case RoundingMode::kDown: return "down";
    case RoundingMode::kUp: return "up";
    case RoundingMode::kFloor: return "floor";
    case RoundingMode::kCeiling: return "ceiling";
  }
  return "unknown";
}

Decimal Decimal::from_mantissa(const Int& mantissa, int scale) {
  check_scale(scale);
  Decimal d;
  d.mantissa_ = narrow(Wide(mantissa), "from_mantissa");
  d.scale_ = scale;
  return d;
}

Decimal::Int Decimal::max_mantissa() { return Int(to_wide(kMax)); }

Decimal::Int Decimal::mantissa() const { return Int(to_wide(mantissa_)); }

Result<Decimal> Decimal::parse(std::string_view text, std::string_view field) {
  auto bad = [&](std::string_view why) { return Status::InvalidArgument(field, text, why); };
  auto out_of_range = [&] { return Status::Overflow(field, text, "is beyond the decimal range (about +-1.7e38)"); };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  // The digits, as one whole number (mantissa) and how many of them follow the point.
  Native mantissa = 0;
  int digits = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool beyond_range = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return bad("is not a decimal number (two decimal points)");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      const bool named = text.substr(i).starts_with("Inf") || text.substr(i).starts_with("inf") ||
                         text.substr(i).starts_with("NaN") || text.substr(i).starts_with("nan") ||
                         text.substr(i).starts_with("sNaN");
      return bad(named ? "is not a finite decimal number" : "is not a decimal number");
    }
    if (seen_point && ++fraction_digits > kMaxScale + kMaxNativePow10) return bad("has more than 18 decimal places");
    if (__builtin_mul_overflow(mantissa, 10, &mantissa) || __builtin_add_overflow(mantissa, c - '0', &mantissa) ||
        mantissa > kMax) {
      beyond_range = true;  // unless an exponent brings it back (checked below)
      mantissa = kMax;
    }
    ++digits;
  }
  if (digits == 0) return bad("is not a decimal number");
  if (seen_point && fraction_digits == 0) return bad("is not a decimal number (nothing after the point)");
  // An exponent, as Python's decimal and spreadsheets write one: "1E+1", "5E-7", "1.25e3".
  long exponent = 0;
  if (i < text.size()) {
    ++i;  // 'e' or 'E'
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exponent_negative = text[i++] == '-';
    if (i == text.size()) return bad("is not a decimal number (nothing after the exponent)");
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return bad("is not a decimal number");
      if (exponent < 1000000) exponent = exponent * 10 + (c - '0');  // far beyond any decimal either way
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (beyond_range) return out_of_range();
  // value = mantissa * 10^-(fraction_digits - exponent); trailing zeros give way to a scale above 18.
  long scale = fraction_digits - exponent;
  if (mantissa == 0) scale = std::clamp(scale, 0L, long{kMaxScale});
  while (scale > kMaxScale && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > kMaxScale) return bad("has more than 18 decimal places");
  if (scale < 0) {
    if (!scaled(mantissa, static_cast<int>(std::min(-scale, long{kMaxNativePow10 + 1})), mantissa)) return out_of_range();
    scale = 0;
  }
  Decimal d;
  d.mantissa_ = negative ? -mantissa : mantissa;
  d.scale_ = static_cast<int>(scale);
  return d;
}

Decimal Decimal::from_string(std::string_view text) { return parse(text).value(); }

std::string Decimal::to_string() const {
  const std::string digits = magnitude_digits(mantissa_);
  const auto scale = static_cast<std::size_t>(scale_);
  // Built by appending (GCC 12 warns falsely on std::string::insert at -O2).
  std::string out;
  out.reserve(digits.size() + scale + 3);
  if (mantissa_ < 0) out += '-';
  if (digits.size() <= scale) {
    out += "0.";
    out.append(scale - digits.size(), '0');
    out += digits;
  } else {
    out.append(digits, 0, digits.size() - scale);
    if (scale > 0) {
      out += '.';
      out.append(digits, digits.size() - scale, scale);
    }
  }
  return out;
}

Decimal Decimal::rounded(int scale, RoundingMode mode) const {
  check_scale(scale);
  if (scale == scale_) return *this;
  Decimal d;
  d.scale_ = scale;
  if (scale < scale_) {
    d.mantissa_ = divide_rounded(Native(mantissa_), kPow10[static_cast<std::size_t>(scale_ - scale)], mode);
  } else {
    Native m;
    if (!scaled(mantissa_, scale - scale_, m)) overflow("rounding");  // more places of a value this large do not fit
    d.mantissa_ = m;
  }
  return d;
}

Decimal Decimal::normalized() const {
  Decimal d = *this;
  while (d.scale_ > 0 && d.mantissa_ % 10 == 0) {
    d.mantissa_ /= 10;
    --d.scale_;
  }
  return d;
}

bool Decimal::fits_scale(int scale) const { return normalized().scale_ <= scale; }

std::int64_t Decimal::to_int64() const {
  const Decimal n = normalized();
  if (n.scale_ != 0 || n.mantissa_ > std::numeric_limits<std::int64_t>::max() ||
      n.mantissa_ < std::numeric_limits<std::int64_t>::min()) {
    throw Error(Status::InvalidArgument("value", to_string(), "is not a 64-bit whole number"));
  }
  return static_cast<std::int64_t>(n.mantissa_);
}

Decimal Decimal::sum(const Decimal& a, const Decimal& b) {
  static_assert(kOutOfRange == -kMax - 1, "the inline + and - refuse exactly what in_range() refuses");
  const int scale = std::max(a.scale_, b.scale_);
  Decimal d;
  d.scale_ = scale;
  Native x, y, m;
  if (scaled(a.mantissa_, scale - a.scale_, x) && scaled(b.mantissa_, scale - b.scale_, y) &&
      !__builtin_add_overflow(x, y, &m) && in_range(m)) {
    d.mantissa_ = m;
    return d;
  }
  // An aligned operand alone may not fit while the sum does: exactly, in 256 bits.
  d.mantissa_ = narrow(to_wide(a.mantissa_) * pow10_wide(scale - a.scale_) + to_wide(b.mantissa_) * pow10_wide(scale - b.scale_),
                       "addition");
  return d;
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  Decimal d;
  d.scale_ = a.scale_ + b.scale_;
  if (d.scale_ <= Decimal::kMaxScale) {
    Native m;
    if (!__builtin_mul_overflow(Native(a.mantissa_), Native(b.mantissa_), &m) && in_range(m)) {
      d.mantissa_ = m;
      return d;
    }
    overflow("multiplication");  // no rounding applies, so the product itself must fit
  }
  // More than 18 places: rounded half-even at 18, from the exact product.
  const int excess = d.scale_ - Decimal::kMaxScale;
  d.scale_ = Decimal::kMaxScale;
  Native product;
  if (!__builtin_mul_overflow(Native(a.mantissa_), Native(b.mantissa_), &product) && in_range(product)) {
    d.mantissa_ = divide_rounded(product, kPow10[static_cast<std::size_t>(excess)], RoundingMode::kHalfEven);
  } else {
    d.mantissa_ = narrow(divide_rounded(to_wide(a.mantissa_) * to_wide(b.mantissa_), pow10_wide(excess), RoundingMode::kHalfEven),
                         "multiplication");
  }
  return d;
}

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode) {
  check_scale(scale);
  if (b.is_zero()) throw Error(Status::InvalidArgument("divisor", b.to_string(), "must not be zero"));
  // a/b * 10^scale = a.m * 10^(scale - a.s + b.s) / b.m
  const int e = scale - a.scale_ + b.scale_;
  Decimal d;
  d.scale_ = scale;
  Native num = a.mantissa_, den = b.mantissa_;
  if (e >= 0 ? scaled(a.mantissa_, e, num) : scaled(b.mantissa_, -e, den)) {
    d.mantissa_ = divide_rounded(num, den, mode);  // |quotient| <= |num|: in range
    return d;
  }
  Wide wnum = to_wide(a.mantissa_), wden = to_wide(b.mantissa_);
  if (e >= 0) {
    wnum *= pow10_wide(e);
  } else {
    wden *= pow10_wide(-e);
  }
  d.mantissa_ = narrow(divide_rounded(wnum, wden, mode), "division");
  return d;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.mantissa_ <=> b.mantissa_;
  const int scale = std::max(a.scale_, b.scale_);
  Native x, y;
  if (scaled(a.mantissa_, scale - a.scale_, x) && scaled(b.mantissa_, scale - b.scale_, y)) return x <=> y;
  const Wide wx = to_wide(a.mantissa_) * pow10_wide(scale - a.scale_);
  const Wide wy = to_wide(b.mantissa_) * pow10_wide(scale - b.scale_);
  return wx.compare(wy) <=> 0;
}

std::ostream& operator<<(std::ostream& os, const Decimal& d) { return os << d.to_string(); }

}  // namespace oms
