/* The C ABI from plain C: an order's whole lifecycle, every error path a caller can reach, the
 * event subscription and a SQLite file. Compiled as C99; run under ASan + UBSan in CI. */
#include <stdint.h>
#include <unistd.h>

#include "check.h"

static const char *kActor = "c-test";

/* ---- Events: a subscriber that counts and remembers the last type ---------------------------- */

struct seen {
  int count;
  char last_type[64];
};

static void on_event(const char *event_json, void *payload) {
  struct seen *seen = (struct seen *)payload;
  char *type = NULL;
  ++seen->count;
  if (oms_json_get(&type, event_json, "/type") == OMS_OK) {
    strncpy(seen->last_type, type, sizeof seen->last_type - 1);
    oms_free(type);
  }
}

static size_t count_at(const char *json, const char *pointer) {
  size_t n = 0;
  if (oms_json_count(&n, json, pointer) != OMS_OK) return (size_t)-1;
  return n;
}

static oms_engine *open_company(void) {
  oms_engine *eng = NULL;
  char *out = NULL;
  CHECK_OK(oms_engine_open(&eng, ":memory:", "{\"manual_clock\": \"2026-11-23T08:00:00Z\"}"));
  CHECK(eng != NULL);
  CHECK_OK(oms_tax_class_define(eng, "{\"code\": \"VAT13\", \"name\": \"VAT 13%\", \"rate\": \"0.13\"}", kActor));
  CHECK_OK(oms_product_create(&out, eng,
                              "{\"sku\": \"TEA\", \"name\": \"Oolong tea\", \"tax_class\": \"VAT13\","
                              " \"list_price\": {\"amount\": \"12.50\", \"currency\": \"CNY\"}}",
                              kActor));
  CHECK_STR(field(out, "/sku"), "TEA");
  oms_free(out);
  CHECK_OK(oms_product_create(NULL, eng,
                              "{\"sku\": \"MUG\", \"name\": \"Mug\", \"tracking\": \"lot\", \"tax_class\": \"VAT13\","
                              " \"list_price\": {\"amount\": \"30.00\", \"currency\": \"CNY\"}}",
                              kActor));
  CHECK_OK(oms_warehouse_create(NULL, eng, "{\"code\": \"W1\", \"name\": \"Shanghai\", \"region\": \"East\"}", kActor));
  CHECK_OK(oms_location_create(NULL, eng, "W1", "{\"code\": \"A1\"}", kActor));
  CHECK_OK(oms_stock_receive(NULL, eng,
                             "{\"warehouse\": \"W1\", \"supplier\": \"Tea Co\", \"lines\": ["
                             "{\"sku\": \"TEA\", \"location\": \"A1\", \"quantity\": \"10\", \"unit_cost\": \"5.00\"},"
                             "{\"sku\": \"MUG\", \"location\": \"A1\", \"quantity\": \"5\", \"unit_cost\": \"12.00\","
                             " \"lot_number\": \"L1\", \"expiry\": \"2027-06-30\"}]}",
                             kActor));
  CHECK_OK(oms_customer_create(NULL, eng,
                               "{\"code\": \"C1\", \"name\": \"Acme Trading\", \"nickname\": \"acme\","
                               " \"credit_limit\": {\"amount\": \"10000\", \"currency\": \"CNY\"},"
                               " \"addresses\": [{\"label\": \"HQ\", \"city\": \"Shanghai\", \"region\": \"East\"}]}",
                               kActor));
  return eng;
}

static void test_version_matches_header(void) {
  CHECK(oms_version_number() == OMS_VERSION_NUMBER);
  CHECK_STR(oms_version(), OMS_VERSION_STRING);
}

static void test_order_lifecycle_from_entry_to_completion(void) {
  oms_engine *eng = open_company();
  struct seen seen = {0, ""};
  uint64_t subscription = 0;
  char *out = NULL;
  char number[64], shipment[64], invoice[64], payment[64], credit_note[64];

  CHECK_OK(oms_event_subscribe(&subscription, eng, on_event, &seen));

  /* Entry: prices from the product, tax per line, a 10 % line discount. */
  CHECK_OK(oms_order_create(&out, eng,
                            "{\"customer_code\": \"C1\", \"channel\": \"web\", \"priority\": \"high\","
                            " \"external\": {\"source\": \"shop\", \"id\": \"A-1\"}, \"lines\": ["
                            "{\"sku\": \"TEA\", \"quantity\": \"3\"},"
                            "{\"sku\": \"MUG\", \"quantity\": 2, \"discount\": {\"kind\": \"percent\", \"value\": \"10\"}}]}",
                            kActor));
  strcpy(number, field(out, "/order/number"));
  CHECK_STR(field(out, "/created"), "true");
  CHECK_STR(field(out, "/order/state"), "draft");
  CHECK_STR(field(out, "/order/lines/0/amounts/tax/amount"), "4.88"); /* 37.50 x 13 % = 4.875, half-up */
  CHECK_STR(field(out, "/order/lines/1/amounts/net/amount"), "54.00");
  CHECK_STR(field(out, "/order/totals/total/amount"), "103.40");
  CHECK_STR(field(out, "/order/totals/total/currency"), "CNY");
  oms_free(out);

  /* The same external reference again: the existing order, nothing created. */
  CHECK_OK(oms_order_create(&out, eng,
                            "{\"customer_code\": \"C1\", \"external\": {\"source\": \"shop\", \"id\": \"A-1\"},"
                            " \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"1\"}]}",
                            kActor));
  CHECK_STR(field(out, "/created"), "false");
  CHECK_STR(field(out, "/order/number"), number);
  oms_free(out);

  /* Review, submit, approve (reserves stock). */
  CHECK_OK(oms_order_review(&out, eng, number));
  CHECK_STR(field(out, "/blocked"), "false");
  oms_free(out);
  CHECK_OK(oms_order_submit(&out, eng, number, kActor));
  CHECK_STR(field(out, "/order/state"), "submitted");
  oms_free(out);
  CHECK_OK(oms_order_approve(&out, eng, number, "approver"));
  CHECK_STR(field(out, "/order/state"), "confirmed");
  CHECK_STR(field(out, "/customer_name"), "Acme Trading");
  CHECK_STR(field(out, "/lines/0/reserved"), "3");
  oms_free(out);

  /* Amendment after confirmation: a numbered revision, re-priced and re-reserved. */
  CHECK_OK(oms_order_amend(&out, eng, number,
                           "{\"changes\": [{\"line_no\": 1, \"quantity\": \"4\"}], \"reason\": \"customer call\"}",
                           kActor));
  CHECK_STR(field(out, "/revision"), "1");
  CHECK_STR(field(out, "/totals/total/amount"), "117.52");
  CHECK_STR(field(out, "/lines/0/reserved"), "4");
  oms_free(out);
  CHECK_OK(oms_stock_available(&out, eng, "TEA"));
  CHECK_STR(out, "6");
  oms_free(out);

  /* One shipment for the whole order; goods issue; tracking to delivery. */
  {
    char spec[256];
    snprintf(spec, sizeof spec, "{\"orders\": [\"%s\"], \"carrier\": \"SF\", \"tracking_number\": \"SF123\"}", number);
    CHECK_OK(oms_shipment_create(&out, eng, spec, kActor));
  }
  strcpy(shipment, field(out, "/number"));
  CHECK_STR(field(out, "/state"), "draft");
  CHECK(count_at(out, "/lines") == 2);
  oms_free(out);
  CHECK_OK(oms_shipment_ship(&out, eng, shipment, "picker"));
  CHECK_STR(field(out, "/state"), "shipped");
  CHECK_STR(field(out, "/lines/1/picks/0/lot_number"), "L1");
  oms_free(out);
  CHECK_OK(oms_order_get(&out, eng, number));
  CHECK_STR(field(out, "/state"), "shipped");
  CHECK_STR(field(out, "/shipment_progress"), "full");
  oms_free(out);
  CHECK_OK(oms_shipment_track(&out, eng, shipment,
                              "{\"at\": \"2026-11-24T09:30:00Z\", \"status\": \"delivered\", \"location\": \"Shanghai\"}",
                              "carrier-feed"));
  CHECK_STR(field(out, "/state"), "delivered");
  oms_free(out);

  /* Invoice, payment: the order is paid. */
  {
    char spec[256];
    snprintf(spec, sizeof spec, "{\"orders\": [\"%s\"], \"note\": \"thank you\"}", number);
    CHECK_OK(oms_invoice_create(&out, eng, spec, "billing"));
  }
  strcpy(invoice, field(out, "/number"));
  CHECK_STR(field(out, "/state"), "issued");
  CHECK_STR(field(out, "/total/amount"), "117.52");
  CHECK_STR(field(out, "/due_date"), "2026-12-23");
  oms_free(out);
  CHECK_OK(oms_payment_record(&out, eng,
                              "{\"customer_code\": \"C1\", \"amount\": \"117.52\", \"method\": \"bank transfer\","
                              " \"reference\": \"BANK-77\"}",
                              "billing"));
  strcpy(payment, field(out, "/number"));
  CHECK_STR(field(out, "/applications/0/invoice_number"), invoice);
  CHECK_STR(field(out, "/unapplied/amount"), "0.00");
  oms_free(out);
  CHECK_OK(oms_invoice_get(&out, eng, invoice));
  CHECK_STR(field(out, "/state"), "paid");
  oms_free(out);

  /* A return of one paid tea: restocked, credited; the freed payment credit is refunded. */
  {
    char spec[256];
    snprintf(spec, sizeof spec,
             "{\"shipment\": \"%s\", \"lines\": [{\"shipment_line_no\": 1, \"quantity\": \"1\", \"reason\": \"dented\"}]}",
             shipment);
    CHECK_OK(oms_return_receive(&out, eng, spec, "returns"));
  }
  strcpy(credit_note, field(out, "/credit_note_number"));
  CHECK_STR(field(out, "/credited/amount"), "14.12"); /* 56.50 - round(56.50 x 3/4) */
  oms_free(out);
  CHECK_OK(oms_credit_note_get(&out, eng, credit_note));
  CHECK_STR(field(out, "/kind"), "return");
  oms_free(out);
  CHECK_OK(oms_customer_credit(&out, eng, "C1", "CNY"));
  CHECK_STR(field(out, "/amount"), "14.12");
  oms_free(out);
  {
    char spec[256];
    snprintf(spec, sizeof spec, "{\"source\": \"%s\", \"amount\": \"14.12\", \"method\": \"bank transfer\"}", payment);
    CHECK_OK(oms_refund_create(&out, eng, spec, "billing"));
  }
  CHECK_STR(field(out, "/source_number"), payment);
  oms_free(out);
  CHECK_OK(oms_stock_available(&out, eng, "TEA"));
  CHECK_STR(out, "7");
  oms_free(out);

  /* Statement and ageing: everything settled, balance zero. */
  CHECK_OK(oms_customer_statement(&out, eng, "C1", "CNY", "2026-11-01", "2026-11-30"));
  CHECK_STR(field(out, "/closing/amount"), "0.00");
  CHECK(count_at(out, "/items") == 4); /* invoice, payment, credit note, refund */
  oms_free(out);
  CHECK_OK(oms_receivables_ageing(&out, eng, "CNY", NULL));
  CHECK(count_at(out, "/rows") == 0);
  oms_free(out);

  /* Document flow (钻探) from the order: its shipment, invoice, return, payment ... */
  CHECK_OK(oms_document_flow(&out, eng, "order", number));
  CHECK(count_at(out, "/downstream") >= 4);
  CHECK_STR(field(out, "/downstream/0/from/number"), number);
  oms_free(out);

  CHECK_OK(oms_order_complete(&out, eng, number, kActor));
  CHECK_STR(field(out, "/state"), "completed");
  oms_free(out);

  /* Reports: the order's lines by customer, then only open lines (none are left). */
  CHECK_OK(oms_report_order_lines(&out, eng, NULL, "customer"));
  CHECK(count_at(out, "") == 1);
  CHECK_STR(field(out, "/0/key"), "C1");
  CHECK_STR(field(out, "/0/orders"), "1");
  CHECK_STR(field(out, "/0/open"), "0");
  oms_free(out);
  CHECK_OK(oms_report_order_lines(&out, eng, "{\"open_only\": true}", "product"));
  CHECK(count_at(out, "") == 0);
  oms_free(out);
  CHECK_OK(oms_report_inventory(&out, eng, "{\"expiring_within_days\": 10}"));
  CHECK_STR(field(out, "/products/0/abc"), "A");
  oms_free(out);
  CHECK_OK(oms_report_customer_value(&out, eng, NULL));
  CHECK_STR(field(out, "/0/code"), "C1");
  CHECK_STR(field(out, "/0/rfm"), "555");
  oms_free(out);
  CHECK_OK(oms_report_daily_products(&out, eng, "2000-01-01", "CNY"));
  CHECK(count_at(out, "") == 0);
  oms_free(out);


  /* Every journalled event reached the subscriber, in order; none after unsubscribing. */
  {
    char *events = NULL;
    size_t n;
    CHECK_OK(oms_event_list(&events, eng, 0, 0));
    n = count_at(events, "");
    CHECK(n > 10);
    oms_free(events);
    CHECK_OK(oms_event_list(&events, eng, 0, 2));
    CHECK(count_at(events, "") == 2);
    oms_free(events);
    CHECK(seen.count > 10 && (size_t)seen.count < n); /* the set-up before subscribing is not seen */
    CHECK_STR(seen.last_type, "order.completed");
  }
  CHECK_OK(oms_event_unsubscribe(eng, subscription));
  {
    const int before = seen.count;
    CHECK_OK(oms_customer_update(NULL, eng, "{\"code\": \"C1\", \"name\": \"Acme Trading Ltd\"}", kActor));
    CHECK(seen.count == before);
  }

  /* Import: one good product row, one bad; all or nothing writes nothing, then good rows. */
  {
    const char *csv = "sku,name,list_price\nNEW-1,新品,12.50\nNEW-2,bad,1.2.3\n";
    CHECK_OK(oms_import_csv(&out, eng, "products", csv, NULL, NULL, kActor));
    CHECK_STR(field(out, "/committed"), "false");
    CHECK_STR(field(out, "/issues/0/row"), "3");
    CHECK_STR(field(out, "/issues/0/column"), "list_price");
    oms_free(out);
    CHECK_OK(oms_import_csv(&out, eng, "products", csv, "good_rows", NULL, kActor));
    CHECK_STR(field(out, "/created"), "1");
    oms_free(out);
    CHECK_FAILS(oms_import_csv(&out, eng, "invoices", csv, NULL, NULL, kActor), OMS_E_INVALID_ARGUMENT, "kind 'invoices'");
    CHECK_FAILS(oms_customer_create_batch(&out, eng, "[{\"code\": \"C9\", \"name\": \"x\"}, {\"code\": \"C1\", \"name\": \"y\"}]",
                                          kActor),
                OMS_E_ALREADY_EXISTS, "customers[1]");
    CHECK_FAILS(oms_customer_get(&out, eng, "C9"), OMS_E_NOT_FOUND, "C9");
  }
  oms_engine_close(eng);
}

static void test_batch_orders_are_all_or_nothing(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  CHECK_FAILS(oms_order_create_batch(&out, eng,
                                     "[{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"1\"}]},"
                                     " {\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"NOPE\", \"quantity\": \"1\"}]}]",
                                     kActor),
              OMS_E_NOT_FOUND, "NOPE");
  CHECK(out == NULL);
  CHECK_OK(oms_order_list(&out, eng, NULL));
  CHECK(count_at(out, "") == 0);
  oms_free(out);
  CHECK_OK(oms_order_create_batch(&out, eng,
                                  "[{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"1\"}]},"
                                  " {\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"2\"}]}]",
                                  kActor));
  CHECK(count_at(out, "") == 2);
  oms_free(out);
  CHECK_OK(oms_order_list(&out, eng, "{\"states\": [\"draft\"], \"limit\": 1}"));
  CHECK(count_at(out, "") == 1);
  oms_free(out);
  oms_engine_close(eng);
}

/* ---- oms_engine_batch: the work of a batch, and what it asks for ---------------------------- */

struct batch_plan {
  const char *second_sku; /* the second order's product: "NOPE" makes that call fail */
  int give_up;            /* work returns this after its calls */
  int after_failure;      /* the status of a call made after the failure */
  int inner;              /* the status of the lookup inside, seeing the batch's first order */
};

static int batch_work(oms_engine *eng, void *payload) {
  struct batch_plan *plan = (struct batch_plan *)payload;
  char *out = NULL;
  char second[160];
  if (oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"1\"}]}",
                       kActor) != OMS_OK)
    return OMS_OK; /* the batch reports it */
  oms_free(out);
  plan->inner = oms_order_list(&out, eng, NULL);
  if (plan->inner == OMS_OK && count_at(out, "") != 1) plan->inner = -1;
  oms_free(out);
  snprintf(second, sizeof second, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"%s\", \"quantity\": \"1\"}]}",
           plan->second_sku);
  if (oms_order_create(NULL, eng, second, kActor) != OMS_OK) {
    plan->after_failure = oms_order_create(
        NULL, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"2\"}]}", kActor);
  }
  return plan->give_up;
}

static void test_engine_batch_commits_every_call_or_none(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  struct batch_plan fails = {"NOPE", OMS_OK, OMS_OK, OMS_OK};
  struct batch_plan gives_up = {"TEA", 42, OMS_OK, OMS_OK};
  struct batch_plan good = {"TEA", OMS_OK, OMS_OK, OMS_OK};

  CHECK_FAILS(oms_engine_batch(eng, batch_work, &fails), OMS_E_NOT_FOUND, "NOPE");
  CHECK(fails.inner == OMS_OK);
  CHECK(fails.after_failure == OMS_E_FAILED_PRECONDITION);
  CHECK_FAILS(oms_engine_batch(eng, batch_work, &gives_up), OMS_E_FAILED_PRECONDITION, "returned 42");
  CHECK_STR(oms_error_last()->field, "work");
  CHECK_OK(oms_order_list(&out, eng, NULL));
  CHECK(count_at(out, "") == 0);
  oms_free(out);

  CHECK_OK(oms_engine_batch(eng, batch_work, &good));
  CHECK(good.inner == OMS_OK);
  CHECK_OK(oms_order_list(&out, eng, NULL));
  CHECK(count_at(out, "") == 2);
  oms_free(out);
  CHECK_FAILS(oms_engine_batch(eng, NULL, NULL), OMS_E_INVALID_ARGUMENT, "work");
  CHECK_FAILS(oms_engine_batch(NULL, batch_work, &good), OMS_E_INVALID_ARGUMENT, "engine");
  oms_engine_close(eng);
}

/* Review findings block submission; backorders are served when stock arrives. */
static void test_review_findings_and_backorders_reach_c(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  char empty[64], big[64];

  CHECK_OK(oms_order_create(&out, eng, "{\"customer_code\": \"C1\"}", kActor));
  strcpy(empty, field(out, "/order/number"));
  oms_free(out);
  CHECK_OK(oms_order_submit(&out, eng, empty, kActor));
  CHECK_STR(field(out, "/review/blocked"), "true");
  CHECK_STR(field(out, "/review/findings/0/severity"), "error");
  CHECK_STR(field(out, "/review/findings/0/code"), "lines.empty");
  CHECK_STR(field(out, "/order/state"), "draft");
  oms_free(out);

  /* 15 teas ordered, 10 on hand: 5 wait as backorder until a receipt and an allocation run. */
  CHECK_OK(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"15\"}]}",
                            kActor));
  strcpy(big, field(out, "/order/number"));
  oms_free(out);
  CHECK_OK(oms_order_submit(&out, eng, big, kActor));
  CHECK_STR(field(out, "/review/findings/0/code"), "stock.insufficient");
  CHECK_STR(field(out, "/review/findings/0/severity"), "warning");
  oms_free(out);
  CHECK_OK(oms_order_approve(&out, eng, big, kActor));
  CHECK_STR(field(out, "/lines/0/reserved"), "10");
  CHECK_STR(field(out, "/lines/0/backordered"), "5");
  oms_free(out);
  CHECK_OK(oms_stock_receive(NULL, eng,
                             "{\"warehouse\": \"W1\", \"lines\": [{\"sku\": \"TEA\", \"location\": \"A1\","
                             " \"quantity\": \"8\", \"unit_cost\": \"5.00\"}]}",
                             kActor));
  CHECK_OK(oms_order_allocate_backorders(&out, eng, kActor));
  CHECK_STR(field(out, "/reserved/0/order_number"), big);
  CHECK_STR(field(out, "/reserved/0/quantity"), "5");
  oms_free(out);
  CHECK_OK(oms_order_get(&out, eng, big));
  CHECK_STR(field(out, "/backordered"), "0");
  oms_free(out);
  CHECK_OK(oms_stock_available(&out, eng, "TEA"));
  CHECK_STR(out, "3");
  oms_free(out);
  oms_engine_close(eng);
}

/* Every status code a caller can provoke, each with a message naming the field and the value. */
static void test_errors_name_the_field_and_the_value(void) {
  oms_engine *eng = open_company();
  char *out = (char *)"untouched";
  char number[64];

  /* NULL handle and NULL arguments are refused, never a crash; *out is reset. */
  CHECK_FAILS(oms_order_get(&out, NULL, "SO-1"), OMS_E_INVALID_ARGUMENT, "engine");
  CHECK(out == NULL);
  CHECK_STR(oms_error_last()->field, "engine");
  CHECK_FAILS(oms_order_get(&out, eng, NULL), OMS_E_INVALID_ARGUMENT, "number 'NULL' must not be NULL");
  CHECK_FAILS(oms_product_create(&out, eng, NULL, kActor), OMS_E_INVALID_ARGUMENT, "product");
  CHECK_FAILS(oms_order_submit(NULL, eng, "SO-1", NULL), OMS_E_INVALID_ARGUMENT, "actor");
  CHECK_FAILS(oms_engine_open(NULL, NULL, NULL), OMS_E_INVALID_ARGUMENT, "out");
  CHECK_FAILS(oms_event_subscribe(NULL, eng, on_event, NULL), OMS_E_INVALID_ARGUMENT, "out");

  /* Malformed and misspelt input. */
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\",", kActor), OMS_E_INVALID_ARGUMENT,
              "is not valid JSON");
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": 1e999}]}",
                               kActor),
              OMS_E_INVALID_ARGUMENT, "is not valid JSON: [json.exception.out_of_range.406] number overflow");
  CHECK_FAILS(oms_product_create(&out, eng, "{\"sku\": \"X\", \"nmae\": \"typo\"}", kActor), OMS_E_INVALID_ARGUMENT,
              "nmae 'typo' is not a known member");
  CHECK_STR(oms_error_last()->field, "nmae");
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": 1.5}]}",
                               kActor),
              OMS_E_INVALID_ARGUMENT, "lines[0].quantity '1.5' must be a decimal string");
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"1,5\"}]}",
                               kActor),
              OMS_E_INVALID_ARGUMENT, "lines[0].quantity '1,5'");
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"priority\": \"asap\"}", kActor),
              OMS_E_INVALID_ARGUMENT, "priority 'asap' is not one of: low, normal, high, urgent");
  CHECK_FAILS(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"requested_delivery\": \"2026-02-30\"}", kActor),
              OMS_E_INVALID_ARGUMENT, "requested_delivery '2026-02-30'");
  CHECK_FAILS(oms_customer_create(&out, eng,
                                  "{\"code\": \"C9\", \"name\": \"N\", \"credit_limit\": {\"amount\": \"5\", \"currency\": \"ABC\"}}",
                                  kActor),
              OMS_E_INVALID_ARGUMENT, "credit_limit.currency 'ABC'");
  CHECK_FAILS(oms_order_create(&out, eng, "[1, 2]", kActor), OMS_E_INVALID_ARGUMENT, "must be a JSON object");
  /* Text must be UTF-8 (GBK bytes here), in JSON documents and plain string arguments alike. */
  CHECK_FAILS(oms_customer_create(&out, eng, "{\"code\": \"C8\", \"name\": \"\xC1\xFA\xBE\xAE\"}", kActor),
              OMS_E_INVALID_ARGUMENT, "ill-formed UTF-8");
  CHECK_FAILS(oms_order_submit(NULL, eng, "SO-1", "\xC1\xFA"), OMS_E_INVALID_ARGUMENT,
              "actor '' is not valid UTF-8 text (byte 0xC1 at offset 0)");
  CHECK_STR(oms_error_last()->field, "actor");
  CHECK_FAILS(oms_price_quote(&out, eng, NULL, "TEA", "lots", "CNY", NULL), OMS_E_INVALID_ARGUMENT, "quantity 'lots'");
  CHECK_FAILS(oms_shipment_flag_exception(&out, eng, "SH-1", "stolen", "", kActor), OMS_E_INVALID_ARGUMENT,
              "kind 'stolen' is not one of: delayed, damaged, lost");
  CHECK_FAILS(oms_document_flow(&out, eng, "letter", "X"), OMS_E_INVALID_ARGUMENT, "kind 'letter'");
  CHECK_FAILS(oms_report_order_lines(&out, eng, NULL, "size"), OMS_E_INVALID_ARGUMENT, "by 'size'");
  CHECK_FAILS(oms_report_order_lines(&out, eng, "{\"form\": \"2026-01-01\"}", "day"), OMS_E_INVALID_ARGUMENT, "form");

  /* Missing things, taken keys, illegal transitions, stock, currencies, overflow. */
  CHECK_FAILS(oms_order_get(&out, eng, "SO-NOPE"), OMS_E_NOT_FOUND, "SO-NOPE");
  CHECK_FAILS(oms_product_create(&out, eng, "{\"sku\": \"TEA\", \"name\": \"again\"}", kActor), OMS_E_ALREADY_EXISTS,
              "TEA");
  CHECK_OK(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"2\"}]}",
                            kActor));
  strcpy(number, field(out, "/order/number"));
  oms_free(out);
  CHECK_FAILS(oms_order_approve(&out, eng, number, kActor), OMS_E_FAILED_PRECONDITION, "cannot approve");
  CHECK_OK(oms_location_create(NULL, eng, "W1", "{\"code\": \"A2\"}", kActor));
  CHECK_FAILS(oms_stock_transfer(&out, eng,
                                 "{\"sku\": \"TEA\", \"from_warehouse\": \"W1\", \"from_location\": \"A1\","
                                 " \"to_warehouse\": \"W1\", \"to_location\": \"A2\", \"quantity\": \"1000\"}",
                                 kActor),
              OMS_E_INSUFFICIENT_STOCK, "1000");
  CHECK_FAILS(oms_order_create(&out, eng,
                               "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"100000000000000000000\","
                               " \"unit_price\": \"100000000000000000000\"}]}",
                               kActor),
              OMS_E_OVERFLOW, "overflow");
  /* JSON integers are exact whatever their size; they never pass through a double. */
  CHECK_OK(oms_order_create(&out, eng,
                            "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": 18446744073709551615}]}",
                            kActor));
  CHECK_STR(field(out, "/order/lines/0/quantity"), "18446744073709551615");
  CHECK_STR(field(out, "/order/lines/0/amounts/gross/amount"), "230584300921369395187.50");
  oms_free(out);
  CHECK_OK(oms_order_submit(NULL, eng, number, kActor));
  CHECK_OK(oms_order_approve(NULL, eng, number, kActor));
  {
    char spec[160];
    snprintf(spec, sizeof spec, "{\"orders\": [\"%s\"]}", number);
    CHECK_OK(oms_shipment_create(&out, eng, spec, kActor));
    CHECK_OK(oms_shipment_ship(NULL, eng, field(out, "/number"), kActor));
    oms_free(out);
    CHECK_OK(oms_invoice_create(&out, eng, spec, kActor));
    snprintf(spec, sizeof spec,
             "{\"customer_code\": \"C1\", \"currency\": \"USD\", \"amount\": \"1\", \"applications\": "
             "[{\"invoice\": \"%s\", \"amount\": \"1\"}]}",
             field(out, "/number"));
    oms_free(out);
    CHECK_FAILS(oms_payment_record(&out, eng, spec, kActor), OMS_E_CURRENCY_MISMATCH, "USD");
  }
  CHECK_FAILS(oms_engine_set_time(eng, "tomorrow"), OMS_E_INVALID_ARGUMENT, "timestamp 'tomorrow'");
  CHECK_OK(oms_engine_set_time(eng, "2026-11-24T00:00:00Z"));
  oms_engine_close(eng);
}

static void test_success_clears_the_last_error_and_null_is_harmless(void) {
  oms_engine *eng = NULL;
  char *out = NULL;
  size_t n = 0;
  CHECK_OK(oms_engine_open(&eng, NULL, NULL));
  CHECK_FAILS(oms_engine_set_time(eng, "2026-11-24T00:00:00Z"), OMS_E_FAILED_PRECONDITION, "manual_clock");
  CHECK_OK(oms_warehouse_list(&out, eng));
  CHECK(oms_error_last()->code == OMS_OK);
  CHECK_STR(oms_error_last()->message, "");
  CHECK_STR(oms_error_last()->name, "ok");
  CHECK_STR(out, "[]");
  oms_free(out);
  /* out may be NULL when the result is not wanted. */
  CHECK_OK(oms_customer_create(NULL, eng, "{\"code\": \"C1\", \"name\": \"Acme\"}", kActor));
  CHECK_FAILS(oms_customer_get(&out, eng, "C2"), OMS_E_NOT_FOUND, "C2");
  oms_error_clear();
  CHECK(oms_error_last()->code == OMS_OK);
  CHECK_STR(oms_status_name(OMS_E_INSUFFICIENT_STOCK), "insufficient_stock");
  CHECK_STR(oms_status_name(99), "unknown");
  oms_engine_close(eng);

  /* Bad options: no engine, *out reset. */
  CHECK_FAILS(oms_engine_open(&eng, NULL, "{\"rounding\": \"half_odd\"}"), OMS_E_INVALID_ARGUMENT,
              "rounding 'half_odd' is not one of: half_up, half_even");
  CHECK(eng == NULL);
  CHECK_FAILS(oms_engine_open(&eng, NULL, "{\"invoice_numbers\": {\"prefix\": \"IV\", \"width\": 4}}"),
              OMS_E_INVALID_ARGUMENT, "invoice_numbers.width");
  CHECK(eng == NULL);

  /* Options and state machines as data. */
  CHECK_OK(oms_engine_open(&eng, NULL, "{\"invoice_policy\": \"on_ordered\", \"order_numbers\": {\"prefix\": \"WEB\"}}"));
  CHECK_OK(oms_engine_options(&out, eng));
  CHECK_STR(field(out, "/invoice_policy"), "on_ordered");
  CHECK_STR(field(out, "/order_numbers/prefix"), "WEB");
  CHECK_STR(field(out, "/order_numbers/date_part"), "year_month_day");
  CHECK_STR(field(out, "/rounding"), "half_up");
  oms_free(out);
  oms_engine_close(eng);
  CHECK_OK(oms_state_transitions(&out, "order"));
  CHECK_STR(field(out, "/0/from"), "draft");
  CHECK_STR(field(out, "/0/action"), "submit");
  CHECK_STR(field(out, "/0/to"), "submitted");
  oms_free(out);
  CHECK_OK(oms_state_transitions(&out, "shipment"));
  CHECK(strstr(out, "\"action\":\"pick\"") != NULL);
  oms_free(out);
  CHECK_FAILS(oms_state_transitions(&out, "invoice"), OMS_E_INVALID_ARGUMENT, "document 'invoice'");

  /* Exact decimals for C callers. */
  CHECK_OK(oms_decimal_add(&out, "0.10", "0.20"));
  CHECK_STR(out, "0.30");
  oms_free(out);
  CHECK_OK(oms_decimal_multiply(&out, "0.1", "3"));
  CHECK_STR(out, "0.3");
  oms_free(out);
  CHECK_OK(oms_decimal_subtract(&out, "117.52", "14.12"));
  CHECK_STR(out, "103.40");
  oms_free(out);
  CHECK_OK(oms_decimal_divide(&out, "10", "3", 2, "half_up"));
  CHECK_STR(out, "3.33");
  oms_free(out);
  CHECK_OK(oms_decimal_round(&out, "2.5", 0, "half_even"));
  CHECK_STR(out, "2");
  oms_free(out);
  CHECK_OK(oms_decimal_round(&out, "-2.5", 0, "half_up"));
  CHECK_STR(out, "-3");
  oms_free(out);
  {
    int order = 7;
    CHECK_OK(oms_decimal_compare(&order, "1.50", "1.5"));
    CHECK(order == 0);
    CHECK_OK(oms_decimal_compare(&order, "-0.01", "0"));
    CHECK(order == -1);
  }
  CHECK_FAILS(oms_decimal_add(&out, "1x3", "1"), OMS_E_INVALID_ARGUMENT, "a '1x3'");
  CHECK_FAILS(oms_decimal_divide(&out, "1", "0.00", 2, "half_up"), OMS_E_INVALID_ARGUMENT, "must not be zero");
  CHECK_FAILS(oms_decimal_round(&out, "1.25", 1, "nearest"), OMS_E_INVALID_ARGUMENT, "rounding 'nearest'");
  CHECK_FAILS(oms_decimal_round(&out, "1.25", 19, "half_up"), OMS_E_INVALID_ARGUMENT, "scale '19' must be 0..18");
  CHECK_FAILS(oms_decimal_multiply(&out, "100000000000000000000", "100000000000000000000"), OMS_E_OVERFLOW, "overflow");

  /* The JSON helpers. */
  CHECK_OK(oms_json_count(&n, "{\"a\": [1, 2, {\"b\": \"x\"}]}", "/a"));
  CHECK(n == 3);
  {
    /* Strings come back unquoted; numbers, literals, objects and arrays as JSON text. */
    static const char *const cases[][3] = {
        {"{\"a\": [1, 2, {\"b\": \"x\"}]}", "/a/2/b", "x"},
        {"{\"a\": [1, 2, {\"b\": \"x\"}]}", "/a/2", "{\"b\":\"x\"}"},
        {"{\"a\": 1.5e1, \"b\": [true, null]}", "/b", "[true,null]"},
        {"{\"a\": 1.5e1}", "/a", "15.0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
      CHECK_OK(oms_json_get(&out, cases[i][0], cases[i][1]));
      CHECK_STR(out, cases[i][2]);
      oms_free(out);
    }
  }
  CHECK_FAILS(oms_json_get(&out, "{\"a\": 1}", "/b"), OMS_E_NOT_FOUND, "/b");
  CHECK_FAILS(oms_json_get(&out, "{\"a\": 1}", "b"), OMS_E_INVALID_ARGUMENT, "JSON pointer");
  CHECK_FAILS(oms_json_count(&n, "{\"a\": 1}", "/a"), OMS_E_INVALID_ARGUMENT, "neither an array nor an object");
  /* The whole text is read: a fault after the value is still a fault. */
  CHECK_FAILS(oms_json_get(&out, "{\"a\": 1, \"b\": ", "/a"), OMS_E_INVALID_ARGUMENT, "json '{\"a\": 1, \"b\": ' is not valid JSON");
  /* A number beyond a double is bad input too, not an internal error. */
  CHECK_FAILS(oms_json_get(&out, "{\"a\": 1, \"b\": 1e999}", "/a"), OMS_E_INVALID_ARGUMENT, "number overflow");

  oms_free(NULL);
  oms_engine_close(NULL);
}

/* A SQLite file keeps what was committed; a read-only engine refuses writes with OMS_E_STORAGE. */
static void test_sqlite_file_survives_reopening_and_read_only_refuses_writes(const char *dir) {
  char path[512];
  oms_engine *eng = NULL;
  char *out = NULL;
  snprintf(path, sizeof path, "%s/c_api_test.db", dir);
  unlink(path);
  CHECK_OK(oms_engine_open(&eng, path, "{\"sqlite\": {\"durability\": \"normal\"}}"));
  CHECK_OK(oms_customer_create(NULL, eng, "{\"code\": \"C1\", \"name\": \"杭州茶行\"}", kActor));
  oms_engine_close(eng);

  eng = NULL;
  CHECK_OK(oms_engine_open(&eng, path, "{\"sqlite\": {\"read_only\": true}}"));
  CHECK_OK(oms_customer_get(&out, eng, "C1"));
  CHECK_STR(field(out, "/name"), "杭州茶行"); /* UTF-8 round-trips */
  oms_free(out);
  CHECK_FAILS(oms_customer_create(&out, eng, "{\"code\": \"C2\", \"name\": \"B\"}", kActor), OMS_E_STORAGE,
              "read-only");
  oms_engine_close(eng);

  snprintf(path, sizeof path, "%s/missing/dir/c_api_test.db", dir);
  CHECK_FAILS(oms_engine_open(&eng, path, "{\"sqlite\": {\"create\": false}}"), OMS_E_NOT_FOUND, "c_api_test.db");
}

int main(int argc, char **argv) {
  test_version_matches_header();
  test_order_lifecycle_from_entry_to_completion();
  test_batch_orders_are_all_or_nothing();
  test_engine_batch_commits_every_call_or_none();
  test_review_findings_and_backorders_reach_c();
  test_errors_name_the_field_and_the_value();
  test_success_clears_the_last_error_and_null_is_harmless();
  test_sqlite_file_survives_reopening_and_read_only_refuses_writes(argc > 1 ? argv[1] : ".");
  return check_report("lifecycle_test");
}
