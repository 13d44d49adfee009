// Shipments: merged and split, the outbound limit, FEFO/FIFO picking, goods issue, tracking,
// exceptions and returns. Every test runs on every storage adapter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixture.h"
#include "invariants.h"

namespace oms::testing {
namespace {

using ::testing::HasSubstr;

class ShipmentTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }

  ShipmentSpec whole(std::initializer_list<std::string> orders, std::string warehouse = "N") {
    ShipmentSpec s;
    s.warehouse = std::move(warehouse);
    s.orders = orders;
    return s;
  }
  ShipmentSpec part(const std::string& order, int line_no, const char* qty, std::string warehouse = "N") {
    ShipmentSpec s;
    s.warehouse = std::move(warehouse);
    s.lines.push_back({order, line_no, Decimal::from_string(qty), {}, {}});
    return s;
  }
  void receive_lot(const std::string& sku, const char* qty, const std::string& lot, std::optional<Date> expiry,
                   const char* cost = "5.00") {
    ReceiptSpec r;
    r.warehouse = "N";
    r.lines.push_back({sku, "", Decimal::from_string(qty), Decimal::from_string(cost), lot, expiry, {}});
    ok(eng->receive(r, "clerk"));
  }
};

TEST_P(ShipmentTest, ShippingAWholeOrderIssuesStockConsumesTheReservationAndShipsTheOrder) {
  receive("TEA", "N", "10", "6.00");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const Shipment draft = ok(eng->create_shipment(whole({so}), "wh"));
  EXPECT_EQ(draft.state, ShipmentState::kDraft);
  EXPECT_EQ(ok(eng->order(so)).lines[0].in_shipment, 4_d);

  const Shipment s = ok(eng->ship_shipment(draft.number, "wh"));
  EXPECT_EQ(s.state, ShipmentState::kShipped);
  ASSERT_EQ(s.lines.size(), 1u);
  EXPECT_EQ(s.lines[0].cost, cny("24.00"));  // 4 x moving average 6.00
  ASSERT_EQ(s.history.size(), 3u);           // pick, pack, ship
  const StockReport tea = stock("TEA");
  EXPECT_EQ(tea.on_hand, 6_d);
  EXPECT_EQ(tea.reserved, 0_d);
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.state, OrderState::kShipped);
  EXPECT_EQ(o.lines[0].shipped, 4_d);
  EXPECT_EQ(o.lines[0].in_shipment, 0_d);
  EXPECT_EQ(o.shipment_progress(), Progress::kFull);
  const auto moves = ok(eng->moves("TEA"));
  EXPECT_EQ(moves.back().kind, MoveKind::kIssue);
  EXPECT_EQ(moves.back().reference, s.number);
  expect_invariants(*eng);
}

// What the shipment was created with for the carrier stays with it through goods issue, text
// as given (the UTF-8 check of inputs covers it like every text member).
TEST_P(ShipmentTest, InstructionsGivenAtCreationStayWithTheShipment) {
  receive("TEA", "N", "10", "6.00");
  ShipmentSpec spec = whole({confirmed_order(order_for("ACME", {{"TEA", "4"}}))});
  spec.instructions = "Call before delivery, dock 3 \xe2\x80\x94 \xe8\xaf\xb7\xe5\x85\x88\xe7\x94\xb5\xe8\xaf\x9d";
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  EXPECT_EQ(s.instructions, spec.instructions);
  EXPECT_EQ(ok(eng->shipment(s.number)).instructions, spec.instructions);
  spec.instructions = "bad \xff byte";
  EXPECT_EQ(eng->create_shipment(spec, "wh").status().field(), "instructions");
}

TEST_P(ShipmentTest, OneOrderOverTwoShipmentsIsPartiallyShippedThenShipped) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  const Shipment first = ok(eng->ship_shipment(ok(eng->create_shipment(part(so, 1, "2"), "wh")).number, "wh"));
  EXPECT_EQ(ok(eng->order(so)).state, OrderState::kPartiallyShipped);
  EXPECT_EQ(stock("TEA").reserved, 3_d);  // the rest stays reserved
  ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.state, OrderState::kShipped);
  EXPECT_EQ(o.lines[0].shipped, 5_d);
  EXPECT_EQ(ok(eng->order_shipments(so)).size(), 2u);
  EXPECT_TRUE(ok(eng->document_flow({DocumentKind::kOrder, so})).split());
  expect_invariants(*eng);
  (void)first;
}

TEST_P(ShipmentTest, OrdersOfOneCustomerMergeIntoOneShipment) {
  receive("TEA", "N", "10");
  receive("RICE", "N", "10", "3.00");
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const std::string b = confirmed_order(order_for("ACME", {{"TEA", "1"}, {"RICE", "3"}}));
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(whole({a, b}), "wh")).number, "wh"));
  EXPECT_EQ(s.lines.size(), 3u);
  EXPECT_EQ(ok(eng->order(a)).state, OrderState::kShipped);
  EXPECT_EQ(ok(eng->order(b)).state, OrderState::kShipped);
  const DocumentFlow flow = ok(eng->document_flow({DocumentKind::kShipment, s.number}));
  EXPECT_TRUE(flow.merged());
  EXPECT_EQ(flow.upstream.size(), 3u);
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, MergingOrdersOfDifferentCustomersIsRefusedUnlessAllowed) {
  receive("TEA", "N", "10");
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const std::string b = confirmed_order(order_for("GAMMA", {{"TEA", "1"}}));
  auto r = eng->create_shipment(whole({a, b}), "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("another customer ('GAMMA')"));
  EXPECT_EQ(ok(eng->order(a)).lines[0].in_shipment, 0_d);  // nothing of the failed call remains
  ShipmentSpec mixed = whole({a, b});
  mixed.allow_mixed_destinations = true;
  EXPECT_EQ(ok(eng->create_shipment(mixed, "wh")).lines.size(), 2u);
}

TEST_P(ShipmentTest, OutboundBeyondTheConfirmedQuantityIsRefusedNamingTheLineAndQuantities) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  auto r = eng->create_shipment(part(so, 1, "5"), "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().field(), "lines[0].quantity");
  EXPECT_THAT(r.status().message(), HasSubstr("line 1 ('TEA'): quantity 5 exceeds the 4 confirmed and not yet shipped"));
  // A second draft cannot take what the first already carries.
  ok(eng->create_shipment(part(so, 1, "3"), "wh"));
  r = eng->create_shipment(part(so, 1, "2"), "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("exceeds the 1 confirmed"));
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, DraftOrdersAndHeldOrdersCannotBeShipped) {
  receive("TEA", "N", "10");
  const std::string draft = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  EXPECT_EQ(eng->create_shipment(whole({draft}), "wh").status().code(), StatusCode::kFailedPrecondition);
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  const Shipment s = ok(eng->create_shipment(whole({so}), "wh"));
  ok(eng->hold(so, "customer asked to wait", "cs"));
  auto r = eng->ship_shipment(s.number, "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("on_hold"));
  EXPECT_EQ(stock("TEA").on_hand, 10_d);
}

TEST_P(ShipmentTest, ShippingUnreservedQuantityReservesItAndNeverTakesOtherOrdersStock) {
  receive("TEA", "N", "3");
  const std::string first = confirmed_order(order_for("ACME", {{"TEA", "3"}}));
  const std::string second = confirmed_order(order_for("BETA", {{"TEA", "2"}}));  // backordered
  auto r = eng->create_shipment(whole({second}), "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kInsufficientStock);
  EXPECT_THAT(r.status().message(), HasSubstr("only 0 reserved and 0 available"));
  receive("TEA", "N", "2");
  ok(eng->ship_shipment(ok(eng->create_shipment(whole({second}), "wh")).number, "wh"));
  EXPECT_EQ(stock("TEA").reserved, 3_d);  // the first order keeps its stock
  expect_invariants(*eng);
  (void)first;
}

TEST_P(ShipmentTest, FefoPicksTheEarliestExpiryAndSkipsExpiredLots) {
  receive_lot("MILK", "5", "L-OLD", day(2026, 11, 1));  // expired: today is 2026-11-23
  receive_lot("MILK", "5", "L-LATE", day(2027, 1, 31));
  receive_lot("MILK", "3", "L-SOON", day(2026, 12, 5));
  receive_lot("MILK", "5", "L-NONE", std::nullopt);
  const std::string so = confirmed_order(order_for("ACME", {{"MILK", "5"}}));
  const Shipment s = ok(eng->pick_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  ASSERT_EQ(s.lines[0].picks.size(), 2u);
  EXPECT_EQ(s.lines[0].picks[0].lot_number, "L-SOON");
  EXPECT_EQ(s.lines[0].picks[0].quantity, 3_d);
  EXPECT_EQ(s.lines[0].picks[1].lot_number, "L-LATE");
  EXPECT_EQ(s.lines[0].picks[1].quantity, 2_d);
  ok(eng->ship_shipment(s.number, "wh"));
  StockQuery q;
  q.sku = "MILK";
  q.lot_number = "L-SOON";
  EXPECT_TRUE(ok(eng->stock_levels(q)).empty());
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, StockPickedForAnotherShipmentIsNotPickedAgain) {
  receive_lot("MILK", "3", "L-SOON", day(2026, 12, 5));
  receive_lot("MILK", "5", "L-LATE", day(2027, 1, 31));
  const std::string a = confirmed_order(order_for("ACME", {{"MILK", "3"}}));
  const std::string b = confirmed_order(order_for("BETA", {{"MILK", "2"}}));
  const Shipment first = ok(eng->pick_shipment(ok(eng->create_shipment(whole({a}), "wh")).number, "wh"));
  EXPECT_EQ(first.lines[0].picks.at(0).lot_number, "L-SOON");
  const Shipment second = ok(eng->pick_shipment(ok(eng->create_shipment(whole({b}), "wh")).number, "wh"));
  ASSERT_EQ(second.lines[0].picks.size(), 1u);
  EXPECT_EQ(second.lines[0].picks[0].lot_number, "L-LATE");
  ok(eng->ship_shipment(second.number, "wh"));
  ok(eng->ship_shipment(first.number, "wh"));  // its lot is still there
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, FifoPicksTheLotReceivedFirstAndExpiredLotsOnlyWhenAllowed) {
  receive_lot("MILK", "2", "L-OLD", day(2026, 11, 1));
  receive_lot("MILK", "5", "L-LATE", day(2027, 1, 31));
  receive_lot("MILK", "5", "L-SOON", day(2026, 12, 5));
  const std::string so = confirmed_order(order_for("ACME", {{"MILK", "4"}}));
  ShipmentSpec spec = whole({so});
  spec.picking = PickingRule::kFifo;
  Shipment s = ok(eng->pick_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  ASSERT_EQ(s.lines[0].picks.size(), 1u);
  EXPECT_EQ(s.lines[0].picks[0].lot_number, "L-LATE");
  ok(eng->cancel_shipment(s.number, "re-pick", "wh"));
  spec.allow_expired = true;
  s = ok(eng->pick_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  EXPECT_EQ(s.lines[0].picks[0].lot_number, "L-OLD");
  EXPECT_EQ(s.lines[0].picks[0].quantity, 2_d);
}

TEST_P(ShipmentTest, PickingShortOfUnexpiredStockSaysHowMuchIsExpired) {
  receive_lot("MILK", "4", "L-OLD", day(2026, 11, 1));
  receive_lot("MILK", "1", "L-OK", day(2027, 1, 1));
  const std::string so = confirmed_order(order_for("ACME", {{"MILK", "3"}}));
  const Shipment s = ok(eng->create_shipment(whole({so}), "wh"));
  auto r = eng->pick_shipment(s.number, "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kInsufficientStock);
  EXPECT_THAT(r.status().message(), HasSubstr("1 pickable (4 more in expired lots)"));
  EXPECT_EQ(ok(eng->shipment(s.number)).state, ShipmentState::kDraft);
}

TEST_P(ShipmentTest, NamedLotsAndSerialsArePickedAsGiven) {
  receive_lot("MILK", "5", "L-A", day(2027, 1, 1));
  receive_lot("MILK", "5", "L-B", day(2027, 6, 1));
  ReceiptSpec phones;
  phones.warehouse = "N";
  phones.lines.push_back({"PHONE", "", 3_d, "1500"_d, "", std::nullopt, {"IMEI-1", "IMEI-2", "IMEI-3"}});
  ok(eng->receive(phones, "clerk"));
  const std::string so = confirmed_order(order_for("ACME", {{"MILK", "3"}, {"PHONE", "2"}}));
  ShipmentSpec spec;
  spec.warehouse = "N";
  spec.lines.push_back({so, 1, 3_d, {{"L-B", "", 3_d}}, {}});
  spec.lines.push_back({so, 2, 2_d, {}, {"IMEI-3", "IMEI-1"}});
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  EXPECT_EQ(s.lines[0].picks[0].lot_number, "L-B");
  EXPECT_EQ(s.lines[1].picks[0].serials, (std::vector<std::string>{"IMEI-3", "IMEI-1"}));
  EXPECT_EQ(ok(eng->scan("IMEI-1")).serial->status, SerialStatus::kShipped);
  EXPECT_EQ(ok(eng->scan("IMEI-2")).serial->status, SerialStatus::kInStock);
  // Serial-tracked lines need their serials named; lot quantities must match the line.
  const std::string again = confirmed_order(order_for("ACME", {{"PHONE", "1"}, {"MILK", "2"}}));
  ShipmentSpec wrong;
  wrong.warehouse = "N";
  wrong.lines.push_back({again, 2, 2_d, {{"L-A", "", 1_d}}, {}});
  EXPECT_EQ(eng->create_shipment(wrong, "wh").status().field(), "lines[0].lots") << eng->create_shipment(wrong, "wh").status().message();
  auto r = eng->ship_shipment(ok(eng->create_shipment(whole({again}), "wh")).number, "wh");
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, CancellingBeforeGoodsIssueKeepsTheOrdersReservationAndAfterIsRefused) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const Shipment s = ok(eng->create_shipment(whole({so}), "wh"));
  EXPECT_EQ(eng->cancel(so, "no", "cs").status().code(), StatusCode::kFailedPrecondition);  // shipment open
  ok(eng->cancel_shipment(s.number, "wrong carrier", "wh"));
  EXPECT_EQ(stock("TEA").reserved, 4_d);
  EXPECT_EQ(ok(eng->order(so)).lines[0].in_shipment, 0_d);
  const Shipment again = ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  auto r = eng->cancel_shipment(again.number, "too late", "wh");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("is shipped and cannot cancel"));
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, TrackingEventsMoveTheShipmentOnAndDeliveryDeliversTheOrder) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  Shipment s = ok(eng->create_shipment(whole({so}), "wh"));
  EXPECT_EQ(eng->record_tracking(s.number, {}, "carrier").status().code(), StatusCode::kFailedPrecondition);
  ok(eng->set_carrier(s.number, "SF Express", "SF123", "wh"));
  ok(eng->ship_shipment(s.number, "wh"));
  s = ok(eng->record_tracking(s.number, {at(2026, 11, 23, 15), TrackingStatus::kInTransit, "ARRIVED_HUB", "Shanghai", ""}, "carrier"));
  EXPECT_EQ(s.state, ShipmentState::kInTransit);
  s = ok(eng->record_tracking(s.number, {std::nullopt, TrackingStatus::kDelivered, "SIGNED", "Beijing", "signed by Li"}, "carrier"));
  EXPECT_EQ(s.state, ShipmentState::kDelivered);
  EXPECT_EQ(s.tracking.size(), 2u);
  EXPECT_EQ(s.tracking[0].location, "Shanghai");
  EXPECT_EQ(ok(eng->order(so)).state, OrderState::kDelivered);
}

TEST_P(ShipmentTest, AnOrderIsDeliveredOnlyWhenAllItsShipmentsAre) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const Shipment a = ok(eng->ship_shipment(ok(eng->create_shipment(part(so, 1, "1"), "wh")).number, "wh"));
  const Shipment b = ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  ok(eng->deliver_shipment(b.number, "driver"));
  EXPECT_EQ(ok(eng->order(so)).state, OrderState::kShipped);
  ok(eng->deliver_shipment(a.number, "driver"));
  EXPECT_EQ(ok(eng->order(so)).state, OrderState::kDelivered);
}

TEST_P(ShipmentTest, DamageAndLossRaiseExceptionsThatStayOpenUntilResolved) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  const auto before = ok(eng->events()).size();
  ok(eng->record_tracking(s.number, {std::nullopt, TrackingStatus::kDamaged, "DMG", "Hub 3", "box crushed"}, "carrier"));
  ok(eng->flag_exception(s.number, ExceptionKind::kLost, "one parcel missing", "cs"));
  auto open = ok(eng->open_exceptions());
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].exception.kind, ExceptionKind::kDamaged);
  EXPECT_EQ(open[0].exception.detail, "box crushed");
  const auto events = ok(eng->events(static_cast<std::int64_t>(before)));
  EXPECT_EQ(std::count_if(events.begin(), events.end(), [](const Event& e) { return e.type == "alert.shipment_exception"; }), 2);
  ok(eng->resolve_exception(s.number, 1, "customer accepted a discount", "cs"));
  EXPECT_EQ(eng->resolve_exception(s.number, 1, "again", "cs").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(eng->resolve_exception(s.number, 9, "x", "cs").status().code(), StatusCode::kNotFound);
  open = ok(eng->open_exceptions());
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].exception.kind, ExceptionKind::kLost);
}

TEST_P(ShipmentTest, ShipmentsPastTheirPromisedDateAreFlaggedDelayedOnce) {
  receive("TEA", "N", "10");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  ShipmentSpec spec = whole({so});
  spec.promised_date = day(2026, 11, 25);
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  EXPECT_TRUE(ok(eng->check_delays("monitor")).empty());
  clock->set(at(2026, 11, 26, 9));
  const auto flagged = ok(eng->check_delays("monitor"));
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].shipment_number, s.number);
  EXPECT_EQ(flagged[0].exception.kind, ExceptionKind::kDelayed);
  EXPECT_TRUE(ok(eng->check_delays("monitor")).empty());
  EXPECT_EQ(ok(eng->open_exceptions()).size(), 1u);
}

TEST_P(ShipmentTest, ARestockedReturnComesBackIntoStockAtTheCostItLeftWith) {
  receive("TEA", "N", "10", "6.00");
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  receive("TEA", "N", "6", "9.00");  // average now (6 x 6 + 6 x 9) / 12 = 7.50
  ReturnSpec r;
  r.shipment = s.number;
  r.lines.push_back({1, 3_d, ReturnDisposition::kRestock, "A-01", {}, "wrong flavour"});
  r.lines.push_back({1, 1_d, ReturnDisposition::kScrap, "", {}, "damaged"});
  r.settlement = ReturnSettlement::kNone;
  const CustomerReturn ret = ok(eng->receive_return(r, "wh"));
  EXPECT_EQ(ret.lines[0].restocked.at(0).location_code, "A-01");
  EXPECT_TRUE(ret.lines[1].restocked.empty());
  EXPECT_TRUE(ret.credit_note_number.empty());  // nothing was invoiced
  EXPECT_EQ(stock("TEA").on_hand, 15_d);         // 10 - 4 + 6 + 3 restocked (1 scrapped)
  EXPECT_EQ(ok(eng->valuation("TEA")).average_cost, "7.200000"_d);  // (12 x 7.5 + 3 x 6) / 15
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.lines[0].returned, 4_d);
  EXPECT_EQ(o.billable, cny("0.00"));
  // Never more than shipped minus returned.
  ReturnSpec more;
  more.shipment = s.number;
  more.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "", {}, ""});
  auto again = eng->receive_return(more, "wh");
  ASSERT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("exceeds the 0 shipped and not yet returned"));
  expect_invariants(*eng);
}

TEST_P(ShipmentTest, StockAfterAReturnIsStockBeforeShipmentMinusWhatTheCustomerKept) {
  receive_lot("MILK", "10", "L-1", day(2027, 1, 1));
  const Decimal before = stock("MILK").on_hand;
  const std::string so = confirmed_order(order_for("BETA", {{"MILK", "6"}}));
  const Shipment s = ok(eng->ship_shipment(ok(eng->create_shipment(whole({so}), "wh")).number, "wh"));
  ReturnSpec r;
  r.shipment = s.number;
  r.lines.push_back({1, 2_d, ReturnDisposition::kRestock, "", {}, ""});
  const CustomerReturn ret = ok(eng->receive_return(r, "wh"));
  EXPECT_EQ(ret.lines[0].restocked.at(0).lot_number, "L-1");  // back into the lot it left from
  EXPECT_EQ(stock("MILK").on_hand, before - 4_d);
  expect_invariants(*eng);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(ShipmentTest);

}  // namespace
}  // namespace oms::testing
