// The standard workload of the benchmarks issue, shared by the benchmark programs.
//
// A catalog of 10,000 products with stock in 2 warehouses and 1,000 customers (half of them in
// each warehouse's region, so allocation serves an order from one warehouse); an order has 3
// lines. One lifecycle is 9 engine operations, each its own unit of work: create, submit
// (review), approve (allocate and reserve), create the shipment of the whole order, ship it
// (pick, pack, goods issue), invoice the shipment, record the payment applied to the invoice,
// deliver the shipment (the order becomes delivered) and complete the order.
//
// Every step's Result is checked: a benchmark whose operations fail is stopped with the error
// instead of timing the failure.
#ifndef OMS_BENCHMARKS_WORKLOAD_H_
#define OMS_BENCHMARKS_WORKLOAD_H_

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "oms/engine.h"
#include "oms/sqlite_storage.h"

namespace oms::bench {

inline constexpr int kProducts = 10000;
inline constexpr int kCustomers = 1000;

inline std::string sku(int i) { return "P" + std::to_string(i); }
inline std::string customer_code(int i) { return "C" + std::to_string(i); }

// The value of a Result, or std::runtime_error naming the step and the engine's message.
template <class T>
T must(Result<T> result, const char* step) {
  if (!result.ok()) throw std::runtime_error(std::string(step) + ": " + result.status().to_string());
  return std::move(result).value();
}
inline void must(const Status& status, const char* step) {
  if (!status.ok()) throw std::runtime_error(std::string(step) + ": " + status.to_string());
}

// Creates the catalog, the stock (`stock` units of each product in each warehouse) and the
// customers; `products` and `customers` may be smaller for quick set-ups.
inline std::unique_ptr<Engine> make_engine(std::shared_ptr<Storage> storage, int products = kProducts,
                                           int customers = kCustomers, Decimal stock = Decimal(1000000000)) {
  auto eng = must(Engine::open(std::move(storage)), "open");
  const Currency cny = Currency::of("CNY").value();
  must(eng->define_tax_class({"VAT13", "VAT", Decimal::from_string("0.13")}, "bench"), "tax class");
  must(eng->create_warehouse({{}, "N", "North", "north"}, "bench"), "warehouse");
  must(eng->create_warehouse({{}, "S", "South", "south"}, "bench"), "warehouse");
  std::vector<Product> catalog;
  std::array<ReceiptSpec, 2> receipts;
  receipts[0].warehouse = "N";
  receipts[1].warehouse = "S";
  for (int i = 0; i < products; ++i) {
    Product p;
    p.sku = sku(i);
    p.name = "Product " + std::to_string(i);
    p.list_price = Money(Decimal::from_mantissa(1000 + i % 500, 2), cny);
    p.standard_cost = Money(Decimal::from_mantissa(600 + i % 300, 2), cny);
    p.tax_class = "VAT13";
    catalog.push_back(p);
    for (auto& r : receipts) r.lines.push_back({p.sku, "", stock, Decimal::from_mantissa(600, 2), "", std::nullopt, {}});
  }
  must(eng->create_products(catalog, "bench"), "products");
  for (const auto& r : receipts) must(eng->receive(r, "bench"), "receipt");
  std::vector<Customer> people;
  for (int i = 0; i < customers; ++i) {
    Customer c;
    c.code = customer_code(i);
    c.name = "Customer " + std::to_string(i);
    c.region = i % 2 ? "north" : "south";
    people.push_back(c);
  }
  must(eng->create_customers(people, "bench"), "customers");
  return eng;
}

// Order n of the workload: 3 lines of products spread over the catalog (`products` of them,
// starting at `first_product`), for customer n mod `customers`.
inline NewOrder order(int n, int products = kProducts, int customers = kCustomers, int first_product = 0) {
  NewOrder o;
  o.customer_code = customer_code(n % customers);
  for (int k = 0; k < 3; ++k) {
    o.lines.push_back({sku(first_product + (n * 7 + k * 3331) % products), Decimal(1 + k), {}, {}, false, {}});
  }
  return o;
}

// The steps of a lifecycle, for the per-step figures.
enum Step { kCreate, kSubmit, kApprove, kShip, kInvoice, kPay, kComplete, kSteps };
inline constexpr std::array<const char*, kSteps> kStepNames = {"create_us", "submit_us", "approve_us", "ship_us",
                                                              "invoice_us", "pay_us", "complete_us"};

// Runs lifecycles of orders and keeps the time spent in each step.
class Lifecycle {
 public:
  explicit Lifecycle(Engine& engine) : eng_(engine) {}

 private:
  template <class F>
  auto timed(Step step, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    auto value = f();
    seconds_[step] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    done();
    return value;
  }

 public:
  // One whole lifecycle of `spec`: 9 operations.
  void run(const NewOrder& spec) {
    const std::string number = timed(kCreate, [&] { return must(eng_.create_order(spec, "bench"), "create").order.number; });
    timed(kSubmit, [&] { return must(eng_.submit(number, "bench"), "submit").order.state; });
    timed(kApprove, [&] { return must(eng_.approve(number, "bench"), "approve").order.state; });
    const std::string shipment = timed(kShip, [&] {
      ShipmentSpec sp;
      sp.orders = {number};
      const std::string n = must(eng_.create_shipment(sp, "bench"), "create shipment").number;
      done();
      must(eng_.ship_shipment(n, "bench"), "ship");
      return n;
    });
    const Invoice invoice = timed(kInvoice, [&] {
      InvoiceSpec iv;
      iv.shipment = shipment;
      return must(eng_.create_invoice(iv, "bench"), "invoice");
    });
    timed(kPay, [&] {
      PaymentSpec p;
      p.customer_code = spec.customer_code;
      p.amount = invoice.total.amount();
      p.applications = {{invoice.number, invoice.total.amount()}};
      return must(eng_.record_payment(p, "bench"), "pay").number;
    });
    timed(kComplete, [&] {
      must(eng_.deliver_shipment(shipment, "bench"), "deliver");
      done();
      return must(eng_.complete(number, "bench"), "complete").state;
    });
  }

  // Called after each of the 9 operations (the SQLite baseline counts the rows each one wrote,
  // the growth benchmark times each one). Two of its calls fall inside timed steps, so the
  // per-step figures of report() are meant for runs without it.
  std::function<void()> after_operation;

  // Adds the per-step times as counters: microseconds per lifecycle.
  void report(benchmark::State& state) const {
    for (int s = 0; s < kSteps; ++s) {
      state.counters[kStepNames[s]] = benchmark::Counter(seconds_[s] * 1e6, benchmark::Counter::kAvgIterations);
    }
  }

 private:
  void done() {
    if (after_operation) after_operation();
  }

  Engine& eng_;
  std::array<double, kSteps> seconds_{};
};

// A scratch SQLite file in the temporary directory, removed (with its -wal and -shm) when
// created and when destroyed.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name) : path_((std::filesystem::temp_directory_path() / name).string()) {
    remove();
  }
  ~ScratchFile() { remove(); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const { return path_; }
  // Bytes of the file with its write-ahead log.
  std::uintmax_t bytes() const {
    std::uintmax_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code ec;
      const auto n = std::filesystem::file_size(path_ + suffix, ec);
      if (!ec) total += n;
    }
    return total;
  }

 private:
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

// The SQLite settings of the workload: WAL, synchronous=NORMAL, one transaction per operation.
inline SqliteOptions bench_sqlite_options() {
  SqliteOptions so;
  so.durability = Durability::kNormal;
  return so;
}

}  // namespace oms::bench

#endif  // OMS_BENCHMARKS_WORKLOAD_H_
