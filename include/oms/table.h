// Reports as tables, and their export to CSV and Excel (统计报表和对帐单自动生成EXCEL).
//
// A Table is typed columns and rows of cells. The report functions return their own value types
// (LineSummary, Statement, ...); *_table() turns them into a Table with one column per figure,
// named as in the C ABI and Python. Money becomes its amount (a decimal at the currency's scale)
// beside a currency column.
//
// CSV (RFC 4180): UTF-8, a header row, comma-separated, fields quoted when they hold a comma,
// quote or line break; decimals written exactly as the engine holds them ("12.50"), dates ISO
// ("2026-11-23"), booleans true/false. Optionally a byte-order mark, which Excel needs to read
// UTF-8 (Chinese text) correctly when it opens a CSV by double-click.
//
// xlsx (libxlsxwriter): one sheet per table, a bold header row that stays in view, an autofilter,
// column widths from the content (CJK characters count double). Numbers are numeric cells with a
// number format of their scale ("#,##0.00" for money), dates are date cells, so Excel sums and
// sorts them; each number shows the decimal places it has ("12.50", "3"). Excel holds numbers as binary doubles: amounts beyond 15 significant digits are
// rounded by Excel itself; the CSV keeps every digit.
#ifndef OMS_TABLE_H_
#define OMS_TABLE_H_

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "oms/billing.h"
#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/inventory.h"
#include "oms/reports.h"
#include "oms/status.h"
#include "oms/time.h"

namespace oms {

enum class ColumnKind { kText, kInteger, kDecimal, kDate, kBool };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
};

using Cell = std::variant<std::monostate, std::string, std::int64_t, Decimal, Date, bool>;

struct Table {
  std::string title;  // the sheet name in xlsx (at most 31 characters are used)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has one cell per column
};

// ---- Reports as tables -------------------------------------------------------------------

OMS_API Table line_summary_table(const std::vector<LineSummary>& rows, std::string title);
// On hand by product x location x lot (Engine::stock_levels).
OMS_API Table stock_levels_table(const std::vector<StockLevel>& levels, std::string title);
// The inventory report as four sheets: Inventory (per product, ABC order), Stock by warehouse,
// Lots, Expiring lots; each with the cost currency.
OMS_API std::vector<Table> inventory_tables(const InventoryReport& report);
OMS_API Table product_day_table(const std::vector<ProductDay>& days, std::string title);
OMS_API Table customer_value_table(const std::vector<CustomerValue>& customers, std::string title);
// The customer statement (对账单): one row per item, with opening and closing balance rows.
OMS_API Table statement_table(const Statement& statement);
OMS_API Table ageing_table(const AgeingReport& report);

// ---- Export ------------------------------------------------------------------------------

struct CsvOptions {
  bool byte_order_mark = false;
};

OMS_API std::string to_csv(const Table& table, const CsvOptions& options = {});
// Writes the file whole or not at all (a temporary file renamed into place). kStorage on I/O errors.
OMS_API Status write_csv(const Table& table, const std::string& path, const CsvOptions& options = {});
// One sheet per table, in order; sheet names must differ. kStorage on I/O errors,
// kInvalidArgument for an empty list or two sheets of one name.
OMS_API Status write_xlsx(std::span<const Table> sheets, const std::string& path);

}  // namespace oms

#endif  // OMS_TABLE_H_
