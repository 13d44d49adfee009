#include "fixture.h"

namespace oms::testing {
namespace {

class AllocationTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    ok(eng->create_warehouse({{}, "E", "East DC", "east"}, "setup"));
  }
  std::map<std::string, Decimal> reserved_by_warehouse(const std::string& number) {
    std::map<std::string, Decimal> out;
    for (const auto& l : ok(eng->order(number)).lines) {
      for (const auto& a : l.allocations) {
        for (const auto& pos : stock(l.sku).warehouses) {
          if (pos.warehouse == a.warehouse) out[pos.warehouse_code] += a.quantity;
        }
      }
    }
    return out;
  }
};

TEST_P(AllocationTest, PrefersAWarehouseThatCanServeTheWholeLine) {
  receive("TEA", "N", "3");   // customer's region, too little
  receive("TEA", "E", "10");  // enough
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  EXPECT_EQ(reserved_by_warehouse(number), (std::map<std::string, Decimal>{{"E", Decimal(5)}}));
}

TEST_P(AllocationTest, PrefersTheCustomersRegionAmongWarehousesThatCanServe) {
  receive("TEA", "N", "10");
  receive("TEA", "S", "50");  // more stock, other region
  EXPECT_EQ(reserved_by_warehouse(confirmed_order(order_for("ACME", {{"TEA", "5"}}))),
            (std::map<std::string, Decimal>{{"N", Decimal(5)}}));
  EXPECT_EQ(reserved_by_warehouse(confirmed_order(order_for("BETA", {{"TEA", "5"}}))),
            (std::map<std::string, Decimal>{{"S", Decimal(5)}}));
}

TEST_P(AllocationTest, ShipToRegionOverridesTheCustomersRegion) {
  receive("TEA", "N", "10");
  receive("TEA", "S", "10");
  NewOrder o = order_for("ACME", {{"TEA", "5"}});
  o.ship_to = Address{"Branch", "9 South Rd", "", "Canton", "south", "510000", "CN"};
  EXPECT_EQ(reserved_by_warehouse(confirmed_order(o)), (std::map<std::string, Decimal>{{"S", Decimal(5)}}));
}

TEST_P(AllocationTest, SplitsAcrossWarehousesAndBackordersTheRestWhenPartialIsAllowed) {
  receive("TEA", "N", "3");
  receive("TEA", "S", "4");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "10"}}));
  EXPECT_EQ(reserved_by_warehouse(number), (std::map<std::string, Decimal>{{"N", Decimal(3)}, {"S", Decimal(4)}}));
  EXPECT_EQ(ok(eng->order(number)).backordered(), Decimal(3));
  EXPECT_TRUE(stock("TEA").available.is_zero());
}

TEST_P(AllocationTest, AllOrNothingReservesNothingWhenTheOrderCannotBeServedWhole) {
  options.allocation = PartialPolicy::kAllOrNothing;
  reopen();
  receive("TEA", "N", "10");
  const std::string short_order = confirmed_order(order_for("ACME", {{"TEA", "5"}, {"RICE", "1"}}));
  EXPECT_TRUE(ok(eng->order(short_order)).lines[0].allocations.empty());
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
  receive("RICE", "N", "1");
  const AllocationRun run = ok(eng->allocate_backorders("planner"));
  EXPECT_EQ(run.reserved.size(), 2u);
  EXPECT_TRUE(ok(eng->order(short_order)).backordered().is_zero());
}

TEST_P(AllocationTest, WaitingOrdersAreServedUrgentFirstThenByGradeThenByAge) {
  const std::string old_regular = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  clock->advance(std::chrono::hours(1));
  const std::string new_regular = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const std::string vip = confirmed_order(order_for("BETA", {{"TEA", "4"}}));
  NewOrder u = order_for("GAMMA", {{"TEA", "4"}});
  u.priority = Priority::kUrgent;
  const std::string urgent = confirmed_order(u);
  ok(eng->hold(old_regular, "check address", "ops"));  // held orders wait

  receive("TEA", "S", "10");
  const AllocationRun run = ok(eng->allocate_backorders("planner"));
  EXPECT_EQ(run.orders_examined, 3);
  ASSERT_EQ(run.reserved.size(), 3u);
  EXPECT_EQ(run.reserved[0].order_number, urgent);
  EXPECT_EQ(run.reserved[1].order_number, vip);
  EXPECT_EQ(run.reserved[2].order_number, new_regular);
  EXPECT_EQ(run.reserved[2].quantity, Decimal(2));  // what was left
  EXPECT_EQ(ok(eng->order(new_regular)).backordered(), Decimal(2));
  EXPECT_EQ(ok(eng->order(old_regular)).backordered(), Decimal(4));
  // A second run with no new stock reserves nothing.
  EXPECT_TRUE(ok(eng->allocate_backorders("planner")).reserved.empty());
}

TEST_P(AllocationTest, InactiveWarehousesAreNotAllocatedFrom) {
  receive("TEA", "E", "10");
  ok(eng->update_warehouse({{}, "E", "East DC", "east", false}, "ops"));
  EXPECT_FALSE(ok(eng->warehouses()).at(2).active);
  EXPECT_EQ(eng->update_warehouse({{}, "X", "X", "", true}, "ops").status().message(), "code 'X' not found");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  EXPECT_EQ(ok(eng->order(number)).backordered(), Decimal(2));
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(AllocationTest);

}  // namespace
}  // namespace oms::testing
