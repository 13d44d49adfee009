#include <gtest/gtest.h>

#include <random>

#include "oms/pricing.h"

namespace oms {
namespace {

using namespace oms::literals;

Decimal d(const char* s) { return Decimal::from_string(s); }

OrderLine line(const char* qty, const char* price, const char* rate = "0") {
  OrderLine l;
  l.quantity = d(qty);
  l.unit_price = Money(d(price), Currency::of("CNY").value());
  l.tax_rate = d(rate);
  l.unit_cost = Money(Decimal(), Currency::of("CNY").value());
  return l;
}

Order order_of(std::vector<OrderLine> lines, const char* currency = "CNY") {
  Order o;
  o.currency = Currency::of(currency).value();
  for (auto& l : lines) {
    l.unit_price = Money(l.unit_price.amount(), o.currency);
    l.unit_cost = Money(l.unit_cost.amount(), o.currency);
  }
  o.lines = std::move(lines);
  return o;
}

void compute(Order& o, TaxMode mode = TaxMode::kPerLine, Money discount = {}) {
  if (discount.currency() == Currency()) discount = Money::zero(o.currency);
  compute_amounts(o, discount, Currency::of("CNY").value(), mode, RoundingMode::kHalfUp);
}

TEST(LargestRemainder, SharesAddUpExactlyToTheTotal) {
  const std::vector<Decimal> w{1, 1, 1};
  const auto shares = allocate_largest_remainder(d("10.00"), w, 2);
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_EQ(shares[0], d("3.34"));
  EXPECT_EQ(shares[1], d("3.33"));
  EXPECT_EQ(shares[2], d("3.33"));
}

TEST(LargestRemainder, LeftoverGoesToTheLargestRemainders) {
  const std::vector<Decimal> w{d("1"), d("2"), d("7")};
  const auto shares = allocate_largest_remainder(d("0.05"), w, 2);  // exact 0.005, 0.010, 0.035
  EXPECT_EQ(shares[0] + shares[1] + shares[2], d("0.05"));
  EXPECT_EQ(shares[1], d("0.01"));
  EXPECT_EQ(shares[0], d("0.01"));  // remainders .005 and .005 tie: the earlier weight wins
  EXPECT_EQ(shares[2], d("0.03"));
}

TEST(LargestRemainder, ZeroWeightsGetNothing) {
  const std::vector<Decimal> w{0, 0};
  const auto shares = allocate_largest_remainder(d("0"), w, 2);
  EXPECT_TRUE(shares[0].is_zero());
  EXPECT_TRUE(shares[1].is_zero());
}

TEST(QuantityBreaks, AllUnitsPricesTheWholeLineAtTheReachedBreak) {
  const std::vector<PriceBreak> b{{0, d("10.00")}, {10, d("9.00")}, {50, d("8.00")}};
  EXPECT_EQ(price_from_breaks(b, BreakRule::kAllUnits, 9).amount, d("90.00"));
  EXPECT_EQ(price_from_breaks(b, BreakRule::kAllUnits, 10).amount, d("90.00"));
  EXPECT_EQ(price_from_breaks(b, BreakRule::kAllUnits, 60).unit_price, d("8.00"));
}

TEST(QuantityBreaks, IncrementalPricesEachTierSeparately) {
  const std::vector<PriceBreak> b{{0, d("10.00")}, {10, d("9.00")}, {50, d("8.00")}};
  // 10 x 10 + 40 x 9 + 10 x 8 = 540
  const BreakPrice p = price_from_breaks(b, BreakRule::kIncremental, 60);
  EXPECT_EQ(p.amount, d("540"));
  EXPECT_EQ(p.unit_price, d("9"));
  const BreakPrice q = price_from_breaks(b, BreakRule::kIncremental, 11);  // 100 + 9 = 109 / 11
  EXPECT_EQ(q.amount, d("109"));
  EXPECT_EQ(q.unit_price.to_string(), "9.909091");
}

TEST(LineAmounts, LineRoundsOnceAfterThePercentDiscount) {
  Order o = order_of({line("3", "33.33")});
  o.lines[0].discount = Discount::percent(10);
  compute(o);
  // 3 x 33.33 = 99.99; x 0.9 = 89.991 -> 89.99
  EXPECT_EQ(o.lines[0].amounts.gross.amount(), d("99.99"));
  EXPECT_EQ(o.lines[0].amounts.net.amount(), d("89.99"));
  EXPECT_EQ(o.lines[0].amounts.discount.amount(), d("10.00"));
}

TEST(LineAmounts, AmountDiscountComesOffTheLine) {
  Order o = order_of({line("2", "12.50")});
  o.lines[0].discount = Discount::amount(d("5"));
  compute(o);
  EXPECT_EQ(o.lines[0].amounts.net.amount(), d("20.00"));
}

TEST(LineAmounts, GiftLinesAreZeroPricedButCarryCost) {
  Order o = order_of({line("2", "12.50")});
  o.lines[0].gift = true;
  o.lines[0].unit_cost = Money(d("3.00"), o.currency);
  compute(o);
  EXPECT_TRUE(o.lines[0].amounts.total.is_zero());
  EXPECT_EQ(o.lines[0].amounts.cost.amount(), d("6.00"));
  EXPECT_EQ(o.totals.margin.amount(), d("-6.00"));
}

TEST(Tax, PerLineRoundsEachLineAndPerDocumentKeepsTheRemainder) {
  Order per_line = order_of({line("1", "0.10", "0.13"), line("1", "0.10", "0.13"), line("1", "0.10", "0.13")});
  compute(per_line, TaxMode::kPerLine);
  EXPECT_EQ(per_line.totals.tax.amount(), d("0.03"));  // 3 x round(0.013)

  Order per_doc = per_line;
  compute(per_doc, TaxMode::kPerDocument);
  EXPECT_EQ(per_doc.totals.tax.amount(), d("0.04"));  // round(0.30 x 0.13 = 0.039)
  Decimal sum;
  for (const auto& l : per_doc.lines) sum += l.amounts.tax.amount();
  EXPECT_EQ(sum, d("0.04"));  // the lines carry every cent of the document tax
}

TEST(Tax, InclusivePricesHaveTheirTaxExtracted) {
  Order o = order_of({line("1", "113.00", "0.13")});
  o.lines[0].price_includes_tax = true;
  compute(o);
  EXPECT_EQ(o.lines[0].amounts.total.amount(), d("113.00"));
  EXPECT_EQ(o.lines[0].amounts.tax.amount(), d("13.00"));
  EXPECT_EQ(o.lines[0].amounts.net.amount(), d("100.00"));
}

TEST(OrderDiscount, IsSpreadOverLinesSoTotalsStillEqualTheirSum) {
  Order o = order_of({line("1", "10.00"), line("1", "10.00"), line("1", "10.00")});
  compute(o, TaxMode::kPerLine, Money(d("10.00"), o.currency));
  EXPECT_EQ(o.totals.order_discount.amount(), d("10.00"));
  EXPECT_EQ(o.totals.net.amount(), d("20.00"));
  EXPECT_EQ(o.lines[0].amounts.order_discount.amount(), d("3.34"));
  EXPECT_EQ(o.lines[1].amounts.order_discount.amount(), d("3.33"));
}

TEST(OrderDiscount, NeverExceedsTheOrder) {
  Order o = order_of({line("1", "5.00")});
  compute(o, TaxMode::kPerLine, Money(d("50.00"), o.currency));
  EXPECT_EQ(o.totals.net.amount(), d("0.00"));
}

TEST(Currencies, ZeroAndThreeMinorUnitsRoundToTheirOwnPrecision) {
  Order jpy = order_of({line("3", "33.5")}, "JPY");  // 100.5 -> 101 (half-up)
  compute(jpy);
  EXPECT_EQ(jpy.totals.net.amount().to_string(), "101");
  Order kwd = order_of({line("3", "0.3335", "0.05")}, "KWD");  // 1.0005 -> 1.001; tax 0.05005 -> 0.050
  compute(kwd);
  EXPECT_EQ(kwd.totals.net.amount().to_string(), "1.001");
  EXPECT_EQ(kwd.totals.tax.amount().to_string(), "0.050");
}

TEST(Totals, EqualTheSumOfRoundedLinesForRandomOrders) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::vector<OrderLine> lines;
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      OrderLine l = line("1", "1");
      l.quantity = Decimal::from_mantissa(1 + rng() % 5000, static_cast<int>(rng() % 4));
      l.unit_price = Money(Decimal::from_mantissa(rng() % 100000, 2 + static_cast<int>(rng() % 3)), l.unit_price.currency());
      l.tax_rate = (rng() % 2) ? d("0.13") : d("0.06");
      l.price_includes_tax = rng() % 3 == 0;
      if (rng() % 3 == 0) l.discount = Discount::percent(Decimal(static_cast<int>(rng() % 30)));
      l.unit_cost = Money(Decimal::from_mantissa(rng() % 5000, 2), l.unit_price.currency());
      lines.push_back(l);
    }
    Order o = order_of(lines);
    const Money discount(Decimal::from_mantissa(rng() % 3000, 2), o.currency);
    compute(o, (rng() % 2) ? TaxMode::kPerDocument : TaxMode::kPerLine, discount);
    Decimal net, tax, total, cost;
    for (const auto& l : o.lines) {
      EXPECT_TRUE(l.amounts.total.is_rounded());
      EXPECT_EQ(l.amounts.total, l.amounts.net + l.amounts.tax);
      EXPECT_EQ(l.amounts.margin, l.amounts.net - l.amounts.cost);
      net += l.amounts.net.amount();
      tax += l.amounts.tax.amount();
      total += l.amounts.total.amount();
      cost += l.amounts.cost.amount();
    }
    EXPECT_EQ(o.totals.net.amount(), net);
    EXPECT_EQ(o.totals.tax.amount(), tax);
    EXPECT_EQ(o.totals.total.amount(), total);
    EXPECT_EQ(o.totals.cost.amount(), cost);
    EXPECT_EQ(o.totals.gross - o.totals.discount - o.totals.order_discount,
              o.totals.net + [&] {  // inclusive lines' tax sits inside gross
                Money inside = Money::zero(o.currency);
                for (const auto& l : o.lines) {
                  if (l.price_includes_tax) inside += l.amounts.tax;
                }
                return inside;
              }());
  }
}

}  // namespace
}  // namespace oms
