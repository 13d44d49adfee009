// Report benchmarks on a SQLite file of 1,536,000 order lines (512,000 approved orders of 3 lines,
// 100 customers, 1,000 products).
//
// BM_OrderLineReportSqlite/<dimension>: Engine::order_line_report grouped by customer (100
//   groups), product (1,000) or month (1): one GROUP BY statement with the exact decimal SQL
//   functions (src/storage/sqlite/report_functions.cpp).
// BM_BaselineGroupBySqlite/<dimension>: the floor for any SQL report over these rows: the same
//   join and GROUP BY with SQLite's own count and floating-point sum of the same columns, in the
//   engine's join order (CROSS JOIN: each order, then its lines by key). Left to itself, SQLite
//   walks the lines through their product index and looks each one up, 4x slower since the
//   lines are a table without rowid (schema 5).
//
// BM_InventoryReportSqlite: Engine::inventory_report over the same file, whose 1,536,000 stock
//   moves (the goods issues of every order line) are summed per product and kind in SQL.
// BM_BaselineMoveGroupBySqlite: the same GROUP BY over the moves with SQLite's floating-point sum.
// BM_CustomerValueSqlite: Engine::customer_value (the order-line summary by customer, plus each
//   customer's grade by the grading policy).
//
// The file is built once: 1,000 orders through the engine (approved and shipped), then copied in
// SQL (orders, their lines and the stock moves, with new ids and numbers) nine times over,
// doubling each time.
#include <benchmark/benchmark.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "oms/engine.h"
#include "oms/sqlite_storage.h"
#include "workload.h"

namespace {

using namespace oms;

constexpr int kCustomers = 100;
constexpr int kProducts = 1000;
constexpr int kOrdersByEngine = 1000;
constexpr int kDoublings = 9;  // 1,000 x 2^9 = 512,000 orders

// The file, built on first use and removed when the program ends (it takes about 600 MB).
const std::string& report_file() {
  static const oms::bench::ScratchFile file("oms-bench-report.db");
  static const bool built = [] {
    const std::string& p = file.path();
    SqliteOptions so;
    so.durability = Durability::kNormal;
    auto eng = Engine::open(open_sqlite_storage(p, so).value()).value();
    const Currency cny = Currency::of("CNY").value();
    (void)eng->create_warehouse({{}, "N", "North", "north"}, "bench");
    ReceiptSpec stock;
    stock.warehouse = "N";
    for (int i = 0; i < kProducts; ++i) {
      Product product;
      product.sku = "P" + std::to_string(i);
      product.name = "Product " + std::to_string(i);
      product.category = "CAT" + std::to_string(i % 20);
      product.list_price = Money(Decimal::from_mantissa(1000 + i % 500, 2), cny);
      (void)eng->create_product(product, "bench");
      stock.lines.push_back({product.sku, "", Decimal(1000000), Decimal::from_mantissa(600 + i % 300, 2), "",
                             std::nullopt, {}});
    }
    (void)eng->receive(stock, "bench");
    for (int i = 0; i < kCustomers; ++i) {
      Customer c;
      c.code = "C" + std::to_string(i);
      c.name = "Customer " + std::to_string(i);
      (void)eng->create_customer(c, "bench");
    }
    for (int n = 0; n < kOrdersByEngine; ++n) {
      NewOrder o;
      o.customer_code = "C" + std::to_string(n % kCustomers);
      o.channel = n % 3 ? "web" : "shop";
      for (int k = 0; k < 3; ++k) {
        o.lines.push_back({"P" + std::to_string((n * 7 + k * 331) % kProducts), Decimal(1 + k), {}, {}, false, {}});
      }
      const std::string number = eng->create_order(o, "bench")->order.number;
      (void)eng->submit(number, "bench");
      (void)eng->approve(number, "bench");
      ShipmentSpec ship;
      ship.orders = {number};
      (void)eng->ship_shipment(eng->create_shipment(ship, "bench")->number, "bench");
    }
    eng.reset();
    SQLite::Database db(p, SQLite::OPEN_READWRITE);
    for (int round = 0; round < kDoublings; ++round) {
      const std::string offset = std::to_string(db.execAndGet("SELECT max(id) FROM orders").getInt64());
      SQLite::Transaction tx(db);
      db.exec("CREATE TEMP TABLE o AS SELECT * FROM orders");
      db.exec("UPDATE o SET id = id + " + offset + ", number = number || '-" + std::to_string(round) + "'");
      db.exec("INSERT INTO orders SELECT * FROM o");
      db.exec("CREATE TEMP TABLE l AS SELECT * FROM order_lines");
      db.exec("UPDATE l SET order_id = order_id + " + offset);
      db.exec("INSERT INTO order_lines SELECT * FROM l");
      const std::string move_offset = std::to_string(db.execAndGet("SELECT max(id) FROM moves").getInt64());
      db.exec("CREATE TEMP TABLE m AS SELECT * FROM moves WHERE kind = " +
              std::to_string(static_cast<int>(MoveKind::kIssue)));
      db.exec("UPDATE m SET id = id + " + move_offset);
      db.exec("INSERT INTO moves SELECT * FROM m");
      db.exec("DROP TABLE o");
      db.exec("DROP TABLE l");
      db.exec("DROP TABLE m");
      tx.commit();
    }
    return true;
  }();
  (void)built;
  return file.path();
}

void BM_OrderLineReportSqlite(benchmark::State& state) {
  auto eng = Engine::open(open_sqlite_storage(report_file()).value()).value();
  const auto by = static_cast<ReportDimension>(state.range(0));
  std::size_t groups = 0;
  for (auto _ : state) {
    auto rows = eng->order_line_report({}, by);
    if (!rows.ok()) state.SkipWithError(rows.status().message().c_str());
    groups = rows->size();
  }
  state.counters["groups"] = static_cast<double>(groups);
  state.SetLabel(std::string(to_string(by)));  // the dimension by name (tools/bench/targets)
  state.SetItemsProcessed(state.iterations() * 3 * kOrdersByEngine * (1 << kDoublings));  // lines
}
BENCHMARK(BM_OrderLineReportSqlite)
    ->Arg(static_cast<int>(ReportDimension::kCustomer))
    ->Arg(static_cast<int>(ReportDimension::kProduct))
    ->Arg(static_cast<int>(ReportDimension::kMonth))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_BaselineGroupBySqlite(benchmark::State& state) {
  SQLite::Database db(report_file(), SQLite::OPEN_READONLY);
  const auto by = static_cast<ReportDimension>(state.range(0));
  const std::string key = by == ReportDimension::kCustomer  ? "o.customer_code"
                          : by == ReportDimension::kProduct ? "l.sku"
                                                            : "substr(o.order_date, 1, 7)";
  SQLite::Statement query(db, "SELECT " + key +
                                  ", o.currency, count(DISTINCT o.id), count(*), sum(l.quantity), sum(l.shipped), "
                                  "sum(l.returned), sum(l.closed), sum(l.net), sum(l.cost), sum(l.margin), "
                                  "min(o.order_date), max(o.order_date) FROM orders o CROSS JOIN order_lines l ON "
                                  "l.order_id = o.id JOIN products p ON p.id = l.product_id GROUP BY 1, 2 ORDER BY 1, 2");
  std::size_t groups = 0;
  for (auto _ : state) {
    query.reset();
    groups = 0;
    while (query.executeStep()) ++groups;
  }
  state.counters["groups"] = static_cast<double>(groups);
  state.SetLabel(std::string(to_string(by)));
  state.SetItemsProcessed(state.iterations() * 3 * kOrdersByEngine * (1 << kDoublings));
}
BENCHMARK(BM_BaselineGroupBySqlite)
    ->Arg(static_cast<int>(ReportDimension::kCustomer))
    ->Arg(static_cast<int>(ReportDimension::kProduct))
    ->Arg(static_cast<int>(ReportDimension::kMonth))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace

void BM_InventoryReportSqlite(benchmark::State& state) {
  auto eng = Engine::open(open_sqlite_storage(report_file()).value()).value();
  InventoryQuery query;
  query.from = Date{std::chrono::year(2000), std::chrono::month(1), std::chrono::day(1)};  // every move
  std::size_t products = 0;
  for (auto _ : state) {
    auto report = eng->inventory_report(query);
    if (!report.ok()) state.SkipWithError(report.status().message().c_str());
    products = report->products.size();
  }
  state.counters["products"] = static_cast<double>(products);
  state.SetItemsProcessed(state.iterations() * 3 * kOrdersByEngine * (1 << kDoublings));  // moves
}
BENCHMARK(BM_InventoryReportSqlite)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BaselineMoveGroupBySqlite(benchmark::State& state) {
  SQLite::Database db(report_file(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT product_id, kind, sum(quantity), sum(quantity * unit_cost) FROM moves "
                              "WHERE at >= 0 GROUP BY product_id, kind ORDER BY product_id, kind");
  for (auto _ : state) {
    query.reset();
    while (query.executeStep()) {
    }
  }
  state.SetItemsProcessed(state.iterations() * 3 * kOrdersByEngine * (1 << kDoublings));
}
BENCHMARK(BM_BaselineMoveGroupBySqlite)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CustomerValueSqlite(benchmark::State& state) {
  auto eng = Engine::open(open_sqlite_storage(report_file()).value()).value();
  CustomerValueQuery query;
  query.from = Date{std::chrono::year(2000), std::chrono::month(1), std::chrono::day(1)};
  for (auto _ : state) {
    auto rows = eng->customer_value(query);
    if (!rows.ok()) state.SkipWithError(rows.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations() * 3 * kOrdersByEngine * (1 << kDoublings));  // lines
}
BENCHMARK(BM_CustomerValueSqlite)->Unit(benchmark::kMillisecond)->Iterations(1);
