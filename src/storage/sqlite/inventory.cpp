// The SQLite adapter's inventory: warehouses, bins, lots, serial numbers, the stock ledger and
// its balances, valuations and receipts.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Warehouse> SqliteTransaction::get_warehouse(WarehouseId id) {
  return known().warehouses.get(id.value, [&] {
    static const std::string kSql = select<Warehouse>("WHERE id = ?");
    return row_of<Warehouse>(kSql, id);
  });
}

std::optional<Warehouse> SqliteTransaction::find_warehouse(std::string_view code) {
  static const std::string kSql = select<Warehouse>("WHERE code = ?");
  return row_of<Warehouse>(kSql, code);
}

void SqliteTransaction::put(const Warehouse& w) {
  upsert_row(w);
  known().warehouses.forget(w.id.value);
}

std::vector<Warehouse> SqliteTransaction::list_warehouses() {
  static const std::string kSql = select<Warehouse>("ORDER BY id");
  return rows_of<Warehouse>(kSql);
}

std::optional<Location> SqliteTransaction::get_location(LocationId id) {
  return known().locations.get(id.value, [&] {
    static const std::string kSql = select<Location>("WHERE id = ?");
    return row_of<Location>(kSql, id);
  });
}

std::optional<Location> SqliteTransaction::find_location(WarehouseId warehouse, std::string_view code) {
  static const std::string kSql = select<Location>("WHERE warehouse_id = ? AND code = ?");
  return row_of<Location>(kSql, warehouse, code);
}

void SqliteTransaction::put(const Location& l) {
  upsert_row(l);
  known().locations.forget(l.id.value);
}

std::optional<Lot> SqliteTransaction::get_lot(LotId id) {
  static const std::string kSql = select<Lot>("WHERE id = ?");
  return row_of<Lot>(kSql, id);
}

std::optional<Lot> SqliteTransaction::find_lot(ProductId product, std::string_view number) {
  static const std::string kSql = select<Lot>("WHERE product_id = ? AND lot_number = ?");
  return row_of<Lot>(kSql, product, number);
}

std::vector<Lot> SqliteTransaction::find_lots_by_number(std::string_view number) {
  static const std::string kSql = select<Lot>("WHERE lot_number = ? ORDER BY id");
  return rows_of<Lot>(kSql, number);
}

void SqliteTransaction::put(const Lot& l) {
  upsert_row(l);
}

std::optional<SerialItem> SqliteTransaction::find_serial(ProductId product, std::string_view serial) {
  static const std::string kSql = select<SerialItem>("WHERE product_id = ? AND serial = ?");
  return row_of<SerialItem>(kSql, product, serial);
}

std::vector<SerialItem> SqliteTransaction::find_serials_by_code(std::string_view serial) {
  static const std::string kSql = select<SerialItem>("WHERE serial = ? ORDER BY product_id");
  return rows_of<SerialItem>(kSql, serial);
}

void SqliteTransaction::put(const SerialItem& s) {
  upsert_row(s);
}

void SqliteTransaction::put(const StockMove& m) {
  insert_row(m);
}

std::vector<StockMove> SqliteTransaction::list_moves(ProductId product) {
  static const std::string kSql = select<StockMove>("WHERE product_id = ? ORDER BY id");
  return rows_of<StockMove>(kSql, product);
}

std::optional<StockQuant> SqliteTransaction::get_quant(ProductId product, LocationId location, LotId lot) {
  // From the product's remembered quants if there are; a product may have many (a quant per
  // location and lot), so a look-up alone does not load them all.
  if (const auto* quants = known().quants.find(product.value)) {
    const auto it = std::find_if(quants->begin(), quants->end(),
                                 [&](const StockQuant& q) { return q.location == location && q.lot == lot; });
    return it == quants->end() ? std::nullopt : std::optional(*it);
  }
  static const std::string kSql = select<StockQuant>("WHERE product_id = ? AND location_id = ? AND lot_id = ?");
  return row_of<StockQuant>(kSql, product, location, lot);
}

void SqliteTransaction::put(const StockQuant& q) {
  upsert_row(q);
  if (auto* quants = known().quants.find(q.product.value)) {
    upsert_sorted(
        *quants, q, [](const StockQuant& x) { return std::pair(x.location.value, x.lot.value); },
        [&](StockQuant& x) { x.on_hand = q.on_hand; });  // the upsert changes nothing else
  }
}

std::vector<StockQuant> SqliteTransaction::list_quants(ProductId product) {
  return *known().quants.get(product.value, [&] {
    static const std::string kSql = select<StockQuant>("WHERE product_id = ? ORDER BY location_id, lot_id");
    return std::optional(rows_of<StockQuant>(kSql, product));
  });
}

std::vector<StockQuant> SqliteTransaction::list_quants_in_warehouse(WarehouseId warehouse) {
  static const std::string kSql = select<StockQuant>("WHERE warehouse_id = ? ORDER BY product_id, location_id, lot_id");
  return rows_of<StockQuant>(kSql, warehouse);
}

std::optional<WarehouseStock> SqliteTransaction::get_warehouse_stock(ProductId product, WarehouseId warehouse) {
  if (const auto* stock = known().warehouse_stock.find(product.value)) {
    const auto it = std::find_if(stock->begin(), stock->end(),
                                 [&](const WarehouseStock& w) { return w.warehouse == warehouse; });
    return it == stock->end() ? std::nullopt : std::optional(*it);
  }
  static const std::string kSql = select<WarehouseStock>("WHERE product_id = ? AND warehouse_id = ?");
  return row_of<WarehouseStock>(kSql, product, warehouse);
}

void SqliteTransaction::put(const WarehouseStock& w) {
  upsert_row(w);
  if (auto* stock = known().warehouse_stock.find(w.product.value)) {
    upsert_sorted(
        *stock, w, [](const WarehouseStock& x) { return x.warehouse.value; }, [&](WarehouseStock& x) { x = w; });
  }
}

std::vector<WarehouseStock> SqliteTransaction::list_warehouse_stock(ProductId product) {
  return *known().warehouse_stock.get(product.value, [&] {
    static const std::string kSql = select<WarehouseStock>("WHERE product_id = ? ORDER BY warehouse_id");
    return std::optional(rows_of<WarehouseStock>(kSql, product));
  });
}

std::optional<Valuation> SqliteTransaction::get_valuation(ProductId product) {
  return known().valuations.get(product.value, [&] {
    static const std::string kSql = select<Valuation>("WHERE product_id = ?");
    return row_of<Valuation>(kSql, product);
  });
}

void SqliteTransaction::put(const Valuation& v) {
  upsert_row(v);
  known().valuations.keep(v.product.value, v);
}

std::optional<Receipt> SqliteTransaction::get_receipt(ReceiptId id) {
  static const std::string kSql = select<Receipt>("WHERE id = ?");
  return receipt_where(kSql, id.value);
}

std::optional<Receipt> SqliteTransaction::find_receipt(std::string_view number) {
  static const std::string kSql = select<Receipt>("WHERE number = ?");
  return receipt_where(kSql, number);
}

void SqliteTransaction::put(const Receipt& r) {
  upsert_row(r);
  exec("DELETE FROM receipt_lines WHERE receipt_id = ?", r.id);
  for (std::size_t i = 0; i < r.lines.size(); ++i) insert_row(r.lines[i], r.id, static_cast<int>(i));
}

}  // namespace oms::sqlite
