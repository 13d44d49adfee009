// Every text an operation is given must be UTF-8: it is refused where it enters, as bad input
// naming its field, before anything is stored (src/text/text_check.h).
#include <gmock/gmock.h>

#include <functional>

#include "fixture.h"

namespace oms::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kGbk = "\xC1\xFA\xBE\xAE";  // 龙井 in GBK: not UTF-8

class TextInputTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "100");
  }

  // A confirmed order of 2 TEA for ACME and its shipment, created but not yet picked.
  std::string shipment_of_new_order() {
    const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
    ShipmentSpec s;
    s.orders = {number};
    return ok(eng->create_shipment(s, "clerk")).number;
  }

  // `call` must fail with kInvalidArgument naming `field`, and leave no trace: no event, so
  // nothing was written (every write journals one).
  void expect_refused(const std::function<Status()>& call, const std::string& field) {
    const auto before = ok(eng->events()).size();
    const Status s = call();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.to_string();
    EXPECT_EQ(s.field(), field) << s.to_string();
    EXPECT_THAT(s.message(), HasSubstr("is not valid UTF-8 text")) << s.to_string();
    EXPECT_EQ(ok(eng->events()).size(), before) << "something was stored";
  }
};

TEST_P(TextInputTest, AnOrderLineNoteThatIsNotUtf8IsRefusedNamingTheLineAndTheByte) {
  NewOrder o = order_for("ACME", {{"TEA", "1"}, {"TEA", "2"}});
  o.lines[1].note = std::string("gift wrap ") + kGbk;
  const auto orders_before = ok(eng->list_orders({})).size();
  const auto r = eng->create_order(o, "sales");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().to_string();
  EXPECT_EQ(r.status().field(), "lines[1].note");
  EXPECT_THAT(r.status().message(), HasSubstr("is not valid UTF-8 text (byte 0xC1 at offset 10)"));
  EXPECT_EQ(ok(eng->list_orders({})).size(), orders_before);
}

TEST_P(TextInputTest, OrderNotesAndTheNewCustomerWithTheOrderAreChecked) {
  NewOrder notes = order_for("ACME", {{"TEA", "1"}});
  notes.notes = kGbk;
  expect_refused([&] { return eng->create_order(notes, "sales").status(); }, "notes");

  NewOrder with_customer = order_for("", {{"TEA", "1"}});
  with_customer.new_customer = customer("NEW", "New Shop", "north", CustomerGrade::kPotential);
  with_customer.new_customer->addresses[0].line1 = kGbk;
  expect_refused([&] { return eng->create_order(with_customer, "sales").status(); }, "new_customer.addresses[0].line1");
  EXPECT_FALSE(eng->customer("NEW").ok());
}

TEST_P(TextInputTest, EachItemOfABatchIsNamedByItsIndex) {
  std::vector<Customer> customers = {customer("C1", "One", "north", CustomerGrade::kRegular),
                                     customer("C2", "Two", "north", CustomerGrade::kRegular)};
  customers[1].contacts.push_back({"Li", "buyer", "123", "li@example.com"});
  customers[1].contacts[0].name = kGbk;
  expect_refused([&] { return eng->create_customers(customers, "setup").status(); }, "customers[1].contacts[0].name");
  EXPECT_FALSE(eng->customer("C1").ok()) << "the first customer of the refused batch stayed";

  std::vector<NewOrder> orders = {order_for("ACME", {{"TEA", "1"}}), order_for("BETA", {{"TEA", "1"}})};
  orders[0].channel = kGbk;
  expect_refused([&] { return eng->create_orders(orders, "sales").status(); }, "orders[0].channel");
}

TEST_P(TextInputTest, UpdatesAreCheckedAndLeaveTheStoredValue) {
  Customer acme = ok(eng->customer("ACME"));
  acme.notes = kGbk;
  expect_refused([&] { return eng->update_customer(acme, "crm").status(); }, "notes");
  EXPECT_EQ(ok(eng->customer("ACME")).notes, "");

  Product tea = ok(eng->product("TEA"));
  tea.category = kGbk;
  expect_refused([&] { return eng->update_product(tea, "setup").status(); }, "category");

  Warehouse north = ok(eng->warehouses()).front();
  north.region = kGbk;
  expect_refused([&] { return eng->update_warehouse(north, "setup").status(); }, "region");
}

TEST_P(TextInputTest, ReasonsAndActorsAreChecked) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  expect_refused([&] { return eng->hold(number, kGbk, "ops").status(); }, "reason");
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
  expect_refused([&] { return eng->cancel(number, kGbk, "ops").status(); }, "reason");
  expect_refused([&] { return eng->resume(number, kGbk).status(); }, "actor");

  Amendment a;
  a.changes.push_back({1, "3"_d, std::nullopt, std::nullopt, false});
  a.reason = kGbk;
  expect_refused([&] { return eng->amend(number, a, "sales").status(); }, "reason");
  EXPECT_EQ(ok(eng->order(number)).lines[0].quantity, "2"_d);
}

TEST_P(TextInputTest, ActorIsCheckedInsideABatchToo) {
  const Status s = eng->batch([&](Engine& e) { return e.create_customer(customer("C1", "One", "north", CustomerGrade::kRegular), kGbk).status(); });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.to_string();
  EXPECT_EQ(s.field(), "actor");
  EXPECT_FALSE(eng->customer("C1").ok());
}

TEST_P(TextInputTest, ShipmentTextsAreChecked) {
  ShipmentSpec spec;
  spec.orders = {confirmed_order(order_for("ACME", {{"TEA", "1"}}))};
  spec.carrier = kGbk;
  expect_refused([&] { return eng->create_shipment(spec, "clerk").status(); }, "carrier");

  const std::string shipment = shipment_of_new_order();
  expect_refused([&] { return eng->set_carrier(shipment, "SF", kGbk, "clerk").status(); }, "tracking_number");
  expect_refused([&] { return eng->flag_exception(shipment, ExceptionKind::kDamaged, kGbk, "clerk").status(); }, "detail");
  expect_refused([&] { return eng->cancel_shipment(shipment, kGbk, "clerk").status(); }, "reason");
  ok(eng->ship_shipment(shipment, "clerk"));
  TrackingUpdate u;
  u.location = kGbk;
  expect_refused([&] { return eng->record_tracking(shipment, u, "carrier").status(); }, "location");
}

TEST_P(TextInputTest, StockAndBillingTextsAreChecked) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.supplier = kGbk;
  r.lines.push_back({"TEA", "", "5"_d, "6.00"_d, "", std::nullopt, {}});
  expect_refused([&] { return eng->receive(r, "clerk").status(); }, "supplier");
  EXPECT_EQ(stock("TEA").on_hand, "100"_d);

  const std::string shipment = shipment_of_new_order();
  ok(eng->ship_shipment(shipment, "clerk"));
  InvoiceSpec inv;
  inv.shipment = shipment;
  inv.note = kGbk;
  expect_refused([&] { return eng->create_invoice(inv, "billing").status(); }, "note");

  PaymentSpec pay;
  pay.customer_code = "ACME";
  pay.amount = "10.00"_d;
  pay.reference = kGbk;
  expect_refused([&] { return eng->record_payment(pay, "billing").status(); }, "reference");
}

TEST_P(TextInputTest, MalformedSequencesAreRefusedAndEveryWellFormedOneKept) {
  // Overlong '/', a UTF-16 surrogate, a sequence cut short, a stray continuation byte.
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\x80"}) {
    Customer c = customer("BAD", bad, "north", CustomerGrade::kRegular);
    expect_refused([&] { return eng->create_customer(c, "crm").status(); }, "name");
  }
  // One, two, three and four bytes: ASCII, é, 龙井, 🍵.
  const std::string good = "Tea \xC3\xA9 \xE9\xBE\x99\xE4\xBA\x95 \xF0\x9F\x8D\xB5";
  Customer c = customer("GOOD", good, "north", CustomerGrade::kRegular);
  ok(eng->create_customer(c, "crm"));
  EXPECT_EQ(ok(eng->customer("GOOD")).name, good);
}

TEST_P(TextInputTest, OptionsAreCheckedBeforeAnyStorageIsMade) {
  EngineOptions bad = options;
  bad.conflict_retries = -1;
  const Status s = Engine::check_options(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "conflict_retries");
  EXPECT_EQ(Engine::open(storage, bad).status(), s) << "open refuses what check_options refuses";
  EXPECT_TRUE(Engine::check_options(options).ok());
}

TEST_P(TextInputTest, EngineOptionsTextAndEveryNumberRuleAreChecked) {
  EngineOptions bad_prefix = options;
  bad_prefix.invoice_numbers.prefix = kGbk;
  const auto r = Engine::open(storage, bad_prefix);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().to_string();
  EXPECT_EQ(r.status().field(), "invoice_numbers.prefix");

  EngineOptions bad_width = options;
  bad_width.refund_numbers.sequence_width = 0;
  const auto w = Engine::open(storage, bad_width);
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument) << w.status().to_string();
  EXPECT_EQ(w.status().field(), "refund_numbers.sequence_width");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(TextInputTest);

}  // namespace
}  // namespace oms::testing
