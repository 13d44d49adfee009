// Growth: the latency of the standard lifecycle's operations on a SQLite file that already holds
// many orders.
//
// The file starts with 1,000 whole lifecycles through the engine (workload.h), then is doubled in
// SQL as often as needed: every order with its lines, allocations and history, every document
// (shipments, invoices, payments) with its links, every event and stock move is copied with new
// ids and numbers (numbers get a suffix per round), and the id counters are moved past the
// copies. The copies are completed orders, so they only make the tables and indexes bigger (the
// copied moves are not added to the stock balances: this file is for timing, not for checking).
// Then the log is copied into the file and the kernel writes it all back (sync) before anything
// is timed.
//
// BM_GrowthSqlite/<orders>: lifecycles on that file; the counters are the 50th and 99th
// percentile of single operations (the 9 operations of a lifecycle pooled) and of whole
// lifecycles, in microseconds, the microseconds of each step per lifecycle, and the number of
// orders stored. The sizes (10 thousand, 100 thousand, 1 million) run in increasing order on one
// file, which grows between them. At about 11 KB of file per order, 10 million orders need about
// 115 GB of disk: set OMS_BENCH_GROWTH_10M=1 to add that size.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "workload.h"

namespace {

using namespace oms;
using namespace oms::bench;

constexpr int kOrdersByEngine = 1000;

class GrowthFile {
 public:
  // The file with at least `orders` orders stored.
  const std::string& with_orders(std::int64_t orders) {
    if (!file_) {
      file_ = std::make_unique<ScratchFile>("oms-bench-growth.db");
      auto eng = make_engine(open_sqlite_storage(file_->path(), bench_sqlite_options()).value());
      Lifecycle lifecycle(*eng);
      for (int n = 0; n < kOrdersByEngine; ++n) lifecycle.run(order(n));
    }
    {
      SQLite::Database db(file_->path(), SQLite::OPEN_READWRITE);
      while (count(db) < orders) double_once(db);
    }  // the last connection closing copies the log into the file
    // The kernel writes the copies back before anything is timed: a doubling of a million orders
    // leaves about 15 GB to write, which otherwise ran under the timed lifecycles.
    ::sync();
    return file_->path();
  }

  static std::int64_t count(SQLite::Database& db) { return db.execAndGet("SELECT count(*) FROM orders").getInt64(); }

 private:
  void double_once(SQLite::Database& db) {
    const std::string suffix = "'-r" + std::to_string(round_++) + "'";
    auto max_of = [&](const std::string& sql) { return std::to_string(db.execAndGet(sql).getInt64()); };
    SQLite::Transaction tx(db);
    const std::string orders = max_of("SELECT coalesce(max(id), 0) FROM orders");
    copy(db, "orders", "id = id + " + orders + ", number = number || " + suffix);
    copy(db, "order_lines", "order_id = order_id + " + orders);
    copy(db, "line_allocations", "order_id = order_id + " + orders);
    copy(db, "order_history", "order_id = order_id + " + orders);
    std::vector<std::string> kinds;
    SQLite::Statement k(db, "SELECT DISTINCT kind FROM documents");
    while (k.executeStep()) kinds.push_back(k.getColumn(0).getString());
    db.exec("CREATE TEMP TABLE copy AS SELECT * FROM documents");
    for (const auto& kind : kinds) {
      const std::string offset = max_of("SELECT max(id) FROM documents WHERE kind = " + kind);
      db.exec("UPDATE copy SET id = id + " + offset + " WHERE kind = " + kind);
      // The kind column holds the EntityKind, the key of the id counters.
      db.exec("UPDATE ids SET value = (SELECT max(id) FROM copy WHERE kind = " + kind + ") WHERE kind = " + kind);
    }
    db.exec("UPDATE copy SET number = number || " + suffix);
    db.exec("INSERT INTO documents SELECT * FROM copy");
    db.exec("DROP TABLE copy");
    copy(db, "document_links", "id = id + " + max_of("SELECT coalesce(max(id), 0) FROM document_links") +
                                   ", from_number = from_number || " + suffix + ", to_number = to_number || " + suffix);
    copy(db, "events", "sequence = sequence + " + max_of("SELECT coalesce(max(sequence), 0) FROM events"));
    copy(db, "moves", "id = id + " + max_of("SELECT coalesce(max(id), 0) FROM moves"));
    db.exec("UPDATE ids SET value = (SELECT max(id) FROM orders) WHERE kind = " +
            std::to_string(static_cast<int>(EntityKind::kOrder)));
    db.exec("UPDATE ids SET value = (SELECT max(id) FROM moves) WHERE kind = " +
            std::to_string(static_cast<int>(EntityKind::kMove)));
    tx.commit();
  }

  static void copy(SQLite::Database& db, const std::string& table, const std::string& changes) {
    db.exec("CREATE TEMP TABLE copy AS SELECT * FROM " + table);
    db.exec("UPDATE copy SET " + changes);
    db.exec("INSERT INTO " + table + " SELECT * FROM copy");
    db.exec("DROP TABLE copy");
  }

  std::unique_ptr<ScratchFile> file_;
  int round_ = 0;
};

GrowthFile growth;

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
  return v[at];
}

void BM_GrowthSqlite(benchmark::State& state) {
  const std::string& path = growth.with_orders(state.range(0));
  std::int64_t stored = 0;
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    stored = GrowthFile::count(db);
  }
  auto eng = must(Engine::open(open_sqlite_storage(path, bench_sqlite_options()).value()), "open");
  Lifecycle lifecycle(*eng);
  std::vector<double> operations, lifecycles;
  auto mark = std::chrono::steady_clock::now();
  lifecycle.after_operation = [&] {
    const auto now = std::chrono::steady_clock::now();
    operations.push_back(std::chrono::duration<double, std::micro>(now - mark).count());
    mark = now;
  };
  int n = 0;
  try {
    for (auto _ : state) {
      const auto start = std::chrono::steady_clock::now();
      mark = start;
      lifecycle.run(order(n++));
      lifecycles.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  lifecycle.report(state);  // which steps grow
  state.counters["orders_stored"] = static_cast<double>(stored);
  state.counters["op_p50_us"] = percentile(operations, 0.50);
  state.counters["op_p99_us"] = percentile(operations, 0.99);
  state.counters["lifecycle_p50_us"] = percentile(lifecycles, 0.50);
  state.counters["lifecycle_p99_us"] = percentile(lifecycles, 0.99);
  state.SetItemsProcessed(state.iterations());
}

[[maybe_unused]] const bool registered = [] {
  auto* b = benchmark::RegisterBenchmark("BM_GrowthSqlite", BM_GrowthSqlite);
  b->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond)->MinTime(5);
  const char* big = std::getenv("OMS_BENCH_GROWTH_10M");
  if (big && std::string(big) == "1") b->Arg(10000000);
  return true;
}();

}  // namespace
