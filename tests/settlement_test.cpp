// Invoices (policy limits, merged and split), payments, credit notes, refunds, statements,
// receivables ageing and the document flow. Every test runs on every storage adapter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixture.h"
#include "invariants.h"

namespace oms::testing {
namespace {

using ::testing::HasSubstr;

class SettlementTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "100", "6.00");
    receive("RICE", "N", "100", "3.00");
  }

  std::string ship_all(const std::string& order) {
    ShipmentSpec s;
    s.warehouse = "N";
    s.orders = {order};
    return ok(eng->ship_shipment(ok(eng->create_shipment(s, "wh")).number, "wh")).number;
  }
  std::string ship_part(const std::string& order, int line_no, const char* qty) {
    ShipmentSpec s;
    s.warehouse = "N";
    s.lines.push_back({order, line_no, Decimal::from_string(qty), {}, {}});
    return ok(eng->ship_shipment(ok(eng->create_shipment(s, "wh")).number, "wh")).number;
  }
  Invoice invoice_orders(std::initializer_list<std::string> orders, std::optional<Date> date = std::nullopt) {
    InvoiceSpec spec;
    spec.orders = orders;
    spec.date = date;
    return ok(eng->create_invoice(spec, "billing"));
  }
  static InvoiceSpec orders_spec(std::vector<std::string> orders) {
    InvoiceSpec s;
    s.orders = std::move(orders);
    return s;
  }
  Payment pay(const std::string& customer, const char* amount, std::optional<Date> date = std::nullopt) {
    PaymentSpec p;
    p.customer_code = customer;
    p.amount = Decimal::from_string(amount);
    p.date = date;
    p.method = "bank transfer";
    return ok(eng->record_payment(p, "cashier"));
  }
};

// TEA 10.00 + 13 % VAT: 11.30 per piece.

TEST_P(SettlementTest, OnShippedPolicyBillsOnlyWhatShippedAndSaysHowMuchIsLeft) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "10"}}));
  EXPECT_EQ(eng->create_invoice(orders_spec({so}), "billing").status().code(), StatusCode::kFailedPrecondition);
  ship_part(so, 1, "4");
  const Invoice v = invoice_orders({so});
  EXPECT_EQ(v.total, cny("45.20"));
  EXPECT_EQ(v.state, InvoiceState::kIssued);
  EXPECT_EQ(v.due_date, day(2026, 12, 23));  // 30 days' terms
  InvoiceSpec more;
  more.orders = {so};
  more.amount = "0.01"_d;
  auto r = eng->create_invoice(more, "billing");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("can be invoiced for at most 0.00 CNY more (limit 45.20 CNY on on_shipped"));
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.invoiced, cny("45.20"));
  EXPECT_EQ(o.invoice_progress(), Progress::kPartial);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, OnOrderedPolicyBillsTheWholeOrderBeforeShipment) {
  NewOrder spec = order_for("ACME", {{"TEA", "10"}});
  spec.invoice_policy = InvoicePolicy::kOnOrdered;
  const std::string so = confirmed_order(spec);
  const Invoice v = invoice_orders({so});
  EXPECT_EQ(v.total, cny("113.00"));
  EXPECT_EQ(ok(eng->order(so)).invoice_progress(), Progress::kFull);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, InstalmentsByPercentAndAmountThenTheRestNeverExceedTheOrder) {
  NewOrder spec = order_for("ACME", {{"TEA", "10"}});
  spec.invoice_policy = InvoicePolicy::kOnOrdered;
  const std::string so = confirmed_order(spec);
  InvoiceSpec deposit;
  deposit.orders = {so};
  deposit.percent = "30"_d;
  const Invoice first = ok(eng->create_invoice(deposit, "billing"));
  EXPECT_EQ(first.total, cny("33.90"));
  EXPECT_EQ(first.tax, cny("3.90"));  // 33.90 x 13.00 / 113.00
  InvoiceSpec second;
  second.orders = {so};
  second.amount = "50.00"_d;
  ok(eng->create_invoice(second, "billing"));
  const Invoice rest = invoice_orders({so});
  EXPECT_EQ(rest.total, cny("29.10"));
  ASSERT_EQ(rest.lines.size(), 1u);
  EXPECT_EQ(rest.lines[0].order_line_no, 0);  // billed as the final instalment
  second.amount = "0.01"_d;
  EXPECT_EQ(eng->create_invoice(second, "billing").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ok(eng->order(so)).invoiced, cny("113.00"));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, PartialInvoicesOfALineAddUpToTheLineExactly) {
  NewOrder spec = order_for("ACME", {{"TEA", "3"}});
  spec.lines[0].unit_price = "3.33"_d;  // 9.99 net, 1.30 tax (per line), 11.29 total
  const std::string so = confirmed_order(spec);
  Money total = cny("0");
  Money tax = cny("0");
  std::vector<Money> parts;
  for (int i = 0; i < 3; ++i) {
    ship_part(so, 1, "1");
    const Invoice v = invoice_orders({so});
    parts.push_back(v.total);
    total += v.total;
    tax += v.tax;
  }
  EXPECT_EQ(parts, (std::vector<Money>{cny("3.76"), cny("3.77"), cny("3.76")}));  // docs/ROUNDING.md
  const Order o = ok(eng->order(so));
  EXPECT_EQ(total, o.totals.total);
  EXPECT_EQ(tax, o.totals.tax);
  EXPECT_EQ(o.invoiced, o.totals.total);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, OneInvoiceForSeveralOrdersOfOneCustomerAndPerShipment) {
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  const std::string b = confirmed_order(order_for("ACME", {{"RICE", "2"}}));
  const std::string c = confirmed_order(order_for("BETA", {{"TEA", "1"}}));
  ship_all(a);
  ship_all(b);
  const std::string sc = ship_all(c);
  const Invoice v = invoice_orders({a, b});
  ASSERT_EQ(v.orders.size(), 2u);
  EXPECT_EQ(v.total, cny("20.30"));  // 11.30 + 9.00 (rice has no tax)
  EXPECT_TRUE(ok(eng->document_flow({DocumentKind::kInvoice, v.number})).merged());
  auto r = eng->create_invoice(orders_spec({a, c}), "billing");
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  InvoiceSpec per_shipment;
  per_shipment.shipment = sc;
  const Invoice vs = ok(eng->create_invoice(per_shipment, "billing"));
  EXPECT_EQ(vs.lines[0].shipment_number, sc);
  EXPECT_EQ(eng->create_invoice(per_shipment, "billing").status().code(), StatusCode::kFailedPrecondition);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, PaymentsGoToTheOldestDueInvoiceFirstAndTheRestStaysAsCredit) {
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "2"}}));  // 22.60
  const std::string b = confirmed_order(order_for("ACME", {{"TEA", "1"}}));  // 11.30
  ship_all(a);
  ship_all(b);
  const Invoice vb = invoice_orders({b}, day(2026, 11, 1));
  const Invoice va = invoice_orders({a}, day(2026, 11, 20));
  const Payment p = pay("ACME", "30.00");
  ASSERT_EQ(p.applications.size(), 2u);
  EXPECT_EQ(p.applications[0].invoice_number, vb.number);  // older due date first
  EXPECT_EQ(p.applications[0].amount, cny("11.30"));
  EXPECT_EQ(p.applications[1].amount, cny("18.70"));
  EXPECT_EQ(ok(eng->invoice(vb.number)).state, InvoiceState::kPaid);
  EXPECT_EQ(ok(eng->invoice(va.number)).state, InvoiceState::kPartiallyPaid);
  EXPECT_EQ(ok(eng->order(b)).payment_progress(), Progress::kFull);
  EXPECT_EQ(ok(eng->order(a)).paid, cny("18.70"));
  const Payment over = pay("ACME", "10.00");
  EXPECT_EQ(over.unapplied(), cny("6.10"));
  EXPECT_EQ(ok(eng->customer_credit("ACME", "CNY")), cny("6.10"));
  EXPECT_EQ(ok(eng->credit_exposure("ACME", "CNY")), cny("0.00"));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, ExplicitApplicationsAreCheckedAgainstWhatIsOpen) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  ship_all(so);
  const Invoice v = invoice_orders({so});
  PaymentSpec p;
  p.customer_code = "ACME";
  p.amount = "20.00"_d;
  p.applications = {{v.number, "12.00"_d}};
  auto r = eng->record_payment(p, "cashier");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("exceeds the 11.30 CNY open on invoice"));
  EXPECT_EQ(r.status().field(), "applications[0].amount");
  p.applications = {{v.number, "5.00"_d}};
  const Payment ok_payment = ok(eng->record_payment(p, "cashier"));
  EXPECT_EQ(ok_payment.unapplied(), cny("15.00"));
  const auto apps = ok(eng->apply_credit({ok_payment.number, {}}, "cashier"));
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].amount, cny("6.30"));
  EXPECT_EQ(ok(eng->payment(ok_payment.number)).unapplied(), cny("8.70"));
  p.amount = "1.001"_d;
  p.applications.clear();
  EXPECT_EQ(eng->record_payment(p, "cashier").status().code(), StatusCode::kInvalidArgument);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, RefundsPayBackUnappliedCreditOnly) {
  const Payment p = pay("BETA", "50.00");
  RefundSpec r;
  r.source = p.number;
  r.amount = "60.00"_d;
  auto refused = eng->refund(r, "cashier");
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("exceeds the 50.00 CNY unapplied"));
  r.amount = "20.00"_d;
  const Refund done = ok(eng->refund(r, "cashier"));
  EXPECT_EQ(done.amount, cny("20.00"));
  EXPECT_EQ(ok(eng->customer_credit("BETA", "CNY")), cny("30.00"));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, CancellingAnInvoiceIssuesACreditNoteAndTurnsItsPaymentsIntoCredit) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  ship_all(so);
  const Invoice v = invoice_orders({so});
  const Payment p = pay("ACME", "10.00");
  const CreditNote cn = ok(eng->cancel_invoice(v.number, "wrong address on invoice", "billing"));
  EXPECT_EQ(cn.kind, CreditNoteKind::kCancellation);
  EXPECT_EQ(cn.total, cny("22.60"));
  EXPECT_EQ(ok(eng->invoice(v.number)).state, InvoiceState::kCancelled);
  EXPECT_EQ(ok(eng->payment(p.number)).unapplied(), cny("10.00"));
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.invoiced, cny("0.00"));
  EXPECT_EQ(o.paid, cny("0.00"));
  EXPECT_EQ(o.lines[0].invoiced, 0_d);
  const Invoice again = invoice_orders({so});  // can be billed again
  EXPECT_EQ(again.total, cny("22.60"));
  EXPECT_EQ(eng->cancel_invoice(v.number, "twice", "billing").status().code(), StatusCode::kFailedPrecondition);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, DraftInvoicesHoldTheirQuantityUntilIssuedOrDiscarded) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  ship_all(so);
  InvoiceSpec spec;
  spec.orders = {so};
  spec.issue = false;
  const Invoice draft = ok(eng->create_invoice(spec, "billing"));
  EXPECT_EQ(draft.state, InvoiceState::kDraft);
  EXPECT_EQ(eng->create_invoice(orders_spec({so}), "billing").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(ok(eng->receivables_ageing("CNY")).rows.empty());  // drafts are not owed
  ok(eng->discard_invoice(draft.number, "billing"));
  const Invoice real = invoice_orders({so});
  EXPECT_EQ(eng->discard_invoice(real.number, "billing").status().code(), StatusCode::kFailedPrecondition);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, AStatementListsEveryItemWithRunningAndClosingBalance) {
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const std::string b = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  ship_all(a);
  ship_all(b);
  invoice_orders({a}, day(2026, 10, 15));                      // 22.60, before the period
  pay("ACME", "10.00", day(2026, 10, 20));                     // before the period
  const Invoice vb = invoice_orders({b}, day(2026, 11, 5));    // 11.30
  const Payment p = pay("ACME", "30.00", day(2026, 11, 10));   // 12.60 to a, 11.30 to b, 6.10 credit
  RefundSpec r;
  r.source = p.number;
  r.amount = "6.10"_d;
  r.date = day(2026, 11, 12);
  ok(eng->refund(r, "cashier"));
  const Statement st = ok(eng->statement("ACME", "CNY", day(2026, 11, 1), day(2026, 11, 30)));
  EXPECT_EQ(st.opening, cny("12.60"));
  ASSERT_EQ(st.items.size(), 3u);
  EXPECT_EQ(st.items[0].number, vb.number);
  EXPECT_EQ(st.items[0].balance, cny("23.90"));
  EXPECT_EQ(st.items[1].kind, StatementItemKind::kPayment);
  EXPECT_EQ(st.items[1].balance, cny("-6.10"));
  EXPECT_EQ(st.items[2].kind, StatementItemKind::kRefund);
  EXPECT_EQ(st.closing, cny("0.00"));
  EXPECT_EQ(st.closing, st.opening + st.invoiced - st.paid - st.credited + st.refunded);
  expect_invariants(*eng);
}

TEST_P(SettlementTest, AgeingPutsOpenAmountsInBucketsByDaysPastDue) {
  std::vector<std::string> orders;
  for (int i = 0; i < 5; ++i) {
    orders.push_back(confirmed_order(order_for("ACME", {{"TEA", "1"}})));
    ship_all(orders.back());
  }
  const Date as_of = day(2026, 11, 23);
  auto bill = [&](int i, Date due) {
    InvoiceSpec s;
    s.orders = {orders[static_cast<std::size_t>(i)]};
    s.date = day(2026, 1, 1);
    s.due_date = due;
    ok(eng->create_invoice(s, "billing"));
  };
  bill(0, day(2026, 11, 30));  // current
  bill(1, day(2026, 11, 13));  // 10 days
  bill(2, day(2026, 10, 14));  // 40 days
  bill(3, day(2026, 9, 4));    // 80 days
  bill(4, day(2026, 6, 1));    // 175 days
  PaymentSpec p;
  p.customer_code = "ACME";
  p.amount = "5.00"_d;
  p.auto_apply = false;
  ok(eng->record_payment(p, "cashier"));
  const AgeingReport report = ok(eng->receivables_ageing("CNY", as_of));
  ASSERT_EQ(report.rows.size(), 1u);
  const AgeingRow& row = report.rows[0];
  EXPECT_EQ(row.current, cny("11.30"));
  EXPECT_EQ(row.days_1_30, cny("11.30"));
  EXPECT_EQ(row.days_31_60, cny("11.30"));
  EXPECT_EQ(row.days_61_90, cny("11.30"));
  EXPECT_EQ(row.over_90, cny("11.30"));
  EXPECT_EQ(row.unapplied_credit, cny("5.00"));
  EXPECT_EQ(row.total, cny("51.50"));
  EXPECT_EQ(report.total.total, cny("51.50"));
  // Open receivables count in the credit exposure.
  EXPECT_EQ(ok(eng->credit_exposure("ACME", "CNY")), cny("56.50"));
}

TEST_P(SettlementTest, AReturnOfInvoicedGoodsIsCreditedAgainstTheOpenInvoice) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const std::string sh = ship_all(so);
  const Invoice v = invoice_orders({so});  // 45.20
  ReturnSpec r;
  r.shipment = sh;
  r.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "", {}, "broken seal"});
  const CustomerReturn ret = ok(eng->receive_return(r, "wh"));
  EXPECT_EQ(ret.credited, cny("11.30"));
  const CreditNote cn = ok(eng->credit_note(ret.credit_note_number));
  EXPECT_EQ(cn.kind, CreditNoteKind::kReturn);
  EXPECT_EQ(cn.unapplied(), cny("0.00"));
  EXPECT_EQ(ok(eng->invoice(v.number)).open(), cny("33.90"));
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.invoiced, cny("33.90"));
  EXPECT_EQ(o.lines[0].invoiced, 3_d);
  const DocumentFlow flow = ok(eng->document_flow({DocumentKind::kOrder, so}));
  auto has = [&](DocumentKind k) {
    return std::any_of(flow.downstream.begin(), flow.downstream.end(), [&](const DocumentLink& l) { return l.to.kind == k; });
  };
  EXPECT_TRUE(has(DocumentKind::kShipment));
  EXPECT_TRUE(has(DocumentKind::kInvoice));
  EXPECT_TRUE(has(DocumentKind::kReturn));
  EXPECT_TRUE(has(DocumentKind::kCreditNote));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, AReturnAgainstAnOrderWithADraftInvoiceWaitsForTheDraftToBeSettled) {
  const std::string so = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const std::string sh = ship_all(so);
  InvoiceSpec draft;
  draft.orders = {so};
  draft.issue = false;
  const Invoice v = ok(eng->create_invoice(draft, "billing"));
  ReturnSpec r;
  r.shipment = sh;
  r.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "", {}, ""});
  auto refused = eng->receive_return(r, "wh");
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("draft invoice '" + v.number + "'"));
  ok(eng->issue_invoice(v.number, "billing"));
  EXPECT_EQ(ok(eng->receive_return(r, "wh")).credited, cny("11.30"));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, NoOperationLeavesAnOrderInvoicedBeyondWhatItMayBill) {
  NewOrder spec = order_for("ACME", {{"TEA", "4"}});
  spec.invoice_policy = InvoicePolicy::kOnOrdered;
  const std::string so = confirmed_order(spec);
  InvoiceSpec half;
  half.orders = {so};
  half.percent = "75"_d;  // 33.90 of 45.20
  ok(eng->create_invoice(half, "billing"));
  ship_part(so, 1, "2");
  auto closed = eng->short_close(so, "customer needs no more", "cs");  // would leave 22.60 billable
  ASSERT_EQ(closed.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(closed.status().message(), HasSubstr("would stay invoiced 33.90 CNY, beyond the 22.60 CNY"));
  Amendment smaller;
  smaller.changes.push_back({1, 2_d, {}, {}, false});
  EXPECT_EQ(eng->amend(so, smaller, "sales").status().code(), StatusCode::kFailedPrecondition);
  ReturnSpec r;
  r.shipment = ok(eng->order_shipments(so)).at(0).number;
  r.settlement = ReturnSettlement::kNone;
  r.lines.push_back({1, 2_d, ReturnDisposition::kRestock, "", {}, ""});
  auto uncredited = eng->receive_return(r, "wh");
  ASSERT_EQ(uncredited.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(uncredited.status().field(), "settlement");
  r.settlement = ReturnSettlement::kCreditNote;
  EXPECT_EQ(ok(eng->receive_return(r, "wh")).credited, cny("11.30"));  // 33.90 invoiced, 22.60 billable now
  expect_invariants(*eng);
}

TEST_P(SettlementTest, AReturnOfPaidGoodsCanBeRefundedAtOnce) {
  const std::string so = confirmed_order(order_for("BETA", {{"TEA", "2"}}));
  const std::string sh = ship_all(so);
  invoice_orders({so});
  pay("BETA", "22.60");
  ReturnSpec r;
  r.shipment = sh;
  r.settlement = ReturnSettlement::kRefund;
  r.refund_method = "bank transfer";
  r.lines.push_back({1, 2_d, ReturnDisposition::kRestock, "", {}, ""});
  const CustomerReturn ret = ok(eng->receive_return(r, "wh"));
  ASSERT_EQ(ret.refund_numbers.size(), 1u);
  EXPECT_EQ(ok(eng->refund_document(ret.refund_numbers[0])).amount, cny("22.60"));
  const Order o = ok(eng->order(so));
  EXPECT_EQ(o.paid, cny("0.00"));  // the payment now stands as credit, refunded
  EXPECT_EQ(o.invoiced, cny("0.00"));
  EXPECT_EQ(ok(eng->credit_exposure("BETA", "CNY")), cny("0.00"));
  EXPECT_EQ(ok(eng->customer_credit("BETA", "CNY")), cny("0.00"));
  const Statement st = ok(eng->statement("BETA", "CNY", day(2026, 1, 1), day(2026, 12, 31)));
  EXPECT_EQ(st.closing, cny("0.00"));
  expect_invariants(*eng);
}

TEST_P(SettlementTest, ThePaymentFlowLeadsBackToTheOrdersItSettled) {
  const std::string a = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  const std::string b = confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  ship_all(a);
  ship_all(b);
  invoice_orders({a, b});
  const Payment p = pay("ACME", "22.60");
  const DocumentFlow flow = ok(eng->document_flow({DocumentKind::kPayment, p.number}));
  std::set<std::string> orders;
  for (const auto& l : flow.upstream) {
    if (l.from.kind == DocumentKind::kOrder) orders.insert(l.from.number);
  }
  EXPECT_EQ(orders, (std::set<std::string>{a, b}));
  EXPECT_EQ(eng->document_flow({DocumentKind::kInvoice, "NOPE"}).status().code(), StatusCode::kNotFound);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(SettlementTest);

}  // namespace
}  // namespace oms::testing
