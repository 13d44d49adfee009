// Internal: which thread holds a storage's write transaction, so that a thread that asks for a
// second transaction it would wait on forever is refused instead.
//
// It happens when code inside Engine::batch calls a second Engine on the same storage: the
// batch's transaction is open on this thread, and the second engine's operation waits for it to
// end, which it never does. The in-memory adapter would hang (its lock is not recursive), the
// SQLite adapter would wait out its busy timeout and fail as if another process held the file.
// Both fail at once with kFailedPrecondition naming the cause.
#ifndef OMS_SRC_STORAGE_WRITER_THREAD_H_
#define OMS_SRC_STORAGE_WRITER_THREAD_H_

#include <atomic>
#include <string>
#include <string_view>
#include <thread>

#include "oms/status.h"

namespace oms::internal {

class WriterThread {
 public:
  // Throws kFailedPrecondition if the calling thread holds the write transaction.
  void refuse_if_held(std::string_view storage) const {
    // Only the holding thread stores its own id here, so this thread reads its own id exactly
    // when it holds the transaction, whatever other threads do.
    if (writer_.load(std::memory_order_relaxed) != std::this_thread::get_id()) return;
    throw Error(Status::FailedPrecondition(
        "this thread already has a write transaction open on this " + std::string(storage) +
            " storage (an Engine::batch of another engine on it?), and a second transaction would wait "
            "for it forever: call the engine that runs the batch",
        "storage"));
  }
  // Called by the thread that has just taken the write lock, and by it when it lets go.
  void claim() { writer_.store(std::this_thread::get_id(), std::memory_order_relaxed); }
  void release() { writer_.store(std::thread::id(), std::memory_order_relaxed); }

 private:
  std::atomic<std::thread::id> writer_{};
};

}  // namespace oms::internal

#endif  // OMS_SRC_STORAGE_WRITER_THREAD_H_
