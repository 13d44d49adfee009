#include <gtest/gtest.h>

#include <limits>

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
  for (const char* text : {"", "abc", "1.2.3", "1e5", " 1", "1,000", "-", ".", "5."}) {
    auto r = Decimal::parse(text, "quantity");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "quantity");
    EXPECT_NE(r.status().message().find(std::string("quantity '") + text + "'"), std::string::npos)
        << r.status().message();
  }
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
  const Decimal max = Decimal::from_mantissa(std::numeric_limits<Decimal::Int>::max(), 0);
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
