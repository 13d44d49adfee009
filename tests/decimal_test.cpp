#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <limits>
#include <random>

#include "oms/decimal.h"

namespace oms {
namespace {

using namespace oms::literals;

Decimal d(const char* s) { return Decimal::from_string(s); }
std::string rounded(const char* s, int scale, RoundingMode m) { return d(s).rounded(scale, m).to_string(); }

TEST(Decimal, ParsesAndPrintsWithoutLoss) {
  for (const char* text : {"0", "0.10", "-0.05", "12", "1.500", "123456789012345678.123456789012345678", "-7.000001"}) {
    EXPECT_EQ(d(text).to_string(), text);
  }
  EXPECT_EQ(d("+7").to_string(), "7");
  EXPECT_EQ(d("-0").to_string(), "0");
}

TEST(Decimal, RefusesMalformedTextNamingFieldAndValue) {
  for (const char* text : {"", "abc", "1.2.3", "1e", "1e+", "e5", "1e5.0", "1e 5", " 1", "1,000", "-", ".", "5.", "NaN",
                           "Infinity", "-inf", "0x10"}) {
    auto r = Decimal::parse(text, "quantity");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "quantity");
    EXPECT_NE(r.status().message().find(std::string("quantity '") + text + "'"), std::string::npos)
        << r.status().message();
  }
}

// What Python's str(Decimal) and spreadsheets write: every finite form is read as the exact value.
TEST(Decimal, ReadsAnExponentAsTheExactValueItWrites) {
  const std::pair<const char*, const char*> cases[] = {
      {"1E+1", "10"},          {"5E-7", "0.0000005"},   {"1.25e3", "1250"},
      {"-1.5E+2", "-150"},     {"1.000E+5", "100000"}, {"0E-8", "0.00000000"},
      {"0E+5", "0"},           {"12.50E0", "12.50"},   {"1000E-20", "0.000000000000000010"},
      {".5e1", "5"},           {"+2E-2", "0.02"},      {"1E+37", "10000000000000000000000000000000000000"}};
  for (const auto& [text, exact] : cases) {
    auto r = Decimal::parse(text, "quantity");
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().to_string();
    EXPECT_EQ(r->to_string(), exact) << text;
  }
}

TEST(Decimal, AnExponentBeyondTheRangeOrTheScaleIsRefusedWithItsOwnError) {
  for (const char* text : {"1E+39", "2E+38", "1E+999999999999", "99999999999999999999999999999999999999999"}) {
    auto r = Decimal::parse(text, "quantity");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kOverflow) << text << ": " << r.status().to_string();
    EXPECT_EQ(r.status().field(), "quantity");
  }
  for (const char* text : {"1E-19", "5E-999999999", "1.5E-18"}) {
    auto r = Decimal::parse(text, "quantity");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(r.status().message().find("more than 18 decimal places"), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(d("0E-999999999").to_string(), "0.000000000000000000");  // zero fits any scale: at most 18 places
}

TEST(Decimal, RefusesMoreThanEighteenPlacesInsteadOfRounding) {
  EXPECT_FALSE(Decimal::parse("0.1234567890123456789").ok());
  EXPECT_TRUE(Decimal::parse("0.123456789012345678").ok());
}

TEST(Decimal, PointOnePlusPointTwoIsExactlyPointThree) {
  EXPECT_EQ(d("0.1") + d("0.2"), d("0.3"));
  EXPECT_EQ((d("0.1") + d("0.2")).to_string(), "0.3");
}

TEST(Decimal, ThreeTimesThirtyThreeThirtyThreeIsNinetyNineNinetyNine) {
  EXPECT_EQ((Decimal(3) * d("33.33")).to_string(), "99.99");
  EXPECT_EQ((d("0.10") * Decimal(3)).to_string(), "0.30");
}

TEST(Decimal, ComparisonIsByValueNotScale) {
  EXPECT_EQ(d("1.50"), d("1.5"));
  EXPECT_LT(d("1.49"), d("1.5"));
  EXPECT_GT(d("-1.49"), d("-1.5"));
  EXPECT_EQ(d("1.500").normalized().to_string(), "1.5");
}

TEST(Decimal, HalfUpRoundsTiesAwayFromZero) {
  EXPECT_EQ(rounded("2.5", 0, RoundingMode::kHalfUp), "3");
  EXPECT_EQ(rounded("-2.5", 0, RoundingMode::kHalfUp), "-3");
  EXPECT_EQ(rounded("2.45", 1, RoundingMode::kHalfUp), "2.5");
  EXPECT_EQ(rounded("2.449", 1, RoundingMode::kHalfUp), "2.4");
  EXPECT_EQ(rounded("0.005", 2, RoundingMode::kHalfUp), "0.01");
}

TEST(Decimal, HalfEvenRoundsTiesToTheEvenNeighbour) {
  EXPECT_EQ(rounded("2.5", 0, RoundingMode::kHalfEven), "2");
  EXPECT_EQ(rounded("3.5", 0, RoundingMode::kHalfEven), "4");
  EXPECT_EQ(rounded("-2.5", 0, RoundingMode::kHalfEven), "-2");
  EXPECT_EQ(rounded("2.45", 1, RoundingMode::kHalfEven), "2.4");
  EXPECT_EQ(rounded("2.55", 1, RoundingMode::kHalfEven), "2.6");
  EXPECT_EQ(rounded("2.451", 1, RoundingMode::kHalfEven), "2.5");  // not a tie
}

TEST(Decimal, DownTruncatesTowardZeroAndOtherModesAreDirected) {
  EXPECT_EQ(rounded("2.99", 0, RoundingMode::kDown), "2");
  EXPECT_EQ(rounded("-2.99", 0, RoundingMode::kDown), "-2");
  EXPECT_EQ(rounded("2.01", 0, RoundingMode::kUp), "3");
  EXPECT_EQ(rounded("-2.01", 0, RoundingMode::kFloor), "-3");
  EXPECT_EQ(rounded("-2.99", 0, RoundingMode::kCeiling), "-2");
}

TEST(Decimal, RoundingToMoreplacesPadsWithZeros) { EXPECT_EQ(rounded("1.5", 3, RoundingMode::kHalfUp), "1.500"); }

TEST(Decimal, DivisionRoundsAtTheRequestedScale) {
  EXPECT_EQ(Decimal::divide(1, 3, 4, RoundingMode::kHalfUp).to_string(), "0.3333");
  EXPECT_EQ(Decimal::divide(2, 3, 4, RoundingMode::kHalfUp).to_string(), "0.6667");
  EXPECT_EQ(Decimal::divide(2, 3, 4, RoundingMode::kDown).to_string(), "0.6666");
  EXPECT_EQ(Decimal::divide(d("-1"), 8, 2, RoundingMode::kHalfEven).to_string(), "-0.12");
  EXPECT_EQ(Decimal::divide(d("10.00"), d("0.25"), 0, RoundingMode::kHalfUp).to_string(), "40");
}

TEST(Decimal, DivisionByZeroIsAnError) {
  try {
    (void)Decimal::divide(1, 0, 2, RoundingMode::kHalfUp);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(Decimal, OverflowIsAnErrorNeverAWrap) {
  const Decimal max = Decimal::from_mantissa(Decimal::max_mantissa(), 0);
  try {
    (void)(max + Decimal(1));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), StatusCode::kOverflow);
  }
  EXPECT_THROW((void)(max * Decimal(2)), Error);
  EXPECT_THROW((void)(-max - Decimal(1)), Error);
  EXPECT_THROW((void)max.rounded(2, RoundingMode::kHalfUp), Error);  // would need more digits
  EXPECT_FALSE(Decimal::parse("9999999999999999999999999999999999999999").ok());
}

TEST(Decimal, TheRangeIsPlusMinusTwoToThe127MinusOne) {
  EXPECT_EQ(Decimal::max_mantissa().str(), "170141183460469231731687303715884105727");
  EXPECT_EQ(d("170141183460469231731687303715884105727").to_string(), "170141183460469231731687303715884105727");
  EXPECT_EQ(d("-170141183460469231731687303715884105727").to_string(), "-170141183460469231731687303715884105727");
  EXPECT_FALSE(Decimal::parse("170141183460469231731687303715884105728").ok());
  EXPECT_FALSE(Decimal::parse("-170141183460469231731687303715884105728").ok());  // symmetric: -x always fits
  try {
    (void)Decimal::from_mantissa(Decimal::max_mantissa() + 1, 0);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), StatusCode::kOverflow);
  }
}

// Aligning 2.55e37 to one place needs 2.55e38, beyond 128 bits, but the sum fits.
TEST(Decimal, ASumThatFitsIsExactEvenWhenAnAlignedOperandWouldNot) {
  const Decimal a = d("25500000000000000000000000000000000000");
  const Decimal b = d("-10000000000000000000000000000000000000.0");
  EXPECT_EQ((a + b).to_string(), "15500000000000000000000000000000000000.0");
  EXPECT_GT(a, d("17000000000000000000000000000000000000.0"));
  EXPECT_GT(d("-17000000000000000000000000000000000000.0"), -a + Decimal(1));
}

// The exact product needs 34 places and more than 128 bits; rounded to 18 places it fits.
TEST(Decimal, AProductRoundedToEighteenPlacesIsExactEvenWhenTheFullProductIsWider) {
  const Decimal x = d("12345678901234567890.123456789012345678") * d("0.0000000000000001");
  EXPECT_EQ(x.to_string(), "1234.567890123456789012");  // ...9012|3 rounds down
  const Decimal y = d("12345678901234567890.123456789012345678") * d("0.01");
  EXPECT_EQ(y.to_string(), "123456789012345678.901234567890123457");  // ...4567|8 rounds up
}

TEST(Decimal, ADivisionWhoseScaledDividendIsWiderThan128BitsIsExact) {
  const Decimal third = Decimal::divide(d("1000"), d("3.000000000000000000"), 18, RoundingMode::kHalfUp);
  EXPECT_EQ(third.to_string(), "333.333333333333333333");
  EXPECT_EQ(Decimal::divide(d("-1000"), d("3.000000000000000000"), 18, RoundingMode::kFloor).to_string(),
            "-333.333333333333333334");
}

// Against arbitrary-precision integers: + - * and comparison are exact for mantissas of every
// length (the native 128-bit path and the 256-bit one), or throw kOverflow when the exact
// result does not fit.
TEST(Decimal, ArithmeticMatchesArbitraryPrecisionForMantissasOfEveryLength) {
  using Big = boost::multiprecision::cpp_int;
  std::mt19937_64 rng(20261202);
  auto random_decimal = [&]() {
    const int digits = 1 + static_cast<int>(rng() % 39);
    std::string text = (rng() % 2) ? "-" : "";
    text += static_cast<char>('1' + rng() % 9);  // no leading 0: cpp_int would read octal
    for (int i = 1; i < digits; ++i) text += static_cast<char>('0' + rng() % 10);
    const int scale = static_cast<int>(rng() % 19);
    Big m(text);
    if (abs(m) > Big(Decimal::max_mantissa())) m /= 10;
    return Decimal::from_mantissa(Decimal::Int(m), std::min<int>(scale, Decimal::kMaxScale));
  };
  auto pow10 = [](int n) -> Big { return boost::multiprecision::pow(Big(10), static_cast<unsigned>(n)); };
  const Big max(Decimal::max_mantissa());
  auto expect = [&](const char* op, const Decimal& a, const Decimal& b, const Big& mantissa, int scale, auto&& compute) {
    if (abs(mantissa) > max) {
      EXPECT_THROW((void)compute(), Error) << a << " " << op << " " << b;
      return;
    }
    const Decimal r = compute();
    EXPECT_EQ(Big(r.mantissa()), mantissa) << a << " " << op << " " << b;
    EXPECT_EQ(r.scale(), scale) << a << " " << op << " " << b;
  };
  for (int i = 0; i < 20000; ++i) {
    const Decimal a = random_decimal(), b = random_decimal();
    const int s = std::max(a.scale(), b.scale());
    const Big x = Big(a.mantissa()) * pow10(s - a.scale()), y = Big(b.mantissa()) * pow10(s - b.scale());
    expect("+", a, b, x + y, s, [&] { return a + b; });
    expect("-", a, b, x - y, s, [&] { return a - b; });
    EXPECT_EQ(a < b, x < y) << a << " < " << b;
    EXPECT_EQ(a == b, x == y) << a << " == " << b;
    if (a.scale() + b.scale() <= Decimal::kMaxScale) {
      expect("*", a, b, Big(a.mantissa()) * Big(b.mantissa()), a.scale() + b.scale(), [&] { return a * b; });
    }
  }
}

TEST(Decimal, ProductBeyondEighteenPlacesRoundsHalfEvenAtEighteen) {
  const Decimal x = d("0.000000001") * d("0.0000000015");  // 1.5e-18 exactly would need 19 places
  EXPECT_EQ(x.scale(), 18);
  EXPECT_EQ(x.to_string(), "0.000000000000000002");  // 1.5 -> 2 (half-even)
}

TEST(Decimal, KnowsWhetherItFitsAScale) {
  EXPECT_TRUE(d("1.500").fits_scale(1));
  EXPECT_FALSE(d("1.55").fits_scale(1));
  EXPECT_TRUE(d("3.000").is_integer());
  EXPECT_EQ(d("3.000").to_int64(), 3);
  EXPECT_THROW((void)d("3.5").to_int64(), Error);
}

}  // namespace
}  // namespace oms
