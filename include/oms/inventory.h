// Stock: warehouses, locations, lots, serial numbers, the ledger of moves, balances and
// valuation.
//
// Stock is a ledger. Every change of on-hand quantity is a StockMove; StockQuant (product x
// location x lot) and WarehouseStock (product x warehouse) are balances kept in the same unit of
// work as the moves, so that on hand always equals the sum of the moves. Reservations are held
// per product x warehouse (lots and bins are chosen at picking): available = on hand - reserved,
// and never below zero.
//
// Thread safety: plain value types; thread-compatible.
#ifndef OMS_INVENTORY_H_
#define OMS_INVENTORY_H_

#include <optional>
#include <string>
#include <vector>

#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms {

struct Warehouse {
  WarehouseId id;
  std::string code;  // unique
  std::string name;
  std::string region;
  bool active = true;
};

// A bin location (货位) inside a warehouse. Its code is unique within the warehouse.
struct Location {
  LocationId id;
  WarehouseId warehouse;
  std::string code;
  std::string name;
};

struct Lot {
  LotId id;
  ProductId product;
  std::string lot_number;  // unique per product
  std::optional<Date> expiry;
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class SerialStatus { kInStock, kShipped, kLost };
OMS_API std::string_view to_string(SerialStatus s) noexcept;

struct SerialItem {
  ProductId product;
  std::string serial;  // unique per product
  LotId lot;
  LocationId location;
  SerialStatus status = SerialStatus::kInStock;
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class MoveKind { kReceipt, kIssue, kTransferOut, kTransferIn, kAdjustment, kReturn };
OMS_API std::string_view to_string(MoveKind k) noexcept;

struct StockMove {
  MoveId id;
  Timestamp at;
  MoveKind kind = MoveKind::kReceipt;
  ProductId product;
  WarehouseId warehouse;
  LocationId location;
  LotId lot;
  Decimal quantity;   // signed: + into the location, - out of it
  Decimal unit_cost;  // valuation cost per unit of this move
  std::string reference;  // receipt number, transfer or stocktake reference, order number
  std::string reason;
  std::string actor;
  std::vector<std::string> serials;
};

struct StockQuant {
  ProductId product;
  LocationId location;
  LotId lot;
  WarehouseId warehouse;
  Decimal on_hand;
};

struct WarehouseStock {
  ProductId product;
  WarehouseId warehouse;
  Decimal on_hand;
  Decimal reserved;
  Decimal available() const { return on_hand - reserved; }
};

// Moving-average valuation of a product across all warehouses.
struct Valuation {
  ProductId product;
  Decimal quantity;
  Decimal average_cost;  // per unit, 6 decimal places, in the engine's cost currency
};

struct ReceiptLine {
  ProductId product;
  LocationId location;
  LotId lot;
  Decimal quantity;
  Decimal unit_cost;
  std::vector<std::string> serials;
};

// 入库单
struct Receipt {
  ReceiptId id;
  std::string number;  // unique
  Date date{};
  WarehouseId warehouse;
  std::string supplier;
  std::string reference;
  std::string actor;
  Timestamp created_at;
  std::vector<ReceiptLine> lines;
};

// --- Inputs: natural keys (SKU, codes) so that imports and scripts need no id look-ups. ---

struct ReceiptLineSpec {
  std::string sku;
  std::string location;  // location code in the receipt's warehouse
  Decimal quantity;
  Decimal unit_cost;     // in the engine's cost currency
  std::string lot_number;        // required for lot-tracked products
  std::optional<Date> expiry;    // for a new lot
  std::vector<std::string> serials;  // serial-tracked: exactly `quantity` serials
};

struct ReceiptSpec {
  std::string number;  // empty: generated ("RC-..." by the receipt number rule)
  std::optional<Date> date;  // default: today
  std::string warehouse;
  std::string supplier;
  std::string reference;
  std::vector<ReceiptLineSpec> lines;
};

struct TransferSpec {
  std::string sku;
  std::string from_warehouse;
  std::string from_location;
  std::string to_warehouse;
  std::string to_location;
  Decimal quantity;
  std::string lot_number;            // lot-tracked: which lot moves
  std::vector<std::string> serials;  // serial-tracked: which items move
  std::string reference;
  std::string reason;
};

// One counted line of a stocktake (盘点). The difference to the book quantity is posted as an
// adjustment move with the reason.
struct StocktakeLine {
  std::string sku;
  std::string location;
  std::string lot_number;
  Decimal counted;
  std::vector<std::string> serials;  // serial-tracked: the serials found (counted = their number)
  std::string reason;
};

struct StocktakeSpec {
  std::string warehouse;
  std::string reference;
  std::vector<StocktakeLine> lines;
};

struct StocktakeResult {
  std::vector<StockMove> adjustments;  // one per line whose count differed
};

// Stock of a product in one warehouse with its quants.
struct StockPosition {
  WarehouseId warehouse;
  std::string warehouse_code;
  Decimal on_hand;
  Decimal reserved;
  Decimal available;
  std::vector<StockQuant> quants;
};

struct StockReport {
  ProductId product;
  std::string sku;
  Decimal on_hand;
  Decimal reserved;
  Decimal available;  // available to sell (可售数量) across warehouses
  std::vector<StockPosition> warehouses;
};

// Filters for Engine::stock_levels; empty fields do not filter. At least the SKU or the
// warehouse must be given.
struct StockQuery {
  std::string sku;
  std::string warehouse;
  std::string location;    // requires warehouse
  std::string lot_number;  // requires sku
  bool include_empty = false;  // also quants whose on hand is 0
};

// On hand at one product x location x lot, with natural keys for display and export.
struct StockLevel {
  std::string sku;
  std::string warehouse;
  std::string location;
  std::string lot_number;
  std::optional<Date> expiry;
  Decimal on_hand;
};

// What a scanned code finds (barcode, SKU, lot number or serial).
struct ScanResult {
  std::string code;
  ProductId product;
  std::string sku;
  std::optional<Lot> lot;
  std::optional<SerialItem> serial;
  std::vector<Receipt> receipts;  // the receipts that brought the product (or that lot) in
};

}  // namespace oms

#endif  // OMS_INVENTORY_H_
