#include "fixture.h"

namespace oms::testing {
namespace {

class AmendmentTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "20");
  }
  // Ships `qty` of a line: a shipment of that much, picked, packed and goods-issued.
  void mark_shipped(const std::string& number, int line_no, const Decimal& qty) {
    ShipmentSpec spec;
    spec.lines.push_back({number, line_no, qty, {}, {}});
    ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  }
};

TEST_P(AmendmentTest, MoreQuantityIsRepricedAndReservedInOneStep) {
  PriceList l;
  l.code = "BREAKS";
  l.name = "Breaks";
  l.currency = currency("CNY");
  ok(eng->create_price_list(l, "p"));
  ok(eng->set_prices("BREAKS", "TEA", {{0, "10.00"_d}, {10, "9.00"_d}}, "p"));
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  Amendment a;
  a.changes.push_back({1, Decimal(12), {}, {}, false});
  a.reason = "customer wants more";
  const Order o = ok(eng->amend(number, a, "sales"));
  EXPECT_EQ(o.state, OrderState::kConfirmed);
  EXPECT_EQ(o.lines[0].unit_price, cny("9.00"));  // the 10+ break now applies
  EXPECT_EQ(o.lines[0].amounts.net, cny("108.00"));
  EXPECT_EQ(o.lines[0].reserved(), Decimal(12));
  EXPECT_EQ(stock("TEA").reserved, Decimal(12));
}

TEST_P(AmendmentTest, EachAmendmentIsANumberedRevisionKeepingThePreviousValues) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  Amendment a;
  a.changes.push_back({1, Decimal(3), {}, {}, false});
  a.reason = "less";
  ok(eng->amend(number, a, "alice"));
  Amendment b;
  b.requested_delivery = day(2026, 12, 24);
  b.reason = "later";
  const Order o = ok(eng->amend(number, b, "bob"));
  EXPECT_EQ(o.revision, 2);
  ASSERT_EQ(o.revisions.size(), 2u);
  EXPECT_EQ(o.revisions[0].number, 1);
  EXPECT_EQ(o.revisions[0].actor, "alice");
  EXPECT_EQ(o.revisions[0].previous_lines.at(0).quantity, Decimal(5));
  EXPECT_EQ(o.revisions[0].previous_totals.net, cny("50.00"));
  EXPECT_EQ(o.revisions[1].previous_lines.at(0).quantity, Decimal(3));
  EXPECT_FALSE(o.revisions[1].previous_requested_delivery.has_value());
  EXPECT_EQ(o.requested_delivery, day(2026, 12, 24));
}

TEST_P(AmendmentTest, LessQuantityAndRemovedLinesGiveStockBack) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}, {"TEA", "4"}}));
  EXPECT_EQ(stock("TEA").reserved, Decimal(9));
  Amendment a;
  a.changes.push_back({1, Decimal(2), {}, {}, false});
  a.changes.push_back({2, {}, {}, {}, true});
  const Order o = ok(eng->amend(number, a, "s"));
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(stock("TEA").reserved, Decimal(2));
  Amendment add;
  add.add.push_back({"TEA", Decimal(3), {}, {}, false, {}});
  const Order more = ok(eng->amend(number, add, "s"));
  EXPECT_EQ(more.lines.back().line_no, 3);  // line numbers are never reused
  EXPECT_EQ(stock("TEA").reserved, Decimal(5));
}

TEST_P(AmendmentTest, QuantityCanNeverGoBelowWhatHasShipped) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  mark_shipped(number, 1, Decimal(2));
  Amendment a;
  a.changes.push_back({1, Decimal(1), {}, {}, false});
  auto r = eng->amend(number, a, "s");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(), "quantity '1' of line 1 is below the 2 already shipped, on open shipments, invoiced or closed");
  EXPECT_EQ(r.status().field(), "changes[0].quantity");
  Amendment remove;
  remove.changes.push_back({1, {}, {}, {}, true});
  EXPECT_EQ(eng->amend(number, remove, "s").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(eng->cancel(number, "x", "s").status().code(), StatusCode::kFailedPrecondition);
  a.changes[0].quantity = Decimal(2);
  EXPECT_EQ(ok(eng->amend(number, a, "s")).lines[0].open_quantity(), Decimal(0));
}

TEST_P(AmendmentTest, ShipmentProgressIsTrackedBesideTheState) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}, {"TEA", "5"}}));
  EXPECT_EQ(ok(eng->order(number)).shipment_progress(), Progress::kNone);
  mark_shipped(number, 1, Decimal(5));
  const Order partly = ok(eng->order(number));
  EXPECT_EQ(partly.shipment_progress(), Progress::kPartial);
  EXPECT_EQ(partly.invoice_progress(), Progress::kNone);
  EXPECT_EQ(partly.payment_progress(), Progress::kNone);
  // Short-closing the rest makes what shipped the whole order.
  const Order closed = ok(eng->short_close(number, "rest not needed", "s"));
  EXPECT_EQ(closed.state, OrderState::kShipped);
  EXPECT_EQ(closed.shipment_progress(), Progress::kFull);
  EXPECT_EQ(closed.lines[1].closed, Decimal(5));
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
}

TEST_P(AmendmentTest, PriceAndDiscountChangesAreManualAndRecalculated) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "10"}}));
  Amendment a;
  a.changes.push_back({1, {}, "8.50"_d, Discount::percent(10), false});
  const Order o = ok(eng->amend(number, a, "s"));
  EXPECT_EQ(o.lines[0].price_source.kind, PriceSourceKind::kManual);
  EXPECT_EQ(o.lines[0].amounts.net, cny("76.50"));
  EXPECT_EQ(o.totals.tax, cny("9.95"));  // 76.50 x 0.13 = 9.945 -> 9.95 half-up
}

TEST_P(AmendmentTest, AmendmentOverTheCreditLimitPutsTheOrderOnHold) {
  const std::string number = confirmed_order(order_for("GAMMA", {{"TEA", "10"}}));
  Amendment a;
  a.add.push_back({"PHONE", Decimal(1), {}, {}, false, {}});
  const Order o = ok(eng->amend(number, a, "s"));
  EXPECT_EQ(o.state, OrderState::kOnHold);
  EXPECT_EQ(o.hold_kind, HoldKind::kCredit);
  EXPECT_EQ(o.held_from, OrderState::kConfirmed);
  EXPECT_EQ(stock("TEA").reserved, Decimal(10));  // a hold keeps what it had
}

TEST_P(AmendmentTest, InvalidAmendmentsChangeNothing) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  const Order before = ok(eng->order(number));
  const auto events_before = ok(eng->events()).size();
  Amendment a;
  a.changes.push_back({1, Decimal(8), {}, {}, false});
  a.changes.push_back({9, Decimal(1), {}, {}, false});
  EXPECT_EQ(eng->amend(number, a, "s").status().message(), "changes[1].line_no '9' not found");
  Amendment zero;
  zero.changes.push_back({1, Decimal(0), {}, {}, false});
  auto r = eng->amend(number, zero, "s");
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);  // review refuses a zero line
  EXPECT_EQ(eng->amend(number, Amendment{}, "s").status().code(), StatusCode::kInvalidArgument);
  const Order after = ok(eng->order(number));
  EXPECT_EQ(after.revision, before.revision);
  EXPECT_EQ(after.lines[0].quantity, Decimal(5));
  EXPECT_EQ(stock("TEA").reserved, Decimal(5));
  EXPECT_EQ(ok(eng->events()).size(), events_before);
}

TEST_P(AmendmentTest, GiftLinesFollowTheirPromotionWhenQuantitiesChange) {
  add_tea_three_plus_one();
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "6"}}));
  EXPECT_EQ(ok(eng->order(number)).lines.at(1).quantity, Decimal(2));
  EXPECT_EQ(stock("TEA").reserved, Decimal(8));
  Amendment a;
  a.changes.push_back({1, Decimal(2), {}, {}, false});
  const Order o = ok(eng->amend(number, a, "s"));
  ASSERT_EQ(o.lines.size(), 1u);  // 2 bought: no gift any more
  EXPECT_EQ(stock("TEA").reserved, Decimal(2));
  Amendment gift_change;
  gift_change.changes.push_back({1, Decimal(9), {}, {}, false});
  const Order again = ok(eng->amend(number, gift_change, "s"));
  EXPECT_EQ(again.lines.at(1).quantity, Decimal(3));
  EXPECT_EQ(stock("TEA").reserved, Decimal(12));
  Amendment touch_gift;
  touch_gift.changes.push_back({again.lines.at(1).line_no, Decimal(5), {}, {}, false});
  EXPECT_EQ(eng->amend(number, touch_gift, "s").status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(AmendmentTest, DraftsCanBeAmendedFreelyWithoutReservations) {
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "5"}}), "s")).order.number;
  Amendment a;
  a.changes.push_back({1, Decimal(50), {}, {}, false});
  const Order o = ok(eng->amend(number, a, "s"));
  EXPECT_EQ(o.lines[0].quantity, Decimal(50));
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(AmendmentTest);

}  // namespace
}  // namespace oms::testing
