// The physical limit of the SQLite adapter, measured in the same run as the engine.
//
// First the rows that one standard lifecycle writes are counted, operation by operation: a
// lifecycle runs on a small SQLite file and after each of its 9 operations every table is read
// back (by primary key) and compared with the previous reading: rows inserted, updated and deleted, and
// the average size of a written row. The count is the second lifecycle's (the first one also
// creates a customer's credit account and the day's number sequences).
//
// BM_BaselineSqliteStatements then does exactly that many row writes per lifecycle with bare
// prepared statements on one table (id INTEGER PRIMARY KEY, body TEXT of the average size), in 9
// transactions of the same sizes (BEGIN IMMEDIATE ... COMMIT), WAL and synchronous=NORMAL like
// BM_FullLifecycleSqlite: nothing else: no reads, no indexes, no domain logic. The engine's
// lifecycles per second divided by this benchmark's is the ratio in docs/PERFORMANCE.md.
// BM_BaselineSqliteStatementsBatched/<n> does the same writes with n lifecycles in one
// transaction, the floor of BM_FullLifecycleBatched.
#include <benchmark/benchmark.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <string>
#include <vector>

#include "workload.h"

namespace {

using namespace oms;
using namespace oms::bench;

struct Writes {
  int inserts = 0;
  int updates = 0;
  int deletes = 0;
};

struct LifecycleWrites {
  std::vector<Writes> operations;  // 9
  double row_bytes = 0;            // average size of an inserted or updated row
  int total() const {
    int n = 0;
    for (const auto& w : operations) n += w.inserts + w.updates + w.deletes;
    return n;
  }
};

// Every row of every table, as text, by (table, primary key as text).
using Snapshot = std::map<std::pair<std::string, std::string>, std::string>;

// The columns of `table`'s primary key, in key order, as an SQL list; "rowid" for a table
// without one (a table without rowid always has one).
std::string key_of(SQLite::Database& db, const std::string& table) {
  SQLite::Statement pk(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
  pk.bind(1, table);
  std::string key;
  while (pk.executeStep()) key += (key.empty() ? "\"" : " || '\x1f' || \"") + pk.getColumn(0).getString() + "\"";
  return key.empty() ? "rowid" : key;
}

Snapshot snapshot(SQLite::Database& db) {
  std::vector<std::string> tables;
  SQLite::Statement names(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
  Snapshot out;
  for (const auto& table : tables) {
    SQLite::Statement rows(db, "SELECT " + key_of(db, table) + ", * FROM \"" + table + "\"");
    while (rows.executeStep()) {
      std::string text;
      for (int c = 1; c < rows.getColumnCount(); ++c) {
        text += rows.getColumn(c).isNull() ? std::string("\x01") : rows.getColumn(c).getString();
        text += '\x1f';
      }
      out[{table, rows.getColumn(0).getString()}] = std::move(text);
    }
  }
  return out;
}

const LifecycleWrites& lifecycle_writes() {
  static const LifecycleWrites counted = [] {
    ScratchFile file("oms-bench-count.db");
    constexpr int kFew = 10;
    auto eng = make_engine(open_sqlite_storage(file.path(), bench_sqlite_options()).value(), kFew, kFew);
    Lifecycle lifecycle(*eng);
    lifecycle.run(order(0, kFew, kFew));

    SQLite::Database db(file.path(), SQLite::OPEN_READONLY);
    LifecycleWrites result;
    Snapshot before = snapshot(db);
    double bytes = 0;
    int written = 0;
    lifecycle.after_operation = [&] {
      Snapshot after = snapshot(db);
      Writes w;
      for (const auto& [key, text] : after) {
        auto old = before.find(key);
        if (old == before.end()) {
          ++w.inserts;
        } else if (old->second != text) {
          ++w.updates;
        } else {
          continue;
        }
        bytes += static_cast<double>(text.size());
        ++written;
      }
      for (const auto& [key, text] : before) w.deletes += after.count(key) ? 0 : 1;
      result.operations.push_back(w);
      before = std::move(after);
    };
    lifecycle.run(order(1, kFew, kFew));
    result.row_bytes = written ? bytes / written : 0;
    return result;
  }();
  return counted;
}

// Each iteration is `lifecycles` lifecycles' writes; with `per_operation` every operation's
// writes are a transaction, otherwise all of the iteration's are one.
void baseline(benchmark::State& state, int lifecycles, bool per_operation) {
  const LifecycleWrites& writes = lifecycle_writes();
  ScratchFile file("oms-bench-baseline.db");
  SQLite::Database db(file.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const std::string body(static_cast<std::size_t>(writes.row_bytes), 'x');
  SQLite::Statement begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  SQLite::Statement insert(db, "INSERT INTO t(body) VALUES(?)");
  SQLite::Statement update(db, "UPDATE t SET body = ? WHERE id = ?");
  SQLite::Statement erase(db, "DELETE FROM t WHERE id = ?");
  auto run = [](SQLite::Statement& s) {
    s.exec();
    s.reset();
  };
  // Ids of the rows present, newest last. Deletes take the newest rows (the engine deletes and
  // rewrites an order's lines), inserts add rows, updates rewrite rows written before this
  // transaction's inserts.
  std::vector<std::int64_t> live;
  auto write = [&](const Writes& w) {
    for (int i = 0; i < w.deletes && !live.empty(); ++i) {
      erase.bind(1, live.back());
      live.pop_back();
      run(erase);
    }
    const std::size_t older = live.size();
    for (int i = 0; i < w.inserts; ++i) {
      insert.bind(1, body);
      run(insert);
      live.push_back(db.getLastInsertRowid());
    }
    for (int i = 0; i < w.updates && static_cast<std::size_t>(i) < older; ++i) {
      update.bind(1, body);
      update.bind(2, live[older - 1 - static_cast<std::size_t>(i)]);
      run(update);
    }
  };
  for (auto _ : state) {
    if (!per_operation) run(begin);
    for (int n = 0; n < lifecycles; ++n) {
      for (const Writes& w : writes.operations) {
        if (per_operation) run(begin);
        write(w);
        if (per_operation) run(commit);
      }
    }
    if (!per_operation) run(commit);
  }
  state.counters["rows_per_lifecycle"] = writes.total();
  state.counters["row_bytes"] = writes.row_bytes;
  int inserts = 0, updates = 0, deletes = 0;
  for (const auto& w : writes.operations) {
    inserts += w.inserts;
    updates += w.updates;
    deletes += w.deletes;
  }
  state.counters["inserts"] = inserts;
  state.counters["updates"] = updates;
  state.counters["deletes"] = deletes;
  state.SetItemsProcessed(state.iterations() * lifecycles);
}

void BM_BaselineSqliteStatements(benchmark::State& state) { baseline(state, 1, true); }
BENCHMARK(BM_BaselineSqliteStatements)->Unit(benchmark::kMicrosecond);

void BM_BaselineSqliteStatementsBatched(benchmark::State& state) {
  baseline(state, static_cast<int>(state.range(0)), false);
}
BENCHMARK(BM_BaselineSqliteStatementsBatched)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
