// The schema of liboms, one list of the members of every public value type and of
// the names of every public enum, one file per area. Every layer that reads or writes values
// member by member walks these lists: the C ABI's JSON wire format (capi/wire.h), the Python
// bindings (python/src/), report tables and CSV (src/exchange/table.cpp), the UTF-8 check of inputs
// (src/text/text_check.cpp), the JSON bodies the storage adapters keep (src/storage/body_json.h), and
// the tests that fill and compare every member (tests/schema_values.h). A member added to a
// public header is added to its area's list here once; the frozen snapshot of the names
// (tests/data/schema_names.txt) then fails until it is brought up to date, so the change to
// the stable wire format is seen in review.
//
// Each area is an X-macro, OMS_SCHEMA_<AREA>(S, E, N), with one entry per type:
//   S(Product, id, sku, ...)      a value type and its members in order,
//   E(OrderState)                 an enum named by its to_string(),
//   N(BreakRule, "all_units", ...) an enum whose names the schema gives, one per enumerator.
// Expanded with OMS_STRUCT, OMS_ENUM and OMS_NAMED_ENUM (core.h) it defines
//   fields(v, Tag<T>{})           v("sku", &Product::sku), ... then v.computed("open", &Invoice::open)
//                                 for the values OMS_COMPUTED derives from the members;
//   EnumInfo<E>::count, name(e)   the lower_snake_case names of E's values 0..count-1.
// Expanded with macros of its own, it gives a layer the list of every type (Python binds each).
//
// Enum counts come from the enums themselves (enum_count); the numbers of stored enums are
// frozen, as each public header says beside them. Adapter options are listed beside their
// adapter (include/oms/sqlite_storage_schema.h), not here.
#ifndef OMS_SCHEMA_SCHEMA_H_
#define OMS_SCHEMA_SCHEMA_H_

#include "oms/schema/billing.h"
#include "oms/schema/catalog.h"
#include "oms/schema/core.h"
#include "oms/schema/customers.h"
#include "oms/schema/engine.h"
#include "oms/schema/fulfilment.h"
#include "oms/schema/inventory.h"
#include "oms/schema/orders.h"
#include "oms/schema/reports.h"

// Every area, in one X-macro.
#define OMS_SCHEMA_ALL(S, E, N)                                                                   \
  OMS_SCHEMA_CATALOG(S, E, N)                                                                     \
  OMS_SCHEMA_CUSTOMERS(S, E, N)                                                                   \
  OMS_SCHEMA_INVENTORY(S, E, N)                                                                   \
  OMS_SCHEMA_ORDERS(S, E, N)                                                                      \
  OMS_SCHEMA_FULFILMENT(S, E, N)                                                                  \
  OMS_SCHEMA_BILLING(S, E, N)                                                                     \
  OMS_SCHEMA_REPORTS(S, E, N)                                                                     \
  OMS_SCHEMA_ENGINE(S, E, N)

#endif  // OMS_SCHEMA_SCHEMA_H_
