// The JSON wire decoder of every C ABI entry point that takes a JSON document, on any bytes. The
// first byte chooses the entry point; the rest is its document. Each call runs inside a batch
// that is rolled back, on a small company. Whatever the input: the call returns a status, the
// last error's message and field are UTF-8, and a result is UTF-8 JSON.
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "check.h"
#include "oms/c.h"

namespace {

using Entry = int (*)(char**, oms_engine*, const char*, const char*);
using Query = int (*)(char**, oms_engine*, const char*);

int report_order_lines(char** out, oms_engine* e, const char* json) { return oms_report_order_lines(out, e, json, "day"); }
int location_create(char** out, oms_engine* e, const char* json, const char* actor) {
  return oms_location_create(out, e, "W1", json, actor);
}

constexpr Entry kEntries[] = {
    oms_product_create,  oms_product_create_batch, oms_product_update,   oms_price_list_create, oms_promotion_create,
    oms_customer_create, oms_customer_create_batch, oms_customer_update, oms_warehouse_create,  location_create,
    oms_stock_receive,   oms_stock_receive_batch,  oms_stock_transfer,   oms_stock_take,        oms_order_create,
    oms_order_create_batch, oms_shipment_create,   oms_return_receive,   oms_invoice_create,    oms_payment_record,
    oms_credit_apply,    oms_refund_create};
constexpr Query kQueries[] = {oms_stock_levels, oms_order_list, report_order_lines, oms_report_inventory,
                              oms_report_customer_value};
constexpr std::size_t kCalls = std::size(kEntries) + std::size(kQueries) + 1;  // + oms_engine_open's options

void ok(int rc) { oms::fuzz::require(rc == OMS_OK, "the company is set up"); }

oms_engine* company() {
  static oms_engine* engine = [] {
    oms_engine* e = nullptr;
    ok(oms_engine_open(&e, ":memory:", "{\"manual_clock\": \"2026-11-23T08:00:00Z\"}"));
    ok(oms_product_create(nullptr, e, R"({"sku": "TEA", "name": "Oolong", "list_price": {"amount": "12.50", "currency": "CNY"}})", "fuzz"));
    ok(oms_warehouse_create(nullptr, e, R"({"code": "W1", "name": "Shanghai"})", "fuzz"));
    ok(oms_stock_receive(nullptr, e, R"({"warehouse": "W1", "lines": [{"sku": "TEA", "quantity": "100"}]})", "fuzz"));
    ok(oms_customer_create(nullptr, e, R"({"code": "C1", "name": "Acme"})", "fuzz"));
    ok(oms_order_create(nullptr, e, R"({"number": "SO-1", "customer_code": "C1", "lines": [{"sku": "TEA", "quantity": "2"}]})", "fuzz"));
    ok(oms_order_submit(nullptr, e, "SO-1", "fuzz"));
    ok(oms_order_approve(nullptr, e, "SO-1", "fuzz"));
    return e;
  }();
  return engine;
}

struct Call {
  std::size_t which;
  const char* json;
};

// Checks what one call left: its status, the last error, its result.
void check(int rc, char* out) {
  const oms_error* e = oms_error_last();
  oms::fuzz::require(rc == e->code, "the status is the last error's code");
  oms::fuzz::require(rc != OMS_E_INTERNAL, "no internal error (a bug) for outside input");
  oms::fuzz::require(oms::valid_utf8(e->message) && oms::valid_utf8(e->field), "the last error is UTF-8");
  if (rc != OMS_OK) {
    oms::fuzz::require(out == nullptr, "a refusal returns no result");
    return;
  }
  if (out) {
    oms::fuzz::require(oms::valid_utf8(out) && nlohmann::json::accept(out), "a result is UTF-8 JSON");
    oms_free(out);
  }
}

int run(oms_engine* engine, void* payload) {
  const Call& call = *static_cast<const Call*>(payload);
  char* out = nullptr;
  int rc;
  if (call.which < std::size(kEntries)) {
    rc = kEntries[call.which](&out, engine, call.json, "fuzz");
  } else {
    rc = kQueries[call.which - std::size(kEntries)](&out, engine, call.json);
  }
  check(rc, out);
  return OMS_E_FAILED_PRECONDITION;  // roll back: the next input meets the same company
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string json(reinterpret_cast<const char*>(data) + 1, size - 1);  // ends at the first NUL, as C sees it
  Call call{data[0] % kCalls, json.c_str()};
  if (call.which == kCalls - 1) {
    oms_engine* opened = nullptr;
    const int rc = oms_engine_open(&opened, ":memory:", call.json);
    check(rc, nullptr);
    oms_engine_close(opened);
    return 0;
  }
  const int rc = oms_engine_batch(company(), run, &call);
  oms::fuzz::require(rc != OMS_OK, "the batch never commits");
  return 0;
}
