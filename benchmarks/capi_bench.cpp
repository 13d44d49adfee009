// The C ABI's cost over the C++ API: BM_CApiFullLifecycleInMemory runs the same standard
// workload as BM_FullLifecycleInMemory (engine_bench.cpp) through liboms_c, with every document
// going in and out as JSON text and the numbers the next step needs read back with
// oms_json_get, as a C caller without a JSON library would. The ratio of the two, measured in
// one run, is the price of the ABI (docs/PERFORMANCE.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "oms/c.h"

namespace {

constexpr int kProducts = 10000;
constexpr int kCustomers = 1000;

void check(int rc, const char* what) {
  if (rc != OMS_OK) throw std::runtime_error(std::string(what) + ": " + oms_error_last()->message);
}

// Calls `fn` with a fresh `char** out`, returns the text and frees it.
template <class Fn>
std::string call(Fn&& fn, const char* what) {
  char* out = nullptr;
  check(fn(&out), what);
  std::string text = out ? out : "";
  oms_free(out);
  return text;
}

std::string member(const std::string& json, const char* pointer) {
  char* value = nullptr;
  check(oms_json_get(&value, json.c_str(), pointer), pointer);
  std::string text = value;
  oms_free(value);
  return text;
}

oms_engine* make_engine() {
  oms_engine* eng = nullptr;
  check(oms_engine_open(&eng, nullptr, nullptr), "open");
  check(oms_tax_class_define(eng, R"({"code": "VAT13", "name": "VAT", "rate": "0.13"})", "bench"), "tax");
  check(oms_warehouse_create(nullptr, eng, R"({"code": "N", "name": "North", "region": "north"})", "bench"), "wh");
  check(oms_warehouse_create(nullptr, eng, R"({"code": "S", "name": "South", "region": "south"})", "bench"), "wh");
  char buf[512];
  for (int i = 0; i < kProducts; ++i) {
    std::snprintf(buf, sizeof buf,
                  R"({"sku": "P%d", "name": "Product %d", "tax_class": "VAT13",)"
                  R"( "list_price": {"amount": "%d.%02d", "currency": "CNY"},)"
                  R"( "standard_cost": {"amount": "%d.%02d", "currency": "CNY"}})",
                  i, i, (1000 + i % 500) / 100, (1000 + i % 500) % 100, (600 + i % 300) / 100, (600 + i % 300) % 100);
    check(oms_product_create(nullptr, eng, buf, "bench"), "product");
    for (const char* warehouse : {"N", "S"}) {
      std::snprintf(buf, sizeof buf,
                    R"({"warehouse": "%s", "lines": [{"sku": "P%d", "quantity": "1000000000", "unit_cost": "6.00"}]})",
                    warehouse, i);
      check(oms_stock_receive(nullptr, eng, buf, "bench"), "receive");
    }
  }
  for (int i = 0; i < kCustomers; ++i) {
    std::snprintf(buf, sizeof buf, R"({"code": "C%d", "name": "Customer %d", "region": "%s"})", i, i,
                  i % 2 ? "north" : "south");
    check(oms_customer_create(nullptr, eng, buf, "bench"), "customer");
  }
  return eng;
}

void BM_CApiFullLifecycleInMemory(benchmark::State& state) {
  oms_engine* eng = make_engine();
  char buf[512];
  int n = 0;
  for (auto _ : state) {
    const int c = n % kCustomers;
    std::snprintf(buf, sizeof buf,
                  R"({"customer_code": "C%d", "lines": [{"sku": "P%d", "quantity": "1"},)"
                  R"( {"sku": "P%d", "quantity": "2"}, {"sku": "P%d", "quantity": "3"}]})",
                  c, (n * 7) % kProducts, (n * 7 + 3331) % kProducts, (n * 7 + 6662) % kProducts);
    ++n;
    const std::string order = member(call([&](char** out) { return oms_order_create(out, eng, buf, "bench"); }, "create"),
                                     "/order/number");
    check(oms_order_submit(nullptr, eng, order.c_str(), "bench"), "submit");
    check(oms_order_approve(nullptr, eng, order.c_str(), "bench"), "approve");
    std::snprintf(buf, sizeof buf, R"({"orders": ["%s"]})", order.c_str());
    const std::string shipment =
        member(call([&](char** out) { return oms_shipment_create(out, eng, buf, "bench"); }, "shipment"), "/number");
    check(oms_shipment_ship(nullptr, eng, shipment.c_str(), "bench"), "ship");
    std::snprintf(buf, sizeof buf, R"({"shipment": "%s"})", shipment.c_str());
    const std::string invoice = call([&](char** out) { return oms_invoice_create(out, eng, buf, "bench"); }, "invoice");
    const std::string total = member(invoice, "/total/amount");
    std::snprintf(buf, sizeof buf,
                  R"({"customer_code": "C%d", "amount": "%s", "applications": [{"invoice": "%s", "amount": "%s"}]})",
                  c, total.c_str(), member(invoice, "/number").c_str(), total.c_str());
    check(oms_payment_record(nullptr, eng, buf, "bench"), "payment");
    check(oms_shipment_deliver(nullptr, eng, shipment.c_str(), "bench"), "deliver");
    check(oms_order_complete(nullptr, eng, order.c_str(), "bench"), "complete");
  }
  state.SetItemsProcessed(state.iterations());
  oms_engine_close(eng);
}
BENCHMARK(BM_CApiFullLifecycleInMemory)->Unit(benchmark::kMicrosecond);

}  // namespace
