// The schema of stock: warehouses, bins, lots, serial numbers, the ledger and its balances
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_INVENTORY_H_
#define OMS_SCHEMA_INVENTORY_H_

#include "oms/schema/core.h"
#include "oms/inventory.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_INVENTORY(S, E, N)                                                                            \
  E(SerialStatus)                                                                                                \
  E(MoveKind)                                                                                                    \
  S(Warehouse, id, code, name, region, active)                                                                   \
  S(Location, id, warehouse, code, name)                                                                         \
  S(Lot, id, product, lot_number, expiry)                                                                        \
  S(SerialItem, product, serial, lot, location, status)                                                          \
  S(StockMove, id, at, kind, product, warehouse, location, lot, quantity, unit_cost, reference, reason,          \
      actor, serials)                                                                                            \
  S(StockQuant, product, location, lot, warehouse, on_hand)                                                      \
  S(WarehouseStock, product, warehouse, on_hand, reserved)                                                       \
  S(Valuation, product, quantity, average_cost)                                                                  \
  S(ReceiptLine, product, location, lot, quantity, unit_cost, serials)                                           \
  S(Receipt, id, number, date, warehouse, supplier, reference, actor, created_at, lines)                         \
  S(ReceiptLineSpec, sku, location, quantity, unit_cost, lot_number, expiry, serials)                            \
  S(ReceiptSpec, number, date, warehouse, supplier, reference, lines)                                            \
  S(TransferSpec, sku, from_warehouse, from_location, to_warehouse, to_location, quantity, lot_number,           \
      serials, reference, reason)                                                                                \
  S(StocktakeLine, sku, location, lot_number, counted, serials, reason)                                          \
  S(StocktakeSpec, warehouse, reference, lines)                                                                  \
  S(StocktakeResult, adjustments)                                                                                \
  S(StockPosition, warehouse, warehouse_code, on_hand, reserved, available, quants)                              \
  S(StockReport, product, sku, on_hand, reserved, available, warehouses)                                         \
  S(StockQuery, sku, warehouse, location, lot_number, include_empty)                                             \
  S(StockLevel, sku, warehouse, location, lot_number, expiry, on_hand)                                           \
  S(ScanResult, code, product, sku, lot, serial, receipts)

namespace oms::fields {

OMS_SCHEMA_INVENTORY(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

OMS_COMPUTED(WarehouseStock, available)

}  // namespace oms::fields

#endif  // OMS_SCHEMA_INVENTORY_H_
