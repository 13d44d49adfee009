// CSV import (include/oms/import.h) on every storage adapter: the column layouts, exact
// decimals and Chinese text, row-level issues, all-or-nothing against good rows, and re-runs
// that import nothing twice. Also the engine's batch operations the importer stands on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fixture.h"
#include "invariants.h"
#include "oms/import.h"
#include "oms/json_text.h"

namespace oms::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class ImportTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }

  ImportResult import(ImportKind kind, std::string_view csv, ImportMode mode = ImportMode::kAllOrNothing) {
    ImportOptions import_options;
    import_options.mode = mode;
    import_options.batch_size = 2;  // several units of work even in small files
    return ok(import_csv(*eng, kind, csv, import_options, "importer"));
  }

  std::size_t order_count() { return ok(eng->list_orders({})).size(); }
};

// An issue as "row/column/value: reason" for readable expectations.
std::string describe(const ImportIssue& i) {
  return std::to_string(i.row) + "/" + i.column + "/" + i.value + ": " + i.reason;
}
std::vector<std::string> describe(const ImportResult& r) {
  std::vector<std::string> out;
  for (const auto& i : r.issues) out.push_back(describe(i));
  return out;
}

TEST_P(ImportTest, ProductsImportWithExactPricesAndChineseNames) {
  const auto r = import(ImportKind::kProducts,
                        "\xEF\xBB\xBFsku,name,unit,category,barcodes,list_price,standard_cost,tax_class,"
                        "low_stock_threshold,tracking\r\n"
                        "LJ-250,\"龙井 250g, 特级\",pcs,茶/绿茶,6901234567892; 12345,88.123456789012345678,"
                        "41.5,VAT13,12,lot\r\n"
                        "PU-357,普洱 357g,pcs,茶/黑茶,,120,60,,,\r\n");
  EXPECT_THAT(describe(r), ElementsAre());
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.rows, 2);
  EXPECT_EQ(r.created, 2);
  const Product p = ok(eng->product("LJ-250"));
  EXPECT_EQ(p.name, "龙井 250g, 特级");
  EXPECT_EQ(p.category, "茶/绿茶");
  EXPECT_THAT(p.barcodes, ElementsAre("6901234567892", "12345"));
  EXPECT_EQ(p.list_price.amount().to_string(), "88.123456789012345678");  // every digit, as written
  EXPECT_EQ(p.list_price.currency().code(), "CNY");
  EXPECT_EQ(p.standard_cost.amount().to_string(), "41.5");
  EXPECT_EQ(p.tracking, Tracking::kLot);
  EXPECT_EQ(p.low_stock_threshold, 12_d);
  EXPECT_EQ(ok(eng->product("PU-357")).tracking, Tracking::kNone);
}

TEST_P(ImportTest, EveryBadCellIsReportedWithRowColumnValueAndReason) {
  const auto r = import(ImportKind::kProducts,
                        "sku,name,list_price,tracking,active\n"
                        "A1,ok,1.00,none,true\n"
                        "A2,bad price,1.234.5,none,true\n"
                        ",no sku,1,none,yes\n"
                        "A3,bad enum and flag,1,batch,maybe\n");
  EXPECT_THAT(describe(r),
              ElementsAre("3/list_price/1.234.5: is not a decimal number (use . for the decimal point, no thousands "
                          "separators)",
                          "4/sku/: is required", "5/tracking/batch: is not one of none, lot, serial",
                          "5/active/maybe: is not true or false"));
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.records, 4);
  EXPECT_EQ(r.rejected, 4);  // all or nothing: the good row is not imported either
  EXPECT_EQ(r.created, 0);
  EXPECT_EQ(eng->product("A1").status().code(), StatusCode::kNotFound);
}

TEST_P(ImportTest, GoodRowsModeImportsTheGoodRowsAndReportsTheOthers) {
  const auto r = import(ImportKind::kProducts,
                        "sku,name,unit,list_price\n"
                        "A1,one,pcs,1\n"
                        "A2,two,crates,2\n"  // the engine refuses: no such unit
                        "A3,three,pcs,x\n"   // the importer refuses
                        "A4,four,pcs,4\n"
                        "A5,five,pcs,5\n",
                        ImportMode::kGoodRows);
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].row, 3);
  EXPECT_EQ(r.issues[0].column, "unit");
  EXPECT_EQ(r.issues[0].value, "crates");
  EXPECT_EQ(r.issues[0].code, StatusCode::kNotFound);
  EXPECT_THAT(r.issues[0].reason, StartsWith("unit 'crates'"));  // the engine's words, without "products[1]: "
  EXPECT_EQ(r.issues[1].row, 4);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.created, 3);
  EXPECT_EQ(r.rejected, 2);
  for (const char* sku : {"A1", "A4", "A5"}) EXPECT_TRUE(eng->product(sku).ok()) << sku;
  EXPECT_FALSE(eng->product("A2").ok());
}

TEST_P(ImportTest, AllOrNothingWritesNothingWhenTheEngineRefusesOneRecord) {
  const auto r = import(ImportKind::kProducts,
                        "sku,name,unit\n"
                        "A1,one,pcs\n"
                        "A2,two,pcs\n"
                        "A3,three,crates\n");
  ASSERT_THAT(describe(r), ElementsAre(HasSubstr("4/unit/crates: ")));
  EXPECT_FALSE(r.committed);
  EXPECT_FALSE(eng->product("A1").ok());
  EXPECT_FALSE(eng->product("A2").ok());
}

TEST_P(ImportTest, ARepeatedKeyInTheFileIsAnIssueAndNeitherRowIsImported) {
  const auto r = import(ImportKind::kProducts, "sku,name\nA1,one\nA2,two\nA1,again\n", ImportMode::kGoodRows);
  EXPECT_THAT(describe(r), ElementsAre("4/sku/A1: repeats row 2: neither row is imported"));
  EXPECT_EQ(r.created, 1);
  EXPECT_FALSE(eng->product("A1").ok());
}

TEST_P(ImportTest, TheHeaderMustNameKnownColumnsAndTheRequiredOnes) {
  const auto r = import(ImportKind::kCustomers, "code,nmae,code\nC1,x,y\n", ImportMode::kGoodRows);
  EXPECT_THAT(describe(r), ElementsAre(HasSubstr("1/nmae/nmae: is not a column of customers (columns: code, name,"),
                                       "1/code/code: appears twice in the header",
                                       "1/name/: required column is missing"));
  EXPECT_EQ(r.created, 0);
  EXPECT_EQ(r.rows, 0);
}

TEST_P(ImportTest, TextThatIsNotUtf8IsRefusedNotStoredGarbled) {
  // "龙井" in GBK.
  const auto r = import(ImportKind::kProducts, "sku,name\nLJ,\xC1\xFA\xBE\xAE\n");
  EXPECT_THAT(describe(r), ElementsAre("2/name/: is not valid UTF-8 text (save the file as UTF-8, not GBK or Latin-1)"));
  EXPECT_FALSE(eng->product("LJ").ok());
}

// Found by the CSV fuzz target: a bad cell's issue quoted the cell's bytes as they were.
TEST_P(ImportTest, AnIssueQuotesACellThatIsNotUtf8AsUtf8) {
  const auto r = import(ImportKind::kReceipts, "number,warehouse,sku,quantity,unit_cost\nR1,N,TEA,2,5\xAE" "50\n");
  ASSERT_FALSE(r.issues.empty());
  for (const auto& issue : r.issues) {
    EXPECT_TRUE(valid_utf8(issue.column) && valid_utf8(issue.value) && valid_utf8(issue.reason)) << issue.value;
  }
  EXPECT_THAT(describe(r), Contains(HasSubstr("5\\xAE50")));
}

TEST_P(ImportTest, AnUnclosedQuoteIsReportedAtTheRowWhereItOpens) {
  const auto r = import(ImportKind::kProducts, "sku,name\nA1,one\nA2,\"two\nA3,three\n");
  EXPECT_THAT(describe(r), ElementsAre("3//: a quoted field opened in this row is never closed"));
  EXPECT_FALSE(r.committed);
}

TEST_P(ImportTest, CustomersImportWithContactAddressCreditLimitAndGrade) {
  const auto r = import(ImportKind::kCustomers,
                        "code,name,grade,credit_limit,currency,payment_terms_days,contact_name,contact_phone,"
                        "address,city,address_region,birthday\n"
                        "C-100,西湖茶社,vip,50000.00,CNY,45,王芳,13800000000,湖滨路 1 号,杭州,east,1980-02-29\n");
  EXPECT_THAT(describe(r), ElementsAre());
  const Customer c = ok(eng->customer("C-100"));
  EXPECT_EQ(c.name, "西湖茶社");
  EXPECT_EQ(c.grade, CustomerGrade::kVip);
  ASSERT_TRUE(c.credit_limit);
  EXPECT_EQ(c.credit_limit->amount().to_string(), "50000.00");
  EXPECT_EQ(c.payment_terms_days, 45);
  ASSERT_EQ(c.contacts.size(), 1u);
  EXPECT_EQ(c.contacts[0].phone, "13800000000");
  ASSERT_EQ(c.addresses.size(), 1u);
  EXPECT_EQ(c.addresses[0].city, "杭州");
  EXPECT_EQ(c.addresses[0].region, "east");
  EXPECT_EQ(c.birthday, day(1980, 2, 29));
}

TEST_P(ImportTest, ReceiptsGroupRowsByNumberAndAReRunReceivesNothingTwice) {
  const std::string csv =
      "number,warehouse,date,supplier,sku,quantity,unit_cost,location,lot_number,expiry\n"
      "RC-A,N,2026-11-20,茶厂,TEA,10,6.00,A-01,,\n"
      "RC-A,N,,,MILK,5,5.00,,L1,2027-01-31\n"
      "RC-B,S,2026-11-21,,TEA,3,6.60,,,\n";
  const auto first = import(ImportKind::kReceipts, csv);
  EXPECT_THAT(describe(first), ElementsAre());
  EXPECT_EQ(first.records, 2);
  EXPECT_EQ(first.created, 2);
  const Receipt a = ok(eng->receipt("RC-A"));
  EXPECT_EQ(a.lines.size(), 2u);
  EXPECT_EQ(a.supplier, "茶厂");
  EXPECT_EQ(stock("TEA").on_hand, 13_d);
  expect_invariants(*eng);

  const auto again = import(ImportKind::kReceipts, csv);
  EXPECT_THAT(describe(again), ElementsAre());
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.existing, 2);
  EXPECT_EQ(stock("TEA").on_hand, 13_d);
}

TEST_P(ImportTest, ADocumentsRowMayNotContradictItsFirstRow) {
  const auto r = import(ImportKind::kReceipts,
                        "number,warehouse,sku,quantity,unit_cost\n"
                        "RC-A,N,TEA,1,6\n"
                        "RC-A,S,RICE,1,3\n");
  EXPECT_THAT(describe(r), ElementsAre("3/warehouse/S: differs from row 2 ('N') of the same document"));
  EXPECT_FALSE(eng->receipt("RC-A").ok());
}

constexpr std::string_view kOrders =
    "source,external_id,customer_code,customer_name,order_date,requested_delivery,priority,notes,customer_reference,"
    "sku,quantity,unit_price,discount_percent,gift,line_note\n"
    "shop,T-1,ACME,,2026-11-22,2026-11-30,high,请周五前送到,PO-881,TEA,3,,,,\n"
    "shop,T-1,,,,,,,,RICE,2.5,4.40,10,,\n"
    "shop,T-2,NEW-1,新客户,2026-11-22,,,,,TEA,1,,,true,赠品\n";

TEST_P(ImportTest, OrdersGroupLinesByExternalIdAndCreateNewCustomers) {
  const auto r = import(ImportKind::kOrders, kOrders);
  EXPECT_THAT(describe(r), ElementsAre());
  EXPECT_EQ(r.rows, 3);
  EXPECT_EQ(r.records, 2);
  EXPECT_EQ(r.created, 2);
  const auto orders = ok(eng->list_orders({}));
  ASSERT_EQ(orders.size(), 2u);
  const Order& t1 = orders[0].external.id == "T-1" ? orders[0] : orders[1];
  EXPECT_EQ(t1.external.source, "shop");
  EXPECT_EQ(t1.priority, Priority::kHigh);
  EXPECT_EQ(t1.notes, "请周五前送到");
  EXPECT_EQ(t1.customer_reference, "PO-881");
  EXPECT_EQ(t1.order_date, day(2026, 11, 22));
  ASSERT_EQ(t1.lines.size(), 2u);
  EXPECT_EQ(t1.lines[1].quantity, "2.5"_d);
  EXPECT_EQ(t1.lines[1].unit_price.amount(), "4.40"_d);
  EXPECT_EQ(t1.lines[1].discount, Discount::percent(10_d));
  EXPECT_EQ(ok(eng->customer("NEW-1")).name, "新客户");
  expect_invariants(*eng);
}

TEST_P(ImportTest, ImportingTheSameOrdersTwiceCreatesNothingTheSecondTime) {
  ASSERT_EQ(import(ImportKind::kOrders, kOrders).created, 2);
  const auto again = import(ImportKind::kOrders, kOrders, ImportMode::kGoodRows);
  EXPECT_THAT(describe(again), ElementsAre());
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.existing, 2);
  EXPECT_EQ(order_count(), 2u);
}

TEST_P(ImportTest, AnOrderLineTheEngineRefusesIsReportedAtItsOwnRow) {
  const auto r = import(ImportKind::kOrders,
                        "external_id,customer_code,sku,quantity\n"
                        "T-1,ACME,TEA,1\n"
                        "T-2,ACME,TEA,1\n"
                        "T-2,ACME,NOPE,2\n"
                        "T-3,ACME,RICE,1\n",
                        ImportMode::kGoodRows);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].row, 4);
  EXPECT_EQ(r.issues[0].column, "sku");
  EXPECT_EQ(r.issues[0].value, "NOPE");
  EXPECT_EQ(r.issues[0].code, StatusCode::kNotFound);
  EXPECT_EQ(r.created, 2);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(order_count(), 2u);  // T-1 and T-3; none of T-2
}

TEST_P(ImportTest, ProgressIsReportedAfterEveryUnitOfWork) {
  std::vector<std::size_t> seen;
  ImportOptions import_options;
  import_options.mode = ImportMode::kGoodRows;
  import_options.batch_size = 2;
  import_options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 5u);
    seen.push_back(done);
  };
  ok(import_csv(*eng, ImportKind::kProducts, "sku\nA\nB\nC\nD\nE\n", import_options, "importer"));
  EXPECT_THAT(seen, ElementsAre(2u, 4u, 5u));
}

TEST_P(ImportTest, AMissingFileIsNotFoundNamingThePath) {
  const auto r = import_csv_file(*eng, ImportKind::kOrders, "/nonexistent/orders.csv", {}, "importer");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("/nonexistent/orders.csv"));
}

TEST_P(ImportTest, BatchOperationsAreAllOrNothingAndNameTheFailingIndex) {
  std::vector<Customer> customers = {customer("X1", "One", "north", CustomerGrade::kRegular),
                                     customer("ACME", "Taken", "north", CustomerGrade::kRegular)};
  const auto r = eng->create_customers(customers, "setup");
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(r.status().field(), "customers[1].code");
  EXPECT_FALSE(eng->customer("X1").ok());

  std::vector<ReceiptSpec> receipts(2);
  receipts[0].warehouse = receipts[1].warehouse = "N";
  receipts[0].lines.push_back({"TEA", "", 5_d, 6_d, "", std::nullopt, {}});
  receipts[1].lines.push_back({"TEA", "", -1_d, 6_d, "", std::nullopt, {}});
  const auto rr = eng->receive_batch(receipts, "clerk");
  EXPECT_EQ(rr.status().field(), "receipts[1].lines[0].quantity");
  EXPECT_EQ(stock("TEA").on_hand, 0_d);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(ImportTest);

TEST(ImportColumns, DocsImportMdListsEveryColumnOfEveryKind) {
  std::ifstream in(std::string(OMS_SOURCE_DIR) + "/docs/IMPORT.md");
  ASSERT_TRUE(in) << "docs/IMPORT.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (int k = 0; k < kImportKindCount; ++k) {
    const auto kind = static_cast<ImportKind>(k);
    const auto section = doc.find("### " + std::string(to_string(kind)) + "\n");
    ASSERT_NE(section, std::string::npos) << to_string(kind);
    const auto end = doc.find("\n### ", section + 1);
    const std::string text = doc.substr(section, end == std::string::npos ? std::string::npos : end - section);
    for (const ImportColumn& c : import_columns(kind)) {
      EXPECT_THAT(text, HasSubstr("| `" + std::string(c.name) + "` | " + (c.required ? "**required**" : "")))
          << to_string(kind) << "." << c.name;
    }
  }
}

}  // namespace
}  // namespace oms::testing
