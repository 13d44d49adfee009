// Many threads on one engine: stock is never reserved beyond what is on hand, counts are exact,
// and a retried import never creates an order twice.
#include <algorithm>
#include <chrono>
#include <thread>

#include "build_speed.h"
#include "fixture.h"
#include "invariants.h"

namespace oms::testing {
namespace {

class ConcurrencyTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }
  static constexpr int kThreads = 8;
};

TEST_P(ConcurrencyTest, ConcurrentApprovalsNeverOversellAHotProduct) {
  receive("TEA", "N", "60");
  receive("TEA", "S", "40");
  constexpr int kOrdersPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) {
        const char* qty = (i % 3 == 0) ? "1" : (i % 3 == 1) ? "2" : "3";
        auto created = eng->create_order(order_for(t % 2 ? "ACME" : "BETA", {{"TEA", qty}}), "t" + std::to_string(t));
        if (!created.ok() || !eng->submit(created->order.number, "s").ok() ||
            !eng->approve(created->order.number, "boss").ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  // Demand: per thread 9 x 1 + 8 x 2 + 8 x 3 = 49; 8 threads = 392 against 100 on hand.
  Decimal reserved, backordered;
  for (const auto& o : ok(eng->list_orders({}))) {
    EXPECT_EQ(o.state, OrderState::kConfirmed);
    for (const auto& l : o.lines) reserved += l.reserved();
    backordered += o.backordered();
  }
  EXPECT_EQ(reserved, Decimal(100));
  EXPECT_EQ(backordered, Decimal(292));
  const StockReport s = stock("TEA");
  EXPECT_EQ(s.reserved, Decimal(100));
  EXPECT_TRUE(s.available.is_zero());
  expect_invariants(*eng);
}

TEST_P(ConcurrencyTest, ConcurrentShipmentsOfAHotProductNeverShipMoreThanOnHand) {
  receive("TEA", "N", "50");
  constexpr int kOrdersPerThread = 10;
  std::atomic<int> shipped_units{0};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) {
        auto created = eng->create_order(order_for(t % 2 ? "ACME" : "BETA", {{"TEA", "1"}}), "t");
        if (!created.ok() || !eng->submit(created->order.number, "s").ok() ||
            !eng->approve(created->order.number, "boss").ok()) {
          ++unexpected;
          continue;
        }
        ShipmentSpec sp;
        sp.warehouse = "N";
        sp.orders = {created->order.number};
        auto sh = eng->create_shipment(sp, "wh");
        if (!sh.ok()) {
          if (sh.status().code() != StatusCode::kInsufficientStock) ++unexpected;
          continue;
        }
        auto done = eng->ship_shipment(sh->number, "wh");
        if (done.ok()) {
          ++shipped_units;
          InvoiceSpec iv;
          iv.shipment = done->number;
          if (!eng->create_invoice(iv, "billing").ok()) ++unexpected;
        } else {
          ++unexpected;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(shipped_units.load(), 50);  // 80 orders of 1 against 50 on hand
  EXPECT_TRUE(stock("TEA").on_hand.is_zero());
  expect_invariants(*eng);
}

TEST_P(ConcurrencyTest, ThreadsOnDisjointProductsDoNotDisturbEachOther) {
  std::vector<std::string> skus;
  for (int t = 0; t < kThreads; ++t) {
    skus.push_back("P" + std::to_string(t));
    ok(eng->create_product(product(skus.back(), "pcs", "5.00", "2.00", "", "0"), "setup"));
    receive(skus.back(), t % 2 ? "N" : "S", "50");
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        auto created = eng->create_order(order_for("ACME", {{skus[t], "2"}}), "s");
        if (created.ok() && eng->submit(created->order.number, "s").ok()) (void)eng->approve(created->order.number, "b");
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& sku : skus) {
    EXPECT_EQ(stock(sku).reserved, Decimal(40)) << sku;
    EXPECT_EQ(stock(sku).available, Decimal(10)) << sku;
  }
  expect_invariants(*eng);
}

TEST_P(ConcurrencyTest, RetriedImportsFromManyThreadsCreateEachOrderOnce) {
  constexpr int kRefs = 30;
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRefs; ++i) {
        NewOrder o = order_for("ACME", {{"TEA", "1"}});
        o.external = {"shop", "ext-" + std::to_string(i)};
        auto r = eng->create_order(o, "sync");
        if (r.ok() && r->created) ++created;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), kRefs);
  EXPECT_EQ(ok(eng->list_orders({})).size(), static_cast<std::size_t>(kRefs));
}

TEST_P(ConcurrencyTest, ReadersSeeConsistentStockWhileWritersWork) {
  receive("TEA", "N", "50");
  std::atomic<bool> done{false};
  std::atomic<int> bad_reads{0};
  std::thread reader([&] {
    while (!done) {
      auto s = eng->stock("TEA");
      if (!s.ok() || s->available.is_negative() || s->on_hand != Decimal(50)) ++bad_reads;
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto created = eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s");
        if (created.ok() && eng->submit(created->order.number, "s").ok()) (void)eng->approve(created->order.number, "b");
      }
    });
  }
  for (auto& th : writers) th.join();
  done = true;
  reader.join();
  EXPECT_EQ(bad_reads.load(), 0);
  EXPECT_EQ(stock("TEA").reserved, Decimal(50));
}

// Readers that never pause must not keep a writer out. The in-memory adapter's first lock let
// readers in while a writer waited: among 3 reading threads an order took up to 0.3 s.
TEST_P(ConcurrencyTest, AWriterAmongReadersThatNeverPauseIsNotHeldUp) {
  receive("TEA", "N", "1000");
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (!done && std::chrono::steady_clock::now() < end) (void)eng->stock("TEA");
    });
  }
  std::chrono::steady_clock::duration longest{};
  for (int i = 0; i < 20; ++i) {
    const auto start = std::chrono::steady_clock::now();
    ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s"));
    longest = std::max(longest, std::chrono::steady_clock::now() - start);
  }
  done = true;
  for (auto& th : readers) th.join();
  EXPECT_LT(longest, std::chrono::milliseconds(50 * kSlowerBy))
      << std::chrono::duration<double, std::milli>(longest).count() << " ms for one order";
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(ConcurrencyTest);

}  // namespace
}  // namespace oms::testing
