// Property tests: random sequences of operations (many of them refused) never break the ledger
// and order invariants of tests/invariants.h.
#include <random>

#include "fixture.h"
#include "invariants.h"

namespace oms::testing {
namespace {

class InvariantsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    add_tea_three_plus_one();
  }

  void random_step(std::mt19937& rng) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    static const char* kSkus[] = {"TEA", "RICE"};
    static const char* kWarehouses[] = {"N", "S"};
    static const char* kCustomers[] = {"ACME", "BETA", "GAMMA"};
    const std::string sku = kSkus[pick(2)];
    const std::string wh = kWarehouses[pick(2)];
    auto qty = [&] { return sku == "RICE" ? Decimal::from_mantissa(pick(5000) - 200, 3) : Decimal(pick(12) - 1); };
    auto some_order = [&]() -> std::string {
      if (numbers_.empty()) return "none";
      return numbers_[static_cast<std::size_t>(pick(static_cast<int>(numbers_.size())))];
    };
    switch (pick(12)) {
      case 0:
      case 1: {
        ReceiptSpec r;
        r.warehouse = wh;
        r.lines.push_back({sku, pick(2) ? "" : "A-01", qty(), Decimal::from_mantissa(100 + pick(900), 2), "", std::nullopt, {}});
        (void)eng->receive(r, "clerk");
        break;
      }
      case 2:
        (void)eng->transfer({sku, wh, "", kWarehouses[pick(2)], pick(2) ? "A-01" : "", qty(), "", {}, "", ""}, "clerk");
        break;
      case 3: {
        StocktakeSpec st;
        st.warehouse = wh;
        st.lines.push_back({sku, pick(2) ? "" : "A-01", "", qty(), {}, "count"});
        (void)eng->stocktake(st, "auditor");
        break;
      }
      case 4:
      case 5: {
        NewOrder o = order_for(kCustomers[pick(3)], {});
        const int lines = 1 + pick(3);
        for (int i = 0; i < lines; ++i) {
          const std::string s = kSkus[pick(2)];
          o.lines.push_back({s, s == "RICE" ? Decimal::from_mantissa(1 + pick(4000), 3) : Decimal(1 + pick(8)), {}, {}, false, {}});
        }
        o.priority = static_cast<Priority>(pick(4));
        if (auto r = eng->create_order(o, "sales"); r.ok()) numbers_.push_back(r->order.number);
        break;
      }
      case 6: (void)eng->submit(some_order(), "sales"); break;
      case 7: (void)eng->approve(some_order(), "boss"); break;
      case 8: {
        Amendment a;
        a.changes.push_back({1 + pick(3), Decimal(pick(10)), {}, {}, pick(5) == 0});
        if (pick(2)) a.add.push_back({sku, sku == "RICE" ? "1.5"_d : Decimal(2), {}, {}, false, {}});
        (void)eng->amend(some_order(), a, "sales");
        break;
      }
      case 9: (void)(pick(2) ? eng->cancel(some_order(), "random", "s") : eng->short_close(some_order(), "random", "s")); break;
      case 10: (void)(pick(2) ? eng->hold(some_order(), "random", "s") : eng->resume(some_order(), "s")); break;
      case 11: (void)eng->allocate_backorders("planner"); break;
    }
    clock->advance(std::chrono::minutes(7));
  }

  std::vector<std::string> numbers_;
};

TEST_P(InvariantsTest, RandomOperationSequencesKeepTheLedgerAndOrdersConsistent) {
  for (unsigned seed : {1u, 2u, 3u}) {
    std::mt19937 rng(seed);
    for (int step = 0; step < 400; ++step) {
      random_step(rng);
      if (step % 20 == 19) {
        expect_invariants(*eng);
        if (HasFailure()) FAIL() << "seed " << seed << " step " << step;
      }
    }
  }
  expect_invariants(*eng);
  // The sequences did real work, not only refusals.
  OrderQuery confirmed;
  confirmed.states = {OrderState::kConfirmed};
  EXPECT_FALSE(ok(eng->list_orders(confirmed)).empty());
  EXPECT_GT(ok(eng->moves("TEA")).size(), 20u);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(InvariantsTest);

}  // namespace
}  // namespace oms::testing
