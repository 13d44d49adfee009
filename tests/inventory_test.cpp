#include "fixture.h"

namespace oms::testing {
namespace {

class InventoryTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }
  Decimal sum_of_moves(const std::string& sku) {
    Decimal s;
    for (const auto& m : ok(eng->moves(sku))) s += m.quantity;
    return s;
  }
};

TEST_P(InventoryTest, ReceiptPostsMovesAndBalances) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.supplier = "Tea Farm";
  r.lines.push_back({"TEA", "A-01", 30, "6.00"_d, "", std::nullopt, {}});
  r.lines.push_back({"TEA", "", 20, "6.00"_d, "", std::nullopt, {}});
  r.lines.push_back({"RICE", "", "12.345"_d, "3.00"_d, "", std::nullopt, {}});
  const Receipt rec = ok(eng->receive(r, "clerk"));
  EXPECT_EQ(rec.number, "RC-20261123-00001");
  EXPECT_EQ(rec.date, day(2026, 11, 23));
  ASSERT_EQ(rec.lines.size(), 3u);

  const StockReport tea = stock("TEA");
  EXPECT_EQ(tea.on_hand, Decimal(50));
  EXPECT_EQ(tea.available, Decimal(50));
  ASSERT_EQ(tea.warehouses.size(), 1u);
  EXPECT_EQ(tea.warehouses[0].warehouse_code, "N");
  EXPECT_EQ(tea.warehouses[0].quants.size(), 2u);  // A-01 and MAIN
  EXPECT_EQ(sum_of_moves("TEA"), Decimal(50));
  EXPECT_EQ(ok(eng->available_to_sell("RICE")), "12.345"_d);
}

TEST_P(InventoryTest, ReceiptRefusesBadLinesAndPostsNothing) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"TEA", "", 5, "6.00"_d, "", std::nullopt, {}});
  r.lines.push_back({"TEA", "", "1.5"_d, "6.00"_d, "", std::nullopt, {}});
  auto bad = eng->receive(r, "clerk");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "lines[1].quantity '1.5' is finer than unit 'pcs' allows (0 decimal places)");
  EXPECT_TRUE(stock("TEA").on_hand.is_zero());
  EXPECT_TRUE(ok(eng->moves("TEA")).empty());

  r.lines[1] = {"TEA", "Z-99", 1, "6.00"_d, "", std::nullopt, {}};
  EXPECT_EQ(eng->receive(r, "clerk").status().message(), "lines[1].location 'Z-99' not found in warehouse 'N'");
  r.lines[1] = {"TEA", "", -1, "6.00"_d, "", std::nullopt, {}};
  EXPECT_EQ(eng->receive(r, "clerk").status().field(), "lines[1].quantity");
  r.lines[1] = {"NOPE", "", 1, "6.00"_d, "", std::nullopt, {}};
  EXPECT_EQ(eng->receive(r, "clerk").status().code(), StatusCode::kNotFound);
  r.warehouse = "X";
  EXPECT_EQ(eng->receive(r, "clerk").status().message(), "warehouse 'X' not found");
}

TEST_P(InventoryTest, LotAndSerialTrackingAreEnforced) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"MILK", "", 10, "5.00"_d, "", std::nullopt, {}});
  EXPECT_EQ(eng->receive(r, "clerk").status().field(), "lines[0].lot_number");
  r.lines[0] = {"TEA", "", 10, "5.00"_d, "L1", std::nullopt, {}};
  EXPECT_EQ(eng->receive(r, "clerk").status().field(), "lines[0].lot_number");
  r.lines[0] = {"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1"}};
  EXPECT_EQ(eng->receive(r, "clerk").status().field(), "lines[0].serials");
  r.lines[0] = {"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-1"}};
  EXPECT_EQ(eng->receive(r, "clerk").status().code(), StatusCode::kInvalidArgument);
  r.lines[0] = {"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-2"}};
  ok(eng->receive(r, "clerk"));
  r.lines[0] = {"PHONE", "", 1, "1500"_d, "", std::nullopt, {"SN-2"}};
  EXPECT_EQ(eng->receive(r, "clerk").status().code(), StatusCode::kAlreadyExists);

  r.lines[0] = {"MILK", "", 10, "5.00"_d, "L1", day(2026, 12, 1), {}};
  ok(eng->receive(r, "clerk"));
  r.lines[0].expiry = day(2027, 1, 1);
  EXPECT_EQ(eng->receive(r, "clerk").status().field(), "lines[0].lot_number");  // same lot, other expiry
}

TEST_P(InventoryTest, MovingAverageCostFollowsReceipts) {
  receive("TEA", "N", "10", "5.00");
  receive("TEA", "S", "30", "7.00");
  const Valuation v = ok(eng->valuation("TEA"));
  EXPECT_EQ(v.quantity, Decimal(40));
  EXPECT_EQ(v.average_cost, "6.5"_d);  // (50 + 210) / 40
  receive("TEA", "N", "3", "1.00");
  EXPECT_EQ(ok(eng->valuation("TEA")).average_cost.to_string(), "6.116279");  // (260 + 3) / 43, 6 places
}

TEST_P(InventoryTest, TransferWithinAWarehouseKeepsItsTotals) {
  receive("TEA", "N", "10");
  const auto moves = ok(eng->transfer({"TEA", "N", "MAIN", "", "A-01", 4, "", {}, "T-1", "re-slot"}, "clerk"));
  ASSERT_EQ(moves.size(), 2u);
  EXPECT_EQ(moves[0].quantity, Decimal(-4));
  const StockReport s = stock("TEA");
  EXPECT_EQ(s.on_hand, Decimal(10));
  EXPECT_EQ(s.warehouses[0].quants.size(), 2u);
  EXPECT_EQ(sum_of_moves("TEA"), Decimal(10));
  auto too_much = eng->transfer({"TEA", "N", "MAIN", "", "A-01", 7, "", {}, "", ""}, "clerk");
  EXPECT_EQ(too_much.status().code(), StatusCode::kInsufficientStock);
  EXPECT_EQ(too_much.status().message(), "quantity '7' exceeds the 6 on hand at N/MAIN");
  EXPECT_EQ(too_much.status().field(), "quantity");
}

TEST_P(InventoryTest, TransferAcrossWarehousesCannotTakeReservedStock) {
  receive("TEA", "N", "10");
  confirmed_order(order_for("ACME", {{"TEA", "8"}}));  // reserves 8 in N
  auto r = eng->transfer({"TEA", "N", "", "S", "", 3, "", {}, "", ""}, "clerk");
  ASSERT_EQ(r.status().code(), StatusCode::kInsufficientStock);
  EXPECT_EQ(r.status().message(), "quantity '3' exceeds the 2 available in warehouse 'N' (8 reserved)");
  ok(eng->transfer({"TEA", "N", "", "S", "", 2, "", {}, "", ""}, "clerk"));
  const StockReport s = stock("TEA");
  EXPECT_EQ(s.on_hand, Decimal(10));
  EXPECT_EQ(s.available, Decimal(2));  // 0 in N, 2 in S
}

TEST_P(InventoryTest, SerialTransferMovesTheNamedItems) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-2"}});
  ok(eng->receive(r, "clerk"));
  EXPECT_EQ(eng->transfer({"PHONE", "N", "", "", "A-01", 1, "", {"SN-9"}, "", ""}, "clerk").status().code(),
            StatusCode::kFailedPrecondition);
  ok(eng->transfer({"PHONE", "N", "", "", "A-01", 1, "", {"SN-2"}, "", ""}, "clerk"));
  EXPECT_EQ(ok(eng->scan("SN-2")).serial->location, ok(eng->stock("PHONE")).warehouses[0].quants.back().location);
}

TEST_P(InventoryTest, StocktakePostsDifferencesWithTheirReason) {
  receive("TEA", "N", "10");
  StocktakeSpec st;
  st.warehouse = "N";
  st.reference = "ST-1";
  st.lines.push_back({"TEA", "", "", 7, {}, ""});
  EXPECT_EQ(eng->stocktake(st, "auditor").status().field(), "lines[0].reason");
  st.lines[0].reason = "breakage";
  const StocktakeResult res = ok(eng->stocktake(st, "auditor"));
  ASSERT_EQ(res.adjustments.size(), 1u);
  EXPECT_EQ(res.adjustments[0].quantity, Decimal(-3));
  EXPECT_EQ(res.adjustments[0].reason, "breakage");
  EXPECT_EQ(stock("TEA").on_hand, Decimal(7));
  EXPECT_EQ(sum_of_moves("TEA"), Decimal(7));
  EXPECT_EQ(ok(eng->valuation("TEA")).quantity, Decimal(7));
  // A count equal to the book posts nothing.
  st.lines[0].counted = 7;
  EXPECT_TRUE(ok(eng->stocktake(st, "auditor")).adjustments.empty());
}

TEST_P(InventoryTest, StocktakeOfSerialsMarksMissingItemsLost) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"PHONE", "", 3, "1500"_d, "", std::nullopt, {"SN-1", "SN-2", "SN-3"}});
  ok(eng->receive(r, "clerk"));
  StocktakeSpec st;
  st.warehouse = "N";
  st.lines.push_back({"PHONE", "", "", 0, {"SN-1", "SN-3"}, "missing at count"});
  ok(eng->stocktake(st, "auditor"));
  EXPECT_EQ(stock("PHONE").on_hand, Decimal(2));
  EXPECT_EQ(ok(eng->scan("SN-2")).serial->status, SerialStatus::kLost);
  EXPECT_EQ(ok(eng->scan("SN-1")).serial->status, SerialStatus::kInStock);
}

TEST_P(InventoryTest, StocktakeBelowReservationsBackordersTheLeastUrgentOrder) {
  receive("TEA", "N", "10");
  NewOrder urgent = order_for("ACME", {{"TEA", "5"}});
  urgent.priority = Priority::kUrgent;
  const std::string first = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  const std::string second = confirmed_order(urgent);
  StocktakeSpec st;
  st.warehouse = "N";
  st.lines.push_back({"TEA", "", "", 7, {}, "damaged"});
  ok(eng->stocktake(st, "auditor"));
  const StockReport s = stock("TEA");
  EXPECT_EQ(s.on_hand, Decimal(7));
  EXPECT_EQ(s.reserved, Decimal(7));
  EXPECT_TRUE(s.available.is_zero());
  EXPECT_EQ(ok(eng->order(second)).lines[0].reserved(), Decimal(5));  // urgent keeps its stock
  EXPECT_EQ(ok(eng->order(first)).lines[0].reserved(), Decimal(2));
  EXPECT_EQ(ok(eng->order(first)).backordered(), Decimal(3));
}

TEST_P(InventoryTest, LowStockAlertFiresWhenAvailableCrossesBelowTheThreshold) {
  receive("TEA", "N", "10");  // threshold 5
  const auto before = ok(eng->events()).size();
  confirmed_order(order_for("ACME", {{"TEA", "4"}}));  // 6 left: no alert
  confirmed_order(order_for("ACME", {{"TEA", "2"}}));  // 4 left: alert
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));  // 3 left: already below, no new alert
  int alerts = 0;
  const auto events = ok(eng->events());
  for (std::size_t i = before; i < events.size(); ++i) {
    if (events[i].type == "alert.low_stock") {
      ++alerts;
      EXPECT_NE(events[i].data.find("\"available\":\"4\""), std::string::npos) << events[i].data;
    }
  }
  EXPECT_EQ(alerts, 1);
}

TEST_P(InventoryTest, ReceiptNumbersFollowTheRuleAndManualNumbersMustBeUnique) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.number = "GRN-7";
  r.lines.push_back({"TEA", "", 1, "6.00"_d, "", std::nullopt, {}});
  ok(eng->receive(r, "clerk"));
  EXPECT_EQ(eng->receive(r, "clerk").status().message(), "number 'GRN-7' already exists");
  r.number.clear();
  EXPECT_EQ(ok(eng->receive(r, "clerk")).number, "RC-20261123-00001");
  EXPECT_EQ(ok(eng->receive(r, "clerk")).number, "RC-20261123-00002");
}

TEST_P(InventoryTest, StockLevelsFilterByProductWarehouseLocationAndLot) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"MILK", "A-01", 5, "5.00"_d, "L-1", day(2027, 1, 1), {}});
  r.lines.push_back({"MILK", "", 3, "5.00"_d, "L-2", day(2027, 2, 1), {}});
  r.lines.push_back({"TEA", "A-01", 4, "6.00"_d, "", std::nullopt, {}});
  ok(eng->receive(r, "clerk"));
  receive("TEA", "S", "9");

  const auto milk = ok(eng->stock_levels({"MILK", "", "", "", false}));
  ASSERT_EQ(milk.size(), 2u);
  EXPECT_EQ(milk[0].lot_number, "L-1");
  EXPECT_EQ(milk[0].location, "A-01");
  EXPECT_EQ(milk[0].expiry, day(2027, 1, 1));
  EXPECT_EQ(ok(eng->stock_levels({"MILK", "", "", "L-2", false})).at(0).on_hand, Decimal(3));
  const auto bin = ok(eng->stock_levels({"", "N", "A-01", "", false}));
  ASSERT_EQ(bin.size(), 2u);  // MILK L-1 and TEA
  EXPECT_EQ(ok(eng->stock_levels({"TEA", "S", "", "", false})).at(0).on_hand, Decimal(9));
  EXPECT_EQ(eng->stock_levels({}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(eng->stock_levels({"MILK", "", "", "L-9", false}).status().message(), "lot_number 'L-9' not found");
  EXPECT_EQ(eng->transfer({"MILK", "N", "A-01", "", "", 6, "L-1", {}, "", ""}, "clerk").status().message(),
            "quantity '6' exceeds the 5 on hand at N/A-01 in lot 'L-1'");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(InventoryTest);

}  // namespace
}  // namespace oms::testing
