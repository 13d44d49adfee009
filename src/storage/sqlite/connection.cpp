#include "storage/sqlite/connection.h"

#include <atomic>

#include "storage/sqlite/observer.h"

namespace oms::internal {
namespace {
std::atomic<SqlObserver> sql_observer{nullptr};
}  // namespace
void observe_sqlite_statements(SqlObserver observer) noexcept { sql_observer.store(observer); }
SqlObserver sqlite_statement_observer() noexcept { return sql_observer.load(std::memory_order_relaxed); }
}  // namespace oms::internal

namespace oms::sqlite {

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

}  // namespace oms::sqlite
