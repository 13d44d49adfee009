// Internal: SQL functions that let SQLite compute the reports of include/oms/reports.h with the
// engine's own rules: exact decimal sums of the TEXT decimal columns (SQLite's SUM would go
// through binary floating point) and the shared rules (counts_as_sale, period_key,
// open_amount) as scalar functions. Registered on every connection.
#ifndef OMS_SRC_STORAGE_SQLITE_REPORT_FUNCTIONS_H_
#define OMS_SRC_STORAGE_SQLITE_REPORT_FUNCTIONS_H_

struct sqlite3;

namespace oms::sqlite {

//   oms_dec_sum(x)                           aggregate: the exact sum of decimal texts ('0' for none)
//   oms_dec_mul(a, b)                        a x b, exact
//   oms_open(quantity, shipped, closed)      quantity - shipped - closed
//   oms_positive(x)                          1 when the decimal x > 0
//   oms_open_amount(net, ordered, open, currency, rounding)   open_amount()
//   oms_period(date, dimension)              period_key() for ReportDimension `dimension`
//   oms_counts(state, held_from)             counts_as_sale()
void register_report_functions(sqlite3* db);

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_REPORT_FUNCTIONS_H_
