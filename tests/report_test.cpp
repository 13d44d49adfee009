// Order-line reports (include/oms/reports.h) on a small hand-checked book. Every test runs on
// every storage adapter: the SQLite adapter computes in SQL, the in-memory one in C++, and both
// must give the same figures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "fixture.h"
#include "invariants.h"

namespace oms::testing {
namespace {

using ::testing::ElementsAre;

// The book (TEA 10.00, cost 6.00, VAT 13 % not in net; RICE 4.50/kg, cost 3.00):
//   SO1 ACME  web  li    2026-11-23 TEA 10           4 shipped, due 11-25 (overdue 6)
//   SO2 BETA  shop wang  2026-11-23 TEA 5, RICE 2    all shipped, 1 TEA returned
//   SO3 ACME  draft                  TEA 1            does not count
//   SO4 ACME  cancelled              TEA 2            does not count
//   SO5 GAMMA web  li    2026-12-02 RICE 3           short-closed before shipping
class ReportTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "100", "6.00");
    receive("RICE", "N", "100", "3.00");

    NewOrder so1 = order_for("ACME", {{"TEA", "10"}});
    so1.channel = "web";
    so1.salesperson = "li";
    so1.requested_delivery = day(2026, 11, 25);
    so1_ = confirmed_order(so1);
    ship(so1_, 1, "4");

    NewOrder so2 = order_for("BETA", {{"TEA", "5"}, {"RICE", "2"}});
    so2.channel = "shop";
    so2.salesperson = "wang";
    so2_ = confirmed_order(so2);
    const std::string shipment = ship(so2_, 1, "5", 2, "2");
    ReturnSpec back;
    back.shipment = shipment;
    back.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "", {}, "broken seal"});
    back.settlement = ReturnSettlement::kNone;
    ok(eng->receive_return(back, "wh"));

    ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "sales"));
    ok(eng->cancel(confirmed_order(order_for("ACME", {{"TEA", "2"}})), "duplicate", "sales"));

    clock->set(at(2026, 12, 2, 9));
    NewOrder so5 = order_for("GAMMA", {{"RICE", "3"}});
    so5.channel = "web";
    so5.salesperson = "li";
    so5_ = confirmed_order(so5);
    ok(eng->short_close(so5_, "customer needs no more", "sales"));
  }

  std::string ship(const std::string& order, int line, const char* qty, int line2 = 0, const char* qty2 = nullptr) {
    ShipmentSpec s;
    s.warehouse = "N";
    s.lines.push_back({order, line, Decimal::from_string(qty), {}, {}});
    if (line2 != 0) s.lines.push_back({order, line2, Decimal::from_string(qty2), {}, {}});
    return ok(eng->ship_shipment(ok(eng->create_shipment(s, "wh")).number, "wh")).number;
  }

  std::vector<LineSummary> report(ReportDimension by, ReportFilter filter = {}) {
    if (!filter.as_of) filter.as_of = day(2026, 12, 2);
    return ok(eng->order_line_report(filter, by));
  }
  static std::vector<std::string> keys(const std::vector<LineSummary>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.key);
    return out;
  }

  std::string so1_, so2_, so5_;
};

TEST_P(ReportTest, SalesByCustomerCountOnlyApprovedOrdersWithEveryFigure) {
  const auto rows = report(ReportDimension::kCustomer);
  ASSERT_THAT(keys(rows), ElementsAre("ACME", "BETA", "GAMMA"));
  const LineSummary& acme = rows[0];
  EXPECT_EQ(acme.name, "Acme Trading");
  EXPECT_EQ(acme.currency.code(), "CNY");
  EXPECT_EQ((std::pair{acme.orders, acme.lines}), (std::pair<std::int64_t, std::int64_t>{1, 1}));
  EXPECT_EQ(acme.ordered, 10_d);
  EXPECT_EQ(acme.shipped, 4_d);
  EXPECT_EQ(acme.open, 6_d);
  EXPECT_EQ(acme.net, cny("100.00"));
  EXPECT_EQ(acme.cost, cny("60.00"));
  EXPECT_EQ(acme.margin, cny("40.00"));
  EXPECT_EQ(acme.margin_percent, "40.00"_d);
  EXPECT_EQ(acme.open_amount, cny("60.00"));
  EXPECT_EQ(acme.overdue, 6_d);
  EXPECT_EQ(acme.overdue_amount, cny("60.00"));
  EXPECT_EQ(acme.first_order, day(2026, 11, 23));

  const LineSummary& beta = rows[1];
  EXPECT_EQ((std::pair{beta.orders, beta.lines}), (std::pair<std::int64_t, std::int64_t>{1, 2}));
  EXPECT_EQ(beta.ordered, 7_d);
  EXPECT_EQ(beta.shipped, 7_d);
  EXPECT_EQ(beta.returned, 1_d);
  EXPECT_EQ(beta.open, 0_d);
  EXPECT_EQ(beta.net, cny("59.00"));
  EXPECT_EQ(beta.margin, cny("23.00"));
  EXPECT_EQ(beta.margin_percent, "38.98"_d);  // 23 / 59 = 38.983...
  EXPECT_EQ(beta.open_amount, cny("0.00"));
  EXPECT_EQ(beta.overdue, 0_d);

  const LineSummary& gamma = rows[2];
  EXPECT_EQ(gamma.closed, 3_d);
  EXPECT_EQ(gamma.open, 0_d);
  EXPECT_EQ(gamma.net, cny("13.50"));
  EXPECT_EQ(gamma.margin_percent, "33.33"_d);
  EXPECT_EQ(gamma.last_order, day(2026, 12, 2));
}

TEST_P(ReportTest, OrderedShippedAndReturnedPerProduct) {
  const auto rows = report(ReportDimension::kProduct);
  ASSERT_THAT(keys(rows), ElementsAre("RICE", "TEA"));
  EXPECT_EQ(rows[0].name, "RICE product");
  EXPECT_EQ(rows[0].orders, 2);  // SO2 and SO5
  EXPECT_EQ(rows[0].ordered, 5_d);
  EXPECT_EQ(rows[0].shipped, 2_d);
  EXPECT_EQ(rows[0].closed, 3_d);
  EXPECT_EQ(rows[0].net, cny("22.50"));
  EXPECT_EQ(rows[1].ordered, 15_d);
  EXPECT_EQ(rows[1].shipped, 9_d);
  EXPECT_EQ(rows[1].returned, 1_d);
  EXPECT_EQ(rows[1].open, 6_d);
  EXPECT_EQ(rows[1].net, cny("150.00"));
  EXPECT_EQ(rows[1].margin, cny("60.00"));
}

TEST_P(ReportTest, PeriodsAreDaysMondaysOfWeeksAndMonths) {
  EXPECT_THAT(keys(report(ReportDimension::kDay)), ElementsAre("2026-11-23", "2026-12-02"));
  EXPECT_THAT(keys(report(ReportDimension::kWeek)), ElementsAre("2026-11-23", "2026-11-30"));
  const auto months = report(ReportDimension::kMonth);
  ASSERT_THAT(keys(months), ElementsAre("2026-11", "2026-12"));
  EXPECT_EQ(months[0].orders, 2);
  EXPECT_EQ(months[0].net, cny("159.00"));
  EXPECT_EQ(months[1].net, cny("13.50"));
}

TEST_P(ReportTest, ChannelsSalespeopleCategoriesAndOrders) {
  const auto channels = report(ReportDimension::kChannel);
  ASSERT_THAT(keys(channels), ElementsAre("shop", "web"));
  EXPECT_EQ(channels[1].net, cny("113.50"));
  EXPECT_EQ(channels[1].orders, 2);
  EXPECT_THAT(keys(report(ReportDimension::kSalesperson)), ElementsAre("li", "wang"));
  const auto categories = report(ReportDimension::kCategory);
  ASSERT_EQ(categories.size(), 1u);  // the fixture's products have no category
  EXPECT_EQ(categories[0].net, cny("172.50"));
  EXPECT_THAT(keys(report(ReportDimension::kOrder)), ElementsAre(so1_, so2_, so5_));
}

TEST_P(ReportTest, FiltersNarrowTheLinesCounted) {
  ReportFilter december;
  december.from = day(2026, 12, 1);
  EXPECT_THAT(keys(report(ReportDimension::kCustomer, december)), ElementsAre("GAMMA"));
  ReportFilter tea;
  tea.sku = "TEA";
  const auto tea_rows = report(ReportDimension::kCustomer, tea);
  ASSERT_THAT(keys(tea_rows), ElementsAre("ACME", "BETA"));
  EXPECT_EQ(tea_rows[1].net, cny("50.00"));
  ReportFilter web_li;
  web_li.channel = "web";
  web_li.salesperson = "li";
  web_li.to = day(2026, 11, 30);
  EXPECT_THAT(keys(report(ReportDimension::kProduct, web_li)), ElementsAre("TEA"));
  ReportFilter usd;
  usd.currency = "USD";
  EXPECT_TRUE(report(ReportDimension::kCustomer, usd).empty());
}

TEST_P(ReportTest, OutstandingOrdersShowOnlyOpenLinesAndWhatIsOverdue) {
  ReportFilter open;
  open.open_only = true;
  const auto rows = report(ReportDimension::kOrder, open);
  ASSERT_THAT(keys(rows), ElementsAre(so1_));
  EXPECT_EQ(rows[0].open_amount, cny("60.00"));
  open.as_of = day(2026, 11, 25);  // due that day: not overdue yet
  EXPECT_EQ(report(ReportDimension::kOrder, open)[0].overdue, 0_d);
}

TEST_P(ReportTest, OpenAmountIsTheRoundedShareOfTheLineNet) {
  NewOrder spec = order_for("BETA", {{"RICE", "3"}});
  spec.lines[0].unit_price = "3.33"_d;  // net 9.99
  spec.lines[0].discount = {DiscountKind::kAmount, "0.98"_d};
  const std::string so = confirmed_order(spec);
  const Decimal net = ok(eng->order(so)).lines[0].amounts.net.amount();
  ship(so, 1, "2");
  ReportFilter only;
  only.customer_code = "BETA";
  only.open_only = true;
  const auto rows = report(ReportDimension::kOrder, only);
  ASSERT_EQ(rows.size(), 1u);
  // One of three left: net / 3, half-up to fen.
  EXPECT_EQ(rows[0].open_amount.amount(), Decimal::divide(net, 3_d, 2, RoundingMode::kHalfUp));
  EXPECT_TRUE(rows[0].open_amount.is_rounded());
}

TEST_P(ReportTest, EveryDimensionAddsUpToTheSameTotalsAsTheOrders) {
  Money orders_net = cny("0");
  for (const Order& o : ok(eng->list_orders({}))) {
    if (counts_as_sale(o.state, o.held_from)) orders_net += o.totals.net;
  }
  for (int d = 0; d < kReportDimensionCount; ++d) {
    Money net = cny("0"), margin = cny("0");
    Decimal ordered;
    for (const LineSummary& r : report(static_cast<ReportDimension>(d))) {
      net += r.net;
      margin += r.margin;
      ordered += r.ordered;
      EXPECT_EQ(r.open, r.ordered - r.shipped - r.closed) << r.key;
    }
    EXPECT_EQ(net, orders_net) << to_string(static_cast<ReportDimension>(d));
    EXPECT_EQ(margin, cny("67.50")) << to_string(static_cast<ReportDimension>(d));
    EXPECT_EQ(ordered, 20_d) << to_string(static_cast<ReportDimension>(d));
  }
}

TEST_P(ReportTest, AFilterNamingAnUnknownCustomerOrProductIsNotFound) {
  ReportFilter f;
  f.customer_code = "NOPE";
  EXPECT_EQ(eng->order_line_report(f, ReportDimension::kProduct).status().code(), StatusCode::kNotFound);
  ReportFilter g;
  g.sku = "NOPE";
  EXPECT_EQ(eng->order_line_report(g, ReportDimension::kProduct).status().field(), "sku");
  ReportFilter h;
  h.from = day(2026, 12, 2);
  h.to = day(2026, 12, 1);
  EXPECT_EQ(eng->order_line_report(h, ReportDimension::kDay).status().code(), StatusCode::kInvalidArgument);
  ReportFilter i;
  i.currency = "XX";
  EXPECT_EQ(eng->order_line_report(i, ReportDimension::kDay).status().field(), "currency");
}

TEST(ReportRules, OpenAmountRoundsTheShareWithTheEngineMode) {
  const Currency cny_ = Currency::of("CNY").value();
  EXPECT_EQ(open_amount("29.00"_d, 3_d, 1_d, cny_, RoundingMode::kHalfUp), "9.67"_d);
  EXPECT_EQ(open_amount("29.00"_d, 3_d, 2_d, cny_, RoundingMode::kDown), "19.33"_d);
  EXPECT_EQ(open_amount("29.00"_d, 3_d, 3_d, cny_, RoundingMode::kHalfUp), "29.00"_d);
  EXPECT_EQ(open_amount("29.00"_d, 3_d, 0_d, cny_, RoundingMode::kHalfUp), 0_d);
  EXPECT_EQ(open_amount("0.25"_d, 2_d, 1_d, cny_, RoundingMode::kHalfEven), "0.12"_d);
  EXPECT_EQ(open_amount("0.25"_d, 2_d, 1_d, cny_, RoundingMode::kHalfUp), "0.13"_d);
}

// ---- Inventory ----
// Now: TEA 100 received at 6.00, 4 + 5 shipped, 1 back: 92 on hand, 6 reserved (SO1), value
// 552.00; RICE 100 at 3.00, 2 shipped: 98, value 294.00; MILK and PHONE none. Total 846.00.

TEST_P(ReportTest, InventoryShowsLevelsValueTurnoverCoverAndAbc) {
  const InventoryReport r = ok(eng->inventory_report({}));
  EXPECT_EQ(r.to, day(2026, 12, 2));
  EXPECT_EQ(r.from, day(2026, 9, 4));  // 90 days
  EXPECT_EQ(r.total_value.amount().to_string(), "846.00");
  ASSERT_EQ(r.products.size(), 4u);
  const ProductInventory& tea = r.products[0];  // highest value first
  EXPECT_EQ(tea.sku, "TEA");
  EXPECT_EQ(tea.on_hand, 92_d);
  EXPECT_EQ(tea.reserved, 6_d);
  EXPECT_EQ(tea.available, 86_d);
  EXPECT_EQ(tea.value.amount().to_string(), "552.00");
  EXPECT_EQ(tea.value_share, "65.25"_d);
  EXPECT_EQ(tea.abc, "A");
  EXPECT_EQ(tea.outbound, 8_d);                               // 4 + 5 shipped - 1 returned
  EXPECT_EQ(tea.cogs.amount().to_string(), "48.00");          // 8 x 6.00
  EXPECT_EQ(tea.opening_value.amount().to_string(), "0.00");  // everything came in during the period
  EXPECT_EQ(tea.average_value.amount().to_string(), "276.00");
  EXPECT_EQ(tea.turnover, "0.17"_d);        // 48 / 276
  EXPECT_EQ(tea.days_of_cover, "967.5"_d);  // 86 / (8 / 90 days)
  const ProductInventory& rice = r.products[1];
  EXPECT_EQ(rice.sku, "RICE");
  EXPECT_EQ(rice.abc, "A");  // the products before it make 65.25 % < 80 %
  EXPECT_EQ(rice.turnover, "0.04"_d);  // 6.00 / 147.00
  EXPECT_EQ(r.products[2].abc, "C");   // no stock, no value
  EXPECT_FALSE(r.products[2].turnover.has_value());
  EXPECT_FALSE(r.products[2].days_of_cover.has_value());
  ASSERT_EQ(r.positions.size(), 2u);
  EXPECT_EQ(r.positions[0].sku, "RICE");
  EXPECT_EQ(r.positions[1].warehouse, "N");
  EXPECT_EQ(r.positions[1].reserved, 6_d);
  EXPECT_EQ(r.positions[1].value.amount().to_string(), "552.00");
  expect_invariants(*eng);
}

TEST_P(ReportTest, InventoryAbcFollowsTheSharesAndAPastPeriodExcludesLaterMoves) {
  InventoryQuery q;
  q.a_share = 50_d;
  q.b_share = 60_d;
  const InventoryReport r = ok(eng->inventory_report(q));
  EXPECT_EQ(r.products[0].abc, "A");
  EXPECT_EQ(r.products[1].abc, "C");  // 65.25 % before it: past both shares

  InventoryQuery before;
  before.from = day(2026, 11, 1);
  before.to = day(2026, 11, 22);  // before anything was received
  const InventoryReport past = ok(eng->inventory_report(before));
  const ProductInventory& tea = past.products[0];
  EXPECT_EQ(tea.outbound, 0_d);
  EXPECT_EQ(tea.opening_value.amount().to_string(), "0.00");
  EXPECT_EQ(tea.average_value.amount().to_string(), "0.00");  // value at the end of 11-22: nothing yet
  EXPECT_FALSE(tea.turnover.has_value());
}

TEST_P(ReportTest, LotsExpiringWithinTheWindowAreListedSoonestFirstAndBelowThresholdIsFlagged) {
  ReceiptSpec r;
  r.warehouse = "S";
  r.lines.push_back({"MILK", "", 10_d, 5_d, "L-SOON", day(2026, 12, 20), {}});
  r.lines.push_back({"MILK", "", 4_d, 5_d, "L-EXPIRED", day(2026, 11, 30), {}});
  r.lines.push_back({"MILK", "", 6_d, 5_d, "L-LATER", day(2027, 6, 1), {}});
  ok(eng->receive(r, "clerk"));
  Product tea = ok(eng->product("TEA"));
  tea.low_stock_threshold = 90_d;
  ok(eng->update_product(tea, "buyer"));

  InventoryQuery q;
  q.expiring_within_days = 30;
  const InventoryReport report = ok(eng->inventory_report(q));
  ASSERT_EQ(report.expiring.size(), 2u);
  EXPECT_EQ(report.expiring[0].lot_number, "L-EXPIRED");
  EXPECT_EQ(report.expiring[0].days_to_expiry, -2);
  EXPECT_EQ(report.expiring[1].lot_number, "L-SOON");
  EXPECT_EQ(report.expiring[1].days_to_expiry, 18);
  EXPECT_EQ(report.expiring[1].warehouse, "S");
  EXPECT_EQ(report.expiring[1].value.amount().to_string(), "50.00");
  for (const auto& p : report.products) EXPECT_EQ(p.below_threshold, p.sku == "TEA") << p.sku;  // 86 < 90

  InventoryQuery south;
  south.warehouse = "S";
  const InventoryReport s = ok(eng->inventory_report(south));
  EXPECT_EQ(s.lots.size(), 3u);
  EXPECT_EQ(s.positions.size(), 1u);
}

TEST_P(ReportTest, InventoryRefusesSharesOutOfOrder) {
  InventoryQuery q;
  q.a_share = 90_d;
  q.b_share = 80_d;
  const auto r = eng->inventory_report(q);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "b_share");
}

// ---- Daily statistics ----

TEST_P(ReportTest, DailyStatsShowWhatWentOutWhatWasSoldAndWhatWaits) {
  const auto rows = ok(eng->daily_product_stats(day(2026, 11, 23), "CNY"));
  ASSERT_EQ(rows.size(), 2u);
  const ProductDay& rice = rows[0];
  const ProductDay& tea = rows[1];
  EXPECT_EQ(tea.sku, "TEA");
  EXPECT_EQ(tea.outbound, 8_d);
  EXPECT_EQ(tea.awaiting_outbound, 6_d);  // SO1's open quantity
  EXPECT_EQ(tea.available, 86_d);
  EXPECT_EQ(tea.sold, 15_d);  // SO1 10 + SO2 5 (the draft and the cancelled order do not count)
  EXPECT_EQ(tea.amount.amount().to_string(), "150.00");
  EXPECT_EQ(tea.profit.amount().to_string(), "60.00");
  EXPECT_EQ(rice.outbound, 2_d);
  EXPECT_EQ(rice.sold, 2_d);

  const auto later = ok(eng->daily_product_stats(day(2026, 12, 2), "CNY"));
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].sku, "RICE");
  EXPECT_EQ(later[0].sold, 3_d);  // SO5, short-closed but sold
  EXPECT_EQ(later[0].outbound, 0_d);
  EXPECT_EQ(later[1].sold, 0_d);  // TEA: only waiting
  EXPECT_EQ(later[1].awaiting_outbound, 6_d);
}

// ---- Customer value ----

TEST_P(ReportTest, CustomerValueScoresRecencyFrequencyMonetaryAndSuggestsAGrade) {
  const auto rows = ok(eng->customer_value({}));
  ASSERT_EQ(rows.size(), 3u);
  std::map<std::string, CustomerValue> by;
  for (const auto& r : rows) by[r.code] = r;
  EXPECT_EQ(by["ACME"].orders, 1);
  EXPECT_EQ(by["ACME"].amount.amount().to_string(), "100.00");
  EXPECT_EQ(by["ACME"].margin.amount().to_string(), "40.00");
  EXPECT_EQ(by["ACME"].days_since_last_order, 9);
  EXPECT_EQ(by["ACME"].rfm, "455");  // recency ties with BETA: both score as the better rank
  EXPECT_EQ(by["BETA"].rfm, "454");
  EXPECT_EQ(by["GAMMA"].rfm, "552");
  EXPECT_EQ(by["BETA"].grade, CustomerGrade::kVip);
  EXPECT_EQ(by["BETA"].suggested_grade, CustomerGrade::kPotential);  // one order, far below the thresholds
  EXPECT_EQ(by["GAMMA"].name, "Gamma Shop");

  CustomerValueQuery q;
  q.from = day(2026, 12, 1);
  const auto december = ok(eng->customer_value(q));
  for (const auto& r : december) EXPECT_EQ(r.rfm, r.code == "GAMMA" ? "555" : "000") << r.code;
}

TEST(ReportRules, OnlyApprovedOrdersCountAndHeldOnesAsTheyWereHeld) {
  EXPECT_FALSE(counts_as_sale(OrderState::kDraft, OrderState::kDraft));
  EXPECT_FALSE(counts_as_sale(OrderState::kSubmitted, OrderState::kDraft));
  EXPECT_FALSE(counts_as_sale(OrderState::kCancelled, OrderState::kDraft));
  EXPECT_TRUE(counts_as_sale(OrderState::kConfirmed, OrderState::kDraft));
  EXPECT_TRUE(counts_as_sale(OrderState::kClosed, OrderState::kDraft));
  EXPECT_TRUE(counts_as_sale(OrderState::kOnHold, OrderState::kPartiallyShipped));
  EXPECT_FALSE(counts_as_sale(OrderState::kOnHold, OrderState::kSubmitted));  // credit hold at review
}

TEST(ReportRules, AWeekIsNamedByItsMondayAcrossMonthAndYearEnds) {
  EXPECT_EQ(period_key(day(2026, 11, 29), ReportDimension::kWeek), "2026-11-23");  // Sunday
  EXPECT_EQ(period_key(day(2026, 11, 30), ReportDimension::kWeek), "2026-11-30");  // Monday
  EXPECT_EQ(period_key(day(2027, 1, 1), ReportDimension::kWeek), "2026-12-28");    // Friday
  EXPECT_EQ(period_key(day(2027, 1, 1), ReportDimension::kMonth), "2027-01");
  EXPECT_EQ(period_key(day(2027, 1, 1), ReportDimension::kDay), "2027-01-01");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(ReportTest);

}  // namespace
}  // namespace oms::testing
