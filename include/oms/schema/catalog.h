// The schema of the catalog: units, tax classes, products, price lists and promotions
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_CATALOG_H_
#define OMS_SCHEMA_CATALOG_H_

#include "oms/schema/core.h"
#include "oms/catalog.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_CATALOG(S, E, N)                                                                              \
  E(Tracking)                                                                                                    \
  E(PriceSourceKind)                                                                                             \
  N(BreakRule, "all_units", "incremental")                                                                       \
  N(PriceScope, "everyone", "grade", "customer")                                                                 \
  N(PromotionKind, "spend_get_off", "buy_get_free")                                                              \
  S(Unit, code, name, decimals)                                                                                  \
  S(TaxClass, code, name, rate)                                                                                  \
  S(Product, id, sku, name, barcodes, unit, category, tracking, list_price, list_price_includes_tax,             \
      standard_cost, tax_class, low_stock_threshold, active)                                                     \
  S(PriceList, id, code, name, currency, scope, grade, customer_code, valid_from, valid_to,                      \
      prices_include_tax, break_rule, priority, active)                                                          \
  S(PriceBreak, min_quantity, unit_price)                                                                        \
  S(PriceListEntry, price_list, product, breaks)                                                                 \
  S(Promotion, id, code, name, kind, threshold, discount, sku, buy_quantity, free_quantity, valid_from,          \
      valid_to, active)                                                                                          \
  S(PriceSource, kind, reference)                                                                                \
  S(PriceQuote, unit_price, line_amount, includes_tax, source)

namespace oms::fields {

OMS_SCHEMA_CATALOG(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

}  // namespace oms::fields

#endif  // OMS_SCHEMA_CATALOG_H_
