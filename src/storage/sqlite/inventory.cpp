// The SQLite adapter's inventory: warehouses, bins, lots, serial numbers, the stock ledger and
// its balances, valuations and receipts.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Warehouse> SqliteTransaction::get_warehouse(WarehouseId id) {
  return known().warehouses.get(id.value, [&] {
    return one<Warehouse>("SELECT id, code, name, region, active FROM warehouses WHERE id = ?", read_warehouse, id);
  });
}

std::optional<Warehouse> SqliteTransaction::find_warehouse(std::string_view code) {
  return one<Warehouse>("SELECT id, code, name, region, active FROM warehouses WHERE code = ?", read_warehouse, code);
}

void SqliteTransaction::put(const Warehouse& w) {
  exec("INSERT INTO warehouses(id, code, name, region, active) VALUES(?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
       "code = excluded.code, name = excluded.name, region = excluded.region, active = excluded.active",
       w.id, w.code, w.name, w.region, w.active);
  known().warehouses.forget(w.id.value);
}

std::vector<Warehouse> SqliteTransaction::list_warehouses() {
  return all<Warehouse>("SELECT id, code, name, region, active FROM warehouses ORDER BY id", read_warehouse);
}

std::optional<Location> SqliteTransaction::get_location(LocationId id) {
  return known().locations.get(id.value, [&] {
    return one<Location>("SELECT id, warehouse_id, code, name FROM locations WHERE id = ?", read_location, id);
  });
}

std::optional<Location> SqliteTransaction::find_location(WarehouseId warehouse, std::string_view code) {
  return one<Location>("SELECT id, warehouse_id, code, name FROM locations WHERE warehouse_id = ? AND code = ?",
                       read_location, warehouse, code);
}

void SqliteTransaction::put(const Location& l) {
  exec("INSERT INTO locations(id, warehouse_id, code, name) VALUES(?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
       "code = excluded.code, name = excluded.name",
       l.id, l.warehouse, l.code, l.name);
  known().locations.forget(l.id.value);
}

std::optional<Lot> SqliteTransaction::get_lot(LotId id) {
  return one<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE id = ?", read_lot, id);
}

std::optional<Lot> SqliteTransaction::find_lot(ProductId product, std::string_view number) {
  return one<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE product_id = ? AND lot_number = ?", read_lot,
                  product, number);
}

std::vector<Lot> SqliteTransaction::find_lots_by_number(std::string_view number) {
  return all<Lot>("SELECT id, product_id, lot_number, expiry FROM lots WHERE lot_number = ? ORDER BY id", read_lot, number);
}

void SqliteTransaction::put(const Lot& l) {
  exec("INSERT INTO lots(id, product_id, lot_number, expiry) VALUES(?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
       "product_id = excluded.product_id, lot_number = excluded.lot_number, expiry = excluded.expiry",
       l.id, l.product, l.lot_number, l.expiry);
}

std::optional<SerialItem> SqliteTransaction::find_serial(ProductId product, std::string_view serial) {
  return one<SerialItem>("SELECT product_id, serial, lot_id, location_id, status FROM serials WHERE product_id = ? AND serial = ?",
                         read_serial, product, serial);
}

std::vector<SerialItem> SqliteTransaction::find_serials_by_code(std::string_view serial) {
  return all<SerialItem>("SELECT product_id, serial, lot_id, location_id, status FROM serials WHERE serial = ? ORDER BY product_id",
                         read_serial, serial);
}

void SqliteTransaction::put(const SerialItem& s) {
  exec("INSERT INTO serials(product_id, serial, lot_id, location_id, status) VALUES(?, ?, ?, ?, ?) "
       "ON CONFLICT(product_id, serial) DO UPDATE SET lot_id = excluded.lot_id, location_id = excluded.location_id, "
       "status = excluded.status",
       s.product, s.serial, s.lot, s.location, static_cast<int>(s.status));
}

void SqliteTransaction::put(const StockMove& m) {
  exec("INSERT INTO moves(id, at, kind, product_id, warehouse_id, location_id, lot_id, quantity, unit_cost, reference, "
       "reason, actor, serials) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
       m.id, m.at, static_cast<int>(m.kind), m.product, m.warehouse, m.location, m.lot, m.quantity, m.unit_cost,
       m.reference, m.reason, m.actor, body::text(m.serials));
}

std::vector<StockMove> SqliteTransaction::list_moves(ProductId product) {
  return all<StockMove>("SELECT id, at, kind, product_id, warehouse_id, location_id, lot_id, quantity, unit_cost, reference, "
                        "reason, actor, serials FROM moves WHERE product_id = ? ORDER BY id",
                        read_move, product);
}

std::optional<StockQuant> SqliteTransaction::get_quant(ProductId product, LocationId location, LotId lot) {
  // From the product's remembered quants if there are; a product may have many (a quant per
  // location and lot), so a look-up alone does not load them all.
  if (const auto* quants = known().quants.find(product.value)) {
    const auto it = std::find_if(quants->begin(), quants->end(),
                                 [&](const StockQuant& q) { return q.location == location && q.lot == lot; });
    return it == quants->end() ? std::nullopt : std::optional(*it);
  }
  return one<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants "
                         "WHERE product_id = ? AND location_id = ? AND lot_id = ?",
                         read_quant, product, location, lot);
}

void SqliteTransaction::put(const StockQuant& q) {
  exec("INSERT INTO quants(product_id, location_id, lot_id, warehouse_id, on_hand) VALUES(?, ?, ?, ?, ?) "
       "ON CONFLICT(product_id, location_id, lot_id) DO UPDATE SET on_hand = excluded.on_hand",
       q.product, q.location, q.lot, q.warehouse, q.on_hand);
  if (auto* quants = known().quants.find(q.product.value)) {
    upsert_sorted(
        *quants, q, [](const StockQuant& x) { return std::pair(x.location.value, x.lot.value); },
        [&](StockQuant& x) { x.on_hand = q.on_hand; });  // the upsert changes nothing else
  }
}

std::vector<StockQuant> SqliteTransaction::list_quants(ProductId product) {
  return *known().quants.get(product.value, [&] {
    return std::optional(all<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants "
                                         "WHERE product_id = ? ORDER BY location_id, lot_id",
                                         read_quant, product));
  });
}

std::vector<StockQuant> SqliteTransaction::list_quants_in_warehouse(WarehouseId warehouse) {
  return all<StockQuant>("SELECT product_id, location_id, lot_id, warehouse_id, on_hand FROM quants WHERE warehouse_id = ? "
                         "ORDER BY product_id, location_id, lot_id",
                         read_quant, warehouse);
}

std::optional<WarehouseStock> SqliteTransaction::get_warehouse_stock(ProductId product, WarehouseId warehouse) {
  if (const auto* stock = known().warehouse_stock.find(product.value)) {
    const auto it = std::find_if(stock->begin(), stock->end(),
                                 [&](const WarehouseStock& w) { return w.warehouse == warehouse; });
    return it == stock->end() ? std::nullopt : std::optional(*it);
  }
  return one<WarehouseStock>("SELECT product_id, warehouse_id, on_hand, reserved FROM warehouse_stock "
                             "WHERE product_id = ? AND warehouse_id = ?",
                             read_warehouse_stock, product, warehouse);
}

void SqliteTransaction::put(const WarehouseStock& w) {
  exec("INSERT INTO warehouse_stock(product_id, warehouse_id, on_hand, reserved) VALUES(?, ?, ?, ?) "
       "ON CONFLICT(product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved",
       w.product, w.warehouse, w.on_hand, w.reserved);
  if (auto* stock = known().warehouse_stock.find(w.product.value)) {
    upsert_sorted(
        *stock, w, [](const WarehouseStock& x) { return x.warehouse.value; }, [&](WarehouseStock& x) { x = w; });
  }
}

std::vector<WarehouseStock> SqliteTransaction::list_warehouse_stock(ProductId product) {
  return *known().warehouse_stock.get(product.value, [&] {
    return std::optional(all<WarehouseStock>("SELECT product_id, warehouse_id, on_hand, reserved FROM warehouse_stock "
                                             "WHERE product_id = ? ORDER BY warehouse_id",
                                             read_warehouse_stock, product));
  });
}

std::optional<Valuation> SqliteTransaction::get_valuation(ProductId product) {
  return known().valuations.get(product.value, [&] {
    return one<Valuation>("SELECT product_id, quantity, average_cost FROM valuations WHERE product_id = ?",
                          [](Row& r) {
                            Valuation v;
                            v.product = r.id<ProductId>();
                            v.quantity = r.dec();
                            v.average_cost = r.dec();
                            return v;
                          },
                          product);
  });
}

void SqliteTransaction::put(const Valuation& v) {
  exec("INSERT INTO valuations(product_id, quantity, average_cost) VALUES(?, ?, ?) ON CONFLICT(product_id) DO UPDATE SET "
       "quantity = excluded.quantity, average_cost = excluded.average_cost",
       v.product, v.quantity, v.average_cost);
  known().valuations.keep(v.product.value, v);
}

std::optional<Receipt> SqliteTransaction::get_receipt(ReceiptId id) { return receipt_where(schema::kReceiptById, id.value); }

std::optional<Receipt> SqliteTransaction::find_receipt(std::string_view number) { return receipt_where(schema::kReceiptByNumber, number); }

void SqliteTransaction::put(const Receipt& r) {
  exec("INSERT INTO receipts(id, number, date, warehouse_id, supplier, reference, actor, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT(id) DO UPDATE SET number = excluded.number, date = excluded.date, warehouse_id = excluded.warehouse_id, "
       "supplier = excluded.supplier, reference = excluded.reference, actor = excluded.actor, "
       "created_at = excluded.created_at",
       r.id, r.number, r.date, r.warehouse, r.supplier, r.reference, r.actor, r.created_at);
  exec("DELETE FROM receipt_lines WHERE receipt_id = ?", r.id);
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    const ReceiptLine& l = r.lines[i];
    exec("INSERT INTO receipt_lines(receipt_id, position, product_id, location_id, lot_id, quantity, unit_cost, serials) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
         r.id, static_cast<int>(i), l.product, l.location, l.lot, l.quantity, l.unit_cost, body::text(l.serials));
  }
}

}  // namespace oms::sqlite
