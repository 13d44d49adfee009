// Internal: entities read from the columns of their rows, in the order of the SELECT lists of
// schema.h.
#ifndef OMS_SRC_STORAGE_SQLITE_READERS_H_
#define OMS_SRC_STORAGE_SQLITE_READERS_H_

#include <string>
#include <vector>

#include "oms/storage.h"
#include "storage/body_json.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite {

inline DocumentLink read_link(Row& r) {
  DocumentLink l;
  l.from.kind = static_cast<DocumentKind>(r.i32());
  l.from.number = r.text();
  l.to.kind = static_cast<DocumentKind>(r.i32());
  l.to.number = r.text();
  l.from_line = r.i32();
  l.to_line = r.i32();
  l.relation = r.text();
  l.sku = r.text();
  l.quantity = r.dec();
  l.amount = r.opt_money();
  l.at = r.time();
  return l;
}

inline Unit read_unit(Row& r) {
  Unit u;
  u.code = r.text();
  u.name = r.text();
  u.decimals = r.i32();
  return u;
}

inline TaxClass read_tax_class(Row& r) {
  TaxClass t;
  t.code = r.text();
  t.name = r.text();
  t.rate = r.dec();
  return t;
}

inline PriceList read_price_list(Row& r) {
  PriceList l;
  l.id = r.id<PriceListId>();
  l.code = r.text();
  l.name = r.text();
  l.currency = r.currency();
  l.scope = static_cast<PriceScope>(r.i32());
  l.grade = static_cast<CustomerGrade>(r.i32());
  l.customer_code = r.text();
  l.valid_from = r.opt_date();
  l.valid_to = r.opt_date();
  l.prices_include_tax = r.boolean();
  l.break_rule = static_cast<BreakRule>(r.i32());
  l.priority = r.i32();
  l.active = r.boolean();
  return l;
}

inline Promotion read_promotion(Row& r) {
  Promotion p;
  p.code = r.text();
  p.id = r.id<PromotionId>();
  p.name = r.text();
  p.kind = static_cast<PromotionKind>(r.i32());
  p.threshold = r.money();
  p.discount = r.money();
  p.sku = r.text();
  p.buy_quantity = r.dec();
  p.free_quantity = r.dec();
  p.valid_from = r.opt_date();
  p.valid_to = r.opt_date();
  p.active = r.boolean();
  return p;
}

inline Customer read_customer(Row& r) {
  Customer c;
  c.id = r.id<CustomerId>();
  c.code = r.text();
  c.name = r.text();
  c.nickname = r.text();
  c.region = r.text();
  c.grade = static_cast<CustomerGrade>(r.i32());
  c.credit_limit = r.opt_money();
  c.payment_terms_days = r.i32();
  c.salesperson = r.text();
  c.birthday = r.opt_date();
  c.notes = r.text();
  c.preferences = r.text();
  c.active = r.boolean();
  c.contacts = body::from_text<std::vector<Contact>>(r.text());
  c.addresses = body::from_text<std::vector<Address>>(r.text());
  return c;
}

inline Warehouse read_warehouse(Row& r) {
  Warehouse w;
  w.id = r.id<WarehouseId>();
  w.code = r.text();
  w.name = r.text();
  w.region = r.text();
  w.active = r.boolean();
  return w;
}

inline Location read_location(Row& r) {
  Location l;
  l.id = r.id<LocationId>();
  l.warehouse = r.id<WarehouseId>();
  l.code = r.text();
  l.name = r.text();
  return l;
}

inline Lot read_lot(Row& r) {
  Lot l;
  l.id = r.id<LotId>();
  l.product = r.id<ProductId>();
  l.lot_number = r.text();
  l.expiry = r.opt_date();
  return l;
}

inline SerialItem read_serial(Row& r) {
  SerialItem s;
  s.product = r.id<ProductId>();
  s.serial = r.text();
  s.lot = r.id<LotId>();
  s.location = r.id<LocationId>();
  s.status = static_cast<SerialStatus>(r.i32());
  return s;
}

inline StockMove read_move(Row& r) {
  StockMove m;
  m.id = r.id<MoveId>();
  m.at = r.time();
  m.kind = static_cast<MoveKind>(r.i32());
  m.product = r.id<ProductId>();
  m.warehouse = r.id<WarehouseId>();
  m.location = r.id<LocationId>();
  m.lot = r.id<LotId>();
  m.quantity = r.dec();
  m.unit_cost = r.dec();
  m.reference = r.text();
  m.reason = r.text();
  m.actor = r.text();
  m.serials = body::from_text<std::vector<std::string>>(r.text());
  return m;
}

inline StockQuant read_quant(Row& r) {
  StockQuant q;
  q.product = r.id<ProductId>();
  q.location = r.id<LocationId>();
  q.lot = r.id<LotId>();
  q.warehouse = r.id<WarehouseId>();
  q.on_hand = r.dec();
  return q;
}

inline WarehouseStock read_warehouse_stock(Row& r) {
  WarehouseStock w;
  w.product = r.id<ProductId>();
  w.warehouse = r.id<WarehouseId>();
  w.on_hand = r.dec();
  w.reserved = r.dec();
  return w;
}

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_READERS_H_
