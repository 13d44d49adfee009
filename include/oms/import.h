// Importing products, customers, stock receipts and orders from CSV files.
//
// The column layouts are in docs/IMPORT.md: UTF-8 (a byte-order mark is skipped), a header row
// naming the columns in any order, one row per product or customer, one row per line of a
// receipt or an order (rows with the same receipt number, or the same order source and external
// id, make one document), exact decimals ("12.50", never rounded), dates as YYYY-MM-DD.
//
// Every bad row is reported with its row number (the header is row 1, as in a spreadsheet), the
// column, the value and the reason. The caller chooses what happens then:
//   kAllOrNothing  any problem and nothing is imported; the whole file is one unit of work.
//   kGoodRows      the good records are imported, the bad ones reported.
// A re-run imports nothing twice: products are known by SKU, customers by code, receipts by
// number and orders by their external reference (source + external id); records already in
// the book are counted as `existing` and left as they are.
#ifndef OMS_IMPORT_H_
#define OMS_IMPORT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "oms/engine.h"

namespace oms {

enum class ImportKind { kProducts, kCustomers, kReceipts, kOrders };
inline constexpr int kImportKindCount = 4;
OMS_API std::string_view to_string(ImportKind kind) noexcept;

enum class ImportMode { kAllOrNothing, kGoodRows };

struct ImportOptions {
  ImportMode mode = ImportMode::kAllOrNothing;
  // Orders: the external source of rows whose `source` column is empty or missing.
  std::string source = "csv";
  // Prices, costs and credit limits: the currency when the file has no `currency` column.
  std::string currency = "CNY";
  // kGoodRows: records per unit of work. A failing record is taken out and the rest retried.
  std::size_t batch_size = 500;
  // Called after each unit of work with the records done so far and the total.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// One problem with one row. `column` is empty when the problem is the row as a whole.
struct ImportIssue {
  std::int64_t row = 0;
  std::string column;
  std::string value;
  StatusCode code = StatusCode::kInvalidArgument;
  std::string reason;
};

struct ImportResult {
  ImportKind kind = ImportKind::kOrders;
  std::int64_t rows = 0;      // data rows read (the header not counted)
  std::int64_t records = 0;   // products, customers, receipts or orders in the file
  std::int64_t created = 0;
  std::int64_t existing = 0;  // already in the book: skipped
  std::int64_t rejected = 0;  // records not imported because of an issue
  // Whether the import was carried out: always with kGoodRows; with kAllOrNothing only when
  // there was no issue (false: nothing was written).
  bool committed = false;
  std::vector<ImportIssue> issues;  // in row order
};

// Imports CSV text. Fails (rather than reporting issues) only when the storage fails.
OMS_API Result<ImportResult> import_csv(Engine& engine, ImportKind kind, std::string_view csv,
                                        const ImportOptions& options, std::string_view actor);
// Imports a CSV file. kNotFound when it cannot be read.
OMS_API Result<ImportResult> import_csv_file(Engine& engine, ImportKind kind, const std::string& path,
                                             const ImportOptions& options, std::string_view actor);

// The columns of each kind, in the order of docs/IMPORT.md; required ones first.
struct ImportColumn {
  std::string_view name;
  bool required = false;
  std::string_view meaning;
};
OMS_API std::vector<ImportColumn> import_columns(ImportKind kind);

}  // namespace oms

#endif  // OMS_IMPORT_H_
