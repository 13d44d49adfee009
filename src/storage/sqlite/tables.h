// Internal: the table of each value the SQLite adapter keeps in columns, and what it keeps
// otherwise than by the rules of codec.h. The column lists, INSERTs, upserts, SELECT lists,
// partial UPDATEs, binders and readers are all made from these and the schema; a test checks
// the columns they make against the migrated tables (schema.h). Documents (shipments,
// invoices, ...) are not here: they are kept as JSON bodies beside a few filed columns (rows.h).
#ifndef OMS_SRC_STORAGE_SQLITE_TABLES_H_
#define OMS_SRC_STORAGE_SQLITE_TABLES_H_

#include <tuple>

#include "oms/storage.h"
#include "storage/sqlite/codec.h"

namespace oms::sqlite::codec {

template <>
struct Table<Unit> {
  static constexpr const char* kName = "units";
  static constexpr const char* kKey = "code";
};

template <>
struct Table<TaxClass> {
  static constexpr const char* kName = "tax_classes";
  static constexpr const char* kKey = "code";
};

template <>
struct Table<Product> {
  static constexpr const char* kName = "products";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {{.member = "barcodes", .keep = Keep::kElsewhere}};  // product_barcodes
};

template <>
struct Table<PriceList> {
  static constexpr const char* kName = "price_lists";
  static constexpr const char* kKey = "id";
};

// A price list's breaks for one product: one row per break, by position.
template <>
struct Table<PriceBreak> {
  static constexpr const char* kName = "price_breaks";
  static constexpr const char* kParents = "product_id, price_list_id, position";
  static constexpr const char* kKey = "product_id, price_list_id, position";
};

template <>
struct Table<Promotion> {
  static constexpr const char* kName = "promotions";
  static constexpr const char* kKey = "code";
};

template <>
struct Table<Customer> {
  static constexpr const char* kName = "customers";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {{.member = "credit_limit", .currency = "credit_currency"}};
};

// Exposure per customer and currency: the amount in the account's currency.
template <>
struct Table<CreditAccount> {
  static constexpr const char* kName = "credit_accounts";
  static constexpr const char* kKey = "customer_id, currency";
  static constexpr Rule kRules[] = {{.member = "exposure", .amount_only = true}};
  static const Currency& row_currency(const CreditAccount& a) { return a.currency; }
};

template <>
struct Table<Warehouse> {
  static constexpr const char* kName = "warehouses";
  static constexpr const char* kKey = "id";
};

// A bin belongs to its warehouse for good.
template <>
struct Table<Location> {
  static constexpr const char* kName = "locations";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {{.member = "warehouse", .keep = Keep::kOnInsert}};
};

template <>
struct Table<Lot> {
  static constexpr const char* kName = "lots";
  static constexpr const char* kKey = "id";
};

template <>
struct Table<SerialItem> {
  static constexpr const char* kName = "serials";
  static constexpr const char* kKey = "product_id, serial";
};

// The ledger: rows are only ever added.
template <>
struct Table<StockMove> {
  static constexpr const char* kName = "moves";
  static constexpr const char* kKey = "id";
};

// A quant's warehouse is that of its bin; only its quantity changes.
template <>
struct Table<StockQuant> {
  static constexpr const char* kName = "quants";
  static constexpr const char* kKey = "product_id, location_id, lot_id";
  static constexpr Rule kRules[] = {{.member = "warehouse", .keep = Keep::kOnInsert}};
};

template <>
struct Table<WarehouseStock> {
  static constexpr const char* kName = "warehouse_stock";
  static constexpr const char* kKey = "product_id, warehouse_id";
};

template <>
struct Table<Valuation> {
  static constexpr const char* kName = "valuations";
  static constexpr const char* kKey = "product_id";
};

template <>
struct Table<Receipt> {
  static constexpr const char* kName = "receipts";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {{.member = "lines", .keep = Keep::kElsewhere}};  // receipt_lines
};

template <>
struct Table<ReceiptLine> {
  static constexpr const char* kName = "receipt_lines";
  static constexpr const char* kParents = "receipt_id, position";
  static constexpr const char* kKey = "receipt_id, position";
};

// The columns listings and reports filter on are the members themselves; `backordered` and
// `open` are kept beside them for two indexes. The totals and the billable amount are in the
// order's currency. Orders from no other system keep NULL in the external columns, and orders
// of no registered customer NULL in customer_id, which their unique and customer indexes skip.
template <>
struct Table<Order> {
  static constexpr const char* kName = "orders";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {
      {.member = "external", .keep = Keep::kFlat, .empty_is_null = true},
      {.member = "customer", .empty_is_null = true},
      {.member = "lines", .keep = Keep::kElsewhere},    // order_lines, line_allocations
      {.member = "history", .keep = Keep::kElsewhere},  // order_history, only ever added to
      {.member = "totals", .keep = Keep::kFlat, .column = "", .amount_only = true},
      {.member = "billable", .amount_only = true},
  };
  static constexpr const char* kDerived = "backordered, open";
  static auto derived(const Order& o) { return std::make_tuple(is_backordered(o), is_open_state(o.state)); }
  static const Currency& row_currency(const Order& o) { return o.currency; }
};

// An order's line; its amounts are in the order's currency, given when it is read.
template <>
struct Table<OrderLine> {
  static constexpr const char* kName = "order_lines";
  static constexpr const char* kParents = "order_id";
  static constexpr const char* kKey = "order_id, line_no";
  static constexpr Rule kRules[] = {
      {.member = "price_source", .keep = Keep::kFlat},
      {.member = "price_source.reference", .column = "ref"},
      {.member = "discount", .keep = Keep::kFlat},
      {.member = "amounts", .keep = Keep::kFlat, .column = "", .amount_only = true},
      {.member = "allocations", .keep = Keep::kElsewhere},  // line_allocations
  };
};

template <>
struct Table<Allocation> {
  static constexpr const char* kName = "line_allocations";
  static constexpr const char* kParents = "order_id, line_no, position";
  static constexpr const char* kKey = "order_id, line_no, position";
};

template <>
struct Table<StateChange> {
  static constexpr const char* kName = "order_history";
  static constexpr const char* kParents = "order_id, position";
  static constexpr const char* kKey = "order_id, position";
  static constexpr Rule kRules[] = {{.member = "from", .column = "from_state"}, {.member = "to", .column = "to_state"}};
};

// Links are only ever added; SQLite numbers them.
template <>
struct Table<DocumentLink> {
  static constexpr const char* kName = "document_links";
  static constexpr const char* kKey = "id";
  static constexpr Rule kRules[] = {
      {.member = "from", .keep = Keep::kFlat}, {.member = "to", .keep = Keep::kFlat}, {.member = "amount", .currency = "currency"}};
};

template <>
struct Table<Event> {
  static constexpr const char* kName = "events";
  static constexpr const char* kKey = "sequence";
  static constexpr Rule kRules[] = {{.member = "sequence", .keep = Keep::kAssigned}};
};

// Every table above, for the test that checks them against the migrated file.
#define OMS_SQLITE_TABLES(X)                                                                                 \
  X(Unit) X(TaxClass) X(Product) X(PriceList) X(PriceBreak) X(Promotion) X(Customer) X(CreditAccount)       \
  X(Warehouse) X(Location) X(Lot) X(SerialItem) X(StockMove) X(StockQuant) X(WarehouseStock) X(Valuation) \
  X(Receipt) X(ReceiptLine) X(Order) X(OrderLine) X(Allocation) X(StateChange) X(DocumentLink) X(Event)

}  // namespace oms::sqlite::codec

#endif  // OMS_SRC_STORAGE_SQLITE_TABLES_H_
