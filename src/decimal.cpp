#include "oms/decimal.h"

#include <array>
#include <limits>

namespace oms {

namespace {

using Int = Decimal::Int;
// Intermediate results (alignment, products, quotients) are computed in 256 bits and narrowed
// back with a range check, so no operation can wrap.
using Wide = boost::multiprecision::checked_int256_t;

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

Int narrow(const Wide& w, const char* what) {
  static const Wide kMax = Wide(std::numeric_limits<Int>::max());
  if (w > kMax || w < -kMax) overflow(what);
  return Int(w);
}

// num / den rounded to an integer with `mode`. REQUIRES: den != 0.
Wide divide_rounded(const Wide& num, const Wide& den, RoundingMode mode) {
  Wide q = num / den;  // truncates toward zero
  Wide r = num % den;  // same sign as num
  if (r == 0) return q;
  const int sign = (num.sign() < 0) != (den.sign() < 0) ? -1 : 1;
  const Wide twice_r = abs(r) * 2;
  const Wide abs_den = abs(den);
  bool away = false;
  switch (mode) {
    case RoundingMode::kDown: away = false; break;
    case RoundingMode::kUp: away = true; break;
    case RoundingMode::kFloor: away = sign < 0; break;
    case RoundingMode::kCeiling: away = sign > 0; break;
    case RoundingMode::kHalfUp: away = twice_r >= abs_den; break;
    case RoundingMode::kHalfEven:
      away = twice_r > abs_den || (twice_r == abs_den && (q % 2) != 0);
      break;
  }
  return away ? q + sign : q;
}

void check_scale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    throw Error(Status::InvalidArgument("scale", std::to_string(scale), "must be between 0 and 18"));
  }
}

// The decimal digits of |m|, in chunks of 18 (cheaper than digit-by-digit division, and avoids
// a false -Wrestrict in GCC 12 on cpp_int::str()).
std::string magnitude_digits(const Int& m) {
  static const Int kChunk = Int(1000000000000000000LL);
  Int v = boost::multiprecision::abs(m);
  std::uint64_t chunks[3];
  int n = 0;
  do {
    chunks[n++] = static_cast<std::uint64_t>(v % kChunk);
    v /= kChunk;
  } while (v != 0 && n < 3);
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

Decimal Decimal::from_mantissa(Int mantissa, int scale) {
  check_scale(scale);
  Decimal d;
  d.mantissa_ = std::move(mantissa);
  d.scale_ = scale;
  return d;
}

Result<Decimal> Decimal::parse(std::string_view text, std::string_view field) {
  auto bad = [&](std::string_view why) { return Status::InvalidArgument(field, text, why); };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  Wide mantissa = 0;
  int digits = 0;
  int scale = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return bad("is not a decimal number (two decimal points)");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return bad("is not a decimal number");
    if (seen_point && ++scale > kMaxScale) return bad("has more than 18 decimal places");
    mantissa = mantissa * 10 + (c - '0');
    if (mantissa > Wide(std::numeric_limits<Int>::max())) return bad("is out of the decimal range");
    ++digits;
  }
  if (digits == 0) return bad("is not a decimal number");
  if (seen_point && scale == 0) return bad("is not a decimal number (nothing after the point)");
  Decimal d;
  d.mantissa_ = Int(negative ? -mantissa : mantissa);
  d.scale_ = scale;
  return d;
}

Decimal Decimal::from_string(std::string_view text) { return parse(text).value(); }

std::string Decimal::to_string() const {
  const std::string digits = magnitude_digits(mantissa_);
  const auto scale = static_cast<std::size_t>(scale_);
  // Built by appending (GCC 12 warns falsely on std::string::insert at -O2).
  std::string out;
  out.reserve(digits.size() + scale + 3);
  if (mantissa_.sign() < 0) out += '-';
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
  Wide m(mantissa_);
  if (scale > scale_) {
    m *= pow10_wide(scale - scale_);
  } else {
    m = divide_rounded(m, pow10_wide(scale_ - scale), mode);
  }
  return from_mantissa(narrow(m, "rounding"), scale);
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

Decimal Decimal::operator-() const {
  Decimal d = *this;
  d.mantissa_ = -d.mantissa_;
  return d;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale_, b.scale_);
  const Wide sum = Wide(a.mantissa_) * pow10_wide(scale - a.scale_) +
                   Wide(b.mantissa_) * pow10_wide(scale - b.scale_);
  return Decimal::from_mantissa(narrow(sum, "addition"), scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  Wide product = Wide(a.mantissa_) * Wide(b.mantissa_);
  int scale = a.scale_ + b.scale_;
  if (scale > Decimal::kMaxScale) {
    product = divide_rounded(product, pow10_wide(scale - Decimal::kMaxScale), RoundingMode::kHalfEven);
    scale = Decimal::kMaxScale;
  }
  return Decimal::from_mantissa(narrow(product, "multiplication"), scale);
}

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode) {
  check_scale(scale);
  if (b.is_zero()) throw Error(Status::InvalidArgument("divisor", b.to_string(), "must not be zero"));
  // a/b * 10^scale = a.m * 10^(scale - a.s + b.s) / b.m
  const int e = scale - a.scale_ + b.scale_;
  Wide num(a.mantissa_);
  Wide den(b.mantissa_);
  if (e >= 0) {
    num *= pow10_wide(e);
  } else {
    den *= pow10_wide(-e);
  }
  return from_mantissa(narrow(divide_rounded(num, den, mode), "division"), scale);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.mantissa_.compare(b.mantissa_) <=> 0;
  const int scale = std::max(a.scale_, b.scale_);
  const Wide x = Wide(a.mantissa_) * pow10_wide(scale - a.scale_);
  const Wide y = Wide(b.mantissa_) * pow10_wide(scale - b.scale_);
  return x.compare(y) <=> 0;
}

std::ostream& operator<<(std::ostream& os, const Decimal& d) { return os << d.to_string(); }

}  // namespace oms
