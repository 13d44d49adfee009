#include <gtest/gtest.h>

#include "oms/money.h"

namespace oms {
namespace {

Currency cur(const char* code) { return Currency::of(code).value(); }
Money m(const char* amount, const char* code) { return Money::parse(amount, code).value(); }

TEST(Currency, KnowsIsoMinorUnits) {
  EXPECT_EQ(cur("USD").minor_units(), 2);
  EXPECT_EQ(cur("CNY").minor_units(), 2);
  EXPECT_EQ(cur("JPY").minor_units(), 0);
  EXPECT_EQ(cur("KWD").minor_units(), 3);
  EXPECT_EQ(cur("BHD").code(), "BHD");
}

TEST(Currency, UnknownCodeIsRefusedNamingTheField) {
  auto r = Currency::of("XYZ", "order.currency");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "order.currency 'XYZ' is not a known ISO 4217 currency code");
  EXPECT_FALSE(Currency::of("usd").ok());
}

TEST(Money, ArithmeticAcrossCurrenciesIsRefused) {
  try {
    (void)(m("1.00", "USD") + m("1.00", "EUR"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), StatusCode::kCurrencyMismatch);
    EXPECT_NE(e.status().message().find("EUR"), std::string::npos);
  }
  EXPECT_THROW((void)(m("1.00", "USD") < m("2.00", "EUR")), Error);
  EXPECT_FALSE(m("1.00", "USD") == m("1.00", "EUR"));  // equality never throws
}

TEST(Money, RoundsToTheCurrencyMinorUnits) {
  EXPECT_EQ(m("1234.5", "JPY").rounded(RoundingMode::kHalfUp).to_string(), "1235 JPY");
  EXPECT_EQ(m("1234.5", "JPY").rounded(RoundingMode::kHalfEven).to_string(), "1234 JPY");
  EXPECT_EQ(m("1.23450", "KWD").rounded(RoundingMode::kHalfUp).to_string(), "1.235 KWD");
  EXPECT_EQ(m("1.23450", "KWD").rounded(RoundingMode::kHalfEven).to_string(), "1.234 KWD");
  EXPECT_EQ(m("0.125", "CNY").rounded(RoundingMode::kHalfUp).to_string(), "0.13 CNY");
  EXPECT_TRUE(m("1.20", "USD").is_rounded());
  EXPECT_FALSE(m("1.201", "USD").is_rounded());
}

TEST(Money, SumsStayExact) {
  Money total = Money::zero(cur("CNY"));
  for (int i = 0; i < 10; ++i) total += m("0.10", "CNY");
  EXPECT_EQ(total, m("1.00", "CNY"));
}

}  // namespace
}  // namespace oms
