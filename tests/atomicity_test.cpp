// Every operation is all or nothing: a storage failure injected at each write in turn, in the
// middle of multi-step operations, must leave no trace of the operation.
#include "fault_injection.h"
#include "fixture.h"
#include "storage_dump.h"

namespace oms::testing {
namespace {

class AtomicityTest : public WithFaults<EngineTest> {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    add_tea_three_plus_one();
    receive("TEA", "N", "6");
    receive("TEA", "S", "6");
    receive("RICE", "S", "10.5", "3.00");
  }

  std::string snapshot() { return dump_storage(*storage); }

  // Runs `op` with a failure at write 1, 2, 3, ... until it succeeds; after every failure the
  // observable state must be exactly what it was before.
  template <class Op>
  void expect_all_or_nothing(Op op) {
    const std::string before = snapshot();
    int failures = 0;
    for (int n = 1; n < 10000; ++n) {
      faulty->fail_at_write(n);
      const Status s = op();
      if (!faulty->fired()) {
        ASSERT_TRUE(s.ok()) << s.to_string();
        EXPECT_GT(failures, 3) << "the operation should take several writes";
        return;
      }
      ASSERT_EQ(s.code(), StatusCode::kStorage) << s.to_string();
      ASSERT_EQ(snapshot(), before) << "failure at write " << n << " left a trace";
      ++failures;
    }
    FAIL() << "never succeeded";
  }
};

TEST_P(AtomicityTest, ApprovalWithReservationsAcrossWarehouses) {
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "7"}, {"RICE", "2.5"}}), "s")).order.number;
  ok(eng->submit(number, "s"));
  expect_all_or_nothing([&] { return eng->approve(number, "boss").status(); });
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
}

TEST_P(AtomicityTest, ReceiptWithLotsAndSerials) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"MILK", "A-01", 5, "5.00"_d, "L-1", day(2027, 1, 1), {}});
  r.lines.push_back({"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-2"}});
  r.lines.push_back({"TEA", "", 3, "7.00"_d, "", std::nullopt, {}});
  expect_all_or_nothing([&] { return eng->receive(r, "clerk").status(); });
}

TEST_P(AtomicityTest, AmendmentThatRepricesAndReReserves) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "3"}, {"RICE", "1"}}));
  Amendment a;
  a.changes.push_back({1, Decimal(6), {}, {}, false});
  a.changes.push_back({2, {}, {}, {}, true});
  a.add.push_back({"RICE", "2.5"_d, {}, {}, false, {}});
  expect_all_or_nothing([&] { return eng->amend(number, a, "s").status(); });
  EXPECT_EQ(ok(eng->order(number)).revision, 1);
}

TEST_P(AtomicityTest, BatchIntakeWithANewCustomer) {
  std::vector<NewOrder> batch{order_for("ACME", {{"TEA", "1"}}), order_for("", {{"TEA", "4"}})};
  batch[1].new_customer = customer("NEW", "New Co", "north", CustomerGrade::kPotential);
  batch[1].external = {"web", "42"};
  expect_all_or_nothing([&] { return eng->create_orders(batch, "import").status(); });
}

TEST_P(AtomicityTest, StocktakeThatTakesReservationsBack) {
  confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  confirmed_order(order_for("BETA", {{"TEA", "5"}}));
  StocktakeSpec st;
  st.warehouse = "N";
  st.lines.push_back({"TEA", "", "", 1, {}, "water damage"});
  expect_all_or_nothing([&] { return eng->stocktake(st, "auditor").status(); });
}

TEST_P(AtomicityTest, CancelAndBackorderAllocation) {
  const std::string big = confirmed_order(order_for("ACME", {{"TEA", "12"}}));
  const std::string waiting = confirmed_order(order_for("BETA", {{"TEA", "4"}, {"RICE", "1"}}));
  expect_all_or_nothing([&] { return eng->cancel(big, "duplicate", "s").status(); });
  expect_all_or_nothing([&] { return eng->allocate_backorders("planner").status(); });
  EXPECT_TRUE(ok(eng->order(waiting)).backordered().is_zero());
}

TEST_P(AtomicityTest, RegradingAllCustomers) {
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  options.grading.vip_min_orders = 2;  // ACME regular -> VIP, BETA VIP -> potential
  reopen();
  expect_all_or_nothing([&] { return eng->regrade_customers("crm").status(); });
}

TEST_P(AtomicityTest, MergedShipmentCreationAndGoodsIssue) {
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const std::string b = confirmed_order(order_for("ACME", {{"TEA", "3"}}));
  ShipmentSpec spec;
  spec.warehouse = "N";
  spec.orders = {a, b};
  expect_all_or_nothing([&] { return eng->create_shipment(spec, "wh").status(); });
  const std::string number = ok(eng->order_shipments(a)).at(0).number;
  expect_all_or_nothing([&] { return eng->ship_shipment(number, "wh").status(); });
  EXPECT_EQ(ok(eng->order(b)).state, OrderState::kShipped);
}

TEST_P(AtomicityTest, InvoicePaymentReturnWithRefundAndCancellation) {
  const std::string so = confirmed_order(order_for("BETA", {{"TEA", "4"}}));
  ShipmentSpec spec;
  spec.orders = {so};
  const std::string sh = ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh")).number;
  InvoiceSpec iv;
  iv.orders = {so};
  expect_all_or_nothing([&] { return eng->create_invoice(iv, "billing").status(); });
  PaymentSpec p;
  p.customer_code = "BETA";
  p.amount = "50.00"_d;
  expect_all_or_nothing([&] { return eng->record_payment(p, "cashier").status(); });
  ReturnSpec r;
  r.shipment = sh;
  r.settlement = ReturnSettlement::kRefund;
  r.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "A-01", {}, "dented"});
  expect_all_or_nothing([&] { return eng->receive_return(r, "wh").status(); });
  const std::string invoice = ok(eng->customer_invoices("BETA")).at(0).number;
  expect_all_or_nothing([&] { return eng->cancel_invoice(invoice, "re-bill", "billing").status(); });
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(AtomicityTest);

}  // namespace
}  // namespace oms::testing
