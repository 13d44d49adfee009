// The standard workload (workload.h) on each adapter, one thread and several.
//
// BM_FullLifecycleInMemory: whole lifecycles, one thread, in memory; the counters give the
//   microseconds of each step per lifecycle, and `bytes_per_order` the heap the engine holds per
//   completed order (glibc's count of bytes in use, after the run against before it).
// BM_FullLifecycleSqlite: the same on a SQLite file (WAL, synchronous=NORMAL, one transaction
//   per operation); `file_bytes_per_order` is the growth of the file (checkpointed) per order.
// BM_FullLifecycleBatched/<sqlite>/<n>: n lifecycles per Engine::batch, one transaction for all
//   their operations; an iteration is one batch, items are lifecycles.
// BM_FullLifecycleThreads/<adapter>/<hot>: several threads share one engine. Disjoint: each
//   thread orders from its own slice of the catalog. Hot: every order's first line is the same
//   product. After the run the hot product's stock is checked against the lifecycles done: on
//   hand = received - shipped, nothing reserved, never negative (the program aborts otherwise).
//   `op_p50_us`, `op_p99_us` and `op_max_us` are the time of one operation, waiting for the
//   other threads included: each thread's percentile of its own operations, averaged over the
//   threads.
// BM_PickAmongUnissuedShipments/<sqlite>/<n>: picking one shipment of a standard order while n
//   other shipments of the workload (orders over a catalog of 1,000 products) are picked and
//   not yet gone out. Picking must not take stock those hold, so it reads the ones with a line
//   of the same products; the time should grow with those, not with n.
// BM_OrderLifecycleInMemory: the engine core alone: create, submit, approve.
// BM_BaselineOrderCopies: the floor an in-memory store pays for the core lifecycle: the order
//   value copied into and out of an ordered map as many times as the lifecycle reads and writes
//   it.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

#include "workload.h"

namespace {

using namespace oms;
using namespace oms::bench;

void run_lifecycles(benchmark::State& state, Engine& eng) {
  Lifecycle lifecycle(eng);
  int n = 0;
  try {
    for (auto _ : state) lifecycle.run(order(n++));
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  lifecycle.report(state);
  state.SetItemsProcessed(state.iterations());
}

void BM_FullLifecycleInMemory(benchmark::State& state) {
  auto eng = make_engine(make_memory_storage());
  const std::size_t heap_before = mallinfo2().uordblks;
  run_lifecycles(state, *eng);
  const std::size_t heap_after = mallinfo2().uordblks;
  state.counters["bytes_per_order"] =
      static_cast<double>(heap_after - heap_before) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}
BENCHMARK(BM_FullLifecycleInMemory)->Unit(benchmark::kMicrosecond);

void BM_FullLifecycleSqlite(benchmark::State& state) {
  ScratchFile file("oms-bench-full.db");
  make_engine(open_sqlite_storage(file.path(), bench_sqlite_options()).value()).reset();  // closed: checkpointed
  const auto bytes_before = file.bytes();
  auto eng = must(Engine::open(open_sqlite_storage(file.path(), bench_sqlite_options()).value()), "reopen");
  run_lifecycles(state, *eng);
  eng.reset();
  state.counters["file_bytes_per_order"] = static_cast<double>(file.bytes() - bytes_before) /
                                           static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}
BENCHMARK(BM_FullLifecycleSqlite)->Unit(benchmark::kMicrosecond);

void BM_FullLifecycleBatched(benchmark::State& state) {
  const bool sqlite = state.range(0) == 1;
  const int per_batch = static_cast<int>(state.range(1));
  ScratchFile file("oms-bench-batched.db");
  auto eng = make_engine(sqlite ? open_sqlite_storage(file.path(), bench_sqlite_options()).value() : make_memory_storage());
  Lifecycle lifecycle(*eng);
  int n = 0;
  try {
    for (auto _ : state) {
      must(eng->batch([&](Engine&) {
        for (int i = 0; i < per_batch; ++i) lifecycle.run(order(n++));  // the operations join the batch
        return Status::Ok();
      }),
           "batch");
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.SetItemsProcessed(state.iterations() * per_batch);
}
BENCHMARK(BM_FullLifecycleBatched)
    ->ArgNames({"sqlite", "lifecycles"})
    ->Args({0, 1000})
    ->Args({1, 1000})
    ->Unit(benchmark::kMillisecond);

// ---- Several threads ------------------------------------------------------------------------

constexpr int kHotStock = 1000000000;

struct Shared {
  std::unique_ptr<ScratchFile> file;
  std::unique_ptr<Engine> engine;
  std::atomic<std::int64_t> lifecycles{0};
};
Shared shared;

void threads_setup(const benchmark::State& state) {
  std::shared_ptr<Storage> storage;
  if (state.range(0) == 0) {
    storage = make_memory_storage();
  } else {
    shared.file = std::make_unique<ScratchFile>("oms-bench-threads.db");
    storage = open_sqlite_storage(shared.file->path(), bench_sqlite_options()).value();
  }
  shared.engine = make_engine(std::move(storage), kProducts, kCustomers, Decimal(kHotStock));
  shared.lifecycles = 0;
}

void threads_teardown(const benchmark::State& state) {
  if (state.range(1) == 1) {
    // The hot product: its first line takes 1 unit per order from one of the two warehouses.
    const auto stock = must(shared.engine->stock(sku(0)), "stock");
    Decimal on_hand, reserved;
    for (const auto& w : stock.warehouses) {
      on_hand += w.on_hand;
      reserved += w.reserved;
      if (w.on_hand.is_negative() || w.available.is_negative()) {
        std::fprintf(stderr, "oversold: %s in %s\n", w.on_hand.to_string().c_str(), w.warehouse_code.c_str());
        std::abort();
      }
    }
    if (on_hand != Decimal(2 * kHotStock - shared.lifecycles.load()) || !reserved.is_zero()) {
      std::fprintf(stderr, "hot product: on hand %s reserved %s after %lld lifecycles\n", on_hand.to_string().c_str(),
                   reserved.to_string().c_str(), static_cast<long long>(shared.lifecycles.load()));
      std::abort();
    }
  }
  shared.engine.reset();
  shared.file.reset();
}

void BM_FullLifecycleThreads(benchmark::State& state) {
  const bool hot = state.range(1) == 1;
  const int threads = state.threads();
  const int slice = kProducts / threads;
  Lifecycle lifecycle(*shared.engine);
  std::vector<double> op_us;  // each operation's time, from the end of the one before
  auto last = std::chrono::steady_clock::now();
  lifecycle.after_operation = [&] {
    const auto now = std::chrono::steady_clock::now();
    op_us.push_back(std::chrono::duration<double, std::micro>(now - last).count());
    last = now;
  };
  int n = state.thread_index();
  try {
    for (auto _ : state) {
      NewOrder o = hot ? order(n, kProducts - 1, kCustomers, 1) : order(n, slice, kCustomers, slice * state.thread_index());
      if (hot) o.lines[0] = {sku(0), Decimal(1), {}, {}, false, {}};
      last = std::chrono::steady_clock::now();
      lifecycle.run(o);
      if (hot) ++shared.lifecycles;
      n += threads;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  std::sort(op_us.begin(), op_us.end());
  const auto percentile = [&](double p) { return op_us[std::min(op_us.size() - 1, std::size_t(p * op_us.size()))]; };
  if (!op_us.empty()) {
    state.counters["op_p50_us"] = benchmark::Counter(percentile(0.50), benchmark::Counter::kAvgThreads);
    state.counters["op_p99_us"] = benchmark::Counter(percentile(0.99), benchmark::Counter::kAvgThreads);
    state.counters["op_max_us"] = benchmark::Counter(op_us.back(), benchmark::Counter::kAvgThreads);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FullLifecycleThreads)
    ->ArgNames({"sqlite", "hot"})
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Threads(2)
    ->Threads(4)
    ->Setup(threads_setup)
    ->Teardown(threads_teardown)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// ---- Picking among shipments that have not gone out ---------------------------------------------

void BM_PickAmongUnissuedShipments(benchmark::State& state) {
  const bool sqlite = state.range(0) == 1;
  const int unissued = static_cast<int>(state.range(1));
  constexpr int kCatalog = 1000;
  ScratchFile file("oms-bench-pick.db");
  auto eng = make_engine(sqlite ? open_sqlite_storage(file.path(), bench_sqlite_options()).value() : make_memory_storage(),
                         kCatalog, 100);
  int n = 0;
  const auto drafted = [&] {
    const std::string number = must(eng->create_order(order(n++, kCatalog, 100), "bench"), "create").order.number;
    must(eng->submit(number, "bench"), "submit");
    must(eng->approve(number, "bench"), "approve");
    ShipmentSpec spec;
    spec.orders = {number};
    return must(eng->create_shipment(spec, "bench"), "create shipment").number;
  };
  try {
    for (int i = 0; i < unissued; ++i) must(eng->pick_shipment(drafted(), "bench"), "pick");
    for (auto _ : state) {
      state.PauseTiming();
      const std::string next = drafted();
      state.ResumeTiming();
      must(eng->pick_shipment(next, "bench"), "pick");
      state.PauseTiming();
      must(eng->cancel_shipment(next, "benchmark", "bench"), "cancel");  // n stays n
      state.ResumeTiming();
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}
BENCHMARK(BM_PickAmongUnissuedShipments)
    ->ArgNames({"sqlite", "unissued"})
    ->ArgsProduct({{0, 1}, {0, 1000, 3000}})
    ->Unit(benchmark::kMicrosecond);

// ---- The engine core and its floor -------------------------------------------------------------

void BM_OrderLifecycleInMemory(benchmark::State& state) {
  auto eng = make_engine(make_memory_storage());
  int n = 0;
  try {
    for (auto _ : state) {
      const std::string number = must(eng->create_order(order(n++), "bench"), "create").order.number;
      must(eng->submit(number, "bench"), "submit");
      must(eng->approve(number, "bench"), "approve");
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OrderLifecycleInMemory)->Unit(benchmark::kMicrosecond);

void BM_BaselineOrderCopies(benchmark::State& state) {
  auto eng = make_engine(make_memory_storage(), 100, 10);
  const Order sample = eng->create_order(order(0, 100, 10), "bench")->order;
  std::map<std::int64_t, Order> store;
  std::int64_t id = 0;
  for (auto _ : state) {
    // create: 1 write; submit: 1 read + 1 write; approve: 1 read + 1 write.
    store[++id] = sample;
    for (int step = 0; step < 2; ++step) {
      Order copy = store[id];
      benchmark::DoNotOptimize(copy);
      store[id] = copy;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BaselineOrderCopies)->Unit(benchmark::kMicrosecond);

void BM_DecimalLineAmount(benchmark::State& state) {
  const Decimal qty = Decimal(3), price = Decimal::from_string("33.33"), pct = Decimal::from_string("0.9");
  for (auto _ : state) benchmark::DoNotOptimize((qty * price * pct).rounded(2, RoundingMode::kHalfUp));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecimalLineAmount);

}  // namespace
