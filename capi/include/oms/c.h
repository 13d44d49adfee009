/*
 * liboms C ABI: a stable C interface to the whole order-management engine.
 *
 * Compiles as C99 and as C++. Link with liboms_c (CMake: oms::oms_c; pkg-config: oms_c).
 * docs/c-api.md has the conventions in full and a complete example; in short:
 *
 * Naming     oms_<module>_<verb>(out, object, arguments..., actor). Handles are opaque:
 *            oms_engine.
 * Status     Every function that can fail returns an int status: OMS_OK (0) or one of the
 *            OMS_E_* codes, the same numbers as oms::StatusCode in C++. On failure,
 *            oms_error_last() describes it (message naming the field and the value); on success
 *            the calling thread's last error is cleared. No C++ exception ever crosses this ABI.
 * Data       Documents go in and come out as UTF-8 JSON text (the "wire format" in
 *            docs/c-api.md). Money and quantities are JSON strings holding exact decimals
 *            ("12.50"), never binary floating point: a JSON number with a fraction or exponent
 *            is refused where a decimal is expected. Money is {"amount": "12.50",
 *            "currency": "CNY"}; dates "2026-11-23"; instants "2026-11-23T08:15:00.000000Z"
 *            (UTC); enums lower_snake_case names ("partially_shipped"). Unknown members of an
 *            input object are refused (a typo never goes unnoticed); missing members take their
 *            documented default. Output objects may gain members in later minor versions.
 * Ownership  Arguments are borrowed for the duration of the call; the library keeps no pointer
 *            to them. A `char **out` receives a new NUL-terminated string the caller owns and
 *            releases with oms_free() (never free()). `out` may be NULL when the caller does not
 *            want the result, except where it receives something the caller must keep to release
 *            it (oms_engine_open, oms_event_subscribe). On failure *out is set to NULL (0). Pointers returned directly (not
 *            through `out`) are borrowed and say how long they live.
 * NULL       A NULL handle or a NULL required argument is refused with OMS_E_INVALID_ARGUMENT
 *            naming the argument; it never crashes. Destroying NULL is a no-op.
 * Threads    An oms_engine may be used from any number of threads at once without external
 *            locking, except oms_engine_close(), which must not run concurrently with any other
 *            call on the same engine. The last error is per thread.
 * Versions   OMS_VERSION_* below are the version of this header; oms_version_number() is the
 *            version of the library loaded at run time. Within one major version the ABI only
 *            grows: functions and JSON members are added, never removed or changed in meaning.
 */
#ifndef OMS_C_H_
#define OMS_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#if defined(OMS_C_BUILDING_LIBRARY)
#define OMS_C_API __declspec(dllexport)
#else
#define OMS_C_API __declspec(dllimport)
#endif
#else
#define OMS_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version --------------------------------------------------------------------------- */

#define OMS_VERSION_MAJOR 0
#define OMS_VERSION_MINOR 1
#define OMS_VERSION_PATCH 0
#define OMS_VERSION_STRING "0.1.0"
/* MAJOR * 1000000 + MINOR * 1000 + PATCH, like SQLITE_VERSION_NUMBER. */
#define OMS_VERSION_NUMBER (OMS_VERSION_MAJOR * 1000000 + OMS_VERSION_MINOR * 1000 + OMS_VERSION_PATCH)

/* The version of the library loaded at run time (compare with OMS_VERSION_NUMBER). */
OMS_C_API int oms_version_number(void);
/* "0.1.0"; static storage, never freed. */
OMS_C_API const char *oms_version(void);

/* ---- Status codes and errors ----------------------------------------------------------- */

/* Stable numbers, equal to oms::StatusCode; new codes are only appended. */
typedef enum oms_status {
  OMS_OK = 0,
  OMS_E_INVALID_ARGUMENT = 1,  /* the input is wrong whatever the state of the system */
  OMS_E_NOT_FOUND = 2,         /* the input names something that does not exist */
  OMS_E_ALREADY_EXISTS = 3,    /* a unique key is taken (SKU, order number, ...) */
  OMS_E_FAILED_PRECONDITION = 4, /* not allowed in the current state (illegal transition, ...) */
  OMS_E_INSUFFICIENT_STOCK = 5,
  OMS_E_CURRENCY_MISMATCH = 6,
  OMS_E_OVERFLOW = 7,          /* an exact decimal left its range; nothing was rounded */
  OMS_E_CONFLICT = 8,          /* a concurrent writer won; the whole call may be retried */
  OMS_E_STORAGE = 9,           /* the storage failed (I/O, disk full, busy, read-only) */
  OMS_E_INTERNAL = 10          /* a bug in liboms, or out of memory */
} oms_status;

typedef struct oms_error {
  int code;            /* an oms_status; OMS_OK when the last call succeeded */
  const char *name;    /* "invalid_argument"; "ok" */
  const char *message; /* names the field and the value; "" for OMS_OK; never NULL */
  const char *field;   /* the input field at fault ("lines[2].quantity") or ""; never NULL */
} oms_error;

/* The calling thread's last error. Never NULL. Borrowed: valid until the next oms_* call on
 * this thread. */
OMS_C_API const oms_error *oms_error_last(void);
/* Resets the calling thread's last error to OMS_OK. */
OMS_C_API void oms_error_clear(void);
/* "invalid_argument" for OMS_E_INVALID_ARGUMENT, ...; "unknown" for other numbers. Static. */
OMS_C_API const char *oms_status_name(int code);

/* ---- Memory ---------------------------------------------------------------------------- */

/* Releases a string the library returned through a `char **out`. NULL is a no-op. */
OMS_C_API void oms_free(void *p);

/* ---- JSON helpers (so plain C needs no JSON library to read results) --------------------- */

/* The value at an RFC 6901 JSON Pointer ("/order/lines/0/quantity") of `json`. Strings come
 * back without quotes; numbers, booleans, null, objects and arrays as JSON text. A pointer that
 * names nothing is OMS_E_NOT_FOUND. *out: free with oms_free. */
OMS_C_API int oms_json_get(char **out, const char *json, const char *pointer);
/* The number of elements of the array or members of the object at `pointer`. */
OMS_C_API int oms_json_count(size_t *out, const char *json, const char *pointer);

/* ---- Exact decimals (for callers without a decimal type) --------------------------------- */

/* Arithmetic on decimal strings ("12.50", "-3", "0.125"), exact like the engine's: + - and *
 * never round (a product needing more than 18 decimal places is rounded half-even at 18);
 * leaving the 128-bit range is OMS_E_OVERFLOW, never a wrong answer. *out: a decimal string. */
OMS_C_API int oms_decimal_add(char **out, const char *a, const char *b);
OMS_C_API int oms_decimal_subtract(char **out, const char *a, const char *b);
OMS_C_API int oms_decimal_multiply(char **out, const char *a, const char *b);
/* a / b rounded to `scale` decimal places (0..18) by `rounding`: "half_up", "half_even",
 * "down", "up", "floor" or "ceiling". Dividing by zero is OMS_E_INVALID_ARGUMENT. */
OMS_C_API int oms_decimal_divide(char **out, const char *a, const char *b, int scale, const char *rounding);
/* `a` rounded (or padded with zeros) to `scale` decimal places by `rounding`. */
OMS_C_API int oms_decimal_round(char **out, const char *a, int scale, const char *rounding);
/* *out: -1, 0 or 1 as a is less than, equal to or greater than b (by value: "1.50" == "1.5"). */
OMS_C_API int oms_decimal_compare(int *out, const char *a, const char *b);

/* ---- Engine ---------------------------------------------------------------------------- */

typedef struct oms_engine oms_engine;

/*
 * Opens an engine. `path` NULL, "" or ":memory:" keeps everything in memory (gone at close);
 * otherwise it is a SQLite database file, created if missing and migrated if older.
 * `options_json` (NULL: defaults) is an object of engine options, all optional:
 *   "order_numbers", "receipt_numbers", "shipment_numbers", "invoice_numbers",
 *   "payment_numbers", "credit_note_numbers", "refund_numbers", "return_numbers":
 *       {"prefix": "SO", "date_part": "none"|"year"|"year_month"|"year_month_day",
 *        "separator": "-", "sequence_width": 5}
 *   "invoice_policy": "on_shipped"|"on_ordered", "rounding": "half_up"|"half_even"|"down"|"up"|
 *   "floor"|"ceiling", "tax_mode": "per_line"|"per_document",
 *   "allocation": "allow_partial"|"all_or_nothing", "cost_currency": "CNY",
 *   "grading": {"currency", "window_days", "vip_min_orders", "vip_min_amount",
 *               "regular_min_orders", "regular_min_amount"},
 *   "credit_check": true, "conflict_retries": 5,
 *   "sqlite": {"durability": "full"|"normal", "busy_timeout_ms": 5000, "create": true,
 *              "read_only": false, "max_pages": 0, "checkpoint_pages": 4000,
 *              "writer_patience_us": 5000},
 *   "manual_clock": "2026-11-23T08:00:00Z"   (a clock that moves only by oms_engine_set_time)
 * *out: the new engine; destroy with oms_engine_close.
 */
OMS_C_API int oms_engine_open(oms_engine **out, const char *path, const char *options_json);
/* Closes the engine and frees it. NULL is a no-op. Subscriptions end with it. */
OMS_C_API void oms_engine_close(oms_engine *engine);
/* Sets "now" of an engine opened with "manual_clock" (OMS_E_FAILED_PRECONDITION otherwise). */
OMS_C_API int oms_engine_set_time(oms_engine *engine, const char *timestamp);
/* The options the engine runs with (every member, defaults included), as accepted by
 * oms_engine_open. */
OMS_C_API int oms_engine_options(char **out, oms_engine *engine);
/* A lifecycle state machine as data: `document` "order" or "shipment". *out: array of
 * {"from", "action", "to"}; every (state, action) pair not listed is refused. For the order's
 * "resume" action, "to" is "on_hold": the order returns to the state it was held in. */
OMS_C_API int oms_state_transitions(char **out, const char *document);

/* ---- Several operations as one unit of work --------------------------------------------- */

/* The work of a batch: calls functions of `engine` and returns OMS_OK to commit them. */
typedef int (*oms_batch_work)(oms_engine *engine, void *payload);

/* Runs work(engine, payload) as one unit of work: every call it makes on `engine` from this
 * thread joins one transaction, committed when work returns OMS_OK and no changing call in it
 * failed. Otherwise nothing of it stays. The status is the first failure: a call's (its message
 * is the last error), or, when work returns anything but OMS_OK on its own,
 * OMS_E_FAILED_PRECONDITION naming "work" and the value it returned. After a failed change the
 * batch is spoilt: later calls in it do nothing and fail with OMS_E_FAILED_PRECONDITION naming
 * "batch" (a failed look-up spoils nothing). Calls inside see the batch's own changes; event
 * callbacks run after the commit. A batch inside a batch is part of it. Other threads' changes
 * wait for the batch: keep it short. On a lost race work runs again (see conflict_retries), so it
 * must not have effects outside the engine that cannot be repeated. */
OMS_C_API int oms_engine_batch(oms_engine *engine, oms_batch_work work, void *payload);

/* ---- Catalog --------------------------------------------------------------------------- */

/* unit: {"code", "name", "decimals"} */
OMS_C_API int oms_unit_define(oms_engine *engine, const char *unit_json, const char *actor);
/* tax class: {"code", "name", "rate": "0.13"} */
OMS_C_API int oms_tax_class_define(oms_engine *engine, const char *tax_class_json, const char *actor);
/* product: {"sku", "name", "barcodes": [], "unit": "pcs", "category", "tracking":
 * "none"|"lot"|"serial", "list_price": money, "list_price_includes_tax", "standard_cost": money,
 * "tax_class", "low_stock_threshold", "active"}. *out: the product. */
OMS_C_API int oms_product_create(char **out, oms_engine *engine, const char *product_json, const char *actor);
/* An array of products, created in one unit of work: all or none; a failure names the index
 * ("products[3].unit"). *out: array of products. */
OMS_C_API int oms_product_create_batch(char **out, oms_engine *engine, const char *products_json, const char *actor);
/* Replaces the product with the same SKU. */
OMS_C_API int oms_product_update(char **out, oms_engine *engine, const char *product_json, const char *actor);
OMS_C_API int oms_product_get(char **out, oms_engine *engine, const char *sku);
OMS_C_API int oms_product_get_by_barcode(char **out, oms_engine *engine, const char *barcode);
/* *out: array of products. */
OMS_C_API int oms_product_list(char **out, oms_engine *engine);
/* A barcode, SKU, lot number or serial: its product, lot or serial item and the receipts. */
OMS_C_API int oms_product_scan(char **out, oms_engine *engine, const char *code);
/* price list: {"code", "name", "currency", "scope": "everyone"|"grade"|"customer", "grade",
 * "customer_code", "valid_from", "valid_to", "prices_include_tax", "break_rule":
 * "all_units"|"incremental", "priority", "active"} */
OMS_C_API int oms_price_list_create(char **out, oms_engine *engine, const char *price_list_json, const char *actor);
/* breaks: [{"min_quantity": "0", "unit_price": "9.90"}, ...] replaces the product's breaks. */
OMS_C_API int oms_price_list_set_prices(oms_engine *engine, const char *price_list_code, const char *sku,
                                        const char *breaks_json, const char *actor);
/* promotion: {"code", "name", "kind": "spend_get_off"|"buy_get_free", "threshold": money,
 * "discount": money, "sku", "buy_quantity", "free_quantity", "valid_from", "valid_to", "active"} */
OMS_C_API int oms_promotion_create(char **out, oms_engine *engine, const char *promotion_json, const char *actor);
/* The price `customer_code` (NULL or "": anonymous) gets for `quantity` of `sku` in `currency`
 * on `date` (NULL: today). *out: {"unit_price", "line_amount", "includes_tax", "source"}. */
OMS_C_API int oms_price_quote(char **out, oms_engine *engine, const char *customer_code, const char *sku,
                              const char *quantity, const char *currency, const char *date);

/* ---- Customers ------------------------------------------------------------------------- */

/* customer: {"code", "name", "nickname", "contacts": [{"name", "role", "phone", "email"}],
 * "addresses": [{"label", "line1", "line2", "city", "region", "postal_code", "country"}],
 * "region", "grade": "potential"|"regular"|"vip", "credit_limit": money|null,
 * "payment_terms_days", "salesperson", "birthday", "notes", "preferences", "active"} */
OMS_C_API int oms_customer_create(char **out, oms_engine *engine, const char *customer_json, const char *actor);
/* An array of customers, created in one unit of work: all or none. *out: array of customers. */
OMS_C_API int oms_customer_create_batch(char **out, oms_engine *engine, const char *customers_json,
                                        const char *actor);
OMS_C_API int oms_customer_update(char **out, oms_engine *engine, const char *customer_json, const char *actor);
OMS_C_API int oms_customer_get(char **out, oms_engine *engine, const char *code);
OMS_C_API int oms_customer_list(char **out, oms_engine *engine);
/* By code, or name / nickname containing `text`. */
OMS_C_API int oms_customer_find(char **out, oms_engine *engine, const char *text);
/* *out: array of the customer's orders. */
OMS_C_API int oms_customer_orders(char **out, oms_engine *engine, const char *code);
OMS_C_API int oms_customer_count_orders(int64_t *out, oms_engine *engine, const char *code);
/* *out: money. */
OMS_C_API int oms_customer_credit_exposure(char **out, oms_engine *engine, const char *code, const char *currency);
/* Unapplied payments and credit notes. *out: money. */
OMS_C_API int oms_customer_credit(char **out, oms_engine *engine, const char *code, const char *currency);
/* Re-grades every customer. *out: array of {"customer", "code", "from", "to", "order_count",
 * "amount"}. */
OMS_C_API int oms_customer_regrade(char **out, oms_engine *engine, const char *actor);

/* ---- Stock ----------------------------------------------------------------------------- */

/* warehouse: {"code", "name", "region", "active"} */
OMS_C_API int oms_warehouse_create(char **out, oms_engine *engine, const char *warehouse_json, const char *actor);
OMS_C_API int oms_warehouse_update(char **out, oms_engine *engine, const char *warehouse_json, const char *actor);
OMS_C_API int oms_warehouse_list(char **out, oms_engine *engine);
/* location: {"code", "name"} in the warehouse `warehouse_code`. */
OMS_C_API int oms_location_create(char **out, oms_engine *engine, const char *warehouse_code,
                                  const char *location_json, const char *actor);
/* receipt (入库单): {"number", "date", "warehouse", "supplier", "reference", "lines": [{"sku",
 * "location", "quantity", "unit_cost", "lot_number", "expiry", "serials"}]}. *out: the receipt. */
OMS_C_API int oms_stock_receive(char **out, oms_engine *engine, const char *receipt_json, const char *actor);
/* An array of receipts, posted in one unit of work: all or none. *out: array of receipts. */
OMS_C_API int oms_stock_receive_batch(char **out, oms_engine *engine, const char *receipts_json, const char *actor);
/* The receipt with this number. */
OMS_C_API int oms_stock_receipt_get(char **out, oms_engine *engine, const char *number);
/* transfer: {"sku", "from_warehouse", "from_location", "to_warehouse", "to_location",
 * "quantity", "lot_number", "serials", "reference", "reason"}. *out: array of moves. */
OMS_C_API int oms_stock_transfer(char **out, oms_engine *engine, const char *transfer_json, const char *actor);
/* stocktake (盘点): {"warehouse", "reference", "lines": [{"sku", "location", "lot_number",
 * "counted", "serials", "reason"}]}. *out: {"adjustments": [moves]}. */
OMS_C_API int oms_stock_take(char **out, oms_engine *engine, const char *stocktake_json, const char *actor);
/* *out: {"sku", "on_hand", "reserved", "available", "warehouses": [...]} */
OMS_C_API int oms_stock_get(char **out, oms_engine *engine, const char *sku);
/* query: {"sku", "warehouse", "location", "lot_number", "include_empty"}. *out: array of
 * {"sku", "warehouse", "location", "lot_number", "expiry", "on_hand"}. */
OMS_C_API int oms_stock_levels(char **out, oms_engine *engine, const char *query_json);
/* Available to sell (可售数量) across warehouses. *out: a decimal string such as "12". */
OMS_C_API int oms_stock_available(char **out, oms_engine *engine, const char *sku);
/* *out: array of the product's stock moves. */
OMS_C_API int oms_stock_moves(char **out, oms_engine *engine, const char *sku);
/* *out: {"product", "quantity", "average_cost"} */
OMS_C_API int oms_stock_valuation(char **out, oms_engine *engine, const char *sku);

/* ---- Orders ---------------------------------------------------------------------------- */

/* new order: {"number", "external": {"source", "id"}, "customer_code", "new_customer":
 * customer, "channel", "salesperson", "order_date", "requested_delivery", "priority":
 * "low"|"normal"|"high"|"urgent", "currency": "CNY", "notes", "ship_to": address,
 * "prices_include_tax", "invoice_policy", "lines": [{"sku", "quantity", "unit_price",
 * "discount": {"kind": "none"|"percent"|"amount", "value"}, "gift", "note"}]}.
 * *out: {"order": order, "created": true}; created is false when the external reference had
 * been imported before (nothing changed). */
OMS_C_API int oms_order_create(char **out, oms_engine *engine, const char *order_json, const char *actor);
/* An array of new orders in one unit of work: all or none. *out: array of intakes. */
OMS_C_API int oms_order_create_batch(char **out, oms_engine *engine, const char *orders_json, const char *actor);
OMS_C_API int oms_order_get(char **out, oms_engine *engine, const char *number);
/* query (NULL: every order): {"customer_code", "states": ["confirmed", ...], "from", "to",
 * "limit"}; an unknown customer_code is OMS_E_NOT_FOUND. *out: array of orders, by id. */
OMS_C_API int oms_order_list(char **out, oms_engine *engine, const char *query_json);
/* The review as submit would run it, changing nothing. *out: {"findings": [{"severity":
 * "warning"|"error", "code", "field", "line_no", "message"}], "credit_hold", "blocked"}. */
OMS_C_API int oms_order_review(char **out, oms_engine *engine, const char *number);
/* Draft -> submitted (or still draft with error findings, or on credit hold).
 * *out: {"review": review, "order": order}. */
OMS_C_API int oms_order_submit(char **out, oms_engine *engine, const char *number, const char *actor);
/* Submitted -> draft. */
OMS_C_API int oms_order_reject(char **out, oms_engine *engine, const char *number, const char *reason,
                               const char *actor);
/* Submitted -> confirmed, reserving stock. *out: the confirmation {"order", "customer_name",
 * "lines": [{"line_no", "sku", "description", "quantity", "reserved", "backordered",
 * "unit_price", "total"}]}. */
OMS_C_API int oms_order_approve(char **out, oms_engine *engine, const char *number, const char *actor);
OMS_C_API int oms_order_hold(char **out, oms_engine *engine, const char *number, const char *reason,
                             const char *actor);
OMS_C_API int oms_order_resume(char **out, oms_engine *engine, const char *number, const char *actor);
OMS_C_API int oms_order_cancel(char **out, oms_engine *engine, const char *number, const char *reason,
                               const char *actor);
/* Closes the unshipped remainder, releasing its reservations. */
OMS_C_API int oms_order_short_close(char **out, oms_engine *engine, const char *number, const char *reason,
                                    const char *actor);
OMS_C_API int oms_order_complete(char **out, oms_engine *engine, const char *number, const char *actor);
/* amendment: {"requested_delivery", "changes": [{"line_no", "quantity", "unit_price",
 * "discount", "remove"}], "add": [new order lines], "reason"}. */
OMS_C_API int oms_order_amend(char **out, oms_engine *engine, const char *number, const char *amendment_json,
                              const char *actor);
/* Re-runs allocation over waiting orders. *out: {"reserved": [{"order_number", "line_no", "sku",
 * "warehouse", "quantity"}], "orders_examined"}. */
OMS_C_API int oms_order_allocate_backorders(char **out, oms_engine *engine, const char *actor);
/* *out: array of the order's shipments. */
OMS_C_API int oms_order_shipments(char **out, oms_engine *engine, const char *number);

/* ---- Shipments (出库) and returns --------------------------------------------------------- */

/* shipment: {"number", "warehouse", "orders": ["SO-..."], "lines": [{"order_number", "line_no",
 * "quantity", "lots": [{"lot_number", "location", "quantity"}], "serials"}], "reserved_only",
 * "carrier", "tracking_number", "promised_date", "picking": "fefo"|"fifo", "allow_expired",
 * "allow_mixed_destinations"}. *out: the shipment. */
OMS_C_API int oms_shipment_create(char **out, oms_engine *engine, const char *shipment_json, const char *actor);
OMS_C_API int oms_shipment_pick(char **out, oms_engine *engine, const char *number, const char *actor);
OMS_C_API int oms_shipment_pack(char **out, oms_engine *engine, const char *number, const char *actor);
/* Goods issue (picking and packing first when needed). */
OMS_C_API int oms_shipment_ship(char **out, oms_engine *engine, const char *number, const char *actor);
/* Before goods issue only; the orders keep their reservations. */
OMS_C_API int oms_shipment_cancel(char **out, oms_engine *engine, const char *number, const char *reason,
                                  const char *actor);
/* tracking_number may be NULL (none yet). */
OMS_C_API int oms_shipment_set_carrier(char **out, oms_engine *engine, const char *number, const char *carrier,
                                       const char *tracking_number, const char *actor);
/* Proof of delivery (签收). */
OMS_C_API int oms_shipment_deliver(char **out, oms_engine *engine, const char *number, const char *actor);
/* update: {"at", "status": "accepted"|"in_transit"|"out_for_delivery"|"delivered"|"delayed"|
 * "damaged"|"lost"|"info", "carrier_status", "location", "text"}. */
OMS_C_API int oms_shipment_track(char **out, oms_engine *engine, const char *number, const char *update_json,
                                 const char *actor);
/* kind: "delayed"|"damaged"|"lost"; detail may be NULL. */
OMS_C_API int oms_shipment_flag_exception(char **out, oms_engine *engine, const char *number, const char *kind,
                                          const char *detail, const char *actor);
/* exception_number: 1, 2, ... within the shipment; resolution may be NULL. */
OMS_C_API int oms_shipment_resolve_exception(char **out, oms_engine *engine, const char *number,
                                             int exception_number, const char *resolution, const char *actor);
/* Flags every shipment late against its promised date. *out: array of the new exceptions. */
OMS_C_API int oms_shipment_check_delays(char **out, oms_engine *engine, const char *actor);
/* *out: array of {"shipment_number", "customer_code", "shipment_state", "exception"}. */
OMS_C_API int oms_shipment_open_exceptions(char **out, oms_engine *engine);
OMS_C_API int oms_shipment_get(char **out, oms_engine *engine, const char *number);
/* return: {"number", "shipment", "date", "lines": [{"shipment_line_no", "quantity",
 * "disposition": "restock"|"scrap", "location", "serials", "reason"}], "settlement":
 * "credit_note"|"refund"|"none", "refund_method", "reason"}. *out: the return. */
OMS_C_API int oms_return_receive(char **out, oms_engine *engine, const char *return_json, const char *actor);
OMS_C_API int oms_return_get(char **out, oms_engine *engine, const char *number);

/* ---- Invoices, payments, credit notes, refunds --------------------------------------------- */

/* invoice: {"number", "orders": [...], "shipment", "amount", "percent", "date", "due_date",
 * "issue": true, "note"}: whole orders, one shipment, or an instalment of one order. */
OMS_C_API int oms_invoice_create(char **out, oms_engine *engine, const char *invoice_json, const char *actor);
OMS_C_API int oms_invoice_issue(char **out, oms_engine *engine, const char *number, const char *actor);
/* Cancels by a credit note. *out: the credit note. */
OMS_C_API int oms_invoice_cancel(char **out, oms_engine *engine, const char *number, const char *reason,
                                 const char *actor);
/* A draft's effect is undone; it stays on file as cancelled. */
OMS_C_API int oms_invoice_discard(char **out, oms_engine *engine, const char *number, const char *actor);
OMS_C_API int oms_invoice_get(char **out, oms_engine *engine, const char *number);
/* open_only != 0: only invoices with an open amount. *out: array of invoices. */
OMS_C_API int oms_customer_invoices(char **out, oms_engine *engine, const char *customer_code, int open_only);
/* payment (回款): {"number", "customer_code", "currency", "amount", "date", "method",
 * "reference", "applications": [{"invoice", "amount"}], "auto_apply": true}. */
OMS_C_API int oms_payment_record(char **out, oms_engine *engine, const char *payment_json, const char *actor);
OMS_C_API int oms_payment_get(char **out, oms_engine *engine, const char *number);
/* {"source": payment or credit note number, "applications": [...] (empty: oldest due first)}.
 * *out: array of applications. */
OMS_C_API int oms_credit_apply(char **out, oms_engine *engine, const char *application_json, const char *actor);
OMS_C_API int oms_credit_note_get(char **out, oms_engine *engine, const char *number);
/* refund (退款): {"number", "source", "amount", "date", "method", "reference", "reason"}. */
OMS_C_API int oms_refund_create(char **out, oms_engine *engine, const char *refund_json, const char *actor);
OMS_C_API int oms_refund_get(char **out, oms_engine *engine, const char *number);

/* ---- Statements, receivables, document flow ------------------------------------------------ */

/* 对账单 of a customer in a currency for [from, to] (dates, inclusive). */
OMS_C_API int oms_customer_statement(char **out, oms_engine *engine, const char *customer_code,
                                     const char *currency, const char *from, const char *to);
/* Open receivables by days past due on `as_of` (NULL: today). */
OMS_C_API int oms_receivables_ageing(char **out, oms_engine *engine, const char *currency, const char *as_of);
/* kind: "order"|"shipment"|"invoice"|"payment"|"credit_note"|"refund"|"return".
 * *out: {"document", "upstream": [links], "downstream": [links], "merged", "split"}. */
OMS_C_API int oms_document_flow(char **out, oms_engine *engine, const char *kind, const char *number);

/* ---- Reports (include/oms/reports.h) ----------------------------------------------------- */

/* The lines of the orders that count as sales (approved and not cancelled), grouped by `by`:
 * "customer"|"product"|"category"|"salesperson"|"channel"|"order"|"day"|"week"|"month", and by
 * currency. filter (NULL: everything): {"from", "to" (order dates), "customer_code", "sku",
 * "category", "salesperson", "channel", "currency", "open_only" (outstanding lines only),
 * "as_of" (for overdue; default today)}. *out: array of {"key", "name", "currency", "orders",
 * "lines", "ordered", "shipped", "returned", "closed", "open", "net", "cost", "margin",
 * "margin_percent", "open_amount", "overdue", "overdue_amount", "first_order", "last_order"},
 * sorted by key and currency. Sales, margin, outstanding orders and ordered vs shipped vs
 * returned are views of it. */
OMS_C_API int oms_report_order_lines(char **out, oms_engine *engine, const char *filter_json, const char *by);
/* Inventory: stock now and its turnover over a period. query (NULL: defaults): {"from", "to"
 * (default: the 90 days up to today), "sku", "category", "warehouse", "expiring_within_days"
 * (30), "a_share" ("80"), "b_share" ("95")}. *out: {"from", "to", "currency", "total_value",
 * "products": [{"sku", "name", "category", "unit", "on_hand", "reserved", "available",
 * "unit_cost", "value", "value_share", "abc", "outbound", "cogs", "opening_value",
 * "average_value", "turnover", "days_of_cover", "low_stock_threshold", "below_threshold"}] (by
 * value, highest first), "positions": [{"sku", "warehouse", "on_hand", "reserved", "available",
 * "value"}], "lots": [{"sku", "warehouse", "location", "lot_number", "expiry",
 * "days_to_expiry", "on_hand", "value"}], "expiring": [lots, soonest first]}. */
OMS_C_API int oms_report_inventory(char **out, oms_engine *engine, const char *query_json);
/* Daily statistics per product (每日统计) for `day` (YYYY-MM-DD), amounts in `currency`. *out:
 * array of {"sku", "name", "day", "outbound", "awaiting_outbound", "available", "sold",
 * "amount", "profit"} by SKU. */
OMS_C_API int oms_report_daily_products(char **out, oms_engine *engine, const char *day, const char *currency);
/* Customer value. query (NULL: the last 365 days in CNY): {"from", "to", "currency",
 * "salesperson"}. *out: array of {"code", "name", "salesperson", "grade", "suggested_grade",
 * "orders", "amount", "margin", "last_order", "days_since_last_order", "recency", "frequency",
 * "monetary", "rfm"}. */
OMS_C_API int oms_report_customer_value(char **out, oms_engine *engine, const char *query_json);

/* ---- Import (include/oms/import.h, docs/IMPORT.md) ------------------------------------ */

/* Imports CSV text of `kind` "products"|"customers"|"receipts"|"orders". mode:
 * "all_or_nothing" (NULL) or "good_rows"; source: the orders' source when the file has no
 * source column (NULL: "csv"). Bad rows are not an error: *out: {"kind", "rows", "records",
 * "created", "existing", "rejected", "committed", "issues": [{"row", "column", "value",
 * "code", "reason"}]}. Fails only for bad arguments or when the storage fails. */
OMS_C_API int oms_import_csv(char **out, oms_engine *engine, const char *kind, const char *csv, const char *mode,
                             const char *source, const char *actor);

/* ---- Events ---------------------------------------------------------------------------- */

/* Journal entries with sequence > after_sequence, at most `limit` (0: all). *out: array of
 * {"sequence", "at", "actor", "entity", "entity_id", "type", "data": {...}}. */
OMS_C_API int oms_event_list(char **out, oms_engine *engine, int64_t after_sequence, size_t limit);

/* Called once per event, in sequence order, after the change was committed, normally on the
 * thread that made the change. Calls of one subscription never overlap or nest: events that
 * arrive while it runs (from other threads, or from changes the callback makes itself) are
 * queued and delivered by that running call right after. `event_json` is borrowed for the
 * duration of the call. The callback may call back into the engine, changes included (but not
 * close it). */
typedef void (*oms_event_callback)(const char *event_json, void *payload);

/* Subscribes `callback` with `payload` (borrowed until unsubscribed or the engine is closed).
 * *out: the subscription id for oms_event_unsubscribe. */
OMS_C_API int oms_event_subscribe(uint64_t *out, oms_engine *engine, oms_event_callback callback, void *payload);
/* After it returns, the callback is not called again. An unknown id is a no-op. */
OMS_C_API int oms_event_unsubscribe(oms_engine *engine, uint64_t subscription);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OMS_C_H_ */
