// The in-memory adapter's lock and the SQLite adapter's writers' turns
// (src/storage/fair_shared_mutex.h): readers that keep coming do not keep a writer out, writers
// that keep coming do not keep readers or another writer out, a thread reading may read again
// while a writer waits, and a writer that gives up at its deadline holds up nobody.
#include "storage/fair_shared_mutex.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "build_speed.h"
#include "oms/storage.h"

namespace oms::internal {
namespace {

using Clock = FairSharedMutex::Clock;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// Holds the processor for `d`, as a transaction at work does.
void work_for(Clock::duration d) {
  const auto until = Clock::now() + d;
  while (Clock::now() < until) {
  }
}

// Threads that take `m` over and over (shared or not) for up to a second, each time for `hold`.
class Crowd {
 public:
  Crowd(FairSharedMutex& m, int threads, bool shared, Clock::duration hold) {
    const auto end = Clock::now() + milliseconds(1000);
    running_ = threads;
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([&m, shared, hold, end, this] {
        while (!stop_ && Clock::now() < end) {
          if (shared) {
            std::shared_lock lock(m);
            work_for(hold);
          } else {
            std::unique_lock lock(m);
            work_for(hold);
          }
          ++rounds_;
        }
        --running_;
      });
    }
    while (rounds_ < 2 * threads) std::this_thread::yield();  // going
  }
  ~Crowd() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }
  // The longest of `n` waits for `take` (which takes the mutex and lets it go), a few rounds of
  // the crowd apart.
  template <class F>
  Clock::duration longest_wait(int n, F&& take) {
    Clock::duration longest{};
    for (int i = 0; i < n; ++i) {
      const int before = rounds_;
      while (rounds_ < before + 2 && running_ > 0) std::this_thread::yield();
      const auto start = Clock::now();
      take();
      longest = std::max(longest, Clock::now() - start);
    }
    return longest;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> rounds_{0};
  std::atomic<int> running_{0};
  std::vector<std::thread> threads_;
};

// Its patience, the work in progress and the time to wake, with room for a slow machine. A lock
// that let readers in while a writer waited kept it out as long as the crowd went on (a second),
// and so did one that let writers in while readers waited.
constexpr auto kBound = 8 * oms::testing::kSlowerBy * FairSharedMutex::kPatience;

TEST(FairSharedMutexTest, ReadersThatKeepComingLetAWaitingWriterInAfterItsPatience) {
  FairSharedMutex m;
  Crowd readers(m, 3, /*shared=*/true, microseconds(100));  // overlapping: never all out at once
  const auto longest = readers.longest_wait(5, [&] { std::unique_lock lock(m); });
  EXPECT_LT(longest, kBound) << std::chrono::duration<double, std::milli>(longest).count() << " ms";
}

// A writer that leaves and comes straight back would keep the mutex (a SQLite writer that did kept
// the file until another writer's busy timeout ran out).
TEST(FairSharedMutexTest, AWriterThatKeepsComingBackLetsTheHeadOfTheQueueInAfterItsPatience) {
  FairSharedMutex m;
  Crowd greedy(m, 1, /*shared=*/false, microseconds(100));
  const auto longest = greedy.longest_wait(10, [&] { std::unique_lock lock(m); });
  EXPECT_LT(longest, kBound) << std::chrono::duration<double, std::milli>(longest).count() << " ms";
}

// A writer waits while another holds the mutex, which lets it go and asks for it again at once.
// With no patience the waiting one is due the moment it queues: it must enter first, every
// time. With the default patience the one that comes back goes first when it wins the race
// against the waking thread (about half the time here), so 20 rounds tell the two apart.
TEST(FairSharedMutexTest, APatienceOfZeroServesTheWritersStrictlyInTurn) {
  for (int round = 0; round < 20; ++round) {
    FairSharedMutex m(microseconds(0));
    std::atomic<bool> waiting_entered{false};
    bool returning_went_first = false;
    m.lock();
    std::thread waiting([&] {
      std::unique_lock lock(m);
      waiting_entered = true;
    });
    while (m.writers_waiting() == 0) std::this_thread::yield();
    m.unlock();
    {
      std::unique_lock lock(m);  // straight back
      returning_went_first = !waiting_entered;
    }
    waiting.join();
    ASSERT_FALSE(returning_went_first) << "round " << round;
  }
}

TEST(FairSharedMutexTest, AWriterThatFindsItFreeEntersAtOnceWhateverItsDeadline) {
  FairSharedMutex m;
  ASSERT_TRUE(m.try_lock_until(Clock::now()));  // a deadline already past does not matter
  m.unlock();
  ASSERT_TRUE(m.try_lock_until(Clock::now()));
  m.unlock();
}

TEST(FairSharedMutexTest, AWriterWaitsForTheOneInsideAndGivesUpAtItsDeadline) {
  FairSharedMutex m;
  m.lock();
  const auto start = Clock::now();
  std::atomic<bool> entered{true};
  std::thread other([&] { entered = m.try_lock_until(Clock::now() + milliseconds(50)); });
  other.join();
  EXPECT_FALSE(entered);
  EXPECT_GE(Clock::now() - start, milliseconds(50));
  m.unlock();
}

// A waiting writer watches the mutex for a while before it sleeps; its deadline still comes
// first.
TEST(FairSharedMutexTest, AWriterWhoseDeadlineIsPastGivesUpAtOnceWhileTheMutexIsHeld) {
  FairSharedMutex m;
  m.lock();
  Clock::duration took{};
  std::atomic<bool> entered{true};
  std::thread other([&] {
    const auto start = Clock::now();
    entered = m.try_lock_until(start);
    took = Clock::now() - start;
  });
  other.join();
  EXPECT_FALSE(entered);
  EXPECT_LT(took, oms::testing::kSlowerBy * milliseconds(5)) << std::chrono::duration<double, std::micro>(took).count() << " us";
  EXPECT_EQ(m.writers_waiting(), 0u);
  m.unlock();
}

// A writer that waits through many short turns of another, watching or sleeping, always gets in.
TEST(FairSharedMutexTest, TwoWritersTakingShortTurnsBothKeepGettingIn) {
  FairSharedMutex m;
  std::atomic<int> in[2] = {0, 0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t) {
    writers.emplace_back([&, t] {
      while (!stop) {
        std::unique_lock lock(m);
        work_for(microseconds(t == 0 ? 5 : 50));  // shorter and longer than a writer watches
        ++in[t];
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(300));
  stop = true;
  for (auto& w : writers) w.join();
  EXPECT_GT(in[0], 10);
  EXPECT_GT(in[1], 10);
}

TEST(FairSharedMutexTest, AWriterThatGaveUpHoldsUpNeitherTheWritersBehindItNorReaders) {
  FairSharedMutex m;
  m.lock();
  std::atomic<bool> first{true};
  std::thread gives_up([&] { first = m.try_lock_until(Clock::now() + milliseconds(20)); });
  std::this_thread::sleep_for(milliseconds(5));  // the second one queues behind it
  std::atomic<bool> second{false};
  std::thread waits([&] {
    second = m.try_lock_until(Clock::now() + milliseconds(5000));
    if (second) m.unlock();
  });
  gives_up.join();
  EXPECT_FALSE(first);
  m.unlock();
  waits.join();
  EXPECT_TRUE(second);
  std::shared_lock read(m);  // nobody left waiting, due or not
}

TEST(FairSharedMutexTest, WritersThatKeepComingLetAWaitingReaderIn) {
  FairSharedMutex m;
  // Each writer waits for the two others, past its patience: without readers let in as a writer
  // leaves, the next writer, due, would go first every time.
  Crowd writers(m, 3, /*shared=*/false, milliseconds(3));
  const auto longest = writers.longest_wait(10, [&] { std::shared_lock lock(m); });
  // The write in progress (3 ms) and the time to wake; without them let in, 40 ms and more.
  EXPECT_LT(longest, 4 * oms::testing::kSlowerBy * FairSharedMutex::kPatience) << std::chrono::duration<double, std::milli>(longest).count() << " ms";
}

TEST(FairSharedMutexTest, AThreadReadingReadsAgainWhileAWriterIsDue) {
  FairSharedMutex m;
  m.lock_shared();
  std::atomic<bool> wrote{false};
  std::thread writer([&] {
    std::unique_lock lock(m);
    wrote = true;
  });
  std::this_thread::sleep_for(2 * FairSharedMutex::kPatience);  // the writer is due
  EXPECT_TRUE(m.holds_shared());
  m.lock_shared();  // would wait for the writer, which waits for this thread
  EXPECT_FALSE(wrote);
  m.unlock_shared();
  m.unlock_shared();
  EXPECT_FALSE(m.holds_shared());
  writer.join();
  EXPECT_TRUE(wrote);
}

TEST(FairSharedMutexTest, TheMemoryStorageRefusesAWriteToAThreadThatIsReading) {
  auto storage = make_memory_storage();
  auto read = storage->begin(TxMode::kRead);
  try {
    storage->begin(TxMode::kWrite);
    ADD_FAILURE() << "a write transaction began while this thread was reading";
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(e.status().message().find("read transaction open"), std::string::npos) << e.status().message();
  }
  read.reset();
  EXPECT_NE(storage->begin(TxMode::kWrite), nullptr);
}

}  // namespace
}  // namespace oms::internal
