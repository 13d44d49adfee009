// Internal: a connection to the file with its prepared statements, and the checkpointer that
// keeps the write-ahead log short off the writers' path.
#ifndef OMS_SRC_STORAGE_SQLITE_CONNECTION_H_
#define OMS_SRC_STORAGE_SQLITE_CONNECTION_H_

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "oms/sqlite_storage.h"
#include "storage/sqlite/observer.h"
#include "storage/sqlite/report_functions.h"
#include "storage/sqlite/row_cache.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite {

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
      if (auto observer = internal::sqlite_statement_observer()) observer(sql);
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

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_CONNECTION_H_
