// The C ABI: orders through their lifecycle, review, amendments and allocation.
#include "c_api_internal.h"

using namespace oms;        // NOLINT(google-build-using-namespace): this file is the C boundary
using namespace oms::capi;  // NOLINT(google-build-using-namespace)

extern "C" {

int oms_order_create(char** out, oms_engine* engine, const char* order_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_order(spec<NewOrder>(order_json, "order"), text(actor, "actor")));
  });
}

int oms_order_create_batch(char** out, oms_engine* engine, const char* orders_json, const char* actor) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    const auto orders = spec<std::vector<NewOrder>>(orders_json, "orders");
    return reply(out, eng.create_orders(orders, text(actor, "actor")));
  });
}

int oms_order_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).order(text(number, "number"))); });
}

int oms_order_list(char** out, oms_engine* engine, const char* query_json) {
  return guard(out, [&] {
    const Engine& eng = engine_of(engine);
    const auto query = query_json ? spec<OrderQuery>(query_json, "query") : OrderQuery{};
    return reply(out, eng.list_orders(query));
  });
}

int oms_order_review(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).review(text(number, "number"))); });
}

int oms_order_submit(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).submit(text(number, "number"), text(actor, "actor"))); });
}

int oms_order_reject(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).reject(text(number, "number"), text(reason, "reason"), text(actor, "actor")));
  });
}

int oms_order_approve(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).approve(text(number, "number"), text(actor, "actor"))); });
}

int oms_order_hold(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).hold(text(number, "number"), text(reason, "reason"), text(actor, "actor")));
  });
}

int oms_order_resume(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).resume(text(number, "number"), text(actor, "actor"))); });
}

int oms_order_cancel(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).cancel(text(number, "number"), text(reason, "reason"), text(actor, "actor")));
  });
}

int oms_order_short_close(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out,
                 engine_of(engine).short_close(text(number, "number"), text(reason, "reason"), text(actor, "actor")));
  });
}

int oms_order_complete(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).complete(text(number, "number"), text(actor, "actor"))); });
}

int oms_order_amend(char** out, oms_engine* engine, const char* number, const char* amendment_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).amend(text(number, "number"), spec<Amendment>(amendment_json, "amendment"),
                                              text(actor, "actor")));
  });
}

int oms_order_allocate_backorders(char** out, oms_engine* engine, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).allocate_backorders(text(actor, "actor"))); });
}

int oms_order_shipments(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).order_shipments(text(number, "number"))); });
}

}  // extern "C"
