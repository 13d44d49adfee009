// The engine test fixture: an engine on the adapter under test, a manual clock at
// 2026-11-23 10:00 UTC, and a small company to work with (seed()).
#ifndef OMS_TESTS_FIXTURE_H_
#define OMS_TESTS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <source_location>
#include <string>
#include <vector>

#include "oms/engine.h"
#include "storage_adapters.h"

namespace oms::testing {

using namespace oms::literals;

inline Timestamp at(int y, unsigned m, unsigned d, int hour = 0) {
  return Timestamp(std::chrono::sys_days(Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}) +
                   std::chrono::hours(hour));
}
inline Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
inline Currency currency(const char* code) { return Currency::of(code).value(); }
inline Money cny(const char* amount) { return Money(Decimal::from_string(amount), currency("CNY")); }

// Unwraps a Result, failing the test with the status message and the caller's file and line
// otherwise.
inline std::string unexpected(const Status& s, const std::source_location& where) {
  return std::string("unexpected error at ") + where.file_name() + ":" + std::to_string(where.line()) + ": " +
         s.to_string();
}
template <class T>
T ok(Result<T> r, const std::source_location& where = std::source_location::current()) {
  if (!r.ok()) throw std::runtime_error(unexpected(r.status(), where));
  return std::move(r).value();
}
inline void ok(const Status& s, const std::source_location& where = std::source_location::current()) {
  if (!s.ok()) throw std::runtime_error(unexpected(s, where));
}

// Whether `text` is one JSON object (valid UTF-8 throughout) in which no object names a key
// twice. A writer that appended a key twice would still parse, the first value silently lost.
inline bool json_object_with_unique_keys(const std::string& text) {
  using json = nlohmann::json;
  struct Keys : nlohmann::json_sax<json> {
    std::vector<std::set<std::string>> open;  // the keys of each object being read, innermost last
    bool duplicate = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(json::number_integer_t) override { return true; }
    bool number_unsigned(json::number_unsigned_t) override { return true; }
    bool number_float(json::number_float_t, const json::string_t&) override { return true; }
    bool string(json::string_t&) override { return true; }
    bool binary(json::binary_t&) override { return true; }
    bool start_object(std::size_t) override {
      open.emplace_back();
      return true;
    }
    bool key(json::string_t& k) override {
      duplicate = duplicate || !open.back().insert(k).second;
      return true;
    }
    bool end_object() override {
      open.pop_back();
      return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
  };
  if (text.empty() || text.front() != '{') return false;
  Keys keys;
  return json::sax_parse(text, &keys) && !keys.duplicate;
}

class EngineTest : public ::testing::TestWithParam<StorageAdapter> {
 protected:
  void SetUp() override {
    clock = std::make_shared<ManualClock>(at(2026, 11, 23, 10));
    options.clock = clock;
    storage = make_storage();
    reopen();
  }

  // Whatever the test did, every event it journalled has well-formed details.
  void TearDown() override {
    if (!eng) return;
    const auto events = eng->events();
    if (!events.ok()) return;  // a test that broke its storage on purpose
    for (const auto& e : events.value()) {
      EXPECT_TRUE(json_object_with_unique_keys(e.data)) << e.type << " #" << e.sequence << ": " << e.data;
    }
  }

  // The storage the engine opens on: the adapter under test, which a fixture may wrap
  // (WithFaults in fault_injection.h).
  virtual std::shared_ptr<Storage> make_storage() { return GetParam().make(); }

  // Opens a new engine on the same storage with the current options.
  void reopen() { eng = ok(Engine::open(storage, options)); }

  // A small company:
  // - tax class VAT13 (13 %)
  // - warehouses N (region north) and S (region south), each with bin "A-01" besides MAIN
  // - products: TEA (pcs, list 10.00 CNY, std cost 6.00, VAT13, threshold 5),
  //   RICE (kg, list 4.50), MILK (lot-tracked), PHONE (serial-tracked)
  // - customers: ACME (north, regular), BETA (south, VIP), GAMMA (potential, credit limit 1000)
  void seed() {
    ok(eng->define_tax_class({"VAT13", "VAT 13%", "0.13"_d}, "setup"));
    ok(eng->create_warehouse({{}, "N", "North DC", "north"}, "setup"));
    ok(eng->create_warehouse({{}, "S", "South DC", "south"}, "setup"));
    ok(eng->create_location("N", {{}, {}, "A-01", "Aisle A"}, "setup"));
    ok(eng->create_location("S", {{}, {}, "A-01", "Aisle A"}, "setup"));
    ok(eng->create_product(product("TEA", "pcs", "10.00", "6.00", "VAT13", "5"), "setup"));
    ok(eng->create_product(product("RICE", "kg", "4.50", "3.00", "", "0"), "setup"));
    Product milk = product("MILK", "pcs", "8.00", "5.00", "VAT13", "0");
    milk.tracking = Tracking::kLot;
    ok(eng->create_product(milk, "setup"));
    Product phone = product("PHONE", "pcs", "2000.00", "1500.00", "VAT13", "0");
    phone.tracking = Tracking::kSerial;
    ok(eng->create_product(phone, "setup"));
    ok(eng->create_customer(customer("ACME", "Acme Trading", "north", CustomerGrade::kRegular), "setup"));
    ok(eng->create_customer(customer("BETA", "Beta Foods", "south", CustomerGrade::kVip), "setup"));
    Customer gamma = customer("GAMMA", "Gamma Shop", "north", CustomerGrade::kPotential);
    gamma.credit_limit = cny("1000.00");
    ok(eng->create_customer(gamma, "setup"));
  }

  // Promotion "3+1": every 3 TEA bought earn 1 TEA free as a gift line.
  void add_tea_three_plus_one() {
    Promotion p;
    p.code = "3+1";
    p.kind = PromotionKind::kBuyGetFree;
    p.sku = "TEA";
    p.buy_quantity = 3;
    p.free_quantity = 1;
    ok(eng->create_promotion(p, "mkt"));
  }

  static Product product(std::string sku, std::string unit, const char* price, const char* cost, std::string tax,
                         const char* threshold) {
    Product p;
    p.sku = sku;
    p.name = sku + " product";
    p.unit = std::move(unit);
    p.list_price = cny(price);
    p.standard_cost = cny(cost);
    p.tax_class = std::move(tax);
    p.low_stock_threshold = Decimal::from_string(threshold);
    return p;
  }

  static Customer customer(std::string code, std::string name, std::string region, CustomerGrade grade) {
    Customer c;
    c.code = std::move(code);
    c.name = std::move(name);
    c.region = region;
    c.grade = grade;
    c.addresses.push_back({"HQ", "1 Main St", "", "City", region, "100000", "CN"});
    return c;
  }

  // Receives `qty` of a non-tracked product into a warehouse's MAIN bin at `cost`.
  void receive(const std::string& sku, const std::string& warehouse, const char* qty, const char* cost = "6.00") {
    ReceiptSpec r;
    r.warehouse = warehouse;
    r.lines.push_back({sku, "", Decimal::from_string(qty), Decimal::from_string(cost), "", std::nullopt, {}});
    ok(eng->receive(r, "clerk"));
  }

  NewOrder order_for(const std::string& customer_code, std::initializer_list<std::pair<std::string, const char*>> lines) {
    NewOrder o;
    o.customer_code = customer_code;
    for (const auto& [sku, qty] : lines) o.lines.push_back({sku, Decimal::from_string(qty), {}, {}, false, {}});
    return o;
  }

  // Creates, submits and approves an order; returns its number.
  std::string confirmed_order(const NewOrder& spec) {
    const std::string number = ok(eng->create_order(spec, "sales")).order.number;
    const SubmitResult s = ok(eng->submit(number, "sales"));
    EXPECT_EQ(s.order.state, OrderState::kSubmitted) << number;
    ok(eng->approve(number, "manager"));
    return number;
  }

  StockReport stock(const std::string& sku) { return ok(eng->stock(sku)); }

  std::shared_ptr<ManualClock> clock;
  EngineOptions options;
  std::shared_ptr<Storage> storage;
  std::unique_ptr<Engine> eng;
};

}  // namespace oms::testing

#endif  // OMS_TESTS_FIXTURE_H_
