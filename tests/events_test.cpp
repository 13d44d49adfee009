#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "fixture.h"
#include "schema_values.h"

namespace oms::testing {
namespace {

class EventsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
    receive("TEA", "N", "10");
  }
};

TEST_P(EventsTest, EveryChangeIsJournalledInSequenceWithActorAndTime) {
  const auto before = ok(eng->events());
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "alice")).order.number;
  const auto after = ok(eng->events(before.back().sequence));
  ASSERT_EQ(after.size(), 1u);
  const Event& e = after[0];
  EXPECT_EQ(e.sequence, before.back().sequence + 1);
  EXPECT_EQ(e.type, "order.created");
  EXPECT_EQ(e.entity, "order");
  EXPECT_EQ(e.actor, "alice");
  EXPECT_EQ(e.at, at(2026, 11, 23, 10));
  EXPECT_NE(e.data.find("\"number\":\"" + number + "\""), std::string::npos) << e.data;
  for (std::size_t i = 1; i < before.size(); ++i) EXPECT_EQ(before[i].sequence, before[i - 1].sequence + 1);
}

TEST_P(EventsTest, JournalCanBeReadInPagesFromASequence) {
  const auto all = ok(eng->events());
  ASSERT_GT(all.size(), 4u);
  const auto page = ok(eng->events(2, 2));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].sequence, 3);
  EXPECT_EQ(page[1].sequence, 4);
  EXPECT_TRUE(ok(eng->events(all.back().sequence)).empty());
}

TEST_P(EventsTest, SubscribersHearOfChangesAfterTheCommit) {
  std::vector<Event> heard;
  std::string state_seen;
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  eng->subscribe([&](const Event& e) {
    heard.push_back(e);
    // The change is already committed and the engine is free to call: no deadlock, no stale read.
    if (e.type == "order.submitted") state_seen = std::string(to_string(ok(eng->order(number)).state));
  });
  ok(eng->submit(number, "s"));
  ASSERT_FALSE(heard.empty());
  EXPECT_EQ(heard[0].type, "order.submitted");
  EXPECT_GT(heard[0].sequence, 0);
  EXPECT_EQ(state_seen, "submitted");
}

TEST_P(EventsTest, AFailedOperationJournalsNothingAndTellsNoSubscriber) {
  int calls = 0;
  eng->subscribe([&](const Event&) { ++calls; });
  const auto before = ok(eng->events()).size();
  EXPECT_FALSE(eng->create_order(order_for("ACME", {{"NOPE", "1"}}), "s").ok());
  EXPECT_FALSE(eng->receive(ReceiptSpec{}, "s").ok());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(ok(eng->events()).size(), before);
}

TEST_P(EventsTest, AThrowingSubscriberDoesNotUndoTheChange) {
  eng->subscribe([](const Event&) { throw std::runtime_error("subscriber bug"); });
  int calls = 0;
  const SubscriptionId id = eng->subscribe([&](const Event&) { ++calls; });
  EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
  EXPECT_EQ(calls, 1);
  eng->unsubscribe(id);
  EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
  EXPECT_EQ(calls, 1);
}

TEST_P(EventsTest, UnsubscribeWaitsForACallInFlightOnAnotherThread) {
  std::atomic<bool> running{false};
  std::atomic<bool> finished{false};
  std::atomic<int> calls{0};
  const SubscriptionId id = eng->subscribe([&](const Event&) {
    if (calls.fetch_add(1) > 0) return;
    running = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    finished = true;
  });
  std::thread writer([&] { EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok()); });
  while (!running) std::this_thread::yield();
  eng->unsubscribe(id);
  // The call that had started when unsubscribe was called has finished when it returns ...
  EXPECT_TRUE(finished);
  writer.join();
  // ... and nothing is called afterwards.
  const int seen = calls;
  EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
  EXPECT_EQ(calls, seen);
}

TEST_P(EventsTest, CallsOfOneSubscriberNeverOverlap) {
  int inside = 0;  // deliberately unsynchronized: the engine serializes one subscriber's calls
  bool overlapped = false;
  eng->subscribe([&](const Event&) {
    if (++inside > 1) overlapped = true;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    --inside;
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_FALSE(overlapped);
}

TEST_P(EventsTest, SubscribersThatMakeChangesOnSeveralThreadsDoNotDeadlock) {
  // Two subscribers whose handlers change things themselves (as an auto-allocator or an audit
  // writer would), while several threads make changes: delivery must never wait on another
  // subscriber's handler that is itself waiting to deliver.
  std::atomic<int> made{0};
  for (int k = 0; k < 2; ++k) {
    eng->subscribe([&, k](const Event& e) {
      if (e.type != "order.created") return;
      Customer c;
      c.code = "S" + std::to_string(k) + "-" + std::to_string(made.fetch_add(1));
      c.name = "made by a subscriber";
      EXPECT_TRUE(eng->create_customer(c, "subscriber").ok());
    });
  }
  auto run = std::async(std::launch::async, [&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 10; ++i) EXPECT_TRUE(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s").ok());
      });
    }
    for (auto& t : threads) t.join();
  });
  ASSERT_EQ(run.wait_for(std::chrono::seconds(60)), std::future_status::ready) << "deadlock";
  EXPECT_EQ(made, 80);  // every order.created reached both subscribers
}

// Approving an order journals, about that order and in the approval's unit of work, what it
// reserved (line, warehouse, quantity) and its confirmation.
TEST_P(EventsTest, ConfirmationAndReservationAreBothJournalled) {
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "2"}}), "sales")).order.number;
  ok(eng->submit(number, "sales"));
  const std::int64_t before = ok(eng->events()).back().sequence;
  const Order o = ok(eng->approve(number, "manager")).order;
  const auto events = ok(eng->events(before));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "stock.reserved");
  EXPECT_EQ(events[1].type, "order.confirmed");
  for (const Event& e : events) {
    EXPECT_EQ(e.entity, "order") << e.type;
    EXPECT_EQ(e.entity_id, o.id.value) << e.type;
    EXPECT_EQ(e.actor, "manager") << e.type;
    EXPECT_EQ(nlohmann::json::parse(e.data).at("number"), number) << e.type;
  }
  const auto reserved = nlohmann::json::parse(events[0].data).at("reserved");
  ASSERT_EQ(reserved.size(), 1u);
  EXPECT_EQ(reserved[0].at("line_no"), 1);
  EXPECT_EQ(reserved[0].at("quantity"), "2");
  const auto warehouses = ok(eng->warehouses());
  const auto north = std::find_if(warehouses.begin(), warehouses.end(), [](const Warehouse& w) { return w.code == "N"; });
  ASSERT_NE(north, warehouses.end());
  EXPECT_EQ(reserved[0].at("warehouse"), north->id.value);
}

// A new storage object on the same data (SQLite: the same file) and a new engine on it read the
// whole journal back, and go on numbering after it.
TEST_P(EventsTest, TheJournalSurvivesAReopenOfTheStorage) {
  const StoragePlace place = GetParam().place();
  storage = place();
  reopen();
  seed();
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  const auto before = ok(eng->events());
  ASSERT_GT(before.size(), 10u);
  eng.reset();
  storage.reset();
  storage = place();
  reopen();
  const auto after = ok(eng->events());
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(dump(after[i]), dump(before[i]));
  ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s"));
  EXPECT_EQ(ok(eng->events()).back().sequence, before.back().sequence + 1);
}

TEST_P(EventsTest, DetailsKeepQuotesBackslashesControlCharactersAndChineseTextExactly) {
  const std::string name = "Tea \"Long\\Jing\"\n\t\x01 \xe9\xbe\x99\xe4\xba\x95 /";  // ... 龙井 /
  Product p = product("LJ", "pcs", "30.00", "20.00", "", "0");
  p.name = name;
  ok(eng->create_product(p, "setup"));
  const Event e = ok(eng->events()).back();
  ASSERT_EQ(e.type, "product.created");
  EXPECT_NE(e.data.find(R"("name":"Tea \"Long\\Jing\"\n\t\u0001 )"), std::string::npos) << e.data;
  EXPECT_EQ(nlohmann::json::parse(e.data).at("name").get<std::string>(), name);
}

TEST_P(EventsTest, DetailsKeepTheirTypes) {
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "2"}}));
  const Event e = ok(eng->events()).back();
  ASSERT_EQ(e.type, "order.confirmed");
  const Order o = ok(eng->order(number));
  const auto data = nlohmann::json::parse(e.data);
  EXPECT_EQ(data.at("number"), number);
  EXPECT_EQ(data.at("revision"), o.revision);                       // a whole number
  EXPECT_EQ(data.at("total"), o.totals.total.amount().to_string());  // a decimal, as exact text
  EXPECT_EQ(data.at("lines").at(0).at("reserved"), "2");
}

TEST_P(EventsTest, TextThatIsNotUtf8IsRefusedNamingTheFieldAndNothingIsStored) {
  Product p = product("GBK", "pcs", "30.00", "20.00", "", "0");
  p.name = "\xC1\xFA\xBE\xAE";  // 龙井 in GBK
  const auto before = ok(eng->events()).size();
  const auto r = eng->create_product(p, "setup");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().to_string();
  EXPECT_EQ(r.status().field(), "name");
  EXPECT_NE(r.status().message().find("not valid UTF-8"), std::string::npos) << r.status().message();
  EXPECT_FALSE(eng->product("GBK").ok());
  EXPECT_EQ(ok(eng->events()).size(), before);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(EventsTest);

}  // namespace
}  // namespace oms::testing
