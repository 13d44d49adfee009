// Engine core benchmarks (in memory). The benchmarks issue extends these to the standard
// workload on every adapter; see docs/PERFORMANCE.md.
//
// BM_OrderLifecycleInMemory: create an order of 3 lines for a customer from a pool of 1,000,
// 10,000 products with stock in 2 warehouses, submit (review), approve (reserve).
// BM_FullLifecycle{InMemory,Sqlite}: the standard workload end to end: create, submit, approve,
// ship all in one shipment (pick, pack, goods issue), invoice, pay, deliver, complete.
// BM_BaselineOrderCopies: the floor any store pays for the same work: the order value copied
// into and out of an ordered map as many times as the lifecycle reads and writes it.
#include <benchmark/benchmark.h>

#include <map>

#include "oms/engine.h"
#include "oms/sqlite_storage.h"

#include <filesystem>

namespace {

using namespace oms;

constexpr int kProducts = 10000;
constexpr int kCustomers = 1000;

std::string sku(int i) { return "P" + std::to_string(i); }
std::string code(int i) { return "C" + std::to_string(i); }

std::unique_ptr<Engine> make_engine(std::shared_ptr<Storage> storage = make_memory_storage()) {
  auto eng = Engine::open(std::move(storage)).value();
  const Currency cny = Currency::of("CNY").value();
  (void)eng->define_tax_class({"VAT13", "VAT", Decimal::from_string("0.13")}, "bench");
  (void)eng->create_warehouse({{}, "N", "North", "north"}, "bench");
  (void)eng->create_warehouse({{}, "S", "South", "south"}, "bench");
  for (int i = 0; i < kProducts; ++i) {
    Product p;
    p.sku = sku(i);
    p.name = "Product " + std::to_string(i);
    p.list_price = Money(Decimal::from_mantissa(1000 + i % 500, 2), cny);
    p.standard_cost = Money(Decimal::from_mantissa(600 + i % 300, 2), cny);
    p.tax_class = "VAT13";
    (void)eng->create_product(p, "bench");
    for (const char* warehouse : {"N", "S"}) {  // allocation serves each customer from its region's warehouse
      ReceiptSpec r;
      r.warehouse = warehouse;
      r.lines.push_back({p.sku, "", Decimal(1000000000), Decimal::from_mantissa(600, 2), "", std::nullopt, {}});
      (void)eng->receive(r, "bench");
    }
  }
  for (int i = 0; i < kCustomers; ++i) {
    Customer c;
    c.code = code(i);
    c.name = "Customer " + std::to_string(i);
    c.region = i % 2 ? "north" : "south";
    (void)eng->create_customer(c, "bench");
  }
  return eng;
}

NewOrder order(int n) {
  NewOrder o;
  o.customer_code = code(n % kCustomers);
  for (int k = 0; k < 3; ++k) o.lines.push_back({sku((n * 7 + k * 3331) % kProducts), Decimal(1 + k), {}, {}, false, {}});
  return o;
}

// One iteration: create (3 lines), submit, approve.
void run_lifecycles(benchmark::State& state, Engine& eng) {
  int n = 0;
  for (auto _ : state) {
    const std::string number = eng.create_order(order(n++), "bench")->order.number;
    benchmark::DoNotOptimize(eng.submit(number, "bench").ok());
    benchmark::DoNotOptimize(eng.approve(number, "bench").ok());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_OrderLifecycleInMemory(benchmark::State& state) {
  auto eng = make_engine();
  run_lifecycles(state, *eng);
}
BENCHMARK(BM_OrderLifecycleInMemory)->Unit(benchmark::kMicrosecond);

// The same lifecycle on an SQLite file: WAL, synchronous=NORMAL, one transaction per operation.
void BM_OrderLifecycleSqlite(benchmark::State& state) {
  const std::string path = (std::filesystem::temp_directory_path() / "oms-bench.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  SqliteOptions so;
  so.durability = Durability::kNormal;
  auto eng = make_engine(open_sqlite_storage(path, so).value());
  run_lifecycles(state, *eng);
  eng.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(BM_OrderLifecycleSqlite)->Unit(benchmark::kMicrosecond);

// One iteration: the whole lifecycle of one order, through settlement.
void run_full_lifecycles(benchmark::State& state, Engine& eng) {
  int n = 0;
  for (auto _ : state) {
    const NewOrder spec = order(n++);
    const Order o = eng.create_order(spec, "bench")->order;
    (void)eng.submit(o.number, "bench");
    (void)eng.approve(o.number, "bench");
    ShipmentSpec sp;
    sp.orders = {o.number};
    const std::string shipment = eng.create_shipment(sp, "bench")->number;
    (void)eng.ship_shipment(shipment, "bench");
    InvoiceSpec iv;
    iv.shipment = shipment;
    const Invoice invoice = eng.create_invoice(iv, "bench").value();
    PaymentSpec p;
    p.customer_code = spec.customer_code;
    p.amount = invoice.total.amount();
    p.applications = {{invoice.number, invoice.total.amount()}};
    (void)eng.record_payment(p, "bench");
    (void)eng.deliver_shipment(shipment, "bench");
    benchmark::DoNotOptimize(eng.complete(o.number, "bench").ok());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FullLifecycleInMemory(benchmark::State& state) {
  auto eng = make_engine();
  run_full_lifecycles(state, *eng);
}
BENCHMARK(BM_FullLifecycleInMemory)->Unit(benchmark::kMicrosecond);

void BM_FullLifecycleSqlite(benchmark::State& state) {
  const std::string path = (std::filesystem::temp_directory_path() / "oms-bench-full.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  SqliteOptions so;
  so.durability = Durability::kNormal;
  auto eng = make_engine(open_sqlite_storage(path, so).value());
  run_full_lifecycles(state, *eng);
  eng.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(BM_FullLifecycleSqlite)->Unit(benchmark::kMicrosecond);

void BM_BaselineOrderCopies(benchmark::State& state) {
  auto eng = make_engine();
  const Order sample = eng->create_order(order(0), "bench")->order;
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
