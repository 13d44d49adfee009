// Reports as tables and their CSV and xlsx export (include/oms/table.h). The xlsx files are read
// back cell by cell by tests/python/test_export.py (openpyxl); here: the table shapes, CSV bytes,
// the sheet names and the refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture.h"
#include "oms/table.h"
#include "zip_entry.h"

namespace oms::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> names(const Table& t) {
  std::vector<std::string> out;
  for (const Column& c : t.columns) out.push_back(c.name);
  return out;
}

LineSummary summary(std::string key, const char* net) {
  LineSummary s;
  s.key = std::move(key);
  s.currency = currency("CNY");
  s.net = s.cost = s.margin = s.open_amount = s.overdue_amount = cny(net);
  s.orders = 2;
  s.ordered = "1.5"_d;
  s.first_order = day(2026, 11, 23);
  return s;
}

TEST(TableTest, AReportTableHasTheWireNamesAndTypedCells) {
  const Table t = line_summary_table({summary("ACME", "12.50")}, "Sales");
  EXPECT_THAT(names(t), ElementsAre("key", "name", "currency", "orders", "lines", "ordered", "shipped", "returned",
                                    "closed", "open", "net", "cost", "margin", "margin_percent", "open_amount",
                                    "overdue", "overdue_amount", "first_order", "last_order", "unshipped", "kept"));
  EXPECT_EQ(t.columns[3].kind, ColumnKind::kInteger);
  EXPECT_EQ(t.columns[10].kind, ColumnKind::kDecimal);
  EXPECT_EQ(t.columns[17].kind, ColumnKind::kDate);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(std::get<Decimal>(t.rows[0][10]).to_string(), "12.50");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][18]));  // no last order
}

TEST(TableTest, CsvKeepsDecimalsExactAndQuotesWhatNeedsIt) {
  Table t = line_summary_table({summary("西湖, \"茶\" 社", "1234567890123456789.25")}, "Sales");
  const std::string csv = to_csv(t);
  EXPECT_THAT(csv, StartsWith("key,name,currency,orders,"));
  EXPECT_THAT(csv, HasSubstr("\r\n\"西湖, \"\"茶\"\" 社\",,CNY,2,0,1.5,"));
  EXPECT_THAT(csv, HasSubstr(",1234567890123456789.25,"));  // every digit, unlike a double
  EXPECT_THAT(csv, HasSubstr(",2026-11-23,,1.5,0\r\n"));  // no last order; unshipped 1.5, kept 0
  EXPECT_THAT(to_csv(t, {true}), StartsWith("\xEF\xBB\xBFkey,"));
}

TEST(TableTest, TheStatementTableOpensAndClosesWithTheBalances) {
  Statement s;
  s.customer_code = "ACME";
  s.currency = currency("CNY");
  s.from = day(2026, 11, 1);
  s.to = day(2026, 11, 30);
  s.opening = cny("100.00");
  s.closing = cny("50.00");
  StatementItem payment;
  payment.date = day(2026, 11, 5);
  payment.kind = StatementItemKind::kPayment;
  payment.number = "PAY-1";
  payment.debit = cny("0.00");
  payment.credit = cny("50.00");
  payment.balance = cny("50.00");
  s.items.push_back(payment);
  const Table t = statement_table(s);
  EXPECT_EQ(t.title, "Statement ACME");
  EXPECT_THAT(names(t), ElementsAre("date", "kind", "number", "description", "due_date", "debit", "credit", "balance",
                                    "currency"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(std::get<std::string>(t.rows[0][3]), "opening balance");
  EXPECT_EQ(std::get<Decimal>(t.rows[0][7]), "100.00"_d);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][5])) << "the opening row has no debit";
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][6])) << "nor a credit";
  EXPECT_EQ(std::get<std::string>(t.rows[1][1]), "payment");
  EXPECT_EQ(std::get<std::string>(t.rows[2][3]), "closing balance");
  EXPECT_EQ(std::get<Decimal>(t.rows[2][7]), "50.00"_d);
  EXPECT_EQ(std::get<std::string>(t.rows[2][8]), "CNY");
}

class ExportFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("oms-export-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};

TEST_F(ExportFileTest, CsvAndXlsxFilesAreWrittenWhole) {
  const Table t = line_summary_table({summary("ACME", "12.50")}, "Sales");
  ok(write_csv(t, (dir / "sales.csv").string()));
  std::ifstream in(dir / "sales.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), to_csv(t));
  const std::vector<Table> sheets{t, line_summary_table({}, "Empty")};
  ok(write_xlsx(sheets, (dir / "report.xlsx").string()));
  EXPECT_GT(std::filesystem::file_size(dir / "report.xlsx"), 1000u);
  EXPECT_FALSE(std::filesystem::exists(dir / "report.xlsx.tmp"));
}

TEST_F(ExportFileTest, AWorkbookNeedsSheetsWithDifferentNames) {
  const Table t = line_summary_table({}, "Sales");
  EXPECT_EQ(write_xlsx({}, (dir / "x.xlsx").string()).code(), StatusCode::kInvalidArgument);
  const std::vector<Table> twice{t, t};
  const Status s = write_xlsx(twice, (dir / "x.xlsx").string());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "title");
  EXPECT_FALSE(std::filesystem::exists(dir / "x.xlsx"));
}

TEST_F(ExportFileTest, AnUnwritablePathIsAStorageErrorAndLeavesNothing) {
  const Table t = line_summary_table({}, "Sales");
  const std::string missing = (dir / "no-such-dir" / "x").string();
  EXPECT_EQ(write_csv(t, missing + ".csv").code(), StatusCode::kStorage);
  const std::vector<Table> one{t};
  EXPECT_EQ(write_xlsx(one, missing + ".xlsx").code(), StatusCode::kStorage);
}

// Excel refuses a sheet name with [ ] : * ? / or backslash, or longer than 31 characters: those
// become _ and the name is cut at 31 characters (not bytes: a Chinese title keeps whole ones).
TEST_F(ExportFileTest, SheetNamesAreMadeValidForExcel) {
  std::string chinese;
  for (int i = 0; i < 10; ++i) chinese += "\u9500\u552e\u62a5\u8868";  // 销售报表, 40 characters
  const std::vector<Table> sheets{line_summary_table({}, "Sales: 2026/11 [draft]? and a title far too long for Excel"),
                                  line_summary_table({}, chinese)};
  ok(write_xlsx(sheets, (dir / "x.xlsx").string()));
  const std::optional<std::string> workbook = zip_entry((dir / "x.xlsx").string(), "xl/workbook.xml");
  ASSERT_TRUE(workbook.has_value());
  EXPECT_THAT(*workbook, ::testing::HasSubstr("<sheet name=\"Sales_ 2026_11 _draft__ and a t\""));
  EXPECT_THAT(*workbook, ::testing::HasSubstr("<sheet name=\"" + chinese.substr(0, 31 * 3) + "\""));
}

}  // namespace
}  // namespace oms::testing
