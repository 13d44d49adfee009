#include "storage/sqlite/report_functions.h"

#include <sqlite3.h>

#include <exception>
#include <string>

#include "oms/reports.h"
#include "oms/status.h"

namespace oms::sqlite {
namespace {

Decimal decimal_arg(sqlite3_value* v) {
  const unsigned char* text = sqlite3_value_text(v);
  return text ? Decimal::from_string(reinterpret_cast<const char*>(text)) : Decimal();
}

void result_decimal(sqlite3_context* ctx, const Decimal& d) {
  const std::string text = d.to_string();
  sqlite3_result_text(ctx, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Runs `body`, turning an exception into an SQL error (the statement fails, the adapter reports it).
template <class F>
void guarded(sqlite3_context* ctx, F&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

struct Sum {
  Decimal* total;  // allocated by the first step, freed by the final call
};

void sum_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* sum = static_cast<Sum*>(sqlite3_aggregate_context(ctx, sizeof(Sum)));
  if (!sum) return sqlite3_result_error_nomem(ctx);
  guarded(ctx, [&] {
    if (!sum->total) sum->total = new Decimal();
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL) *sum->total += decimal_arg(argv[0]);
  });
}

void sum_final(sqlite3_context* ctx) {
  auto* sum = static_cast<Sum*>(sqlite3_aggregate_context(ctx, 0));
  result_decimal(ctx, sum && sum->total ? *sum->total : Decimal());
  if (sum) delete sum->total;
}

void open_quantity(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] { result_decimal(ctx, decimal_arg(argv[0]) - decimal_arg(argv[1]) - decimal_arg(argv[2])); });
}

void multiply(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] { result_decimal(ctx, decimal_arg(argv[0]) * decimal_arg(argv[1])); });
}

void positive(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] { sqlite3_result_int(ctx, decimal_arg(argv[0]).is_positive() ? 1 : 0); });
}

void open_amount_of(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const auto* code = reinterpret_cast<const char*>(sqlite3_value_text(argv[3]));
    const Currency currency = Currency::of(code ? code : "").value();
    result_decimal(ctx, open_amount(decimal_arg(argv[0]), decimal_arg(argv[1]), decimal_arg(argv[2]), currency,
                                    static_cast<RoundingMode>(sqlite3_value_int(argv[4]))));
  });
}

void period(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string key =
        period_key(parse_date(text ? text : "").value(), static_cast<ReportDimension>(sqlite3_value_int(argv[1])));
    sqlite3_result_text(ctx, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  });
}

void counts(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3_result_int(ctx, counts_as_sale(static_cast<OrderState>(sqlite3_value_int(argv[0])),
                                         static_cast<OrderState>(sqlite3_value_int(argv[1])))
                              ? 1
                              : 0);
}

void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK) throw Error(Status::StorageError(std::string("registering SQL functions: ") + sqlite3_errmsg(db)));
}

}  // namespace

void register_report_functions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  check(sqlite3_create_function_v2(db, "oms_dec_sum", 1, kFlags, nullptr, nullptr, sum_step, sum_final, nullptr), db);
  check(sqlite3_create_function_v2(db, "oms_open", 3, kFlags, nullptr, open_quantity, nullptr, nullptr, nullptr), db);
  check(sqlite3_create_function_v2(db, "oms_dec_mul", 2, kFlags, nullptr, multiply, nullptr, nullptr, nullptr), db);
  check(sqlite3_create_function_v2(db, "oms_positive", 1, kFlags, nullptr, positive, nullptr, nullptr, nullptr), db);
  check(sqlite3_create_function_v2(db, "oms_open_amount", 5, kFlags, nullptr, open_amount_of, nullptr, nullptr, nullptr),
        db);
  check(sqlite3_create_function_v2(db, "oms_period", 2, kFlags, nullptr, period, nullptr, nullptr, nullptr), db);
  check(sqlite3_create_function_v2(db, "oms_counts", 2, kFlags, nullptr, counts, nullptr, nullptr, nullptr), db);
}

}  // namespace oms::sqlite
