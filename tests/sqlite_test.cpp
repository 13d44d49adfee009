// What only the SQLite adapter has to prove: files, versions, reopening, other writers, full
// disks, read-only files and several processes on one file.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "build_speed.h"
#include "sqlite_file_fixture.h"
#include "invariants.h"
#include "oms/sqlite_storage.h"
#include "storage_dump.h"
#include "storage/body_json.h"
#include "storage/sqlite/observer.h"
#include "storage/sqlite/report_functions.h"
#include "storage/sqlite/schema.h"
#include "storage/sqlite/tables.h"
#include "wal_frames.h"

namespace oms::testing {
namespace {

TEST_F(SqliteFileTest, ReopeningGivesBackExactlyWhatWasThereIncludingTheJournal) {
  build_rich_state();
  const std::string before = dump_storage(*storage);
  const auto events = ok(eng->events());
  open_file();  // a new storage and engine on the same file
  EXPECT_EQ(dump_storage(*storage), before);
  const auto reread = ok(eng->events());
  ASSERT_EQ(reread.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(reread[i].data, events[i].data);
    EXPECT_EQ(reread[i].at, events[i].at);
  }
  const Order o = ok(eng->order("SO-20261123-00001"));
  ASSERT_EQ(o.revisions.size(), 1u);
  EXPECT_EQ(o.revisions[0].previous_lines.at(0).quantity, Decimal(12));
  EXPECT_EQ(o.revisions[0].previous_lines.at(0).price_source.reference, "VIP");
  expect_invariants(*eng);
  // And work goes on where it stopped.
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, "SO-20261123-00006");
}

// The statements that write and read whole rows are made from the schema and the tables of
// src/storage/sqlite/tables.h (the documents' from a list of their own); a migrated table must
// have exactly the columns they make, so that a column added by a migration but never written,
// or a member whose column no migration created, cannot pass unseen.
TEST_F(SqliteFileTest, TheColumnsMadeFromTheSchemaAreTheColumnsOfTheMigratedTables) {
  std::vector<std::pair<std::string, std::vector<std::string>>> lists = {{"documents", schema::document_columns()}};
#define OMS_LIST_TABLE(T)                                                                      \
  {                                                                                            \
    const sqlite::codec::Plan& plan = sqlite::codec::plan<T>();                                \
    std::vector<std::string> columns = plan.parents;                                           \
    columns.insert(columns.end(), plan.columns.begin(), plan.columns.end());                   \
    columns.insert(columns.end(), plan.derived.begin(), plan.derived.end());                   \
    for (const auto& k : plan.key) {                                                           \
      if (std::find(columns.begin(), columns.end(), k) == columns.end()) columns.push_back(k); \
    }                                                                                          \
    lists.emplace_back(plan.table, columns);                                                   \
  }
  OMS_SQLITE_TABLES(OMS_LIST_TABLE)
#undef OMS_LIST_TABLE
  EXPECT_EQ(lists.size(), 25u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const auto& [table, listed] : lists) {
    std::set<std::string> columns;
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, ("PRAGMA table_info(" + table + ")").c_str(), -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) columns.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), columns) << table;
    EXPECT_EQ(listed.size(), columns.size()) << table << ": a column made twice";
  }
  sqlite3_close(db);
}

TEST_F(SqliteFileTest, AFileFromANewerLibomsIsRefusedAndLeftUntouched) {
  eng.reset();
  storage.reset();
  raw_sql(path, "PRAGMA user_version = 99");
  const std::string bytes = file_bytes(path);
  auto r = open_sqlite_storage(path);
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("newer liboms (schema 99"), std::string::npos) << r.status().message();
  EXPECT_EQ(file_bytes(path), bytes);
}

TEST_F(SqliteFileTest, AnOlderLibomsFileIsMigratedForwardOnOpen) {
  eng.reset();
  storage.reset();
  // Schema version 0: a liboms file with no tables yet; every migration runs.
  const std::string old = path + ".v0";
  raw_sql(old, "PRAGMA application_id = 1330467633; PRAGMA user_version = 0");
  auto r = open_sqlite_storage(old);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  auto e = ok(Engine::open(*r, options));
  EXPECT_TRUE(ok(e->list_orders({})).empty());
  e.reset();
  r = Status::Internal("released");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(old.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), kSqliteSchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(db);
  remove_db_files(old);
}

TEST_F(SqliteFileTest, ASchemaOneFileWithOrdersIsMigratedToFulfilmentAndItsOrdersShipAndBill) {
  // Build a book, then turn the file back into what schema 1 wrote: no fulfilment columns or
  // tables, no index of moves by time or of orders by state. (A v1 build wrote exactly these tables; the test keeps
  // its data.) Opening it migrates it through 2 to the current schema.
  seed();
  receive("TEA", "N", "10");
  const std::string open_order = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  const std::string closed = confirmed_order(order_for("BETA", {{"TEA", "1"}}));
  ok(eng->short_close(closed, "customer changed mind", "cs"));
  const Money exposure = ok(eng->credit_exposure("ACME", "CNY"));
  const std::string before = dump_storage(*storage);
  eng.reset();
  storage.reset();
  raw_sql(path,
          "ALTER TABLE orders DROP COLUMN customer_reference; "  // schema 8
          "DROP TABLE unissued_shipment_products; "  // schema 6
          "DROP INDEX orders_state; "  // schema 4
          "DROP INDEX moves_at; "  // schema 3
          "DROP TABLE documents; DROP TABLE document_links; ALTER TABLE orders DROP COLUMN invoice_policy; "
          "ALTER TABLE orders DROP COLUMN billable; ALTER TABLE order_lines DROP COLUMN in_shipment; "
          "ALTER TABLE order_lines DROP COLUMN returned; ALTER TABLE order_lines DROP COLUMN invoiced; "
          "PRAGMA user_version = 1");
  open_file();
  // Every order with its lines, allocations and history, as it was (schema 5 rebuilt those tables).
  EXPECT_EQ(dump_storage(*storage), before);
  const Order o = ok(eng->order(open_order));
  EXPECT_EQ(o.billable, o.totals.total);
  EXPECT_EQ(o.invoice_policy, InvoicePolicy::kOnShipped);
  EXPECT_EQ(ok(eng->order(closed)).billable, cny("0"));
  EXPECT_EQ(ok(eng->credit_exposure("ACME", "CNY")), exposure);
  ShipmentSpec spec;
  spec.orders = {open_order};
  const Shipment sh = ok(eng->ship_shipment(ok(eng->create_shipment(spec, "wh")).number, "wh"));
  InvoiceSpec iv;
  iv.shipment = sh.number;
  EXPECT_EQ(ok(eng->create_invoice(iv, "billing")).total, o.totals.total);
  expect_invariants(*eng);
}

// Schema 6 lists the shipments not yet gone out by product. A schema 5 file with shipments picked,
// drafted and issued is migrated: the picked one still holds its bin, so the next pick goes to
// the other bin, and goods issue takes a shipment out of the list.
TEST_F(SqliteFileTest, ASchemaFiveFileIsMigratedAndItsPickedShipmentsStillHoldTheirBins) {
  seed();
  receive("TEA", "N", "6");
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"TEA", "A-01", Decimal(6), "6.00"_d, "", std::nullopt, {}});
  ok(eng->receive(r, "clerk"));  // 6 in each of two bins
  auto shipment_of = [&](const std::string& order) {
    ShipmentSpec spec;
    spec.orders = {order};
    return ok(eng->create_shipment(spec, "wh")).number;
  };
  const std::string picked = shipment_of(confirmed_order(order_for("ACME", {{"TEA", "6"}})));
  const LocationId held = ok(eng->pick_shipment(picked, "wh")).lines.at(0).picks.at(0).location;  // a whole bin
  const std::string draft = shipment_of(confirmed_order(order_for("BETA", {{"TEA", "3"}})));
  const std::string issued = shipment_of(confirmed_order(order_for("ACME", {{"TEA", "1"}})));
  ok(eng->ship_shipment(issued, "wh"));
  eng.reset();
  storage.reset();
  raw_sql(path,
          "ALTER TABLE orders DROP COLUMN customer_reference; "  // schema 8
          "DROP TABLE unissued_shipment_products; PRAGMA user_version = 5");
  open_file();
  const ProductId tea = ok(eng->product("TEA")).id;
  auto unissued = [&] {
    auto tx = storage->begin(TxMode::kRead);
    std::vector<std::string> numbers;
    for (const auto& sh : tx->list(by::kUnissuedShipmentsOfProduct, tea)) numbers.push_back(sh.number);
    return numbers;
  };
  EXPECT_EQ(unissued(), (std::vector<std::string>{picked, draft}));
  const Shipment s = ok(eng->pick_shipment(draft, "wh"));
  ASSERT_EQ(s.lines.at(0).picks.size(), 1u);
  EXPECT_NE(s.lines.at(0).picks.at(0).location, held) << "picked from the bin another shipment holds";
  ok(eng->ship_shipment(picked, "wh"));
  EXPECT_EQ(unissued(), (std::vector<std::string>{draft}));
  expect_invariants(*eng);
}

TEST_F(SqliteFileTest, SomethingThatIsNotALibomsDatabaseIsRefusedAndLeftUntouched) {
  eng.reset();
  storage.reset();
  const std::string other = path + ".other";
  raw_sql(other, "CREATE TABLE invoices(id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1)");
  const std::string bytes = file_bytes(other);
  auto r = open_sqlite_storage(other);
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("is not a liboms database"), std::string::npos);
  EXPECT_EQ(file_bytes(other), bytes);
  std::filesystem::remove(other);

  const std::string text = path + ".txt";
  std::ofstream(text) << "name,qty\nTEA,3\n";
  auto t = open_sqlite_storage(text);
  ASSERT_EQ(t.status().code(), StatusCode::kFailedPrecondition) << t.status().to_string();
  EXPECT_EQ(file_bytes(text), "name,qty\nTEA,3\n");
  std::filesystem::remove(text);
}

TEST_F(SqliteFileTest, AMissingFileIsNotFoundWhenCreationIsOff) {
  SqliteOptions o;
  o.create = false;
  EXPECT_EQ(open_sqlite_storage(path + ".missing", o).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path + ".missing"));
}

TEST_F(SqliteFileTest, AWriterWaitingPastTheBusyTimeoutGetsAClearErrorAndChangesNothing) {
  seed();
  SqliteOptions o;
  o.busy_timeout_ms = 100;
  auto other = open_sqlite_storage(path, o).value();
  auto other_engine = ok(Engine::open(other, options));
  auto blocker = storage->begin(TxMode::kWrite);  // another writer holds the file
  auto r = other_engine->create_order(order_for("ACME", {{"TEA", "1"}}), "s");
  ASSERT_EQ(r.status().code(), StatusCode::kStorage);
  EXPECT_NE(r.status().message().find("database is busy"), std::string::npos) << r.status().message();
  blocker.reset();
  EXPECT_TRUE(ok(other_engine->list_orders({})).empty());
  EXPECT_TRUE(other_engine->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
}

// Writers of one process queue for the file instead of polling for it. SQLite's busy handler
// sleeps 1, 2, 5, 10 ... ms between tries, and a writer that comes straight back for its next
// operation takes the lock while the others sleep, so under steady load from a few threads one of
// them lost every time until its busy timeout ran out, and its operation failed as if another
// process had held the file that long (each writer holds it for well under a millisecond).
// Also with writer_patience_us = 0, strict turns.
TEST_F(SqliteFileTest, WritersOfOneProcessUnderSteadyLoadTakeTurnsAndNoneTimesOut) {
  // 4 threads create 400 orders each on a fresh file opened with `o`: none may fail.
  auto steady_load = [&](const SqliteOptions& o) {
    open_file(o);
    seed();
    constexpr int kThreads = 4;
    constexpr int kOrdersPerThread = 400;
    std::vector<std::thread> threads;
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kOrdersPerThread; ++i) {
          auto created = eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s");
          if (!created.ok()) {
            std::lock_guard lock(failures_mutex);
            failures.push_back(created.status().to_string());
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_TRUE(failures.empty()) << failures.size() << " failed, the first: " << failures.front();
    EXPECT_EQ(ok(eng->list_orders({})).size(), static_cast<std::size_t>(kThreads * kOrdersPerThread - failures.size()));
  };
  for (const int patience : {SqliteOptions().writer_patience_us, 0}) {
    SCOPED_TRACE("writer_patience_us = " + std::to_string(patience));
    remove_file();
    SqliteOptions o;
    o.busy_timeout_ms = 100 * kSlowerBy;
    o.durability = Durability::kNormal;  // no fsync per commit: a slow disk must not look like unfairness
    o.writer_patience_us = patience;
    steady_load(o);
  }
}

// Writers of other processes (here: of another storage on the file) meet at SQLite's lock, and
// one that finds it taken tries again until the holder lets go. It must try often: SQLite's own
// busy handler slept 1, 2, 5, 10, 15, 20, 25 ... ms between tries, so a writer let in 60 ms
// after it came got the file 18 ms later, and against a process writing without pause it kept
// missing the moments the file was free until its busy timeout ran out.
TEST_F(SqliteFileTest, AWriterWaitingForAnotherProcessGetsTheFileSoonAfterItIsLetGo) {
  seed();
  auto other_engine = ok(Engine::open(open_sqlite_storage(path).value(), options));
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  ok(other_engine->create_order(order_for("ACME", {{"TEA", "1"}}), "s"));
  const Clock::duration alone = Clock::now() - start;  // the write itself, with nobody in the way
  auto blocker = storage->begin(TxMode::kWrite);  // another writer holds the file
  Clock::time_point done;
  Status status;
  std::thread waiter([&] {
    status = other_engine->create_order(order_for("ACME", {{"TEA", "1"}}), "s").status();
    done = Clock::now();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  const Clock::time_point let_go = Clock::now();
  blocker.reset();
  waiter.join();
  EXPECT_TRUE(status.ok()) << status.to_string();
  EXPECT_LT(done - let_go, alone + std::chrono::milliseconds(10 * kSlowerBy))
      << std::chrono::duration<double, std::milli>(done - let_go).count() << " ms after the file was let go, "
      << std::chrono::duration<double, std::milli>(alone).count() << " ms alone";
}

TEST_F(SqliteFileTest, AReadOnlyFileAnswersReadsAndRefusesWrites) {
  build_rich_state();
  const std::string before = dump_storage(*storage);
  SqliteOptions o;
  o.read_only = true;
  open_file(o);
  EXPECT_EQ(dump_storage(*storage), before);
  auto r = eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s");
  ASSERT_EQ(r.status().code(), StatusCode::kStorage);
  EXPECT_NE(r.status().message().find("read-only"), std::string::npos) << r.status().message();
  open_file();
  EXPECT_EQ(dump_storage(*storage), before);
}

// Every statement the adapter prepares, as the engine used it below.
std::mutex observed_mutex;
std::set<std::string> observed;
void observe(const char* sql) {
  std::lock_guard lock(observed_mutex);
  observed.insert(sql);
}

// What SQLite plans for `sql`: the detail column of EXPLAIN QUERY PLAN, one line per step.
std::vector<std::string> query_plan(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  const std::string explain = "EXPLAIN QUERY PLAN " + sql;
  if (sqlite3_prepare_v2(db, explain.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << " in: " << sql;
    return {};
  }
  std::vector<std::string> steps;
  while (sqlite3_step(stmt) == SQLITE_ROW) steps.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)));
  sqlite3_finalize(stmt);
  return steps;
}

// A look-up or write that walks a whole table would make every operation slower as the book
// grows (the growth benchmark found one: picking walked every shipment). So no statement the
// engine runs may scan a table that grows with the business, unless it reads all of it by
// design. Plans do not depend on the rows present: there is no ANALYZE, so SQLite plans a small
// test file as it would a file of millions of orders.
TEST_F(SqliteFileTest, NoStatementScansATableThatGrowsWithTheBook) {
  internal::observe_sqlite_statements(observe);
  build_rich_state();
  dump_storage(*storage);
  const Date today = day(2026, 11, 23);
  ReportFilter filter;
  filter.as_of = today;
  for (ReportDimension by : {ReportDimension::kCustomer, ReportDimension::kProduct, ReportDimension::kMonth}) {
    ok(eng->order_line_report(filter, by));
  }
  filter.customer_code = "ACME";
  ok(eng->order_line_report(filter, ReportDimension::kProduct));
  ok(eng->inventory_report({}));
  ok(eng->daily_product_stats(today, "CNY"));
  ok(eng->customer_value({}));
  ok(eng->statement("ACME", "CNY", day(2026, 1, 1), today));
  ok(eng->receivables_ageing("CNY"));
  ok(eng->customer_orders("ACME"));
  ok(eng->find_customers("Acme"));
  ok(eng->check_delays("ops"));
  ok(eng->allocate_backorders("ops"));
  ok(eng->scan("SN-1"));
  ok(eng->scan("L-1"));
  const Customer acme = ok(eng->customer("ACME"));
  OrderQuery q;
  q.states = {OrderState::kConfirmed, OrderState::kSubmitted};
  ok(eng->list_orders(q));
  q.limit = 1;
  ok(eng->list_orders(q));
  q.states.clear();
  q.from = day(2026, 11, 1);
  ok(eng->list_orders(q));
  q.customer_code = acme.code;
  ok(eng->list_orders(q));
  ok(eng->count_customer_orders("ACME"));
  ok(eng->customers());
  ok(eng->warehouses());
  StockQuery sq;
  sq.warehouse = "N";
  ok(eng->stock_levels(sq));
  sq.sku = "MILK";
  ok(eng->stock_levels(sq));
  ok(eng->available_to_sell("TEA"));
  ok(eng->open_exceptions());
  ok(eng->customer_invoices("ACME", true));
  ok(eng->receivables_ageing("CNY", today));
  for (const Order& o : ok(eng->customer_orders("ACME"))) {
    ok(eng->review(o.number));
    ok(eng->document_flow({DocumentKind::kOrder, o.number}));
    ok(eng->order(o.id));
  }
  ok(eng->events(3, 2));
  internal::observe_sqlite_statements(nullptr);

  // Tables that do not grow with orders: configuration, counters, places.
  const std::set<std::string> small = {"ids", "sequences", "units", "tax_classes", "warehouses", "locations",
                                       "price_lists", "promotions", "json_each"};
  // Statements that read a whole table by design, each with why.
  const std::vector<std::pair<std::string, std::string>> whole = {
      {"FROM orders o JOIN order_lines l", "the order-line reports: n per report"},
      {"SELECT customer_id, count(*), oms_dec_sum", "customer grading and value: one pass over the orders"},
      {"FROM products ORDER BY", "listing the catalog"},
      {"FROM customers ORDER BY", "listing the customers"},
      {"FROM customers WHERE", "finding customers by part of a name or nickname"},
      {"SELECT id FROM orders ORDER BY id", "listing every order, with no filter"},
  };
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite::register_report_functions(db);
  // A partial index holds only the rows its condition selects (orders waiting for stock, say):
  // scanning it is reading exactly those.
  std::set<std::string> partial;
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'", -1,
                               &st, nullptr),
            SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) partial.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  EXPECT_FALSE(partial.empty());
  std::set<std::string> statements;
  {
    std::lock_guard lock(observed_mutex);
    statements.swap(observed);
  }
  // The workload above prepares 90 distinct statements: most of the adapter's.
  EXPECT_GE(statements.size(), 85u) << "the observer saw too few statements to prove anything";
  for (const std::string& sql : statements) {
    const auto by_design = std::find_if(whole.begin(), whole.end(), [&](const auto& w) { return sql.find(w.first) != std::string::npos; });
    for (const std::string& step : query_plan(db, sql)) {
      if (step.rfind("SCAN ", 0) != 0) continue;
      const std::string table = step.substr(5, step.find(' ', 5) - 5);
      const auto using_index = step.find(" USING INDEX ");
      const bool on_partial =
          using_index != std::string::npos && partial.count(step.substr(using_index + 13, step.find(' ', using_index + 13) - using_index - 13));
      if (small.count(table) || on_partial || by_design != whole.end()) continue;
      ADD_FAILURE() << step << "\n  in: " << sql;
    }
  }
  sqlite3_close(db);
}

// The tables and indexes each of `steps` writes to the file at `path`, read from the log. A reader
// holds a snapshot meanwhile, so that no checkpoint starts the log again under the frames read.
std::vector<std::set<std::string>> btrees_written(const std::string& path, const std::vector<std::function<void()>>& steps) {
  SQLite::Database reader(path, SQLite::OPEN_READONLY);
  std::optional<SQLite::Transaction> pin(std::in_place, reader);
  reader.execAndGet("SELECT COUNT(*) FROM ids");
  WalReader wal(path + "-wal", reader.execAndGet("PRAGMA page_size").getInt());
  wal.new_frames();
  std::vector<std::vector<std::uint32_t>> pages;
  for (const auto& step : steps) {
    step();
    pages.push_back(wal.new_frames());
  }
  pin.reset();
  const auto owners = page_owners(path);
  std::vector<std::set<std::string>> out;
  for (const auto& step_pages : pages) {
    std::set<std::string>& names = out.emplace_back();
    for (auto page : step_pages) names.insert(owners.count(page) ? owners.at(page) : "(free)");
  }
  return out;
}

// SQLite rewrites every index on a column that an UPDATE (or an upsert) names, even to the value
// it had, and a commit costs the pages it writes. So an order that moves on names only the
// columns that changed: its state index is written, the indexes of its number, customer, date,
// external reference and lines are not. Its history and allocations are tables without rowid
// (schema 5): a row is one b-tree, not a table and an index of its key.
TEST_F(SqliteFileTest, AnOrderThatMovesOnLeavesTheIndexesOfItsUnchangedColumnsAlone) {
  seed();
  receive("TEA", "N", "10");
  NewOrder spec = order_for("ACME", {{"TEA", "2"}, {"RICE", "1"}});
  spec.external = {"web", "W-7"};
  const std::string number = ok(eng->create_order(spec, "sync")).order.number;
  const auto written = btrees_written(path, {[&] { ok(eng->submit(number, "sales")); },
                                             [&] { ok(eng->approve(number, "sales")); },
                                             [&] { ok(eng->hold(number, "call the customer", "ops")); }});
  ASSERT_EQ(written.size(), 3u);
  for (const auto& step : written) {
    EXPECT_TRUE(step.count("orders")) << "the order's row was not written at all";
    EXPECT_TRUE(step.count("orders_state"));
    for (const char* untouched : {"sqlite_autoindex_orders_1", "orders_customer", "orders_date", "orders_external",
                                  "order_lines_product", "sqlite_autoindex_order_lines_1",
                                  "sqlite_autoindex_order_history_1", "sqlite_autoindex_line_allocations_1"}) {
      EXPECT_FALSE(step.count(untouched)) << untouched;
    }
  }
  EXPECT_TRUE(written[1].count("line_allocations")) << "approving allocates the lines";
  EXPECT_TRUE(written[2].count("order_history")) << "holding is a state change";
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kOnHold);
}

// The same for documents: a shipment that changes without changing state (a carrier set) writes
// its row with the new body, and leaves its state, number, customer and key indexes alone.
TEST_F(SqliteFileTest, AShipmentThatChangesWithoutChangingStateLeavesItsIndexesAlone) {
  seed();
  receive("TEA", "N", "10");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  ShipmentSpec spec;
  spec.orders = {number};
  const Shipment created = ok(eng->create_shipment(spec, "wh"));
  const auto written =
      btrees_written(path, {[&] { ok(eng->set_carrier(created.number, "SF", "SF-1001", "wh")); }});
  ASSERT_EQ(written.size(), 1u);
  EXPECT_TRUE(written[0].count("documents")) << "the shipment's row was not written at all";
  for (const char* untouched : {"documents_state", "documents_number", "documents_customer", "documents_flagged",
                                "sqlite_autoindex_documents_1"}) {
    EXPECT_FALSE(written[0].count(untouched)) << untouched;
  }
  const Shipment after = ok(eng->shipment(created.number));
  EXPECT_EQ(after.state, created.state);
  EXPECT_EQ(after.tracking_number, "SF-1001");
}

// The log is copied into the file by the storage's checkpoint thread once it holds
// checkpoint_pages, or by the writer whose commit finds it at 8 times as many should that thread
// fall behind: either way it stays bounded, and nothing committed is lost. (Without checkpoints
// these 450 operations would leave a log of thousands of pages.)
TEST_F(SqliteFileTest, TheWriteAheadLogStaysBoundedWhileWritersRunAndLosesNothing) {
  SqliteOptions o;
  o.checkpoint_pages = 8;
  open_file(o);
  seed();
  receive("TEA", "N", "1000");
  for (int i = 0; i < 150; ++i) confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  constexpr std::uintmax_t kFrame = 4096 + 24;
  EXPECT_LE(std::filesystem::file_size(path + "-wal"), 32 + 400 * kFrame);
  const std::string before = dump_storage(*storage);
  open_file();
  EXPECT_EQ(dump_storage(*storage), before);
  EXPECT_EQ(ok(eng->list_orders({})).size(), 150u);
}

TEST_F(SqliteFileTest, ACheckpointThresholdBelowOnePageIsRefused) {
  SqliteOptions o;
  o.checkpoint_pages = 0;
  const Status s = open_sqlite_storage(path + ".other", o).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("checkpoint_pages"), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(path + ".other"));
}

TEST_F(SqliteFileTest, AWriterPatienceOutsideZeroToOneSecondIsRefused) {
  for (const int patience : {-1, 1'000'001}) {
    SqliteOptions o;
    o.writer_patience_us = patience;
    const Status s = open_sqlite_storage(path + ".other", o).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("writer_patience_us '" + std::to_string(patience) + "'"), std::string::npos) << s.message();
    EXPECT_FALSE(std::filesystem::exists(path + ".other"));
  }
  SqliteOptions o;
  o.writer_patience_us = 1'000'000;
  EXPECT_TRUE(open_sqlite_storage(path + ".other", o).ok());
  remove_db_files(path + ".other");
}

TEST_F(SqliteFileTest, AFullDiskFailsTheOperationCleanly) {
  seed();
  receive("TEA", "N", "100000");
  const int pages = static_cast<int>(std::filesystem::file_size(path) / 4096) + 8;
  SqliteOptions o;
  o.max_pages = pages;  // room for a little growth only
  open_file(o);
  Status failure;
  int created = 0;
  for (int i = 0; i < 2000 && failure.ok(); ++i) {
    NewOrder big = order_for("ACME", {{"TEA", "1"}});
    big.notes = std::string(2000, 'x');
    auto r = eng->create_order(big, "s");
    if (r.ok()) ++created; else failure = r.status();
  }
  ASSERT_EQ(failure.code(), StatusCode::kStorage);
  EXPECT_NE(failure.message().find("disk full"), std::string::npos) << failure.message();
  EXPECT_EQ(ok(eng->list_orders({})).size(), static_cast<std::size_t>(created));
  open_file();  // without the quota: intact and writable
  expect_invariants(*eng);
  EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
}

// A connection remembers the orders and documents it read between transactions. A second
// storage on the same file (as another process would be) holds the order and ships nothing; the
// first must then see the held order, not the one it remembers, and must not write over it.
TEST_F(SqliteFileTest, AnOrderChangedThroughAnotherConnectionIsNotTakenFromMemory) {
  seed();
  receive("TEA", "N", "10");
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "2"}}), "s")).order.number;
  ok(eng->submit(number, "s"));  // this engine's connection now remembers the submitted order
  auto other = ok(Engine::open(open_sqlite_storage(path).value(), options));
  ok(other->hold(number, "call the customer", "ops"));

  const auto approved = eng->approve(number, "boss");
  ASSERT_FALSE(approved.ok()) << "approved the order another connection had put on hold";
  EXPECT_EQ(approved.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kOnHold);
  EXPECT_EQ(ok(eng->order(number)).history.size(), ok(other->order(number)).history.size());
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
}

// The sequence part of a document number of the default rule ("SO-20261123-00007": 7).
std::int64_t sequence_of(const std::string& number) { return std::stoll(number.substr(number.rfind('-') + 1)); }

// A connection counts ids and number sequences in memory within a write transaction and writes
// them at commit. Two storages on one file (as two processes would be) take turns creating
// orders, shipments and invoices: no id or number may be handed out twice, and the numbers run
// on without gaps from one storage to the other.
TEST_F(SqliteFileTest, IdsAndNumbersHandedOutThroughTwoConnectionsNeverRepeat) {
  seed();
  receive("TEA", "N", "100");
  auto other = ok(Engine::open(open_sqlite_storage(path).value(), options));
  std::set<std::int64_t> order_ids;
  std::set<std::string> numbers;
  std::vector<std::string> order_numbers;
  for (int i = 0; i < 6; ++i) {
    Engine& e = i % 3 == 0 ? *other : *eng;  // each storage twice or more in a row, then the other
    const Order o = ok(e.create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order;
    EXPECT_TRUE(order_ids.insert(o.id.value).second) << "order id " << o.id.value << " handed out twice";
    EXPECT_TRUE(numbers.insert(o.number).second) << o.number << " handed out twice";
    order_numbers.push_back(o.number);
    ok(e.submit(o.number, "s"));
    ok(e.approve(o.number, "boss"));
    ShipmentSpec spec;
    spec.orders = {o.number};
    const std::string shipment = ok(e.ship_shipment(ok(e.create_shipment(spec, "wh")).number, "wh")).number;
    EXPECT_TRUE(numbers.insert(shipment).second) << shipment << " handed out twice";
    InvoiceSpec iv;
    iv.shipment = shipment;
    const std::string invoice = ok(e.create_invoice(iv, "acc")).number;
    EXPECT_TRUE(numbers.insert(invoice).second) << invoice << " handed out twice";
  }
  for (std::size_t i = 1; i < order_numbers.size(); ++i) {
    EXPECT_EQ(sequence_of(order_numbers[i]), sequence_of(order_numbers[i - 1]) + 1)
        << order_numbers[i - 1] << " then " << order_numbers[i];
  }
  EXPECT_EQ(ok(eng->list_orders({})).size(), 6u);
  expect_invariants(*eng);
}

// A write transaction that is not committed takes back the ids and numbers it counted: the
// next order gets the number the failed one would have had, through the same connection.
TEST_F(SqliteFileTest, ANumberCountedByAnOperationThatFailsIsHandedOutAgain) {
  seed();
  const std::string first = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  const std::int64_t first_id = ok(eng->order(first)).id.value;
  {
    auto tx = storage->begin(TxMode::kWrite);
    EXPECT_EQ(tx->next_id(EntityKind::kOrder), first_id + 1);
    EXPECT_EQ(tx->next_sequence(first.substr(0, first.rfind('-'))), sequence_of(first) + 1);
    // destroyed without commit
  }
  const std::string second = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  EXPECT_EQ(sequence_of(second), sequence_of(first) + 1) << first << " then " << second;
  EXPECT_EQ(ok(eng->order(second)).id.value, first_id + 1);
}

// A storage that writes an order it has not read (its connection does not remember it) compares
// it with the file: the lines, allocations and history written are exactly the new version's.
TEST_F(SqliteFileTest, AnOrderWrittenThroughAConnectionThatHasNotReadItReplacesTheStoredOne) {
  seed();
  receive("TEA", "N", "10");
  receive("RICE", "N", "10");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}, {"RICE", "1"}}));
  const Order stored = ok(eng->order(number));
  ASSERT_EQ(stored.lines.size(), 2u);
  ASSERT_EQ(stored.lines[0].allocations.size(), 1u);

  Order next = stored;
  next.lines.erase(next.lines.begin() + 1);
  next.lines[0].allocations.clear();
  next.lines[0].note = "written blind";
  next.history.push_back({OrderState::kConfirmed, OrderState::kOnHold, OrderAction::kHold, "ops", next.history.back().at,
                          "checking"});
  next.state = OrderState::kOnHold;
  {
    auto blind = open_sqlite_storage(path).value();  // a connection that has read nothing
    auto tx = blind->begin(TxMode::kWrite);
    tx->put(next);
    tx->commit();
  }
  auto fresh = open_sqlite_storage(path).value();
  auto tx = fresh->begin(TxMode::kRead);
  const Order read = *tx->get(by::kOrderId, stored.id);
  EXPECT_EQ(read.state, OrderState::kOnHold);
  ASSERT_EQ(read.lines.size(), 1u);
  EXPECT_EQ(read.lines[0].note, "written blind");
  EXPECT_TRUE(read.lines[0].allocations.empty());
  ASSERT_EQ(read.history.size(), stored.history.size() + 1);
  EXPECT_EQ(read.history.back().reason, "checking");
  EXPECT_EQ(tx->list_orders({}).size(), 1u);
}

// The same for stock, which a connection also remembers: after another connection has reserved
// most of it, this one must not reserve what is no longer there.
TEST_F(SqliteFileTest, StockReservedThroughAnotherConnectionIsNotTakenFromMemory) {
  seed();
  receive("TEA", "N", "10");
  const std::string first = confirmed_order(order_for("ACME", {{"TEA", "4"}}));  // remembers TEA's stock
  EXPECT_EQ(stock("TEA").available, Decimal(6));
  auto other = ok(Engine::open(open_sqlite_storage(path).value(), options));
  const std::string number = ok(other->create_order(order_for("ACME", {{"TEA", "5"}}), "s")).order.number;
  ok(other->submit(number, "s"));
  ok(other->approve(number, "boss"));

  const std::string last = ok(eng->create_order(order_for("ACME", {{"TEA", "3"}}), "s")).order.number;
  ok(eng->submit(last, "s"));
  ok(eng->approve(last, "boss"));
  EXPECT_EQ(ok(eng->order(last)).lines.front().reserved(), Decimal(1)) << "only 1 was left to reserve";
  EXPECT_EQ(stock("TEA").reserved, Decimal(10));
  EXPECT_TRUE(stock("TEA").available.is_zero());
  expect_invariants(*eng);
}

// Reference data a connection remembers is read back as last written, by the same connection.
TEST_F(SqliteFileTest, ReferenceDataRewrittenIsReadBackAsRewritten) {
  auto write = [&](auto&& f) {
    auto tx = storage->begin(TxMode::kWrite);
    f(*tx);
    tx->commit();
  };
  write([](Transaction& tx) {
    tx.put(Unit{"box", "Box", 0});
    tx.put(TaxClass{"std", "Standard", Decimal::from_string("0.13")});
    tx.put(Warehouse{WarehouseId{1}, "N", "North", "east", true});
    tx.put(Location{LocationId{1}, WarehouseId{1}, "A-1", "Aisle 1"});
  });
  write([](Transaction& tx) {  // read: now remembered
    EXPECT_EQ(tx.get(by::kUnitCode, "box")->name, "Box");
    EXPECT_EQ(tx.get(by::kTaxClassCode, "std")->rate, Decimal::from_string("0.13"));
    EXPECT_EQ(tx.get(by::kWarehouseId, WarehouseId{1})->name, "North");
    EXPECT_EQ(tx.get(by::kLocationId, LocationId{1})->name, "Aisle 1");
  });
  write([](Transaction& tx) {
    tx.put(Unit{"box", "Carton", 0});
    tx.put(TaxClass{"std", "Standard", Decimal::from_string("0.09")});
    tx.put(Warehouse{WarehouseId{1}, "N", "North DC", "east", false});
    tx.put(Location{LocationId{1}, WarehouseId{1}, "A-1", "Aisle 1 (cold)"});
  });
  auto tx = storage->begin(TxMode::kRead);
  EXPECT_EQ(tx->get(by::kUnitCode, "box")->name, "Carton");
  EXPECT_EQ(tx->get(by::kTaxClassCode, "std")->rate, Decimal::from_string("0.09"));
  EXPECT_EQ(tx->get(by::kWarehouseId, WarehouseId{1})->name, "North DC");
  EXPECT_FALSE(tx->get(by::kWarehouseId, WarehouseId{1})->active);
  EXPECT_EQ(tx->get(by::kLocationId, LocationId{1})->name, "Aisle 1 (cold)");
}

// Documents are written as JSON text straight from the schema's member lists, without a tree,
// and read back through nlohmann: the text must be JSON and read back to a document that writes
// the same text again.
template <class D>
void expect_same_json(const D& d) {
  const std::string text = body::text(d);
  EXPECT_EQ(body::text(body::from_text<D>(text)), text) << "does not read back as written";
}

TEST_F(SqliteFileTest, DocumentsAreWrittenAsTheJsonTheyAreReadFrom) {
  build_rich_state();
  auto tx = storage->begin(TxMode::kRead);
  const auto customer = tx->get(by::kCustomerCode, "ACME")->id;
  const auto shipments = tx->list_shipments({});
  ASSERT_FALSE(shipments.empty());
  ASSERT_FALSE(shipments.front().tracking.empty());
  ASSERT_FALSE(shipments.front().exceptions.empty());
  for (const auto& d : shipments) expect_same_json(d);
  const auto invoices = tx->list_invoices({});
  ASSERT_FALSE(invoices.empty());
  for (const auto& d : invoices) expect_same_json(d);
  const auto payments = tx->list(by::kPaymentsOfCustomer, customer);
  ASSERT_FALSE(payments.empty());
  for (const auto& d : payments) expect_same_json(d);
  const auto credit_notes = tx->list(by::kCreditNotesOfCustomer, customer);
  ASSERT_FALSE(credit_notes.empty());
  for (const auto& d : credit_notes) expect_same_json(d);
  const auto customer_return = tx->get(by::kReturnNumber, credit_notes.front().return_number);
  ASSERT_TRUE(customer_return.has_value());
  expect_same_json(*customer_return);
  Refund refund{RefundId{7}, "RF-7", customer, "ACME", day(2026, 11, 30), "wire", "ref \"1\"\n", Money("12.30"_d, currency("CNY")),
                "PAY-1", "overpaid", "cashier", at(2026, 11, 30, 9)};
  expect_same_json(refund);
}

// A statement that failed (here: a second product with the same SKU, refused by the file's
// unique index) fails that operation only. The connection prepared it once and reuses it; the
// next product it writes is stored.
TEST_F(SqliteFileTest, AStatementThatFailedDoesNotFailTheNextOperationThatUsesIt) {
  auto product = [](std::int64_t id, const char* sku) {
    Product p;
    p.id = ProductId{id};
    p.sku = sku;
    p.name = sku;
    p.unit = "pcs";
    return p;
  };
  {
    auto tx = storage->begin(TxMode::kWrite);
    tx->put(Unit{"pcs", "pieces", 0});
    tx->put(product(1, "TEA"));
    tx->commit();
  }
  {
    auto tx = storage->begin(TxMode::kWrite);
    try {
      tx->put(product(2, "TEA"));
      ADD_FAILURE() << "a second product with the same SKU was stored";
    } catch (const Error& e) {
      EXPECT_EQ(e.status().code(), StatusCode::kStorage);
    }
  }  // rolled back
  auto tx = storage->begin(TxMode::kWrite);
  tx->put(product(2, "RICE"));
  tx->commit();
  auto read = storage->begin(TxMode::kRead);
  EXPECT_EQ(read->get(by::kProductSku, "RICE")->id, ProductId{2});
  EXPECT_EQ(read->get(by::kProductSku, "TEA")->id, ProductId{1});
}

// A write transaction that does not commit leaves nothing in what its connection remembers: the
// next transaction reads the order as the file holds it.
TEST_F(SqliteFileTest, AWriteThatIsRolledBackIsNotRememberedByItsConnection) {
  seed();
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "2"}}), "s")).order.number;
  const Order stored = ok(eng->order(number));
  {
    auto tx = storage->begin(TxMode::kWrite);
    Order changed = *tx->get(by::kOrderId, stored.id);
    changed.notes = "never committed";
    changed.lines.front().quantity = Decimal(99);
    tx->put(changed);
  }  // rolled back
  auto tx = storage->begin(TxMode::kWrite);
  const Order again = *tx->get(by::kOrderId, stored.id);
  EXPECT_EQ(again.notes, stored.notes);
  EXPECT_EQ(again.lines.front().quantity, Decimal(2));
}

TEST_F(SqliteFileTest, SeveralProcessesOnOneFileNeverOversell) {
  seed();
  receive("TEA", "N", "50");
  eng.reset();
  storage.reset();
  constexpr int kProcesses = 4, kOrdersEach = 20;  // demand 4 x 20 x 2 = 160 against 50
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int failures = 0;
      auto st = open_sqlite_storage(path);
      auto e = st.ok() ? Engine::open(*st, options) : Result<std::unique_ptr<Engine>>(st.status());
      if (!e.ok()) _exit(2);
      for (int i = 0; i < kOrdersEach; ++i) {
        auto c = (*e)->create_order(order_for("ACME", {{"TEA", "2"}}), "p" + std::to_string(p));
        if (!c.ok() || !(*e)->submit(c->order.number, "s").ok() || !(*e)->approve(c->order.number, "b").ok()) ++failures;
      }
      _exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child exit " << status;
  }
  open_file();
  const auto orders = ok(eng->list_orders({}));
  EXPECT_EQ(orders.size(), static_cast<std::size_t>(kProcesses * kOrdersEach));
  std::set<std::string> numbers;
  Decimal reserved;
  for (const auto& o : orders) {
    numbers.insert(o.number);
    for (const auto& l : o.lines) reserved += l.reserved();
  }
  EXPECT_EQ(numbers.size(), orders.size());  // no number handed out twice
  EXPECT_EQ(reserved, Decimal(50));
  EXPECT_EQ(stock("TEA").reserved, Decimal(50));
  EXPECT_TRUE(stock("TEA").available.is_zero());
  expect_invariants(*eng);
}

}  // namespace
}  // namespace oms::testing
