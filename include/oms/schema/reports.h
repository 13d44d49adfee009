// The schema of reports, report tables and CSV import
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_REPORTS_H_
#define OMS_SCHEMA_REPORTS_H_

#include "oms/schema/core.h"
#include "oms/import.h"
#include "oms/reports.h"
#include "oms/table.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_REPORTS(S, E, N)                                                                              \
  E(ReportDimension)                                                                                             \
  E(ImportKind)                                                                                                  \
  N(ColumnKind, "text", "integer", "decimal", "date", "bool")                                                    \
  N(ImportMode, "all_or_nothing", "good_rows")                                                                   \
  S(ReportFilter, from, to, customer_code, sku, category, salesperson, channel, currency, open_only, as_of)      \
  S(LineSummary, key, name, currency, orders, lines, ordered, shipped, returned, closed, open, net, cost,        \
      margin, margin_percent, open_amount, overdue, overdue_amount, first_order, last_order)                     \
  S(InventoryQuery, from, to, sku, category, warehouse, expiring_within_days, a_share, b_share)                  \
  S(ProductInventory, sku, name, category, unit, on_hand, reserved, available, unit_cost, value,                 \
      value_share, abc, outbound, cogs, opening_value, average_value, turnover, days_of_cover,                   \
      low_stock_threshold, below_threshold)                                                                      \
  S(InventoryPosition, sku, warehouse, on_hand, reserved, available, value)                                      \
  S(LotStock, sku, warehouse, location, lot_number, expiry, days_to_expiry, on_hand, value)                      \
  S(InventoryReport, from, to, currency, total_value, products, positions, lots, expiring)                       \
  S(ProductDay, sku, name, day, outbound, awaiting_outbound, available, sold, amount, profit)                    \
  S(CustomerValueQuery, from, to, currency, salesperson)                                                         \
  S(CustomerValue, code, name, salesperson, grade, suggested_grade, orders, amount, margin, last_order,          \
      days_since_last_order, recency, frequency, monetary, rfm)                                                  \
  S(ImportIssue, row, column, value, code, reason)                                                               \
  S(ImportResult, kind, rows, records, created, existing, rejected, committed, issues)

namespace oms::fields {

OMS_SCHEMA_REPORTS(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

OMS_COMPUTED(LineSummary, unshipped, kept)

static_assert(kReportDimensionCount == enum_count<ReportDimension>());
static_assert(kImportKindCount == enum_count<ImportKind>());

}  // namespace oms::fields

#endif  // OMS_SCHEMA_REPORTS_H_
