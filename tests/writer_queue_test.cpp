// The queue in which the SQLite adapter's writers of one process wait for the file
// (src/storage/writer_queue.h): nobody waits for ever behind a writer that keeps coming back,
// and a writer that gives up does not hold up the ones behind it.
#include "storage/writer_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "build_speed.h"

namespace oms::internal {
namespace {

using Clock = WriterQueue::Clock;
using std::chrono::milliseconds;

TEST(WriterQueueTest, AWriterThatFindsTheFileFreeEntersAtOnce) {
  WriterQueue q;
  ASSERT_TRUE(q.enter(Clock::now()));  // a deadline already past does not matter
  q.leave();
  ASSERT_TRUE(q.enter(Clock::now()));
  q.leave();
}

TEST(WriterQueueTest, AWriterWaitsForTheOneInsideAndGivesUpAtItsDeadline) {
  WriterQueue q;
  ASSERT_TRUE(q.enter(Clock::now()));
  const auto start = Clock::now();
  std::atomic<bool> entered{true};
  std::thread other([&] { entered = q.enter(Clock::now() + milliseconds(50)); });
  other.join();
  EXPECT_FALSE(entered);
  EXPECT_GE(Clock::now() - start, milliseconds(50));
  q.leave();
}

TEST(WriterQueueTest, AWriterThatGaveUpDoesNotHoldUpTheOnesBehindIt) {
  WriterQueue q;
  ASSERT_TRUE(q.enter(Clock::now()));
  std::atomic<bool> first{true};
  std::thread gives_up([&] { first = q.enter(Clock::now() + milliseconds(20)); });
  std::this_thread::sleep_for(milliseconds(5));  // the second one queues behind it
  std::atomic<bool> second{false};
  std::thread waits([&] {
    second = q.enter(Clock::now() + milliseconds(5000));
    if (second) q.leave();
  });
  gives_up.join();
  EXPECT_FALSE(first);
  q.leave();
  waits.join();
  EXPECT_TRUE(second);
}

// A writer that leaves and comes straight back would keep the file: the writer at the head of
// the queue gets it once it has waited its patience, however often the other one comes back.
TEST(WriterQueueTest, AWriterThatKeepsComingBackLetsTheHeadOfTheQueueInAfterItsPatience) {
  WriterQueue q;
  std::atomic<bool> stop{false};
  std::atomic<int> rounds{0};
  std::thread greedy([&] {
    while (!stop) {
      if (q.enter(Clock::now() + milliseconds(5000))) {
        const auto until = Clock::now() + std::chrono::microseconds(100);  // a write, on the processor
        while (Clock::now() < until) {
        }
        ++rounds;
        q.leave();
      }
    }
  });
  Clock::duration longest{};
  for (int i = 0; i < 10; ++i) {
    const int before = rounds;
    while (rounds < before + 2) std::this_thread::yield();  // the greedy writer is going
    const auto start = Clock::now();
    ASSERT_TRUE(q.enter(Clock::now() + milliseconds(1000))) << "round " << i;
    longest = std::max(longest, Clock::now() - start);
    q.leave();
  }
  // Its patience, the write in progress and the time to wake, with room for a slow machine; a
  // writer that could not stop the greedy one from going first waited hundreds of milliseconds.
  EXPECT_LT(longest, 8 * oms::testing::kSlowerBy * WriterQueue::kPatience) << std::chrono::duration<double, std::milli>(longest).count() << " ms";
  stop = true;
  greedy.join();
}

}  // namespace
}  // namespace oms::internal
