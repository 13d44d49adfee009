// The SQLite storage adapter (SQLiteCpp).
//
// One table per entity (src/storage/sqlite_schema.h); decimals are stored as exact text, dates
// as ISO text, instants as integer microseconds. Small nested lists that no report queries
// (contacts, addresses, serial lists, the snapshots kept by an order's revisions) are JSON text
// columns; everything reports query (orders, lines, allocations, moves, balances) has columns.
//
// A read transaction borrows a connection from a pool for its whole life (BEGIN). Write
// transactions (BEGIN IMMEDIATE: serializable, one writer at a time across threads and
// processes) take turns at the storage's writers() mutex and use the writers' connection.
// Statements are prepared once per connection and reused.
#include "oms/sqlite_storage.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "storage/body_json.h"
#include "storage/dispatch.h"
#include "storage/sqlite_report_functions.h"
#include "storage/sqlite_observer.h"
#include "storage/sqlite_schema.h"
#include "storage/fair_shared_mutex.h"
#include "storage/writer_thread.h"

namespace oms {

namespace internal {
namespace {
std::atomic<SqlObserver> sql_observer{nullptr};
}  // namespace
void observe_sqlite_statements(SqlObserver observer) noexcept { sql_observer.store(observer); }
}  // namespace internal

namespace {

using json = nlohmann::json;

// Enum values as a JSON array of their numbers, bound to `IN (SELECT value FROM json_each(?))`;
// none (NULL) when the list is empty, which statements read as "do not filter".
template <class E>
std::optional<json> numbers_of(const std::vector<E>& values) {
  if (values.empty()) return std::nullopt;
  json out = json::array();
  for (const E v : values) out.push_back(static_cast<int>(v));
  return out;
}

// A query's limit for SQL's LIMIT: 0 (no limit) becomes -1.
inline std::int64_t sql_limit(std::size_t limit) { return limit == 0 ? -1 : static_cast<std::int64_t>(limit); }

constexpr int kApplicationId = 0x4F4D5331;  // "OMS1"

constexpr std::string_view kBusy = "database is busy (another writer held it past the busy timeout)";

[[noreturn]] void storage_error(const SQLite::Exception& e, std::string_view what) {
  const int code = e.getErrorCode();
  std::string message = std::string(what) + ": ";
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    message += kBusy;
  } else if (code == SQLITE_FULL) {
    message += "disk full";
  } else if (code == SQLITE_READONLY) {
    message += "database is read-only";
  } else {
    message += e.what();
  }
  throw Error(Status::StorageError(std::move(message)));
}

// ---- Column binding and reading -------------------------------------------------------------

// Binds values to a statement's parameters, in order. Text is bound without a copy (SQLite
// copied each bound text into memory of its own: a malloc, a copy and a free per value): a
// caller's string is bound where it is, and the text made for a value (a decimal's digits, a
// date, JSON) is kept by the Binder, which must therefore live until the statement has run.
class Binder {
 public:
  // `values`: how many values will be bound at most (a Money counts once).
  Binder(SQLite::Statement& s, std::size_t values) : s_(s), room_(2 * values) {}
  Binder(const Binder&) = delete;
  Binder& operator=(const Binder&) = delete;

  SQLite::Statement& statement() noexcept { return s_; }

  Binder& operator()(std::int64_t v) { s_.bind(++i_, v); return *this; }
  Binder& operator()(int v) { s_.bind(++i_, v); return *this; }
  Binder& operator()(bool v) { s_.bind(++i_, v ? 1 : 0); return *this; }
  Binder& operator()(const std::string& v) { s_.bindNoCopy(++i_, v); return *this; }
  Binder& operator()(std::string_view v) { return text(std::string(v)); }
  Binder& operator()(const char* v) { s_.bindNoCopy(++i_, v); return *this; }
  Binder& operator()(const Decimal& v) { return text(v.to_string()); }
  Binder& operator()(const Currency& c) { return text(std::string(c.code())); }
  Binder& operator()(const Money& m) { return (*this)(m.amount())(m.currency()); }
  Binder& operator()(const Date& d) { return text(to_string(d)); }
  Binder& operator()(const Timestamp& t) { s_.bind(++i_, static_cast<std::int64_t>(t.time_since_epoch().count())); return *this; }
  Binder& operator()(const json& j) { return text(j.dump()); }
  Binder& operator()(EntityKind k) { s_.bind(++i_, static_cast<int>(k)); return *this; }
  Binder& operator()(DocumentKind k) { s_.bind(++i_, static_cast<int>(k)); return *this; }
  template <class Tag>
  Binder& operator()(Id<Tag> id) { s_.bind(++i_, id.value); return *this; }
  // An absent Money still fills its two columns (amount, currency).
  Binder& operator()(const std::optional<Money>& m) {
    if (m) return (*this)(*m);
    s_.bind(++i_);
    s_.bind(++i_);
    return *this;
  }
  template <class T>
  Binder& operator()(const std::optional<T>& v) {
    if (v) return (*this)(*v);
    s_.bind(++i_);
    return *this;
  }

 private:
  // Keeps `v` (the strings never move: their room is taken once) and binds it.
  Binder& text(std::string v) {
    if (made_.capacity() < room_) made_.reserve(room_);
    if (made_.size() == room_) throw std::logic_error("more text values bound than the Binder was made for");
    s_.bindNoCopy(++i_, made_.emplace_back(std::move(v)));
    return *this;
  }

  SQLite::Statement& s_;
  int i_ = 0;
  const std::size_t room_;
  std::vector<std::string> made_;
};

class Row {
 public:
  explicit Row(SQLite::Statement& s) : s_(s) {}
  std::int64_t i64() { return s_.getColumn(i_++).getInt64(); }
  int i32() { return s_.getColumn(i_++).getInt(); }
  bool boolean() { return i64() != 0; }
  std::string text() { return s_.getColumn(i_++).getString(); }
  Decimal dec() { return Decimal::from_string(text()); }
  Currency currency() {
    return body::currency_of(text());
  }
  Money money() {
    Decimal amount = dec();
    return Money(std::move(amount), currency());
  }
  Date date() { return parse_date(text()).value(); }
  std::optional<Date> opt_date() {
    if (s_.getColumn(i_).isNull()) {
      ++i_;
      return std::nullopt;
    }
    return date();
  }
  std::optional<Money> opt_money() {
    if (s_.getColumn(i_).isNull()) {
      i_ += 2;
      return std::nullopt;
    }
    return money();
  }
  std::optional<Timestamp> opt_time() {
    if (s_.getColumn(i_).isNull()) {
      ++i_;
      return std::nullopt;
    }
    return time();
  }
  Timestamp time() { return Timestamp(std::chrono::microseconds(i64())); }
  template <class IdT>
  IdT id() { return IdT{i64()}; }

 private:
  SQLite::Statement& s_;
  int i_ = 0;
};

// ---- What a connection remembers between transactions ---------------------------------------

// Entities read or written through one connection, by key (an id, a product for its stock, a
// code), as the file holds them. A write transaction (BEGIN IMMEDIATE) keeps every other writer
// out while it runs, a read transaction sees one snapshot, and only the transaction's own put_*
// writes their rows (keeping the new version), so what is remembered stays true while the
// transaction runs; between transactions KnownRows checks that no other connection has
// committed. Bounded: past the limit it starts afresh.
template <class V, class K = std::int64_t>
class Remembered {
 public:
  const V* find(const K& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  V* find(const K& key) {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  // The remembered value of `key`, or what `load()` reads (kept when found).
  template <class Load>
  std::optional<V> get(const K& key, Load&& load) {
    if (const V* known = find(key)) return *known;
    std::optional<V> loaded = load();
    if (loaded) keep(key, *loaded);
    return loaded;
  }
  void keep(const K& key, const V& v) {
    if (map_.size() >= kLimit) map_.clear();
    map_.insert_or_assign(key, v);
  }
  // Entities with an id.
  void keep(const V& v) { keep(v.id.value, v); }
  void forget(const K& key) { map_.erase(key); }
  std::size_t size() const noexcept { return map_.size(); }
  void clear() noexcept { map_.clear(); }

 private:
  static constexpr std::size_t kLimit = 4096;
  std::unordered_map<K, V> map_;
};

// Writes `row` into `rows` (sorted by `key`) as an upsert writes it into its table: `update`
// changes the row with the same key, or `row` is inserted in its place.
template <class T, class Key, class Update>
void upsert_sorted(std::vector<T>& rows, const T& row, Key key, Update update) {
  const auto it = std::lower_bound(rows.begin(), rows.end(), key(row),
                                   [&](const T& x, const auto& k) { return key(x) < k; });
  if (it != rows.end() && key(*it) == key(row)) {
    update(*it);
  } else {
    rows.insert(it, row);
  }
}

// The ids of a kind of document by number.
template <class D>
struct DocumentIds : Remembered<std::int64_t, std::string> {};

// What a connection remembers, kept from one transaction to the next: an operation then finds
// the order, the shipment, the products, their stock and the customer the previous operation
// left without reading (and parsing) them again. An order is its row with its lines,
// allocations and history; a document a JSON body; a product's stock its rows in every
// warehouse (or location). Valid only while the file holds what they say:
// - each transaction starts by reading PRAGMA data_version, which changes when any other
//   connection (of this process or another) has committed since the last reading; then all is
//   forgotten;
// - a write transaction that does not commit forgets all, since its writes were undone;
// - the transaction's own writes keep the new version (orders, documents, products, stock), or
//   forget the old one (reference data, rarely written; a product's or customer's write also
//   forgets the SKUs or codes remembered, since its key may change).
// What a batch remembered beyond kKeep entries of a kind is dropped when it ends, so that an idle
// pooled connection holds little.
class KnownRows {
 public:
  Remembered<Order> orders;
  Remembered<Product> products;
  std::tuple<Remembered<Shipment>, Remembered<Invoice>, Remembered<Payment>, Remembered<CreditNote>, Remembered<Refund>,
             Remembered<CustomerReturn>>
      documents;
  Remembered<std::vector<WarehouseStock>> warehouse_stock;  // by product, in warehouse order
  Remembered<std::vector<StockQuant>> quants;               // by product, in location and lot order
  Remembered<Valuation> valuations;                         // by product
  Remembered<Customer> customers;
  Remembered<Warehouse> warehouses;
  Remembered<Location> locations;
  Remembered<Unit, std::string> units;
  Remembered<TaxClass, std::string> tax_classes;
  // Unique text keys to ids: order numbers, SKUs, customer codes, document numbers.
  Remembered<std::int64_t, std::string> order_ids;
  Remembered<std::int64_t, std::string> product_ids;
  Remembered<std::int64_t, std::string> customer_ids;
  // The last id of each EntityKind, and the last value of each number sequence, as the file
  // holds them (next_id, next_sequence).
  Remembered<std::int64_t, int> ids;
  Remembered<std::int64_t, std::string> sequences;
  std::tuple<DocumentIds<Shipment>, DocumentIds<Invoice>, DocumentIds<Payment>, DocumentIds<CreditNote>,
             DocumentIds<Refund>, DocumentIds<CustomerReturn>>
      document_ids;

  // At the start of a transaction, with the connection's PRAGMA data_version read inside it.
  void begin(std::int64_t data_version) {
    if (data_version != data_version_) forget();
    data_version_ = data_version;
  }
  // At the end of a transaction; `undone`: it wrote and did not commit.
  void end(bool undone) {
    if (undone) {
      forget();
      return;
    }
    each([](auto& r) {
      if (r.size() > kKeep) r.clear();
    });
  }
  void forget() {
    each([](auto& r) { r.clear(); });
    data_version_ = -1;
  }

 private:
  static constexpr std::size_t kKeep = 256;
  template <class F>
  void each(F&& f) {
    std::apply([&](auto&... r) { (f(r), ...); }, documents);
    std::apply([&](auto&... r) { (f(r), ...); }, document_ids);
    f(order_ids);
    f(product_ids);
    f(customer_ids);
    f(ids);
    f(sequences);
    f(orders);
    f(products);
    f(warehouse_stock);
    f(quants);
    f(valuations);
    f(customers);
    f(warehouses);
    f(locations);
    f(units);
    f(tax_classes);
  }
  std::int64_t data_version_ = -1;
};

// ---- Checkpoints off the writers' path ------------------------------------------------------

class Connection;

// Copies the write-ahead log into the database file on a thread of its own. SQLite's automatic
// checkpoint runs inside the commit that finds the log past its threshold, so one operation in
// every hundred or so paid for copying a thousand pages and for the fsyncs around the copy.
// Writers' connections instead report the log's size after each commit (sqlite3_wal_hook). Once
// `checkpoint_pages` pages have been added since the last checkpoint they wake this thread, which
// runs a PASSIVE checkpoint on its own connection while the writers go on (neither readers nor
// writers wait for a passive checkpoint). Waking it on every commit past the threshold instead
// ran checkpoints back to back, each with its fsyncs, and was slower than SQLite's own (see
// docs/PERFORMANCE.md). A writer whose commit leaves the log at 8 x `checkpoint_pages`
// checkpoints itself, so the log stays bounded however far this thread falls behind. Safe for
// concurrent access from multiple threads; stops and joins when destroyed.
class Checkpointer {
 public:
  Checkpointer(std::string path, const SqliteOptions& options) : path_(std::move(path)), options_(options) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Installs the commit hook on a writer's connection.
  void watch(sqlite3* db) { sqlite3_wal_hook(db, &Checkpointer::committed, this); }

 private:
  // SQLite calls this after each commit of a watched connection, the write lock released, with
  // the pages the log now holds. A C callback: nothing may be thrown through SQLite.
  static int committed(void* self, sqlite3* db, const char* schema, int pages) noexcept {
    auto& c = *static_cast<Checkpointer*>(self);
    if (pages >= 8 * c.options_.checkpoint_pages) {
      int copied = 0;
      if (sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied) == SQLITE_OK) {
        c.copied_.store(copied);
      }
    } else {
      int copied = c.copied_.load();
      if (pages < copied) {  // the log started again
        copied = 0;
        c.copied_.store(0);
      }
      if (pages - copied >= c.options_.checkpoint_pages) c.wake();
    }
    return SQLITE_OK;
  }

  // Without a thread (none could be started) the writers' backstop checkpoints instead.
  void wake() noexcept {
    try {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      pending_ = true;
      if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      return;
    }
    wake_.notify_one();
  }

  // The thread: a PASSIVE checkpoint on a connection of its own each time it is woken.
  void run();

  const std::string path_;
  const SqliteOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stop_ = false;
  std::atomic<int> copied_{0};  // frames of the log copied by the last checkpoint
  std::thread thread_;
};

// ---- Connections ------------------------------------------------------------------------------

class Connection {
 public:
  // Connections that write are watched by `checkpointer`, which copies their log into the file.
  // Opened without SQLite's own mutex (multi-thread mode, not serialized): a connection serves
  // one transaction at a time, on the thread that began it, and passes to another thread only
  // through the pool's mutex or the writers' turn. The mutex taken and released around every
  // SQLite call was 3 % of a lifecycle's instructions.
  Connection(const std::string& path, const SqliteOptions& options, Checkpointer* checkpointer = nullptr)
      : db_(path,
            (options.read_only ? SQLite::OPEN_READONLY
                               : SQLite::OPEN_READWRITE | (options.create ? SQLite::OPEN_CREATE : 0)) |
                SQLite::OPEN_NOMUTEX),
        busy_timeout_(std::chrono::milliseconds(options.busy_timeout_ms)) {
    sqlite3_busy_handler(db_.getHandle(), &Connection::wait_for_file, this);
    db_.exec("PRAGMA foreign_keys = ON");
    db_.exec(options.durability == Durability::kFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    if (options.max_pages > 0) db_.exec("PRAGMA max_page_count = " + std::to_string(options.max_pages));
    if (checkpointer && !options.read_only) checkpointer->watch(db_.getHandle());
    sqlite::register_report_functions(db_.getHandle());
  }

  SQLite::Database& db() { return db_; }
  KnownRows& known() { return known_; }

  // A prepared statement for `sql`, reset and with its bindings cleared. `sql` must outlive
  // the connection (string literals and the schema's generated statements do). A statement
  // whose last run failed (busy, disk full) is reset without raising that failure again: it
  // belongs to the operation that already reported it.
  SQLite::Statement& prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
      if (auto observer = internal::sql_observer.load(std::memory_order_relaxed)) observer(sql);
    }
    it->second->tryReset();
    it->second->clearBindings();
    return *it->second;
  }

 private:
  // SQLite's busy handler for the file taken by a writer of another process: tries again after
  // 20, 40, 80 ... µs, then every millisecond, until the busy timeout has passed. SQLite's own
  // handler slept 1, 2, 5, 10 ... up to 100 ms between tries, and another process writing
  // without pause let go of the file for a few microseconds at a time, so its tries kept missing
  // and it failed at its timeout. Tested by
  // SqliteFileTest.AWriterWaitingForAnotherProcessGetsTheFileSoonAfterItIsLetGo. A C callback:
  // nothing may be thrown through SQLite.
  static int wait_for_file(void* self, int tries) noexcept {
    auto& c = *static_cast<Connection*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (tries == 0) c.busy_since_ = now;
    if (now - c.busy_since_ >= c.busy_timeout_) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(std::min(20 << std::min(tries, 6), 1000)));
    return 1;
  }

  SQLite::Database db_;
  const std::chrono::milliseconds busy_timeout_;
  std::chrono::steady_clock::time_point busy_since_;  // when the file was first found taken
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> cache_;
  KnownRows known_;
};

// ---- Rows written as the changes to their stored version ---------------------------------------

// Whether two values would be stored as the same text: decimals by digits and scale, not only
// by value ("1.50" is not stored as "1.5").
bool same(const Decimal& a, const Decimal& b) { return a.scale() == b.scale() && a == b; }  // at one scale, by mantissa
bool same(const Money& a, const Money& b) { return a.currency() == b.currency() && same(a.amount(), b.amount()); }
bool same(const Allocation& a, const Allocation& b) { return a.warehouse == b.warehouse && same(a.quantity, b.quantity); }
template <class T>
bool same(const T& a, const T& b) {
  return a == b;
}
template <class T>
bool same(const std::optional<T>& a, const std::optional<T>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}
template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const T& x, const T& y) { return same(x, y); });
}

// How many columns a value of a row fills: a Money two (amount, currency), any other value one.
template <class T>
inline constexpr int kColumnsOf = 1;
template <>
inline constexpr int kColumnsOf<Money> = 2;
// No row holds an optional Money today; the binder fills two columns for one, so its width stays.
template <>
inline constexpr int kColumnsOf<std::optional<Money>> = 2;  // NOLINT(clang-diagnostic-unused-const-variable)

// The UPDATE statements that write part of a table's row. SQLite rewrites every index on a
// column that an UPDATE (or an upsert's DO UPDATE) names, even to the value it had, so a row
// written over its stored version names only the values that changed: an order that moves on
// leaves its number, customer and date indexes alone. One statement per set of changed values,
// made once and kept for the life of the process, since connections cache a prepared statement
// by the address of its SQL. Safe for concurrent access from multiple threads.
class PartialUpdates {
 public:
  // `columns` in the order of the row's values; `key` the columns of its WHERE ("id").
  PartialUpdates(const char* table, const std::vector<std::string>& columns, std::string key)
      : table_(table), columns_(columns), key_(std::move(key)) {}

  // The statement setting the values whose bits are set in `changed`, then binding the key;
  // value i of the row fills `widths[i]` columns.
  template <std::size_t N>
  const char* sql(std::uint64_t changed, const std::array<int, N>& widths) {
    std::lock_guard lock(mutex_);
    auto [it, added] = statements_.try_emplace(changed);
    if (added) {
      std::vector<std::string> set;
      std::size_t column = 0;
      for (std::size_t i = 0; i < N; ++i) {
        for (int k = 0; k < widths[i]; ++k, ++column) {
          if (changed >> i & 1) set.push_back(columns_.at(column));
        }
      }
      if (column != columns_.size()) throw std::logic_error(std::string("row values do not match the columns of ") + table_);
      it->second = schema::make_update(table_, set, key_);
    }
    return it->second.c_str();
  }

 private:
  const char* table_;
  const std::vector<std::string>& columns_;
  const std::string key_;
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::string> statements_;  // nodes do not move: the SQL outlives connections
};

// What the documents table files of each kind of document besides its keys: state, flagged
// (open exceptions, an open amount), date, due date, currency, total and open amount.
using Filed = std::tuple<int, bool, std::optional<Date>, std::optional<Date>, std::optional<Currency>,
                         std::optional<Decimal>, std::optional<Decimal>>;
Filed filed(const Shipment& v) {
  return {static_cast<int>(v.state), v.has_open_exception(), std::nullopt, v.promised_date, std::nullopt, std::nullopt,
          std::nullopt};
}
Filed filed(const Invoice& v) {
  return {static_cast<int>(v.state), v.receivable() && !v.open().is_zero(), v.date, v.due_date, v.currency,
          v.total.amount(), v.open().amount()};
}
Filed filed(const Payment& v) {
  return {0, !v.unapplied().is_zero(), v.date, std::nullopt, v.amount.currency(), v.amount.amount(), v.unapplied().amount()};
}
Filed filed(const CreditNote& v) {
  return {static_cast<int>(v.kind), !v.unapplied().is_zero(), v.date, std::nullopt, v.total.currency(), v.total.amount(),
          v.unapplied().amount()};
}
Filed filed(const Refund& v) {
  return {0, false, v.date, std::nullopt, v.amount.currency(), v.amount.amount(), std::nullopt};
}
Filed filed(const CustomerReturn& v) {
  return {static_cast<int>(v.settlement), false, v.date, std::nullopt, v.credited.currency(), v.credited.amount(),
          std::nullopt};
}

// The values of a document's row, in the column order of schema::document_columns(): its
// 12th and last value is the body.
template <class D>
auto document_row(EntityKind kind, const D& d, std::string body) {
  auto row = std::tuple_cat(std::make_tuple(kind, d.id, d.number, d.customer), filed(d), std::make_tuple(std::move(body)));
  static_assert(std::tuple_size<decltype(row)>::value == 12);
  return row;
}
// The bit of a document row's body for update_changed.
constexpr std::uint64_t kDocumentBody = std::uint64_t{1} << 11;

PartialUpdates& order_updates() {
  static PartialUpdates updates("orders", schema::order_columns(), "id");
  return updates;
}
PartialUpdates& order_line_updates() {
  static PartialUpdates updates("order_lines", schema::order_line_columns(), "order_id, line_no");
  return updates;
}
PartialUpdates& document_updates() {
  static PartialUpdates updates("documents", schema::document_columns(), "kind, id");
  return updates;
}

// The values of an order's row, in the column order of schema::order_columns().
auto order_row(const Order& o) {
  const OrderTotals& t = o.totals;
  return std::make_tuple(
      o.id, o.number, o.external.empty() ? std::nullopt : std::optional(o.external.source),
      o.external.empty() ? std::nullopt : std::optional(o.external.id),
      o.customer.value ? std::optional(o.customer) : std::nullopt, o.customer_code, o.channel, o.salesperson,
      o.order_date, o.requested_delivery, static_cast<int>(o.priority), o.currency, o.notes,
      body::text(o.ship_to), o.prices_include_tax, static_cast<int>(o.state),
      static_cast<int>(o.held_from), static_cast<int>(o.hold_kind), o.hold_reason, body::text(o.promotions), t.gross.amount(),
      t.discount.amount(), t.order_discount.amount(), t.net.amount(), t.tax.amount(), t.total.amount(), t.cost.amount(),
      t.margin.amount(), t.margin_percent, o.invoiced, o.paid, o.revision, body::text(o.revisions), o.created_by,
      o.created_at, o.approved_by, o.approved_at, o.next_line_no, is_backordered(o), is_open_state(o.state),
      static_cast<int>(o.invoice_policy), o.billable.amount());
}

// The values of an order line's row, in the column order of schema::order_line_columns().
auto line_row(OrderId order, const OrderLine& l) {
  const LineAmounts& m = l.amounts;
  return std::make_tuple(order, l.line_no, l.product, l.sku, l.description, l.quantity, l.unit, l.unit_price,
                         static_cast<int>(l.price_source.kind), l.price_source.reference, l.price_overridden,
                         l.price_includes_tax, static_cast<int>(l.discount.kind), l.discount.value, l.tax_class,
                         l.tax_rate, l.gift, l.gift_for_line, l.unit_cost, m.gross.amount(), m.discount.amount(),
                         m.order_discount.amount(), m.net.amount(), m.tax.amount(), m.total.amount(), m.cost.amount(),
                         m.margin.amount(), l.shipped, l.closed, l.note, l.in_shipment, l.returned, l.invoiced);
}

void Checkpointer::run() {
  std::unique_ptr<Connection> conn;  // synced as the writers' durability says
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return pending_ || stop_; });
    if (stop_) return;
    pending_ = false;
    lock.unlock();
    try {
      if (!conn) conn = std::make_unique<Connection>(path_, options_);
      // Busy (another process checkpoints) or an I/O error: the next commit wakes it again, and
      // the writers' backstop keeps the log bounded meanwhile.
      int copied = 0;
      if (sqlite3_wal_checkpoint_v2(conn->db().getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied) ==
          SQLITE_OK) {
        copied_.store(copied);
      }
    } catch (const std::exception&) {  // cannot open the file, or no memory: try again when woken
      conn.reset();
    }
    lock.lock();
  }
}

class SqliteStorage;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteStorage& owner, TxMode mode);
  ~SqliteTransaction() override;

  void commit() override {
    write_counters();
    try {
      c_->prepare("COMMIT").exec();  // prepared once per connection, like BEGIN
      done_ = true;
    } catch (const SQLite::Exception& e) {
      storage_error(e, "commit");
    }
  }

  std::int64_t next_id(EntityKind kind) override {
    return ++counter(ids_, static_cast<int>(kind), known().ids, "SELECT value FROM ids WHERE kind = ?");
  }
  void find(const Lookup& lookup, Found found) override { internal::find_in(*this, lookup, found); }
  void write(EntityRef entity) override { internal::write_to(*this, entity); }

  std::int64_t next_sequence(std::string_view key) override {
    return ++counter(sequences_, std::string(key), known().sequences, "SELECT value FROM sequences WHERE key = ?");
  }

  // Units and tax classes
  std::optional<Unit> get_unit(std::string_view code) {
    const std::string key(code);
    return known().units.get(key, [&] {
      return one<Unit>("SELECT code, name, decimals FROM units WHERE code = ?", read_unit, code);
    });
  }
  void put(const Unit& u) {
    exec("INSERT INTO units(code, name, decimals) VALUES(?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, decimals = excluded.decimals",
         u.code, u.name, u.decimals);
    known().units.forget(u.code);
  }
  std::vector<Unit> list_units() { return all<Unit>("SELECT code, name, decimals FROM units ORDER BY code", read_unit); }
  std::optional<TaxClass> get_tax_class(std::string_view code) {
    const std::string key(code);
    return known().tax_classes.get(key, [&] {
      return one<TaxClass>("SELECT code, name, rate FROM tax_classes WHERE code = ?", read_tax_class, code);
    });
  }
  void put(const TaxClass& t) {
    exec("INSERT INTO tax_classes(code, name, rate) VALUES(?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, rate = excluded.rate",
         t.code, t.name, t.rate);
    known().tax_classes.forget(t.code);
  }
  std::vector<TaxClass> list_tax_classes() {
    return all<TaxClass>("SELECT code, name, rate FROM tax_classes ORDER BY code", read_tax_class);
  }

  // Products
  std::optional<Product> get_product(ProductId id) {
    return known().products.get(id.value, [&] { return product_where(schema::kProductById, id.value); });
  }
  std::optional<Product> find_product_by_sku(std::string_view sku) {
    const auto id = id_by_key(known().product_ids, sku, "SELECT id FROM products WHERE sku = ?", sku);
    return id ? get_product(ProductId{*id}) : std::nullopt;
  }
  std::optional<Product> find_product_by_barcode(std::string_view code) {
    const auto id = first_id("SELECT product_id FROM product_barcodes WHERE code = ?", code);
    return id ? get_product(ProductId{*id}) : std::nullopt;
  }
  void put(const Product& p) {
    exec(schema::upsert_products(), p.id, p.sku, p.name, p.unit, p.category, static_cast<int>(p.tracking),
         p.list_price, p.list_price_includes_tax, p.standard_cost, p.tax_class, p.low_stock_threshold, p.active);
    exec("DELETE FROM product_barcodes WHERE product_id = ?", p.id);
    for (std::size_t i = 0; i < p.barcodes.size(); ++i) {
      exec("INSERT INTO product_barcodes(code, product_id, position) VALUES(?, ?, ?)", p.barcodes[i], p.id,
           static_cast<int>(i));
    }
    known().products.keep(p);
    known().product_ids.clear();  // its SKU may have changed
  }
  std::vector<Product> list_products() {
    std::vector<Product> out;
    for (auto id : ids("SELECT id FROM products ORDER BY id")) out.push_back(*get_product(ProductId{id}));
    return out;
  }

  // Price lists and promotions
  std::optional<PriceList> get_price_list(PriceListId id) {
    return one<PriceList>(schema::kPriceListById, read_price_list, id);
  }
  std::optional<PriceList> find_price_list(std::string_view code) {
    return one<PriceList>(schema::kPriceListByCode, read_price_list, code);
  }
  void put(const PriceList& l) {
    exec(schema::upsert_price_lists(), l.id, l.code, l.name, l.currency, static_cast<int>(l.scope),
         static_cast<int>(l.grade), l.customer_code, l.valid_from, l.valid_to, l.prices_include_tax,
         static_cast<int>(l.break_rule), l.priority, l.active);
  }
  std::vector<PriceList> list_price_lists() {
    return all<PriceList>(schema::kPriceListsAll, read_price_list);
  }
  void put(const PriceListEntry& e) {
    exec("DELETE FROM price_breaks WHERE product_id = ? AND price_list_id = ?", e.product, e.price_list);
    for (std::size_t i = 0; i < e.breaks.size(); ++i) {
      exec("INSERT INTO price_breaks(product_id, price_list_id, position, min_quantity, unit_price) VALUES(?, ?, ?, ?, ?)",
           e.product, e.price_list, static_cast<int>(i), e.breaks[i].min_quantity, e.breaks[i].unit_price);
    }
  }
  std::vector<PriceListEntry> price_entries_for_product(ProductId product) {
    std::vector<PriceListEntry> out;
    query("SELECT price_list_id, min_quantity, unit_price FROM price_breaks WHERE product_id = ? ORDER BY price_list_id, position",
          [&](Row& r) {
            const PriceListId list{r.i64()};
            if (out.empty() || out.back().price_list != list) out.push_back({list, product, {}});
            Decimal min_quantity = r.dec();
            out.back().breaks.push_back({std::move(min_quantity), r.dec()});
          },
          product);
    return out;
  }
  std::optional<Promotion> find_promotion(std::string_view code) {
    return one<Promotion>(schema::kPromotionByCode, read_promotion, code);
  }
  void put(const Promotion& p) {
    exec(schema::upsert_promotions(), p.code, p.id, p.name, static_cast<int>(p.kind), p.threshold, p.discount,
         p.sku, p.buy_quantity, p.free_quantity, p.valid_from, p.valid_to, p.active);
  }
  std::vector<Promotion> list_promotions() { return all<Promotion>(schema::kPromotionsAll, read_promotion); }

  // Customers
  std::optional<Customer> get_customer(CustomerId id) {
    return known().customers.get(id.value, [&] { return one<Customer>(schema::kCustomerById, read_customer, id); });
  }
  std::optional<Customer> find_customer_by_code(std::string_view code) {
    const auto id = id_by_key(known().customer_ids, code, "SELECT id FROM customers WHERE code = ?", code);
    return id ? get_customer(CustomerId{*id}) : std::nullopt;
  }
  void put(const Customer& c) {
    exec(schema::upsert_customers(), c.id, c.code, c.name, c.nickname, c.region, static_cast<int>(c.grade),
         c.credit_limit, c.payment_terms_days, c.salesperson, c.birthday, c.notes, c.preferences, c.active,
         body::text(c.contacts), body::text(c.addresses));
    known().customers.forget(c.id.value);
    known().customer_ids.clear();  // its code may have changed
  }
  std::vector<Customer> search_customers(std::string_view text) override {
    return all<Customer>(schema::kCustomerSearch, read_customer, text, text);
  }
  std::vector<Customer> list_customers() { return all<Customer>(schema::kCustomersAll, read_customer); }
  std::optional<CreditAccount> get_credit_account(CustomerId customer, std::string_view currency) {
    return one<CreditAccount>("SELECT customer_id, exposure, currency FROM credit_accounts WHERE customer_id = ? AND currency = ?",
                              [](Row& r) {
                                CustomerId id{r.i64()};
                                Money m = r.money();
                                return CreditAccount{id, m.currency(), m};
                              },
                              customer, currency);
  }
  void put(const CreditAccount& a) {
    exec("INSERT INTO credit_accounts(customer_id, exposure, currency) VALUES(?, ?, ?) "
         "ON CONFLICT(customer_id, currency) DO UPDATE SET exposure = excluded.exposure",
         a.customer, a.exposure);
  }

  // Warehouses and locations
  std::optional<Warehouse> get_warehouse(WarehouseId id) {
    return known().warehouses.get(id.value, [&] {
      return one<Warehouse>("SELECT id, code, name, region, active FROM warehouses WHERE id = ?", read_warehouse, id);
    });
  }
  std::optional<Warehouse> find_warehouse(std::string_view code) {
    return one<Warehouse>("SELECT id, code, name, region, active FROM warehouses WHERE code = ?", read_warehouse, code);
  }
  void put(const Warehouse& w) {
    exec("INSERT INTO warehouses(id, code, name, region, active) VALUES(?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
         "code = excluded.code, name = excluded.name, region = excluded.region, active = excluded.active",
         w.id, w.code, w.name, w.region, w.active);
    known().warehouses.forget(w.id.value);
  }
  std::vector<Warehouse> list_warehouses() {
    return all<Warehouse>("SELECT id, code, name, region, active FROM warehouses ORDER BY id", read_warehouse);
  }
  std::optional<Location> get_location(LocationId id) {
    return known().locations.get(id.value, [&] {
      return one<Location>("SELECT id, warehouse_id, code, name FROM locations WHERE id = ?", read_location, id);
    });
  }
  std::optional<Location> find_location(WarehouseId warehouse, std::string_view code) {
    return one<Location>("SELECT id, warehouse_id, code, name FROM locations WHERE warehouse_id = ? AND code = ?",
                         read_location, warehouse, code);
  }
  void put(const Location& l) {
    exec("INSERT INTO locations(id, warehouse_id, code, name) VALUES(?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
         "code = excluded.code, name = excluded.name",
         l.id, l.warehouse, l.code, l.name);
    known().locations.forget(l.id.value);
  }

  // Lots and serials
  std::optional<Lot> get_lot(LotId id) {
    return one<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE id = ?", read_lot, id);
  }
  std::optional<Lot> find_lot(ProductId product, std::string_view number) {
    return one<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE product_id = ? AND lot_number = ?", read_lot,
                    product, number);
  }
  std::vector<Lot> find_lots_by_number(std::string_view number) {
    return all<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE lot_number = ? ORDER BY id", read_lot, number);
  }
  void put(const Lot& l) {
    exec("INSERT INTO lots(id, product_id, lot_number, expiry) VALUES(?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
         "product_id = excluded.product_id, lot_number = excluded.lot_number, expiry = excluded.expiry",
         l.id, l.product, l.lot_number, l.expiry);
  }
  std::optional<SerialItem> find_serial(ProductId product, std::string_view serial) {
    return one<SerialItem>("SELECT product_id, serial, lot_id, location_id, status FROM serials WHERE product_id = ? AND serial = ?",
                           read_serial, product, serial);
  }
  std::vector<SerialItem> find_serials_by_code(std::string_view serial) {
    return all<SerialItem>("SELECT product_id, serial, lot_id, location_id, status FROM serials WHERE serial = ? ORDER BY product_id",
                           read_serial, serial);
  }
  void put(const SerialItem& s) {
    exec("INSERT INTO serials(product_id, serial, lot_id, location_id, status) VALUES(?, ?, ?, ?, ?) "
         "ON CONFLICT(product_id, serial) DO UPDATE SET lot_id = excluded.lot_id, location_id = excluded.location_id, "
         "status = excluded.status",
         s.product, s.serial, s.lot, s.location, static_cast<int>(s.status));
  }

  // Ledger and balances
  void put(const StockMove& m) {
    exec("INSERT INTO moves(id, at, kind, product_id, warehouse_id, location_id, lot_id, quantity, unit_cost, reference, "
         "reason, actor, serials) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         m.id, m.at, static_cast<int>(m.kind), m.product, m.warehouse, m.location, m.lot, m.quantity, m.unit_cost,
         m.reference, m.reason, m.actor, body::text(m.serials));
  }
  std::vector<StockMove> list_moves(ProductId product) {
    return all<StockMove>("SELECT id, at, kind, product_id, warehouse_id, location_id, lot_id, quantity, unit_cost, reference, "
                          "reason, actor, serials FROM moves WHERE product_id = ? ORDER BY id",
                          read_move, product);
  }
  std::optional<StockQuant> get_quant(ProductId product, LocationId location, LotId lot) {
    // From the product's remembered quants if there are; a product may have many (a quant per
    // location and lot), so a look-up alone does not load them all.
    if (const auto* quants = known().quants.find(product.value)) {
      const auto it = std::find_if(quants->begin(), quants->end(),
                                   [&](const StockQuant& q) { return q.location == location && q.lot == lot; });
      return it == quants->end() ? std::nullopt : std::optional(*it);
    }
    return one<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants "
                           "WHERE product_id = ? AND location_id = ? AND lot_id = ?",
                           read_quant, product, location, lot);
  }
  void put(const StockQuant& q) {
    exec("INSERT INTO quants(product_id, location_id, lot_id, warehouse_id, on_hand) VALUES(?, ?, ?, ?, ?) "
         "ON CONFLICT(product_id, location_id, lot_id) DO UPDATE SET on_hand = excluded.on_hand",
         q.product, q.location, q.lot, q.warehouse, q.on_hand);
    if (auto* quants = known().quants.find(q.product.value)) {
      upsert_sorted(
          *quants, q, [](const StockQuant& x) { return std::pair(x.location.value, x.lot.value); },
          [&](StockQuant& x) { x.on_hand = q.on_hand; });  // the upsert changes nothing else
    }
  }
  std::vector<StockQuant> list_quants(ProductId product) {
    return *known().quants.get(product.value, [&] {
      return std::optional(all<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants "
                                           "WHERE product_id = ? ORDER BY location_id, lot_id",
                                           read_quant, product));
    });
  }
  std::vector<StockQuant> list_quants_in_warehouse(WarehouseId warehouse) {
    return all<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants WHERE warehouse_id = ? "
                           "ORDER BY product_id, location_id, lot_id",
                           read_quant, warehouse);
  }
  std::optional<WarehouseStock> get_warehouse_stock(ProductId product, WarehouseId warehouse) {
    if (const auto* stock = known().warehouse_stock.find(product.value)) {
      const auto it = std::find_if(stock->begin(), stock->end(),
                                   [&](const WarehouseStock& w) { return w.warehouse == warehouse; });
      return it == stock->end() ? std::nullopt : std::optional(*it);
    }
    return one<WarehouseStock>("SELECT product_id, warehouse_id, on_hand, reserved FROM warehouse_stock "
                               "WHERE product_id = ? AND warehouse_id = ?",
                               read_warehouse_stock, product, warehouse);
  }
  void put(const WarehouseStock& w) {
    exec("INSERT INTO warehouse_stock(product_id, warehouse_id, on_hand, reserved) VALUES(?, ?, ?, ?) "
         "ON CONFLICT(product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved",
         w.product, w.warehouse, w.on_hand, w.reserved);
    if (auto* stock = known().warehouse_stock.find(w.product.value)) {
      upsert_sorted(
          *stock, w, [](const WarehouseStock& x) { return x.warehouse.value; }, [&](WarehouseStock& x) { x = w; });
    }
  }
  std::vector<WarehouseStock> list_warehouse_stock(ProductId product) {
    return *known().warehouse_stock.get(product.value, [&] {
      return std::optional(all<WarehouseStock>("SELECT product_id, warehouse_id, on_hand, reserved FROM warehouse_stock "
                                               "WHERE product_id = ? ORDER BY warehouse_id",
                                               read_warehouse_stock, product));
    });
  }
  std::optional<Valuation> get_valuation(ProductId product) {
    return known().valuations.get(product.value, [&] {
      return one<Valuation>("SELECT product_id, quantity, average_cost FROM valuations WHERE product_id = ?",
                            [](Row& r) {
                              Valuation v;
                              v.product = r.id<ProductId>();
                              v.quantity = r.dec();
                              v.average_cost = r.dec();
                              return v;
                            },
                            product);
    });
  }
  void put(const Valuation& v) {
    exec("INSERT INTO valuations(product_id, quantity, average_cost) VALUES(?, ?, ?) ON CONFLICT(product_id) DO UPDATE SET "
         "quantity = excluded.quantity, average_cost = excluded.average_cost",
         v.product, v.quantity, v.average_cost);
    known().valuations.keep(v.product.value, v);
  }

  // Receipts
  std::optional<Receipt> get_receipt(ReceiptId id) { return receipt_where(schema::kReceiptById, id.value); }
  std::optional<Receipt> find_receipt(std::string_view number) { return receipt_where(schema::kReceiptByNumber, number); }
  void put(const Receipt& r) {
    exec("INSERT INTO receipts(id, number, date, warehouse_id, supplier, reference, actor, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT(id) DO UPDATE SET number = excluded.number, date = excluded.date, warehouse_id = excluded.warehouse_id, "
         "supplier = excluded.supplier, reference = excluded.reference, actor = excluded.actor, "
         "created_at = excluded.created_at",
         r.id, r.number, r.date, r.warehouse, r.supplier, r.reference, r.actor, r.created_at);
    exec("DELETE FROM receipt_lines WHERE receipt_id = ?", r.id);
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
      const ReceiptLine& l = r.lines[i];
      exec("INSERT INTO receipt_lines(receipt_id, position, product_id, location_id, lot_id, quantity, unit_cost, serials) "
           "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
           r.id, static_cast<int>(i), l.product, l.location, l.lot, l.quantity, l.unit_cost, body::text(l.serials));
    }
  }

  // Orders
  std::optional<Order> get_order(OrderId id) {
    return known().orders.get(id.value, [&] { return order_where(schema::kOrderById, id.value); });
  }
  std::optional<Order> find_order_by_number(std::string_view number) {
    const auto id = id_by_key(known().order_ids, number, "SELECT id FROM orders WHERE number = ?", number);
    return id ? get_order(OrderId{*id}) : std::nullopt;
  }
  std::optional<Order> find_order_by_external(const ExternalRef& ref) {
    const auto id = first_id("SELECT id FROM orders WHERE external_source = ? AND external_id = ?", ref.source, ref.id);
    return id ? get_order(OrderId{*id}) : std::nullopt;
  }
  void put(const Order& o);
  // The lines and allocations of `o`: against `stored` (the order as the file holds it), only
  // those that changed; without it (a new order), all of them.
  void write_lines(const Order& o, const Order* stored);
  // The allocations of line `l` over `stored`, those the file holds: only the positions that
  // changed.
  void write_allocations(OrderId order, const OrderLine& l, const std::vector<Allocation>& stored);
  std::vector<Order> list_orders(const OrderQuery& q) override {
    // The filters and the limit are applied in SQL, so that only the orders listed are loaded,
    // with one statement per kind of filter so that each can use its index: "(?1 IS NULL OR
    // customer_id = ?1)" could use none and would walk every order of the book. A customer's
    // orders are read through orders_customer, orders in some states through orders_state,
    // orders of a period through orders_date; only a listing with no filter reads them all.
    // Every statement names ?5, so that ?1..?5 can always be bound.
#define OMS_ORDER_DATES "order_date >= coalesce(?2, '') AND order_date <= coalesce(?3, '9999-12-31')"
#define OMS_ORDER_STATES "state IN (SELECT value FROM json_each(?4))"
    static constexpr const char* kOfCustomer =
        "SELECT id FROM orders WHERE customer_id = ?1 AND " OMS_ORDER_DATES
        " AND (?4 IS NULL OR " OMS_ORDER_STATES ") ORDER BY id LIMIT ?5";
    static constexpr const char* kInStates =
        "SELECT id FROM orders WHERE " OMS_ORDER_STATES " AND " OMS_ORDER_DATES " ORDER BY id LIMIT ?5";
    static constexpr const char* kInPeriod = "SELECT id FROM orders WHERE " OMS_ORDER_DATES " ORDER BY id LIMIT ?5";
    static constexpr const char* kEvery = "SELECT id FROM orders ORDER BY id LIMIT ?5";  // ?1..?4 unused
#undef OMS_ORDER_STATES
#undef OMS_ORDER_DATES
    const char* sql = q.customer          ? kOfCustomer
                      : !q.states.empty() ? kInStates
                      : q.from || q.to    ? kInPeriod
                                          : kEvery;
    return orders_of(ids(sql, q.customer, q.from, q.to, numbers_of(q.states), sql_limit(q.limit)));
  }
  std::int64_t count_orders(CustomerId customer) override {
    return scalar("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer);
  }
  std::vector<Order> list_backordered_orders() {
    return orders_of(ids("SELECT id FROM orders WHERE backordered = 1 ORDER BY id"));
  }
  std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& q) override {
    // One pass over the lines of the counted orders, grouped in SQL; the oms_* functions are the
    // rules of include/oms/reports.h (storage/sqlite_report_functions.h), so the figures are
    // those of every other adapter, exact.
    static constexpr const char* kSql = R"sql(
SELECT key, currency, count(DISTINCT order_id), count(*),
       oms_dec_sum(quantity), oms_dec_sum(shipped), oms_dec_sum(returned), oms_dec_sum(closed), oms_dec_sum(open),
       oms_dec_sum(net), oms_dec_sum(cost), oms_dec_sum(margin), oms_dec_sum(open_amount),
       oms_dec_sum(CASE WHEN overdue THEN open END), oms_dec_sum(CASE WHEN overdue THEN open_amount END),
       min(order_date), max(order_date)
FROM (
  SELECT *, oms_open_amount(net, quantity, open, currency, ?2) AS open_amount,
         (oms_positive(open) AND requested_delivery IS NOT NULL AND requested_delivery < ?3) AS overdue
  FROM (
    SELECT CASE ?1 WHEN 0 THEN o.customer_code WHEN 1 THEN l.sku WHEN 2 THEN p.category WHEN 3 THEN o.salesperson
                   WHEN 4 THEN o.channel WHEN 5 THEN o.number ELSE oms_period(o.order_date, ?1) END AS key,
           o.currency AS currency, o.id AS order_id, o.order_date AS order_date,
           o.requested_delivery AS requested_delivery, l.quantity AS quantity, l.shipped AS shipped,
           l.returned AS returned, l.closed AS closed, oms_open(l.quantity, l.shipped, l.closed) AS open,
           l.net AS net, l.cost AS cost, l.margin AS margin
    FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
    WHERE oms_counts(o.state, o.held_from)
      AND (?4 IS NULL OR o.order_date >= ?4) AND (?5 IS NULL OR o.order_date <= ?5)
      AND (?6 = '' OR o.customer_code = ?6) AND (?7 = '' OR l.sku = ?7) AND (?8 = '' OR p.category = ?8)
      AND (?9 = '' OR o.salesperson = ?9) AND (?10 = '' OR o.channel = ?10) AND (?11 = '' OR o.currency = ?11))
  WHERE ?12 = 0 OR oms_positive(open))
GROUP BY key, currency ORDER BY key, currency)sql";
    const ReportFilter& f = q.filter;
    return all<LineSummary>(
        kSql,
        [](Row& r) {
          LineSummary s;
          s.key = r.text();
          s.currency = r.currency();
          s.orders = r.i64();
          s.lines = r.i64();
          s.ordered = r.dec();
          s.shipped = r.dec();
          s.returned = r.dec();
          s.closed = r.dec();
          s.open = r.dec();
          for (Money* m : {&s.net, &s.cost, &s.margin, &s.open_amount}) *m = Money(r.dec(), s.currency);
          s.overdue = r.dec();
          s.overdue_amount = Money(r.dec(), s.currency);
          s.first_order = r.opt_date();
          s.last_order = r.opt_date();
          return s;
        },
        static_cast<int>(q.by), static_cast<int>(q.rounding), *f.as_of, f.from, f.to, f.customer_code, f.sku,
        f.category, f.salesperson, f.channel, f.currency, f.open_only);
  }
  std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) override {
    return all<CustomerOrderTotals>(
        "SELECT customer_id, count(*), oms_dec_sum(CASE WHEN currency = ?2 THEN total END) FROM orders "
        "WHERE oms_counts(state, held_from) AND order_date >= ?1 GROUP BY customer_id ORDER BY customer_id",
        [](Row& r) {
          CustomerOrderTotals t;
          t.customer = CustomerId{r.i64()};
          t.orders = r.i64();
          t.total = r.dec();
          return t;
        },
        from, std::string(currency.code()));
  }
  std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) override {
    return all<MoveSummary>(
        "SELECT product_id, kind, oms_dec_sum(quantity), oms_dec_sum(oms_dec_mul(quantity, unit_cost)) FROM moves "
        "WHERE at >= ? AND at < ? GROUP BY product_id, kind ORDER BY product_id, kind",
        [](Row& r) {
          MoveSummary m;
          m.product = ProductId{r.i64()};
          m.kind = static_cast<MoveKind>(r.i64());
          m.quantity = r.dec();
          m.value = r.dec();
          return m;
        },
        from, to);
  }
  std::vector<Order> list_open_orders_with_product(ProductId product) {
    return orders_of(ids("SELECT DISTINCT o.id FROM order_lines l JOIN orders o ON o.id = l.order_id "
                         "WHERE l.product_id = ? AND o.open = 1 ORDER BY o.id",
                         product));
  }

  // Fulfilment and settlement documents
  std::optional<Shipment> get_shipment(ShipmentId id) { return doc_by_id<Shipment>(EntityKind::kShipment, id.value); }
  std::optional<Shipment> find_shipment(std::string_view number) {
    return doc_by_number<Shipment>(EntityKind::kShipment, number);
  }
  // Schema 6's migration fills unissued_shipment_products from the shipments' rows by these
  // numbers (a migration is never edited).
  static_assert(static_cast<int>(EntityKind::kShipment) == 10 && static_cast<int>(ShipmentState::kDraft) == 0 &&
                static_cast<int>(ShipmentState::kPicked) == 1 && static_cast<int>(ShipmentState::kPacked) == 2);
  void put(const Shipment& v) {
    // Whether the file lists the shipment among the unissued ones of its products: as the
    // version this connection remembers says; without one, unknown, and the writes below are
    // then ones that change nothing if the file already says so.
    const Shipment* stored = remembered<Shipment>().find(v.id.value);
    const std::optional<bool> listed = stored ? std::optional(stored->before_goods_issue()) : std::nullopt;
    put_doc(EntityKind::kShipment, v);
    const bool unissued = v.before_goods_issue();
    if (listed == unissued) return;
    for (const ProductId p : v.products()) {
      if (unissued) {
        exec("INSERT OR IGNORE INTO unissued_shipment_products(product_id, shipment_id) VALUES(?, ?)", p, v.id);
      } else {
        exec("DELETE FROM unissued_shipment_products WHERE product_id = ? AND shipment_id = ?", p, v.id);
      }
    }
  }
  std::vector<Shipment> list_shipments(const ShipmentQuery& q) override {
    return docs_where<Shipment>(EntityKind::kShipment, q.open_exceptions_only, q.customer, q.states, q.limit);
  }
  std::vector<Shipment> list_unissued_shipments_of(ProductId product) {
    return all<Shipment>(
        "SELECT d.id, d.body FROM unissued_shipment_products u JOIN documents d ON d.kind = ?1 AND d.id = u.shipment_id "
        "WHERE u.product_id = ?2 ORDER BY u.shipment_id",
        [this](Row& r) { return document<Shipment>(r); }, EntityKind::kShipment, product);
  }
  std::optional<Invoice> get_invoice(InvoiceId id) { return doc_by_id<Invoice>(EntityKind::kInvoice, id.value); }
  std::optional<Invoice> find_invoice(std::string_view number) {
    return doc_by_number<Invoice>(EntityKind::kInvoice, number);
  }
  void put(const Invoice& v) {
    put_doc(EntityKind::kInvoice, v);
  }
  std::vector<Invoice> list_invoices(const InvoiceQuery& q) override {
    return docs_where<Invoice>(EntityKind::kInvoice, q.open_only, q.customer, q.states, q.limit);
  }
  std::optional<Payment> find_payment(std::string_view number) {
    return doc_by_number<Payment>(EntityKind::kPayment, number);
  }
  void put(const Payment& v) {
    put_doc(EntityKind::kPayment, v);
  }
  std::vector<Payment> list_payments(CustomerId customer) { return docs_of<Payment>(EntityKind::kPayment, customer); }
  std::optional<CreditNote> find_credit_note(std::string_view number) {
    return doc_by_number<CreditNote>(EntityKind::kCreditNote, number);
  }
  void put(const CreditNote& v) {
    put_doc(EntityKind::kCreditNote, v);
  }
  std::vector<CreditNote> list_credit_notes(CustomerId customer) {
    return docs_of<CreditNote>(EntityKind::kCreditNote, customer);
  }
  std::optional<Refund> find_refund(std::string_view number) {
    return doc_by_number<Refund>(EntityKind::kRefund, number);
  }
  void put(const Refund& v) {
    put_doc(EntityKind::kRefund, v);
  }
  std::vector<Refund> list_refunds(CustomerId customer) { return docs_of<Refund>(EntityKind::kRefund, customer); }
  std::optional<CustomerReturn> find_return(std::string_view number) {
    return doc_by_number<CustomerReturn>(EntityKind::kReturn, number);
  }
  void put(const CustomerReturn& v) {
    put_doc(EntityKind::kReturn, v);
  }

  void put(const DocumentLink& l) {
    exec("INSERT INTO document_links(from_kind, from_number, to_kind, to_number, from_line, to_line, relation, sku, quantity, "
         "amount, currency, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         l.from.kind, l.from.number, l.to.kind, l.to.number, l.from_line, l.to_line, l.relation, l.sku, l.quantity,
         l.amount, l.at);
  }
  std::vector<DocumentLink> links_from(const DocumentRef& d) {
    return all<DocumentLink>("SELECT from_kind, from_number, to_kind, to_number, from_line, to_line, relation, sku, quantity, "
                             "amount, currency, at FROM document_links WHERE from_kind = ? AND from_number = ? ORDER BY id",
                             read_link, d.kind, d.number);
  }
  std::vector<DocumentLink> links_to(const DocumentRef& d) {
    return all<DocumentLink>("SELECT from_kind, from_number, to_kind, to_number, from_line, to_line, relation, sku, quantity, "
                             "amount, currency, at FROM document_links WHERE to_kind = ? AND to_number = ? ORDER BY id",
                             read_link, d.kind, d.number);
  }

  // Events
  std::int64_t append_event(const Event& e) override {
    exec("INSERT INTO events(at, actor, entity, entity_id, type, data) VALUES(?, ?, ?, ?, ?, ?)", e.at, e.actor, e.entity,
         e.entity_id, e.type, e.data);
    return c_->db().getLastInsertRowid();
  }
  std::vector<Event> read_events(std::int64_t after, std::size_t limit) override {
    return all<Event>("SELECT sequence, at, actor, entity, entity_id, type, data FROM events WHERE sequence > ? "
                      "ORDER BY sequence LIMIT ?",
                      [](Row& r) {
                        Event e;
                        e.sequence = r.i64();
                        e.at = r.time();
                        e.actor = r.text();
                        e.entity = r.text();
                        e.entity_id = r.i64();
                        e.type = r.text();
                        e.data = r.text();
                        return e;
                      },
                      after, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
  }

 private:
  // ---- statement helpers ----
  template <class... A>
  void exec(const char* sql, const A&... args) {
    try {
      Binder b(c_->prepare(sql), sizeof...(A));
      (b(args), ...);
      b.statement().exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  template <class F, class... A>
  void query(const char* sql, F&& each, const A&... args) {
    try {
      Binder b(c_->prepare(sql), sizeof...(A));
      (b(args), ...);
      SQLite::Statement& s = b.statement();
      while (s.executeStep()) {
        Row r(s);
        each(r);
      }
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  template <class T, class F, class... A>
  std::optional<T> one(const char* sql, F&& read, const A&... args) {
    std::optional<T> out;
    query(sql, [&](Row& r) { if (!out) out = read(r); }, args...);
    return out;
  }
  template <class T, class F, class... A>
  std::vector<T> all(const char* sql, F&& read, const A&... args) {
    std::vector<T> out;
    query(sql, [&](Row& r) { out.push_back(read(r)); }, args...);
    return out;
  }
  template <class... A>
  std::int64_t scalar(const char* sql, const A&... args) {
    std::int64_t v = 0;
    query(sql, [&](Row& r) { v = r.i64(); }, args...);
    return v;
  }
  template <class... A>
  std::vector<std::int64_t> ids(const char* sql, const A&... args) {
    std::vector<std::int64_t> out;
    query(sql, [&](Row& r) { out.push_back(r.i64()); }, args...);
    return out;
  }
  // The id that `sql` selects first, if any (a look-up by a unique key).
  template <class... A>
  std::optional<std::int64_t> first_id(const char* sql, const A&... args) {
    return one<std::int64_t>(sql, [](Row& r) { return r.i64(); }, args...);
  }
  // Writes `row` over `stored`, the same row as the file holds it, by an UPDATE that names only
  // the values that differ, and those whose bits are set in `always` without comparing them (a
  // document's body); nothing when there are none. `key` binds the WHERE.
  template <class... T, class... K>
  void update_changed(PartialUpdates& table, const std::tuple<T...>& row, const std::tuple<T...>& stored,
                      std::uint64_t always, const K&... key) {
    static_assert(sizeof...(T) <= 64, "one bit per value");
    static constexpr std::array<int, sizeof...(T)> kWidths = {kColumnsOf<T>...};
    std::uint64_t changed = always;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((changed |= (always >> I & 1) || same(std::get<I>(row), std::get<I>(stored)) ? 0 : std::uint64_t{1} << I), ...);
    }(std::index_sequence_for<T...>{});
    if (changed == 0) return;
    const char* sql = table.sql(changed, kWidths);
    try {
      SQLite::Statement& s = c_->prepare(sql);
      Binder b(s, sizeof...(T) + sizeof...(K));
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((changed >> I & 1 ? void(b(std::get<I>(row))) : void()), ...);
      }(std::index_sequence_for<T...>{});
      (b(key), ...);
      s.exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }

  // The id of the row whose unique text `key` the statement `sql` looks up, remembered in `ids`.
  template <class... A>
  std::optional<std::int64_t> id_by_key(Remembered<std::int64_t, std::string>& ids, std::string_view key, const char* sql,
                                        const A&... args) {
    std::string k(key);
    if (const std::int64_t* id = ids.find(k)) return *id;
    const auto id = first_id(sql, args...);
    if (id) ids.keep(k, *id);
    return id;
  }

  // ---- documents: key columns + JSON body ----
  template <class D>
  Remembered<D>& remembered() {
    return std::get<Remembered<D>>(known().documents);
  }
  // A document from a row of (id, body): the remembered one when this transaction has it, so
  // that its JSON body is parsed once per transaction.
  template <class D>
  D document(Row& r) {
    if (const D* known = remembered<D>().find(r.i64())) return *known;
    D d = body::from_text<D>(r.text());
    remembered<D>().keep(d);
    return d;
  }
  template <class D>
  std::optional<D> doc_by_id(EntityKind kind, std::int64_t id) {
    return remembered<D>().get(id, [&] {
      return one<D>("SELECT body FROM documents WHERE kind = ? AND id = ?", [](Row& r) { return body::from_text<D>(r.text()); }, kind,
                    id);
    });
  }
  template <class D>
  std::optional<D> doc_by_number(EntityKind kind, std::string_view number) {
    const auto id = id_by_key(std::get<DocumentIds<D>>(known().document_ids), number,
                              "SELECT id FROM documents WHERE kind = ? AND number = ?", kind, number);
    return id ? doc_by_id<D>(kind, *id) : std::nullopt;
  }
  // Documents of a kind, flagged only or all, of one customer or all, in the given states.
  template <class D, class State>
  std::vector<D> docs_where(EntityKind kind, bool flagged_only, const std::optional<CustomerId>& customer,
                            const std::vector<State>& states, std::size_t limit) {
    const std::optional<json> wanted = numbers_of(states);
    const std::int64_t most = sql_limit(limit);
    // One statement per combination of filters, each naming only the filters it has, so that
    // SQLite can use the index that fits (documents_state, documents_customer, documents_flagged).
    // A single statement with "(?2 IS NULL OR customer_id = ?2)" cannot use those indexes and
    // walked every document of the kind (picking slowed linearly with the shipments stored).
#define OMS_DOCS_WHERE "SELECT id, body FROM documents WHERE kind = ?1"
#define OMS_DOCS_FLAGGED " AND flagged = 1"
#define OMS_DOCS_CUSTOMER " AND customer_id = ?2"
#define OMS_DOCS_STATES " AND state IN (SELECT value FROM json_each(?3))"
#define OMS_DOCS_ORDER " ORDER BY id LIMIT ?4"
    static constexpr const char* kSql[2][2][2] = {  // [flagged][customer][states]
        {{OMS_DOCS_WHERE OMS_DOCS_ORDER,
          // Without the hint SQLite walks the primary key to save sorting the few open documents.
          "SELECT id, body FROM documents INDEXED BY documents_state WHERE kind = ?1" OMS_DOCS_STATES OMS_DOCS_ORDER},
         {OMS_DOCS_WHERE OMS_DOCS_CUSTOMER OMS_DOCS_ORDER, OMS_DOCS_WHERE OMS_DOCS_CUSTOMER OMS_DOCS_STATES OMS_DOCS_ORDER}},
        {{OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_ORDER, OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_STATES OMS_DOCS_ORDER},
         {OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_CUSTOMER OMS_DOCS_ORDER,
          OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_CUSTOMER OMS_DOCS_STATES OMS_DOCS_ORDER}}};
#undef OMS_DOCS_WHERE
#undef OMS_DOCS_FLAGGED
#undef OMS_DOCS_CUSTOMER
#undef OMS_DOCS_STATES
#undef OMS_DOCS_ORDER
    const char* sql = kSql[flagged_only][customer.has_value()][wanted.has_value()];
    return all<D>(sql, [this](Row& r) { return document<D>(r); }, kind, customer, wanted, most);
  }
  template <class D>
  std::vector<D> docs_of(EntityKind kind, CustomerId customer) {
    return all<D>("SELECT id, body FROM documents WHERE kind = ? AND customer_id = ? ORDER BY id",
                  [this](Row& r) { return document<D>(r); }, kind, customer);
  }
  // Against the stored version only the changed keys and figures are written with the body, so
  // that a document which changes without changing state leaves the state index alone.
  template <class D>
  void put_doc(EntityKind kind, const D& d) {
    const auto row = document_row(kind, d, body::text(d));
    if (const D* stored = remembered<D>().find(d.id.value)) {
      update_changed(document_updates(), row, document_row(kind, *stored, std::string()), kDocumentBody, kind, d.id);
    } else {
      std::apply([&](const auto&... value) { exec(schema::upsert_documents(), value...); }, row);
    }
    remembered<D>().keep(d);
    std::get<DocumentIds<D>>(known().document_ids).keep(d.number, d.id.value);
  }
  static DocumentLink read_link(Row& r) {
    DocumentLink l;
    l.from.kind = static_cast<DocumentKind>(r.i32());
    l.from.number = r.text();
    l.to.kind = static_cast<DocumentKind>(r.i32());
    l.to.number = r.text();
    l.from_line = r.i32();
    l.to_line = r.i32();
    l.relation = r.text();
    l.sku = r.text();
    l.quantity = r.dec();
    l.amount = r.opt_money();
    l.at = r.time();
    return l;
  }

  // ---- entity readers ----
  static Unit read_unit(Row& r) {
    Unit u;
    u.code = r.text();
    u.name = r.text();
    u.decimals = r.i32();
    return u;
  }
  static TaxClass read_tax_class(Row& r) {
    TaxClass t;
    t.code = r.text();
    t.name = r.text();
    t.rate = r.dec();
    return t;
  }
  template <class K>
  std::optional<Product> product_where(const char* sql, const K& key) {
    auto p = one<Product>(sql, [](Row& r) {
      Product x;
      x.id = r.id<ProductId>();
      x.sku = r.text();
      x.name = r.text();
      x.unit = r.text();
      x.category = r.text();
      x.tracking = static_cast<Tracking>(r.i32());
      x.list_price = r.money();
      x.list_price_includes_tax = r.boolean();
      x.standard_cost = r.money();
      x.tax_class = r.text();
      x.low_stock_threshold = r.dec();
      x.active = r.boolean();
      return x;
    }, key);
    if (p) {
      p->barcodes = all<std::string>("SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY position",
                                     [](Row& r) { return r.text(); }, p->id);
    }
    return p;
  }
  static PriceList read_price_list(Row& r) {
    PriceList l;
    l.id = r.id<PriceListId>();
    l.code = r.text();
    l.name = r.text();
    l.currency = r.currency();
    l.scope = static_cast<PriceScope>(r.i32());
    l.grade = static_cast<CustomerGrade>(r.i32());
    l.customer_code = r.text();
    l.valid_from = r.opt_date();
    l.valid_to = r.opt_date();
    l.prices_include_tax = r.boolean();
    l.break_rule = static_cast<BreakRule>(r.i32());
    l.priority = r.i32();
    l.active = r.boolean();
    return l;
  }
  static Promotion read_promotion(Row& r) {
    Promotion p;
    p.code = r.text();
    p.id = r.id<PromotionId>();
    p.name = r.text();
    p.kind = static_cast<PromotionKind>(r.i32());
    p.threshold = r.money();
    p.discount = r.money();
    p.sku = r.text();
    p.buy_quantity = r.dec();
    p.free_quantity = r.dec();
    p.valid_from = r.opt_date();
    p.valid_to = r.opt_date();
    p.active = r.boolean();
    return p;
  }
  static Customer read_customer(Row& r) {
    Customer c;
    c.id = r.id<CustomerId>();
    c.code = r.text();
    c.name = r.text();
    c.nickname = r.text();
    c.region = r.text();
    c.grade = static_cast<CustomerGrade>(r.i32());
    c.credit_limit = r.opt_money();
    c.payment_terms_days = r.i32();
    c.salesperson = r.text();
    c.birthday = r.opt_date();
    c.notes = r.text();
    c.preferences = r.text();
    c.active = r.boolean();
    c.contacts = body::from_text<std::vector<Contact>>(r.text());
    c.addresses = body::from_text<std::vector<Address>>(r.text());
    return c;
  }
  static Warehouse read_warehouse(Row& r) {
    Warehouse w;
    w.id = r.id<WarehouseId>();
    w.code = r.text();
    w.name = r.text();
    w.region = r.text();
    w.active = r.boolean();
    return w;
  }
  static Location read_location(Row& r) {
    Location l;
    l.id = r.id<LocationId>();
    l.warehouse = r.id<WarehouseId>();
    l.code = r.text();
    l.name = r.text();
    return l;
  }
  static Lot read_lot(Row& r) {
    Lot l;
    l.id = r.id<LotId>();
    l.product = r.id<ProductId>();
    l.lot_number = r.text();
    l.expiry = r.opt_date();
    return l;
  }
  static SerialItem read_serial(Row& r) {
    SerialItem s;
    s.product = r.id<ProductId>();
    s.serial = r.text();
    s.lot = r.id<LotId>();
    s.location = r.id<LocationId>();
    s.status = static_cast<SerialStatus>(r.i32());
    return s;
  }
  static StockMove read_move(Row& r) {
    StockMove m;
    m.id = r.id<MoveId>();
    m.at = r.time();
    m.kind = static_cast<MoveKind>(r.i32());
    m.product = r.id<ProductId>();
    m.warehouse = r.id<WarehouseId>();
    m.location = r.id<LocationId>();
    m.lot = r.id<LotId>();
    m.quantity = r.dec();
    m.unit_cost = r.dec();
    m.reference = r.text();
    m.reason = r.text();
    m.actor = r.text();
    m.serials = body::from_text<std::vector<std::string>>(r.text());
    return m;
  }
  static StockQuant read_quant(Row& r) {
    StockQuant q;
    q.product = r.id<ProductId>();
    q.location = r.id<LocationId>();
    q.lot = r.id<LotId>();
    q.warehouse = r.id<WarehouseId>();
    q.on_hand = r.dec();
    return q;
  }
  static WarehouseStock read_warehouse_stock(Row& r) {
    WarehouseStock w;
    w.product = r.id<ProductId>();
    w.warehouse = r.id<WarehouseId>();
    w.on_hand = r.dec();
    w.reserved = r.dec();
    return w;
  }
  template <class K>
  std::optional<Receipt> receipt_where(const char* sql, const K& key) {
    auto rec = one<Receipt>(sql, [](Row& r) {
      Receipt x;
      x.id = r.id<ReceiptId>();
      x.number = r.text();
      x.date = r.date();
      x.warehouse = r.id<WarehouseId>();
      x.supplier = r.text();
      x.reference = r.text();
      x.actor = r.text();
      x.created_at = r.time();
      return x;
    }, key);
    if (rec) {
      rec->lines = all<ReceiptLine>("SELECT product_id, location_id, lot_id, quantity, unit_cost, serials FROM receipt_lines "
                                    "WHERE receipt_id = ? ORDER BY position",
                                    [](Row& r) {
                                      ReceiptLine l;
                                      l.product = r.id<ProductId>();
                                      l.location = r.id<LocationId>();
                                      l.lot = r.id<LotId>();
                                      l.quantity = r.dec();
                                      l.unit_cost = r.dec();
                                      l.serials = body::from_text<std::vector<std::string>>(r.text());
                                      return l;
                                    },
                                    rec->id);
    }
    return rec;
  }
  template <class... K>
  std::optional<Order> order_where(const char* sql, const K&... key);
  std::vector<Order> orders_of(const std::vector<std::int64_t>& order_ids) {
    std::vector<Order> out;
    out.reserve(order_ids.size());
    for (auto id : order_ids) out.push_back(*get_order(OrderId{id}));
    return out;
  }

  // Orders, documents, products, their stock and the reference data are read several times per
  // operation (and per batch), and put_order and put_doc write only what changed from the stored
  // version: the connection remembers them, within this transaction and from the ones before.
  KnownRows& known() { return c_->known(); }

  // The counters behind next_id and next_sequence: the last value handed out, by key. The
  // transaction counts in memory (the write lock keeps every other writer out) and writes each
  // counter it moved once, at commit: an INSERT ... RETURNING per new id made SQLite build and
  // drop a temporary table each time, about 7 % of a lifecycle's instructions. The first use of a
  // key in a transaction takes the value the connection remembers, or reads it.
  template <class K>
  using Counters = std::vector<std::pair<K, std::int64_t>>;
  // `sql` reads the stored value of `key`.
  template <class K>
  std::int64_t& counter(Counters<K>& counters, const K& key, Remembered<std::int64_t, K>& remembered, const char* sql) {
    for (auto& [k, value] : counters) {
      if (k == key) return value;
    }
    const std::optional<std::int64_t> stored = remembered.get(key, [&] { return first_id(sql, key); });
    return counters.emplace_back(key, stored.value_or(0)).second;
  }
  void write_counters() {
    for (const auto& [kind, value] : ids_) {
      exec("INSERT INTO ids(kind, value) VALUES(?, ?) ON CONFLICT(kind) DO UPDATE SET value = excluded.value", kind, value);
      known().ids.keep(kind, value);
    }
    for (const auto& [key, value] : sequences_) {
      exec("INSERT INTO sequences(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
      known().sequences.keep(key, value);
    }
  }

  SqliteStorage& owner_;
  // A write transaction's turn at owner_.writers(), let go last (after c_ is given back or
  // dropped); a transaction with one has the writers' connection.
  std::unique_lock<internal::FairSharedMutex> turn_;
  std::unique_ptr<Connection> c_;
  bool done_ = false;
  bool writes_ = false;  // a write transaction: holds owner_.writer() until it ends
  Counters<int> ids_;                 // by EntityKind
  Counters<std::string> sequences_;  // by key
};

template <class... K>
std::optional<Order> SqliteTransaction::order_where(const char* sql, const K&... key) {
  auto order = one<Order>(sql, [](Row& r) {
    Order o;
    o.id = r.id<OrderId>();
    o.number = r.text();
    o.external.source = r.text();
    o.external.id = r.text();
    o.customer = r.id<CustomerId>();
    o.customer_code = r.text();
    o.channel = r.text();
    o.salesperson = r.text();
    o.order_date = r.date();
    o.requested_delivery = r.opt_date();
    o.priority = static_cast<Priority>(r.i32());
    o.currency = r.currency();
    o.notes = r.text();
    o.ship_to = body::from_text<std::optional<Address>>(r.text());
    o.prices_include_tax = r.boolean();
    o.state = static_cast<OrderState>(r.i32());
    o.held_from = static_cast<OrderState>(r.i32());
    o.hold_kind = static_cast<HoldKind>(r.i32());
    o.hold_reason = r.text();
    o.promotions = body::from_text<std::vector<std::string>>(r.text());
    const Currency cur = o.currency;
    auto amount = [&] { return Money(r.dec(), cur); };
    o.totals.gross = amount();
    o.totals.discount = amount();
    o.totals.order_discount = amount();
    o.totals.net = amount();
    o.totals.tax = amount();
    o.totals.total = amount();
    o.totals.cost = amount();
    o.totals.margin = amount();
    o.totals.margin_percent = r.dec();
    o.invoiced = r.money();
    o.paid = r.money();
    o.revision = r.i32();
    o.revisions = body::from_text<std::vector<OrderRevision>>(r.text());
    o.created_by = r.text();
    o.created_at = r.time();
    o.approved_by = r.text();
    o.approved_at = r.opt_time();
    o.next_line_no = r.i32();
    o.invoice_policy = static_cast<InvoicePolicy>(r.i32());
    o.billable = Money(r.dec(), o.currency);
    return o;
  }, key...);
  if (!order) return order;
  query("SELECT from_state, to_state, action, actor, at, reason FROM order_history WHERE order_id = ? ORDER BY position",
        [&](Row& r) {
          StateChange h;
          h.from = static_cast<OrderState>(r.i32());
          h.to = static_cast<OrderState>(r.i32());
          h.action = static_cast<OrderAction>(r.i32());
          h.actor = r.text();
          h.at = r.time();
          h.reason = r.text();
          order->history.push_back(std::move(h));
        },
        order->id);
  query("SELECT line_no, product_id, sku, description, quantity, unit, unit_price, unit_price_currency, price_source_kind, "
        "price_source_ref, price_overridden, price_includes_tax, discount_kind, discount_value, tax_class, tax_rate, gift, "
        "gift_for_line, unit_cost, unit_cost_currency, gross, discount, order_discount, net, tax, total, cost, margin, shipped, "
        "closed, note, in_shipment, returned, invoiced FROM order_lines WHERE order_id = ? ORDER BY line_no",
        [&](Row& r) {
          OrderLine l;
          l.line_no = r.i32();
          l.product = r.id<ProductId>();
          l.sku = r.text();
          l.description = r.text();
          l.quantity = r.dec();
          l.unit = r.text();
          l.unit_price = r.money();
          l.price_source.kind = static_cast<PriceSourceKind>(r.i32());
          l.price_source.reference = r.text();
          l.price_overridden = r.boolean();
          l.price_includes_tax = r.boolean();
          l.discount.kind = static_cast<DiscountKind>(r.i32());
          l.discount.value = r.dec();
          l.tax_class = r.text();
          l.tax_rate = r.dec();
          l.gift = r.boolean();
          l.gift_for_line = r.i32();
          l.unit_cost = r.money();
          const Currency cur = order->currency;
          auto amount = [&] { return Money(r.dec(), cur); };
          l.amounts.gross = amount();
          l.amounts.discount = amount();
          l.amounts.order_discount = amount();
          l.amounts.net = amount();
          l.amounts.tax = amount();
          l.amounts.total = amount();
          l.amounts.cost = amount();
          l.amounts.margin = amount();
          l.shipped = r.dec();
          l.closed = r.dec();
          l.note = r.text();
          l.in_shipment = r.dec();
          l.returned = r.dec();
          l.invoiced = r.dec();
          order->lines.push_back(std::move(l));
        },
        order->id);
  query("SELECT line_no, warehouse_id, quantity FROM line_allocations WHERE order_id = ? ORDER BY line_no, position",
        [&](Row& r) {
          const int line_no = r.i32();
          WarehouseId warehouse = r.id<WarehouseId>();
          order->line(line_no)->allocations.push_back({warehouse, r.dec()});
        },
        order->id);
  return order;
}

void SqliteTransaction::put(const Order& o) {
  // Against the stored version only the values that changed are written, so an order that moves
  // on does not rewrite the indexes on its number, customer or date. An order the connection
  // does not remember is read first; one the file does not hold is new.
  const Order* stored = known().orders.find(o.id.value);
  std::optional<Order> read;
  if (!stored && (read = order_where(schema::kOrderById, o.id.value))) stored = &*read;
  const auto row = order_row(o);
  if (stored) {
    update_changed(order_updates(), row, order_row(*stored), 0, o.id);
  } else {
    std::apply([&](const auto&... value) { exec(schema::upsert_orders(), value...); }, row);
  }
  // History is append-only: write only the changes this version adds.
  for (std::size_t i = stored ? stored->history.size() : 0; i < o.history.size(); ++i) {
    const StateChange& h = o.history[i];
    exec("INSERT INTO order_history(order_id, position, from_state, to_state, action, actor, at, reason) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
         o.id, static_cast<int>(i), static_cast<int>(h.from), static_cast<int>(h.to), static_cast<int>(h.action), h.actor,
         h.at, h.reason);
  }
  write_lines(o, stored);
  known().orders.keep(o);
  known().order_ids.keep(o.number, o.id.value);
}

void SqliteTransaction::write_lines(const Order& o, const Order* stored) {
  // Against the stored version, only what changed is written: an operation that moves the
  // order's state or totals leaves its lines alone, and a line that changes names only its
  // changed columns. Deleting a line deletes its allocations (cascade). Rows are deleted by
  // their whole key: with foreign keys on, SQLite deletes the rows a partial key matches in two
  // passes, through a temporary table.
  if (stored) {
    for (const auto& gone : stored->lines) {
      if (!o.line(gone.line_no)) exec("DELETE FROM order_lines WHERE order_id = ? AND line_no = ?", o.id, gone.line_no);
    }
  }
  for (const auto& l : o.lines) {
    const OrderLine* before = stored ? stored->line(l.line_no) : nullptr;
    const auto row = line_row(o.id, l);
    if (before) {
      update_changed(order_line_updates(), row, line_row(o.id, *before), 0, o.id, l.line_no);
    } else {
      std::apply([&](const auto&... value) { exec(schema::upsert_order_lines(), value...); }, row);
    }
    write_allocations(o.id, l, before ? before->allocations : std::vector<Allocation>{});
  }
}

void SqliteTransaction::write_allocations(OrderId order, const OrderLine& l, const std::vector<Allocation>& stored) {
  const std::vector<Allocation>& now = l.allocations;
  for (std::size_t i = now.size(); i < stored.size(); ++i) {
    exec("DELETE FROM line_allocations WHERE order_id = ? AND line_no = ? AND position = ?", order, l.line_no,
         static_cast<int>(i));
  }
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (i >= stored.size()) {
      exec("INSERT INTO line_allocations(order_id, line_no, position, warehouse_id, quantity) VALUES(?, ?, ?, ?, ?)", order,
           l.line_no, static_cast<int>(i), now[i].warehouse, now[i].quantity);
    } else if (!same(stored[i], now[i])) {
      exec("UPDATE line_allocations SET warehouse_id = ?, quantity = ? WHERE order_id = ? AND line_no = ? AND position = ?",
           now[i].warehouse, now[i].quantity, order, l.line_no, static_cast<int>(i));
    }
  }
}

// ---- The storage: a pool of connections --------------------------------------------------------

class SqliteStorage final : public Storage, public std::enable_shared_from_this<SqliteStorage> {
 public:
  SqliteStorage(std::string path, const SqliteOptions& options)
      : path_(std::move(path)),
        options_(options),
        checkpointer_(path_, options_),
        writers_(std::chrono::microseconds(options_.writer_patience_us)) {}

  std::unique_ptr<Transaction> begin(TxMode mode) override {
    // Reads run beside the writer (WAL); a second write transaction would wait for this one.
    if (mode == TxMode::kWrite) writer_.refuse_if_held(name());
    return std::make_unique<SqliteTransaction>(*this, mode);
  }
  std::string_view name() const noexcept override { return "sqlite"; }
  bool read_only() const noexcept { return options_.read_only; }
  const SqliteOptions& options() const noexcept { return options_; }
  internal::WriterThread& writer() noexcept { return writer_; }
  // The writers of this process take turns here (exclusively) before SQLite's lock: SQLite's
  // busy handler polls, and a thread that came straight back for its next write kept the file
  // while the others slept, until one failed at its busy timeout.
  internal::FairSharedMutex& writers() noexcept { return writers_; }

  // A connection for a transaction. The writers of this process, who take turns at writers(),
  // share one, so that what it remembers and the pages it has cached stay true from one write
  // to the next (a commit on another connection would make it forget them). Reads take one from
  // the pool. Called by a writer only while it holds writers().
  std::unique_ptr<Connection> take(bool writer) {
    std::unique_ptr<Connection> conn;
    if (writer) {
      conn = std::move(writers_connection_);
    } else {
      std::lock_guard lock(mutex_);
      if (!pool_.empty()) {
        conn = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    try {
      if (!conn) conn = std::make_unique<Connection>(path_, options_, &checkpointer_);
    } catch (const SQLite::Exception& e) {
      storage_error(e, "opening " + path_);
    }
    return conn;
  }
  void give_back(std::unique_ptr<Connection> conn, bool writer) {
    if (writer) {
      writers_connection_ = std::move(conn);
      return;
    }
    std::lock_guard lock(mutex_);
    pool_.push_back(std::move(conn));
  }

  // Creates or migrates the schema; refuses what is not a liboms database or is too new.
  void prepare_schema() {
    Connection conn(path_, options_);
    auto& db = conn.db();
    const int app_id = db.execAndGet("PRAGMA application_id").getInt();
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    const int tables = db.execAndGet("SELECT COUNT(*) FROM sqlite_master").getInt();
    if (app_id != kApplicationId && (tables > 0 || version != 0)) {
      throw Error(Status::FailedPrecondition("'" + path_ + "' is not a liboms database (left untouched)", "path"));
    }
    if (version > kSqliteSchemaVersion) {
      throw Error(Status::FailedPrecondition("'" + path_ + "' was written by a newer liboms (schema " + std::to_string(version) +
                                                 ", this build knows up to " + std::to_string(kSqliteSchemaVersion) + ")",
                                             "path"));
    }
    if (version == kSqliteSchemaVersion) return;
    if (options_.read_only) {
      throw Error(Status::FailedPrecondition("'" + path_ + "' needs a schema migration and was opened read-only", "path"));
    }
    db.exec("PRAGMA journal_mode = WAL");
    // Off while migrating, so that a table rebuilt as a new one is dropped without cascading to
    // the rows that refer to it (it cannot change inside a transaction); checked before commit.
    db.exec("PRAGMA foreign_keys = OFF");
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto& migrations = schema::migrations();
    for (int v = db.execAndGet("PRAGMA user_version").getInt(); v < kSqliteSchemaVersion; ++v) {
      db.exec(migrations.at(static_cast<std::size_t>(v)));
    }
    SQLite::Statement broken(db, "PRAGMA foreign_key_check");
    if (broken.executeStep()) {
      throw Error(Status::Internal("migrating '" + path_ + "' to schema " + std::to_string(kSqliteSchemaVersion) +
                                   " broke a reference from table " + broken.getColumn(0).getString() + " (not migrated)"));
    }
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(kSqliteSchemaVersion));
    tx.commit();
  }

 private:
  std::string path_;
  SqliteOptions options_;
  Checkpointer checkpointer_;  // outlives the pooled connections it watches (declared before them)
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> pool_;  // for reads; guarded by mutex_
  internal::WriterThread writer_;
  internal::FairSharedMutex writers_;
  std::unique_ptr<Connection> writers_connection_;  // guarded by writers_: used by the writer holding it
};

SqliteTransaction::SqliteTransaction(SqliteStorage& owner, TxMode mode) : owner_(owner) {
  const bool read_only = owner_.read_only();
  const char* what = mode == TxMode::kWrite ? "begin write" : "begin read";
  if (mode == TxMode::kWrite && !read_only) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(owner_.options().busy_timeout_ms);
    turn_ = std::unique_lock(owner_.writers(), deadline);
    if (!turn_.owns_lock()) {
      throw Error(Status::StorageError(std::string(what) + ": " + std::string(kBusy)));
    }
  }
  c_ = owner_.take(turn_.owns_lock());
  try {
    c_->prepare(mode == TxMode::kWrite && !read_only ? "BEGIN IMMEDIATE" : "BEGIN").exec();
    // Inside the transaction: this reading starts a read transaction's snapshot, so nothing
    // committed between it and the reads that follow goes unnoticed.
    // Reset at once: a statement left stepping would hold its snapshot past COMMIT.
    SQLite::Statement& version = c_->prepare("PRAGMA data_version");
    version.executeStep();
    const std::int64_t data_version = version.getColumn(0).getInt64();
    version.reset();
    c_->known().begin(data_version);
  } catch (const SQLite::Exception& e) {
    if (sqlite3_get_autocommit(c_->db().getHandle()) == 0) {
      try {
        c_->db().exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        storage_error(e, what);  // the connection is in an unknown state: dropped, not pooled
      }
    }
    owner_.give_back(std::move(c_), turn_.owns_lock());
    storage_error(e, what);
  }
  if (mode == TxMode::kWrite) {
    writes_ = true;
    owner_.writer().claim();
  }
}

SqliteTransaction::~SqliteTransaction() {
  if (writes_) owner_.writer().release();
  if (!c_) return;
  if (!done_) {
    try {
      c_->db().exec("ROLLBACK");
    } catch (...) {
      // The connection is in an unknown state: drop it rather than pool it.
      return;
    }
  }
  c_->known().end(writes_ && !done_);
  owner_.give_back(std::move(c_), turn_.owns_lock());
}

}  // namespace

Result<std::shared_ptr<Storage>> open_sqlite_storage(const std::string& path, SqliteOptions options) {
  if (path.empty()) return Status::InvalidArgument("path", path, "is required");
  if (!options.create && !std::filesystem::exists(path)) return Status::NotFound("path", path);
  if (options.busy_timeout_ms < 0) {
    return Status::InvalidArgument("busy_timeout_ms", std::to_string(options.busy_timeout_ms), "must not be negative");
  }
  if (options.checkpoint_pages < 1) {
    return Status::InvalidArgument("checkpoint_pages", std::to_string(options.checkpoint_pages), "must be at least 1");
  }
  if (options.writer_patience_us < 0 || options.writer_patience_us > 1'000'000) {
    return Status::InvalidArgument("writer_patience_us", std::to_string(options.writer_patience_us),
                                   "must be 0..1000000 (microseconds)");
  }
  auto storage = std::make_shared<SqliteStorage>(path, options);
  try {
    storage->prepare_schema();
  } catch (const Error& e) {
    return e.status();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) {
      return Status::FailedPrecondition("'" + path + "' is not a liboms database (not an SQLite file; left untouched)", "path");
    }
    return Status::StorageError("opening '" + path + "': " + e.what());
  }
  return std::shared_ptr<Storage>(std::move(storage));
}

}  // namespace oms
