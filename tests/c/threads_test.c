/* One oms_engine shared by several threads from plain C: no stock is oversold, each thread's
 * last error is its own, and one subscription's callbacks never overlap (its counter is a plain
 * int; ThreadSanitizer would report overlapping calls). Runs on memory and on a SQLite file. */
#include <pthread.h>
#include <unistd.h>

#include "check.h"

enum { kThreads = 4, kOrdersPerThread = 15, kStock = 40 };

struct shared {
  oms_engine *engine;
  int events_seen; /* written only by the callback: calls must be serialized */
};

struct worker {
  struct shared *shared;
  int id;
  int failures;
  int ordered;
};

static void count_event(const char *event_json, void *payload) {
  (void)event_json;
  ++((struct shared *)payload)->events_seen;
}

/* Decimal strings here are whole numbers. */
static long whole(const char *json, const char *pointer) {
  char *text = NULL;
  long value = -1;
  if (oms_json_get(&text, json, pointer) == OMS_OK) {
    value = atol(text);
    oms_free(text);
  }
  return value;
}

static void *work(void *arg) {
  struct worker *w = (struct worker *)arg;
  oms_engine *eng = w->shared->engine;
  int i;
  for (i = 0; i < kOrdersPerThread; ++i) {
    char spec[256], number[64], missing[64];
    char *out = NULL;
    const int quantity = 1 + (w->id + i) % 3;
    snprintf(spec, sizeof spec,
             "{\"customer_code\": \"C%d\", \"lines\": [{\"sku\": \"HOT\", \"quantity\": \"%d\"}]}", w->id, quantity);
    if (oms_order_create(&out, eng, spec, "worker") != OMS_OK) {
      ++w->failures;
      continue;
    }
    {
      char *num = NULL;
      oms_json_get(&num, out, "/order/number");
      snprintf(number, sizeof number, "%s", num ? num : "");
      oms_free(num);
    }
    oms_free(out);
    w->ordered += quantity;
    if (oms_order_submit(NULL, eng, number, "worker") != OMS_OK) ++w->failures;
    if (oms_order_approve(NULL, eng, number, "approver") != OMS_OK) ++w->failures;

    /* This thread's error, whatever the other threads are doing meanwhile. */
    snprintf(missing, sizeof missing, "SO-MISSING-%d-%d", w->id, i);
    if (oms_order_get(&out, eng, missing) != OMS_E_NOT_FOUND || strstr(oms_error_last()->message, missing) == NULL) {
      ++w->failures;
    }
    /* ... and a success clears it for this thread only. */
    if (oms_stock_available(&out, eng, "HOT") != OMS_OK || oms_error_last()->code != OMS_OK) ++w->failures;
    oms_free(out);
  }
  return NULL;
}

static void run(const char *path) {
  struct shared shared = {NULL, 0};
  struct worker workers[kThreads];
  pthread_t threads[kThreads];
  uint64_t subscription = 0;
  char *out = NULL, *events = NULL;
  size_t n_orders = 0, n_events = 0, k;
  long reserved_on_orders = 0, total_ordered = 0;
  int t;
  char options[160];

  snprintf(options, sizeof options, "{\"sqlite\": {\"durability\": \"normal\", \"busy_timeout_ms\": 20000}}");
  if (path) unlink(path);
  CHECK_OK(oms_engine_open(&shared.engine, path, options));
  CHECK_OK(oms_product_create(NULL, shared.engine,
                              "{\"sku\": \"HOT\", \"name\": \"Hot item\", \"list_price\": {\"amount\": \"9.90\", "
                              "\"currency\": \"CNY\"}}",
                              "setup"));
  CHECK_OK(oms_warehouse_create(NULL, shared.engine, "{\"code\": \"W1\", \"name\": \"Main\"}", "setup"));
  CHECK_OK(oms_location_create(NULL, shared.engine, "W1", "{\"code\": \"A1\"}", "setup"));
  {
    char receipt[200];
    snprintf(receipt, sizeof receipt,
             "{\"warehouse\": \"W1\", \"lines\": [{\"sku\": \"HOT\", \"location\": \"A1\", \"quantity\": \"%d\", "
             "\"unit_cost\": \"4\"}]}",
             kStock);
    CHECK_OK(oms_stock_receive(NULL, shared.engine, receipt, "setup"));
  }
  for (t = 0; t < kThreads; ++t) {
    char customer[96];
    snprintf(customer, sizeof customer, "{\"code\": \"C%d\", \"name\": \"Customer %d\"}", t, t);
    CHECK_OK(oms_customer_create(NULL, shared.engine, customer, "setup"));
  }
  CHECK_OK(oms_event_list(&events, shared.engine, 0, 0));
  oms_json_count(&n_events, events, "");
  oms_free(events);
  CHECK_OK(oms_event_subscribe(&subscription, shared.engine, count_event, &shared));

  for (t = 0; t < kThreads; ++t) {
    workers[t].shared = &shared;
    workers[t].id = t;
    workers[t].failures = 0;
    workers[t].ordered = 0;
    CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0);
  }
  for (t = 0; t < kThreads; ++t) {
    CHECK(pthread_join(threads[t], NULL) == 0);
    CHECK(workers[t].failures == 0);
    total_ordered += workers[t].ordered;
  }

  /* No oversell: reservations add up on the orders and in stock, and never pass what is there. */
  CHECK_OK(oms_order_list(&out, shared.engine, "{\"states\": [\"confirmed\"]}"));
  CHECK_OK(oms_json_count(&n_orders, out, ""));
  CHECK(n_orders == (size_t)(kThreads * kOrdersPerThread));
  for (k = 0; k < n_orders; ++k) {
    char pointer[64];
    snprintf(pointer, sizeof pointer, "/%zu/lines/0/reserved", k);
    reserved_on_orders += whole(out, pointer);
  }
  oms_free(out);
  CHECK_OK(oms_stock_get(&out, shared.engine, "HOT"));
  CHECK(whole(out, "/on_hand") == kStock);
  CHECK(whole(out, "/reserved") == reserved_on_orders);
  CHECK(whole(out, "/reserved") == (total_ordered < kStock ? total_ordered : kStock));
  CHECK(whole(out, "/available") >= 0);
  oms_free(out);

  /* The subscriber saw every event committed since it subscribed, one call at a time. */
  CHECK_OK(oms_event_unsubscribe(shared.engine, subscription));
  {
    size_t n_after = 0;
    CHECK_OK(oms_event_list(&events, shared.engine, 0, 0));
    oms_json_count(&n_after, events, "");
    oms_free(events);
    CHECK(shared.events_seen > 0);
    CHECK((size_t)shared.events_seen == n_after - n_events);
  }
  oms_engine_close(shared.engine);
}

int main(int argc, char **argv) {
  char path[512];
  run(NULL);
  snprintf(path, sizeof path, "%s/c_threads_test.db", argc > 1 ? argv[1] : ".");
  run(path);
  return check_report("threads_test");
}
