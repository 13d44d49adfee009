// Engine::batch: several operations as one unit of work, on every adapter. All of it commits or
// none of it stays; the batch's own operations see its changes; subscribers hear of it only after
// the commit; other threads wait for it rather than seeing half of it.
#include <chrono>
#include <atomic>
#include <stdexcept>
#include <thread>

#include "fault_injection.h"
#include "fixture.h"
#include "storage_dump.h"

namespace oms::testing {
namespace {

class BatchTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "20");
  }

  // Creates, submits and approves an order, every step checked (throws otherwise); returns its
  // number.
  static std::string confirm_in(Engine& e, const NewOrder& spec) {
    const std::string number = ok(e.create_order(spec, "sales")).order.number;
    ok(e.submit(number, "sales"));
    ok(e.approve(number, "manager"));
    return number;
  }
};

TEST_P(BatchTest, EveryOperationOfTheBatchCommitsTogether) {
  std::string first, second;
  ok(eng->batch([&](Engine& e) {
    first = confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    second = confirm_in(e, order_for("BETA", {{"TEA", "4"}}));
    return Status::Ok();
  }));
  EXPECT_EQ(ok(eng->order(first)).state, OrderState::kConfirmed);
  EXPECT_EQ(ok(eng->order(second)).state, OrderState::kConfirmed);
  EXPECT_EQ(stock("TEA").reserved, 7_d);
  EXPECT_EQ(ok(eng->available_to_sell("TEA")), 13_d);
}

TEST_P(BatchTest, AFailedOperationRollsBackTheOperationsBeforeIt) {
  const std::string before = dump_storage(*storage);
  Status inner;
  const Status s = eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    inner = e.create_order(order_for("ACME", {{"NO-SUCH-SKU", "1"}}), "sales").status();
    return Status::Ok();  // work ignores the failure; the batch does not
  });
  EXPECT_EQ(inner.code(), StatusCode::kNotFound);
  EXPECT_EQ(s, inner) << "the batch returns the first failure";
  EXPECT_EQ(dump_storage(*storage), before);
  EXPECT_TRUE(ok(eng->list_orders({})).empty());
  EXPECT_EQ(stock("TEA").reserved, 0_d);
}

TEST_P(BatchTest, OperationsAfterAFailureDoNothingAndNameTheBatch) {
  const std::string before = dump_storage(*storage);
  Status later, query;
  const Status s = eng->batch([&](Engine& e) {
    (void)e.approve("SO-NONE", "manager");
    later = e.create_order(order_for("ACME", {{"TEA", "3"}}), "sales").status();
    query = e.stock("TEA").status();
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(later.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(later.field(), "batch");
  EXPECT_NE(later.message().find("SO-NONE"), std::string::npos) << later.message();
  EXPECT_EQ(query.code(), StatusCode::kFailedPrecondition) << "a spoilt batch's reads would see half an operation";
  EXPECT_EQ(dump_storage(*storage), before);
}

TEST_P(BatchTest, AFailedQuerySpoilsNothing) {
  std::string number;
  ok(eng->batch([&](Engine& e) {
    EXPECT_EQ(e.order("SO-NONE").status().code(), StatusCode::kNotFound);
    number = confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    return Status::Ok();
  }));
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
}

TEST_P(BatchTest, WorkReturningAFailureRollsBackEverything) {
  const std::string before = dump_storage(*storage);
  const Status s = eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    return Status::FailedPrecondition("the operator cancelled the import", "import");
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.field(), "import");
  EXPECT_EQ(dump_storage(*storage), before);
}

TEST_P(BatchTest, OperationsInsideSeeTheBatchsOwnChanges) {
  ok(eng->batch([&](Engine& e) {
    const std::string number = ok(e.create_order(order_for("ACME", {{"TEA", "3"}}), "sales")).order.number;
    EXPECT_EQ(ok(e.order(number)).state, OrderState::kDraft);
    ok(e.submit(number, "sales"));
    ok(e.approve(number, "manager"));
    EXPECT_EQ(ok(e.available_to_sell("TEA")), 17_d);
    EXPECT_EQ(ok(e.customer_orders("ACME")).size(), 1u);
    return Status::Ok();
  }));
}

// A second engine on the same storage, called from inside the batch, would wait for the batch's
// transaction on the batch's own thread: forever in memory, for the busy timeout on SQLite.
TEST_P(BatchTest, AnotherEngineOnTheSameStorageCalledInsideTheBatchFailsAtOnceInsteadOfWaitingForIt) {
  auto other = ok(Engine::open(storage, options));
  std::string number;
  const auto started = std::chrono::steady_clock::now();
  ok(eng->batch([&](Engine& e) {
    number = ok(e.create_order(order_for("ACME", {{"TEA", "3"}}), "sales")).order.number;
    const Status s = other->submit(number, "sales").status();
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.to_string();
    EXPECT_EQ(s.field(), "storage");
    EXPECT_NE(s.message().find("call the engine that runs the batch"), std::string::npos) << s.message();
    return Status::Ok();  // the other engine's failure is not the batch's
  }));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "it waited for the batch";
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kDraft) << "the batch committed, the refused submit did nothing";
  // Once the batch has ended the other engine works as before, on this thread and others.
  EXPECT_EQ(ok(other->submit(number, "sales")).order.state, OrderState::kSubmitted);
  std::thread([&] { EXPECT_TRUE(other->approve(number, "manager").ok()); }).join();
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
}

TEST_P(BatchTest, SubscribersHearOfTheBatchOnlyAfterItCommitsInJournalOrder) {
  std::vector<Event> heard;
  const std::int64_t last_before = ok(eng->events()).back().sequence;
  eng->subscribe([&](const Event& e) { heard.push_back(e); });
  ok(eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    confirm_in(e, order_for("BETA", {{"TEA", "4"}}));
    EXPECT_TRUE(heard.empty()) << "heard before the commit: " << heard.front().type;
    return Status::Ok();
  }));
  const std::vector<Event> journal = ok(eng->events(last_before));
  ASSERT_FALSE(journal.empty());
  ASSERT_EQ(heard.size(), journal.size());
  for (std::size_t i = 0; i < heard.size(); ++i) {
    EXPECT_EQ(heard[i].sequence, journal[i].sequence);
    EXPECT_EQ(heard[i].type, journal[i].type);
    if (i > 0) {
      EXPECT_EQ(heard[i].sequence, heard[i - 1].sequence + 1);
    }
  }
}

TEST_P(BatchTest, ARolledBackBatchJournalsAndPublishesNothing) {
  const std::int64_t last_before = ok(eng->events()).back().sequence;
  int heard = 0;
  eng->subscribe([&](const Event&) { ++heard; });
  const Status s = eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    return Status::FailedPrecondition("changed my mind");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(heard, 0);
  EXPECT_TRUE(ok(eng->events(last_before)).empty());
}

TEST_P(BatchTest, ABatchInsideABatchIsPartOfIt) {
  const std::string before = dump_storage(*storage);
  Status nested;
  const Status s = eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    nested = e.batch([&](Engine& inner) {
      confirm_in(inner, order_for("BETA", {{"TEA", "4"}}));
      return Status::FailedPrecondition("inner work gave up");
    });
    return Status::Ok();
  });
  EXPECT_EQ(nested.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s, nested) << "the inner batch's failure is the whole batch's";
  EXPECT_EQ(dump_storage(*storage), before);

  std::string number;
  ok(eng->batch([&](Engine& e) {
    return e.batch([&](Engine& inner) {
      number = confirm_in(inner, order_for("BETA", {{"TEA", "4"}}));
      return Status::Ok();
    });
  }));
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
}

TEST_P(BatchTest, AnExceptionFromWorkRollsBackAndPropagatesAndTheEngineGoesOn) {
  const std::string before = dump_storage(*storage);
  EXPECT_THROW((void)eng->batch([&](Engine& e) -> Status {
    confirm_in(e, order_for("ACME", {{"TEA", "3"}}));
    throw std::runtime_error("host application failure");
  }),
               std::runtime_error);
  EXPECT_EQ(dump_storage(*storage), before);
  // This thread is no longer in a batch: a single operation commits on its own.
  const std::string number = confirm_in(*eng, order_for("ACME", {{"TEA", "3"}}));
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kConfirmed);
}

TEST_P(BatchTest, AnotherThreadsChangeWaitsForTheBatchAndThenApplies) {
  std::atomic<bool> other_done{false};
  std::thread other;
  std::string beta, gamma;
  ok(eng->batch([&](Engine& e) {
    confirm_in(e, order_for("ACME", {{"TEA", "15"}}));
    other = std::thread([&] {
      // Wants 10 of the 4 left once the batch has committed: only 4 can be reserved.
      beta = confirm_in(*eng, order_for("BETA", {{"TEA", "10"}}));
      other_done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(other_done) << "another thread's change ran inside the batch";
    gamma = confirm_in(e, order_for("GAMMA", {{"TEA", "1"}}));
    return Status::Ok();
  }));
  other.join();
  EXPECT_TRUE(other_done);
  // Had the other thread's approval run before the batch's last one, GAMMA would be waiting.
  EXPECT_EQ(ok(eng->order(gamma)).lines[0].reserved(), 1_d);
  EXPECT_EQ(ok(eng->order(beta)).lines[0].reserved(), 4_d) << "the 4 left after the batch";
  EXPECT_EQ(stock("TEA").reserved, 20_d);
}

TEST_P(BatchTest, NoWorkIsRefused) {
  const Status s = eng->batch({});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "work");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(BatchTest);

// Storage failures and lost races, injected into the batch's one transaction.
class BatchFaultTest : public WithFaults<BatchTest> {};

TEST_P(BatchFaultTest, AStorageFailureAtAnyWriteLeavesNoTraceOfTheBatch) {
  const std::string before = dump_storage(*storage);
  int failures = 0;
  for (int n = 1; n < 10000; ++n) {
    faulty->fail_at_write(n);
    const Status s = eng->batch([&](Engine& e) {
      // Every failure is the batch's to report; work goes on regardless.
      const auto created = e.create_order(order_for("ACME", {{"TEA", "3"}}), "sales");
      const std::string a = created.ok() ? created.value().order.number : "";
      (void)e.submit(a, "sales");
      (void)e.approve(a, "manager");
      (void)e.create_order(order_for("BETA", {{"TEA", "2"}}), "sales");
      return Status::Ok();
    });
    if (!faulty->fired()) {
      ASSERT_TRUE(s.ok()) << s.to_string();
      EXPECT_GT(failures, 10) << "a batch of four operations takes many writes";
      EXPECT_EQ(ok(eng->list_orders({})).size(), 2u);
      return;
    }
    ASSERT_EQ(s.code(), StatusCode::kStorage) << s.to_string();
    ASSERT_EQ(dump_storage(*storage), before) << "failure at write " << n << " left a trace";
    ++failures;
  }
  FAIL() << "never succeeded";
}

TEST_P(BatchFaultTest, ALostRaceRunsTheWholeWorkAgainOnce) {
  int runs = 0;
  std::string number;
  faulty->fail_at_write(3, StatusCode::kConflict);
  ok(eng->batch([&](Engine& e) {
    ++runs;
    auto created = e.create_order(order_for("ACME", {{"TEA", "3"}}), "sales");
    if (!created.ok()) return created.status();
    number = created.value().order.number;
    return e.submit(number, "sales").status();
  }));
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(ok(eng->list_orders({})).size(), 1u) << "the first run left nothing";
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kSubmitted);
}

TEST_P(BatchFaultTest, LostRacesBeyondTheRetriesAreReported) {
  options.conflict_retries = 0;
  reopen();
  faulty->fail_at_write(1, StatusCode::kConflict);
  const Status s = eng->batch([&](Engine& e) { return e.create_order(order_for("ACME", {{"TEA", "3"}}), "s").status(); });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_TRUE(ok(eng->list_orders({})).empty());
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(BatchFaultTest);

}  // namespace
}  // namespace oms::testing
