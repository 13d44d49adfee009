// Internal: the writers of one storage in this process, served in the order they came.
//
// SQLite lets one writer at a time into a file, and one that finds it taken polls: its busy
// handler sleeps 1, 2, 5, 10 ... ms between tries. A writer of this process that comes straight
// back for its next operation takes the file again while the others sleep, so under steady load
// from a few threads one of them lost every try until its busy timeout ran out, and failed as if
// another process had held the file all that time. The SQLite adapter's writers therefore queue
// here first, and the file passes from one to the next in the order they came. Writers of other
// processes still meet at SQLite's lock, with its busy handler.
//
// Strict turns cost throughput: handing the file from one thread to another took about two
// writes' time on the benchmark machine (the connection's memory moves to the other processor's
// cache), and two threads writing in strict turns managed little more than half of what one
// thread manages alone. So a writer that finds the file free takes it at once, ahead of the queue,
// unless the writer at the head of the queue has waited kPatience; from then on the file goes to
// the queue in order. A writer waits about kPatience plus the writes of those ahead of it.
#ifndef OMS_SRC_STORAGE_WRITER_QUEUE_H_
#define OMS_SRC_STORAGE_WRITER_QUEUE_H_

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace oms::internal {

class WriterQueue {
 public:
  using Clock = std::chrono::steady_clock;

  // How long the writer at the head of the queue lets writers that come later go first.
  static constexpr std::chrono::microseconds kPatience{5000};

  // Enters when the file is free and it is this writer's turn. False, without entering, when
  // `deadline` comes first.
  bool enter(Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    const Clock::time_point now = Clock::now();
    if (!held_ && (waiting_.empty() || now - waiting_.front().since < kPatience)) return held_ = true;
    const std::uint64_t ticket = next_ticket_++;
    waiting_.push_back({ticket, now});
    for (;;) {
      const bool timed_out = turn_.wait_until(lock, deadline) == std::cv_status::timeout;
      if (!held_ && waiting_.front().ticket == ticket) {
        waiting_.pop_front();
        return held_ = true;
      }
      if (timed_out) {
        waiting_.erase(std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiter& w) { return w.ticket == ticket; }));
        lock.unlock();
        turn_.notify_all();  // the writer behind this one may be at the head now
        return false;
      }
    }
  }

  // Called once by the writer that entered.
  void leave() {
    std::unique_lock lock(mutex_);
    held_ = false;
    const bool anyone = !waiting_.empty();
    lock.unlock();
    if (anyone) turn_.notify_all();
  }

  // A writer's place: entered as WriterQueue::enter, left when destroyed.
  class Place {
   public:
    Place() = default;
    Place(const Place&) = delete;
    Place& operator=(const Place&) = delete;
    ~Place() {
      if (queue_) queue_->leave();
    }
    bool enter(WriterQueue& queue, Clock::time_point deadline) {
      if (!queue.enter(deadline)) return false;
      queue_ = &queue;
      return true;
    }
    bool held() const { return queue_ != nullptr; }

   private:
    WriterQueue* queue_ = nullptr;
  };

 private:
  struct Waiter {
    std::uint64_t ticket;
    Clock::time_point since;
  };

  std::mutex mutex_;
  std::condition_variable turn_;
  bool held_ = false;
  std::deque<Waiter> waiting_;  // in the order they came
  std::uint64_t next_ticket_ = 0;
};

}  // namespace oms::internal

#endif  // OMS_SRC_STORAGE_WRITER_QUEUE_H_
