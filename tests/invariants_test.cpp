// Property tests: random sequences of operations (many of them refused) never break the ledger,
// order and settlement invariants of tests/invariants.h.
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
    auto some = [&](const std::vector<std::string>& v) -> std::string {
      return v.empty() ? "none" : v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
    };
    switch (pick(20)) {
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
      case 12:
      case 13: {  // a shipment of one or two orders, whole or one line partly, maybe shipped at once
        ShipmentSpec sp;
        sp.warehouse = pick(3) ? "" : wh;
        sp.orders.push_back(some_order());
        if (pick(3) == 0) sp.orders.push_back(some_order());
        if (pick(2)) {
          sp.orders.clear();
          sp.lines.push_back({some_order(), 1 + pick(2), pick(2) ? std::optional(qty()) : std::nullopt, {}, {}});
        }
        sp.reserved_only = pick(2) == 0;
        sp.allow_mixed_destinations = pick(4) == 0;
        if (auto r = eng->create_shipment(sp, "wh"); r.ok()) {
          shipments_.push_back(r->number);
          if (pick(3)) (void)eng->ship_shipment(r->number, "wh");
        }
        break;
      }
      case 14:
        switch (pick(4)) {
          case 0: (void)eng->ship_shipment(some(shipments_), "wh"); break;
          case 1: (void)eng->cancel_shipment(some(shipments_), "random", "wh"); break;
          case 2: (void)eng->deliver_shipment(some(shipments_), "driver"); break;
          default: (void)eng->record_tracking(some(shipments_), {std::nullopt, static_cast<TrackingStatus>(pick(8)), "", "", ""}, "carrier");
        }
        break;
      case 15: {  // invoices: whole orders, per shipment or an instalment
        InvoiceSpec iv;
        switch (pick(3)) {
          case 0: iv.orders = {some_order()}; break;
          case 1: iv.shipment = some(shipments_); break;
          default:
            iv.orders = {some_order()};
            if (pick(2)) iv.percent = Decimal(1 + pick(60)); else iv.amount = Decimal::from_mantissa(1 + pick(5000), 2);
        }
        iv.issue = pick(5) != 0;
        if (auto r = eng->create_invoice(iv, "billing"); r.ok()) invoices_.push_back(r->number);
        break;
      }
      case 16: {
        PaymentSpec p;
        p.customer_code = kCustomers[pick(3)];
        p.amount = Decimal::from_mantissa(1 + pick(20000), 2);
        p.auto_apply = pick(4) != 0;
        if (auto r = eng->record_payment(p, "cashier"); r.ok()) credits_.push_back(r->number);
        break;
      }
      case 17:
        switch (pick(4)) {
          case 0: if (auto r = eng->cancel_invoice(some(invoices_), "random", "billing"); r.ok()) credits_.push_back(r->number); break;
          case 1: (void)eng->issue_invoice(some(invoices_), "billing"); break;
          case 2: (void)eng->discard_invoice(some(invoices_), "billing"); break;
          default: (void)eng->apply_credit({some(credits_), {}}, "cashier");
        }
        break;
      case 18: {
        RefundSpec rf;
        rf.source = some(credits_);
        rf.amount = Decimal::from_mantissa(1 + pick(3000), 2);
        (void)eng->refund(rf, "cashier");
        break;
      }
      case 19: {
        ReturnSpec rt;
        rt.shipment = some(shipments_);
        rt.lines.push_back({1 + pick(2), pick(2) ? Decimal(1 + pick(3)) : "0.5"_d,
                            pick(3) ? ReturnDisposition::kRestock : ReturnDisposition::kScrap, pick(2) ? "" : "A-01", {}, ""});
        rt.settlement = static_cast<ReturnSettlement>(pick(3));
        if (auto r = eng->receive_return(rt, "wh"); r.ok()) {
          ++returns_;
          if (!r->credit_note_number.empty()) credits_.push_back(r->credit_note_number);
        }
        break;
      }
    }
    clock->advance(std::chrono::minutes(7));
  }

  std::vector<std::string> numbers_;
  std::vector<std::string> shipments_;
  std::vector<std::string> invoices_;
  std::vector<std::string> credits_;  // payments and credit notes
  int returns_ = 0;
};

TEST_P(InvariantsTest, RandomOperationSequencesKeepTheLedgerAndOrdersConsistent) {
  for (unsigned seed : {1u, 2u, 3u}) {
    std::mt19937 rng(seed);
    for (int step = 0; step < 600; ++step) {
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
  OrderQuery shipped;
  shipped.states = {OrderState::kShipped, OrderState::kPartiallyShipped, OrderState::kDelivered};
  EXPECT_FALSE(ok(eng->list_orders(shipped)).empty());
  EXPECT_GT(invoices_.size(), 5u);
  EXPECT_GT(credits_.size(), 5u);
  EXPECT_GT(returns_, 2);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(InvariantsTest);

}  // namespace
}  // namespace oms::testing
