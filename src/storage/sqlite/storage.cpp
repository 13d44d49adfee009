// The SQLite storage adapter (SQLiteCpp).
//
// One table per entity (src/storage/sqlite/schema.h); decimals are stored as exact text, dates
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

#include "storage/sqlite/schema.h"
#include "storage/fair_shared_mutex.h"
#include "storage/sqlite/transaction.h"
#include "storage/writer_thread.h"

namespace oms::sqlite {

constexpr int kApplicationId = 0x4F4D5331;  // "OMS1"

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

}  // namespace oms::sqlite

namespace oms {

using sqlite::SqliteStorage;

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
