// What integrations send at the edge of the engine: keys with control characters or only spaces,
// quantities finer than their unit, values that are not UTF-8 or are very long. Each is refused
// as bad input naming its field, stores nothing, and is quoted in a message that is UTF-8.
#include <gmock/gmock.h>

#include <functional>

#include "fixture.h"
#include "oms/json_text.h"
#include "storage_dump.h"

namespace oms::testing {
namespace {

using ::testing::HasSubstr;

class EntryPointTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "100");
  }

  // The property of every refused call: `call` fails with `code` naming `field`, its message is
  // UTF-8 and names the field, and the whole state (every entity the schema lists, and the
  // journal) is as it was.
  void expect_refused(const std::function<Status()>& call, const std::string& field,
                      StatusCode code = StatusCode::kInvalidArgument) {
    const std::string before = dump_storage(*storage);
    const Status s = call();
    EXPECT_EQ(s.code(), code) << s.to_string();
    EXPECT_EQ(s.field(), field) << s.to_string();
    EXPECT_TRUE(valid_utf8(s.message()) && valid_utf8(s.field())) << s.message();
    // The member at fault, without its indexes: "serials" of "lines[0].serials[1]".
    std::string leaf = field.substr(0, field.find('[', field.find_last_of('.') == std::string::npos ? 0 : field.find_last_of('.')));
    leaf = leaf.substr(leaf.find_last_of('.') == std::string::npos ? 0 : leaf.find_last_of('.') + 1);
    ASSERT_FALSE(leaf.empty()) << field;
    EXPECT_THAT(s.message(), HasSubstr(leaf)) << "the message names the field";
    EXPECT_EQ(dump_storage(*storage), before) << "the refused call left a trace: " << s.to_string();
  }

  std::string confirmed_tea_order(const char* quantity) { return confirmed_order(order_for("ACME", {{"TEA", quantity}})); }
};

TEST_P(EntryPointTest, AKeyWithAControlCharacterIsRefusedAndNamedVisibly) {
  const std::string with_nul("AC\0ME", 5);
  Customer c = customer(with_nul, "Nul Trading", "north", CustomerGrade::kRegular);
  expect_refused([&] { return eng->create_customer(c, "crm").status(); }, "code");
  const Status s = eng->create_customer(c, "crm").status();
  EXPECT_THAT(s.message(), HasSubstr("code 'AC\\x00ME' contains a control character (U+0000 at offset 2)"));

  for (const char* bad : {"T\tEA2", "TEA\n", "T\x1F", "T\x7F", "T\xC2\x85"}) {  // tab, newline, US, DEL, NEL (C1)
    Product p = product(bad, "pcs", "1.00", "0.50", "", "0");
    expect_refused([&] { return eng->create_product(p, "cat").status(); }, "sku");
  }
}

TEST_P(EntryPointTest, ABlankKeyOrOneWithSpacesAtItsEndsIsRefused) {
  // ASCII spaces, a no-break space, an ideographic space (what a Chinese input method types).
  for (const char* bad : {" ", "   ", "\xC2\xA0", "\xE3\x80\x80", " W1", "W1 ", "W1\xE3\x80\x80"}) {
    expect_refused([&] { return eng->create_warehouse({{}, bad, "Blank", "north"}, "setup").status(); }, "code");
  }
  ok(eng->create_warehouse({{}, "W 1", "Inner spaces are fine", "north"}, "setup"));
}

TEST_P(EntryPointTest, KeysInsideDocumentsAndListsAreCheckedWhereTheyAre) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.number = "R\r1";
  r.lines.push_back({"TEA", "", 1, Decimal::from_string("6.00"), "", std::nullopt, {}});
  expect_refused([&] { return eng->receive(r, "clerk").status(); }, "number");

  ReceiptSpec phones;
  phones.warehouse = "N";
  phones.lines.push_back({"PHONE", "", 2, Decimal::from_string("1500.00"), "", std::nullopt, {"SN-1", "SN\x01" "2"}});
  expect_refused([&] { return eng->receive(phones, "clerk").status(); }, "lines[0].serials[1]");

  Product p = product("CUP", "pcs", "5.00", "2.00", "", "0");
  p.barcodes = {"6901234567892", " "};
  expect_refused([&] { return eng->create_product(p, "cat").status(); }, "barcodes[1]");

  NewOrder o = order_for("ACME", {{"TEA", "1"}});
  o.external = ExternalRef{"shop", "\x1B[31m"};
  expect_refused([&] { return eng->create_order(o, "sales").status(); }, "external.id");
}

TEST_P(EntryPointTest, FreeTextMayHoldSpacesAndLineBreaksButKeysMayNot) {
  Customer c = customer("ZED", "  Zed\tand\nCo  ", "north", CustomerGrade::kRegular);
  c.notes = "line one\nline two";
  EXPECT_EQ(ok(eng->create_customer(c, "crm")).name, "  Zed\tand\nCo  ");

  // A carrier's event reports where the parcel is as the carrier writes it: free text.
  ShipmentSpec s;
  s.orders = {confirmed_tea_order("1")};
  const Shipment shipment = ok(eng->create_shipment(s, "wh"));
  ok(eng->ship_shipment(shipment.number, "wh"));
  TrackingUpdate update;
  update.status = TrackingStatus::kInTransit;
  update.location = "Shanghai hub\n ";
  EXPECT_EQ(ok(eng->record_tracking(shipment.number, update, "carrier")).tracking.back().location, "Shanghai hub\n ");
}

TEST_P(EntryPointTest, AShipmentOfAFractionOfAWholePieceIsRefusedAndStockStaysCountable) {
  const std::string number = confirmed_tea_order("2");
  ShipmentSpec s;
  s.lines.push_back({number, 1, Decimal::from_string("1.5"), {}, {}});
  expect_refused([&] { return eng->create_shipment(s, "wh").status(); }, "lines[0].quantity");
  EXPECT_THAT(eng->create_shipment(s, "wh").status().message(),
              HasSubstr("quantity '1.5' is finer than unit 'pcs' allows (0 decimal places)"));
  EXPECT_EQ(stock("TEA").on_hand, Decimal(100));
  EXPECT_EQ(stock("TEA").reserved, Decimal(2));

  s.lines[0].quantity = Decimal::from_string("1.0");  // the same value as a whole number: fine
  EXPECT_EQ(ok(eng->create_shipment(s, "wh")).lines.at(0).quantity, Decimal(1));
}

TEST_P(EntryPointTest, EveryOtherQuantityOfAnInputIsCheckedAgainstItsUnit) {
  // A quote.
  expect_refused([&] { return eng->quote_price("ACME", "TEA", Decimal::from_string("0.5"), "CNY").status(); },
                 "quantity");
  EXPECT_EQ(ok(eng->quote_price("ACME", "RICE", Decimal::from_string("0.125"), "CNY")).unit_price.amount(),
            Decimal::from_string("4.50"));

  // A lot chosen by hand.
  ReceiptSpec milk;
  milk.warehouse = "N";
  milk.lines.push_back({"MILK", "", 10, Decimal::from_string("5.00"), "L1", std::nullopt, {}});
  ok(eng->receive(milk, "clerk"));
  const std::string number = confirmed_order(order_for("ACME", {{"MILK", "2"}}));
  ShipmentSpec s;
  s.lines.push_back({number, 1, Decimal(2), {{"L1", "", Decimal::from_string("0.5")}, {"L1", "", Decimal::from_string("1.5")}}, {}});
  expect_refused([&] { return eng->create_shipment(s, "wh").status(); }, "lines[0].lots[0].quantity");

  // An amendment.
  Amendment a;
  a.changes.push_back({1, Decimal::from_string("2.25"), std::nullopt, std::nullopt, false});
  a.reason = "more";
  expect_refused([&] { return eng->amend(number, a, "sales").status(); }, "changes[0].quantity");
}

TEST_P(EntryPointTest, ALookupOfBytesThatAreNotUtf8IsAnsweredInUtf8) {
  const Status s = eng->customer("\xC1\xFA\xBE\xAE").status();
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_TRUE(valid_utf8(s.message())) << s.message();
  EXPECT_THAT(s.message(), HasSubstr("'\\xC1\\xFA\\xBE\\xAE' not found"));
  EXPECT_TRUE(valid_utf8(s.to_string()));
}

TEST_P(EntryPointTest, AVeryLongValueIsQuotedByItsBeginningAndItsLength) {
  const std::string long_sku(100000, 'X');
  const Status s = eng->product(long_sku).status();
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_LT(s.message().size(), 250u) << s.message();
  EXPECT_THAT(s.message(), HasSubstr("... (100000 bytes)"));
}

// One refused call of each kind of write, in the middle of a lifecycle: each leaves everything
// as it was and says what was wrong in UTF-8, naming the field.
TEST_P(EntryPointTest, EveryKindOfRefusedWriteLeavesTheWholeStateAsItWas) {
  const std::string order = confirmed_tea_order("3");
  const std::string unshipped = confirmed_tea_order("2");
  ShipmentSpec ship;
  ship.orders = {order};
  const Shipment shipment = ok(eng->create_shipment(ship, "wh"));
  ok(eng->ship_shipment(shipment.number, "wh"));
  InvoiceSpec inv;
  inv.orders = {order};
  const Invoice invoice = ok(eng->create_invoice(inv, "ar"));

  const std::pair<std::string, std::function<Status()>> refusals[] = {
      {"sku", [&] { return eng->create_product(product("", "pcs", "1.00", "0.50", "", "0"), "cat").status(); }},
      {"unit", [&] { return eng->create_product(product("NEW", "p\tcs", "1.00", "0.50", "", "0"), "cat").status(); }},
      {"code", [&] { return eng->define_unit({"\x7F", "bad", 0}, "cat"); }},
      {"rate", [&] { return eng->define_tax_class({"VAT0", "none", "-0.01"_d}, "cat"); }},
      {"code", [&] { return eng->create_customer(customer("\xC2\xA0", "nbsp", "north", CustomerGrade::kRegular), "crm").status(); }},
      {"lines[0].quantity", [&] {
         ReceiptSpec r;
         r.warehouse = "N";
         r.lines.push_back({"TEA", "", Decimal::from_string("0.5"), "6.00"_d, "", std::nullopt, {}});
         return eng->receive(r, "clerk").status();
       }},
      {"quantity", [&] {
         TransferSpec t{"TEA", "N", "", "S", "", Decimal::from_string("1.25"), "", {}, "", ""};
         return eng->transfer(t, "clerk").status();
       }},
      {"lines[0].counted", [&] {
         StocktakeSpec st;
         st.warehouse = "N";
         st.lines.push_back({"TEA", "", "", Decimal::from_string("96.5"), {}, "count"});
         return eng->stocktake(st, "clerk").status();
       }},
      {"number", [&] {
         NewOrder o = order_for("ACME", {{"TEA", "1"}});
         o.number = std::string("SO\0" "1", 4);
         return eng->create_order(o, "sales").status();
       }},
      {"changes[0].quantity", [&] {
         Amendment a;
         a.changes.push_back({1, Decimal::from_string("3.5"), std::nullopt, std::nullopt, false});
         return eng->amend(unshipped, a, "sales").status();
       }},
      {"number", [&] {
         ShipmentSpec s;
         s.orders = {order};
         s.number = " SH-9";
         return eng->create_shipment(s, "wh").status();
       }},
      {"lines[0].quantity", [&] {
         ReturnSpec r;
         r.shipment = shipment.number;
         r.lines.push_back({1, Decimal::from_string("0.5"), ReturnDisposition::kRestock, "", {}, "broken"});
         return eng->receive_return(r, "wh").status();
       }},
      {"orders[0]", [&] {
         InvoiceSpec i;
         i.orders = {order + "\n"};
         return eng->create_invoice(i, "ar").status();
       }},
      {"customer_code", [&] {
         PaymentSpec p;
         p.customer_code = "\tACME";
         p.amount = "10.00"_d;
         return eng->record_payment(p, "ar").status();
       }},
      {"source", [&] {
         RefundSpec r;
         r.source = "PAY\x1B";
         r.amount = "1.00"_d;
         return eng->refund(r, "ar").status();
       }},
  };
  for (const auto& [field, call] : refusals) {
    SCOPED_TRACE(field);
    expect_refused(call, field);
  }
  EXPECT_EQ(ok(eng->invoice(invoice.number)).state, InvoiceState::kIssued);
}

TEST(StatusMessage, IsUtf8WhateverBytesItWasMadeOf) {
  const Status cut = Status::InvalidArgument("name", std::string(119, 'a') + "\xE9\xBE\x99" + "tail", "is odd");
  EXPECT_TRUE(valid_utf8(cut.message())) << cut.message();  // the cut falls inside 龙: it is left out whole
  EXPECT_THAT(cut.message(), HasSubstr(std::string(119, 'a') + "... (126 bytes)"));

  const Status raw(StatusCode::kFailedPrecondition, "order '\xFF\xFE' is odd", "order\x80");
  EXPECT_EQ(raw.message(), "order '\\xFF\\xFE' is odd");
  EXPECT_EQ(raw.field(), "order\\x80");

  const Status kept = Status::NotFound("customer_code", "\xE9\xBE\x99\xE4\xBA\x95");  // 龙井 is shown as it is
  EXPECT_EQ(kept.message(), "customer_code '\xE9\xBE\x99\xE4\xBA\x95' not found");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(EntryPointTest);

}  // namespace
}  // namespace oms::testing
