// Fulfilment documents: shipments (出库) with picking, tracking and exceptions, and customer
// returns.
//
// A shipment leaves one warehouse and carries lines of one or more orders (合并出库); an order may
// go out over several shipments (拆分出库). A shipment line never carries more than its order
// line's confirmed quantity not yet shipped and not on another shipment. Goods issue (the
// `ship` step) takes the picked lots out of stock, consumes the order's reservation and records
// the cost of goods from the valuation.
//
// Thread safety: plain value types; thread-compatible.
#ifndef OMS_FULFILMENT_H_
#define OMS_FULFILMENT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oms/customer.h"
#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms {

// ---------------------------------------------------------------------------------------------
// Shipment state machine
// ---------------------------------------------------------------------------------------------

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class ShipmentState {
  kDraft,      // lines chosen; stock stays reserved for the orders
  kPicked,     // lots, bins and serials chosen
  kPacked,
  kShipped,    // goods issue: on hand and reservation went down
  kInTransit,
  kDelivered,  // 签收
  kCancelled,  // only before goods issue
};
inline constexpr int kShipmentStateCount = 7;

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class ShipmentAction { kPick, kPack, kShip, kDepart, kDeliver, kCancel };
inline constexpr int kShipmentActionCount = 6;

OMS_API std::string_view to_string(ShipmentState s) noexcept;
OMS_API std::string_view to_string(ShipmentAction a) noexcept;

struct ShipmentTransition {
  ShipmentState from;
  ShipmentAction action;
  ShipmentState to;
};

// Every legal shipment transition; every pair not in it is refused.
OMS_API std::span<const ShipmentTransition> shipment_transitions() noexcept;
OMS_API std::optional<ShipmentState> next_shipment_state(ShipmentState from, ShipmentAction action) noexcept;

// ---------------------------------------------------------------------------------------------
// Shipments
// ---------------------------------------------------------------------------------------------

// Which lots picking takes first when the caller names none.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class PickingRule {
  kFefo,  // earliest expiry first; lots without expiry last; then as kFifo
  kFifo,  // the lot received first (lowest lot id), then bin code
};
OMS_API std::string_view to_string(PickingRule r) noexcept;

// Stock taken from one bin and lot for a shipment line.
struct Pick {
  LocationId location;
  std::string location_code;
  LotId lot;
  std::string lot_number;
  std::optional<Date> expiry;
  Decimal quantity;
  std::vector<std::string> serials;
  Decimal unit_cost;  // valuation cost at goods issue (cost currency)
  Decimal returned;   // came back on returns
};

struct ShipmentLine {
  int line_no = 0;
  OrderId order;
  std::string order_number;
  int order_line_no = 0;
  ProductId product;
  std::string sku;
  std::string unit;
  Decimal quantity;
  std::vector<Pick> picks;  // filled by picking
  Money cost;               // cost of goods at goods issue (cost currency)
  Decimal returned;
  Decimal invoiced;  // billed on invoices made per shipment
};

// What a carrier reported. Free text from the carrier stays in `carrier_status`.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class TrackingStatus {
  kAccepted,        // the carrier took the parcel
  kInTransit,
  kOutForDelivery,
  kDelivered,       // signed for
  kDelayed,
  kDamaged,
  kLost,
  kInfo,            // anything else; recorded only
};
OMS_API std::string_view to_string(TrackingStatus s) noexcept;

struct TrackingEvent {
  Timestamp at;  // when it happened, as the carrier says
  TrackingStatus status = TrackingStatus::kInfo;
  std::string carrier_status;
  std::string location;
  std::string text;
  Timestamp recorded_at;  // when the engine heard of it
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class ExceptionKind { kDelayed, kDamaged, kLost };
OMS_API std::string_view to_string(ExceptionKind k) noexcept;

// A problem flagged on a shipment (异常处理); open until resolved.
struct ShipmentException {
  int number = 0;  // 1, 2, ... within the shipment
  ExceptionKind kind = ExceptionKind::kDelayed;
  Timestamp raised_at;
  std::string detail;
  bool resolved = false;
  std::optional<Timestamp> resolved_at;
  std::string resolved_by;
  std::string resolution;
};

struct ShipmentStateChange {
  ShipmentState from = ShipmentState::kDraft;
  ShipmentState to = ShipmentState::kDraft;
  ShipmentAction action = ShipmentAction::kPick;
  std::string actor;
  Timestamp at;
  std::string reason;
};

struct Shipment {
  ShipmentId id;
  std::string number;
  CustomerId customer;  // of the first order
  std::string customer_code;
  WarehouseId warehouse;
  std::string warehouse_code;
  std::optional<Address> ship_to;
  ShipmentState state = ShipmentState::kDraft;
  std::string carrier;
  std::string tracking_number;
  std::optional<Date> promised_date;  // delivery promised to the customer
  PickingRule picking = PickingRule::kFefo;
  bool allow_expired = false;
  std::vector<ShipmentLine> lines;
  std::vector<TrackingEvent> tracking;
  std::vector<ShipmentException> exceptions;
  std::vector<ShipmentStateChange> history;
  std::string created_by;
  Timestamp created_at;
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;
  // For the carrier and the driver, as the shipment was created with them ("call before
  // delivery", "dock 3"): printed on the delivery note, never checked.
  std::string instructions;

  bool has_open_exception() const;
  // Goods issued and not cancelled: shipped, in transit or delivered.
  bool goods_issued() const;
  // Not gone out yet: draft, picked or packed. Until goods issue its picks hold stock in their
  // bins.
  bool before_goods_issue() const;
  // The products of its lines, each once, in id order.
  std::vector<ProductId> products() const;
  const ShipmentLine* line(int line_no) const;
  ShipmentLine* line(int line_no);
};

// A lot (and bin) the caller wants a line picked from.
struct LotChoice {
  std::string lot_number;
  std::string location;  // empty: any bin holding the lot
  Decimal quantity;
};

struct ShipmentLineSpec {
  std::string order_number;
  int line_no = 0;
  std::optional<Decimal> quantity;  // default: all of the line's quantity no shipment carries
  std::vector<LotChoice> lots;      // default: by the picking rule
  std::vector<std::string> serials;  // serial-tracked products: which items
};

struct ShipmentSpec {
  std::string number;     // empty: generated by EngineOptions::shipment_numbers
  std::string warehouse;  // empty: the one warehouse holding the lines' reservations
  std::vector<std::string> orders;  // whole orders: every line's unassigned quantity
  std::vector<ShipmentLineSpec> lines;  // and/or single lines, whole or partly
  // With whole orders: only what is reserved in the warehouse (lines reserved nowhere there are
  // left out) instead of every open quantity.
  bool reserved_only = false;
  std::string carrier;
  std::string tracking_number;
  std::optional<Date> promised_date;
  PickingRule picking = PickingRule::kFefo;
  bool allow_expired = false;
  // Orders of different customers or ship-to addresses in one shipment are refused unless set.
  bool allow_mixed_destinations = false;
  std::string instructions;  // Shipment::instructions
};

// A tracking event fed in from a carrier's system.
struct TrackingUpdate {
  std::optional<Timestamp> at;  // default: now
  TrackingStatus status = TrackingStatus::kInfo;
  std::string carrier_status;
  std::string location;
  std::string text;
};

// An open exception with the shipment it is on.
struct OpenException {
  std::string shipment_number;
  std::string customer_code;
  ShipmentState shipment_state = ShipmentState::kDraft;
  ShipmentException exception;
};

// ---------------------------------------------------------------------------------------------
// Returns (退货)
// ---------------------------------------------------------------------------------------------

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class ReturnDisposition {
  kRestock,  // back into stock at the given bin, at the cost it left with
  kScrap,    // received and written off: stock does not come back
};
OMS_API std::string_view to_string(ReturnDisposition d) noexcept;

// How the customer is made whole for the invoiced part of the return.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class ReturnSettlement {
  kCreditNote,  // a credit note: applied to the order's open invoices, the rest is credit
  kRefund,      // a credit note refunded at once
  kNone,        // nothing (e.g. a replacement follows)
};
OMS_API std::string_view to_string(ReturnSettlement s) noexcept;

struct ReturnLine {
  int line_no = 0;
  int shipment_line_no = 0;
  OrderId order;
  std::string order_number;
  int order_line_no = 0;
  ProductId product;
  std::string sku;
  Decimal quantity;
  ReturnDisposition disposition = ReturnDisposition::kRestock;
  std::vector<Pick> restocked;  // where it went back (restock), by lot
  std::string reason;
  Money value;  // the returned quantity's share of the order line total
};

struct CustomerReturn {
  ReturnId id;
  std::string number;
  ShipmentId shipment;
  std::string shipment_number;
  CustomerId customer;
  std::string customer_code;
  WarehouseId warehouse;
  Date date{};
  std::vector<ReturnLine> lines;
  ReturnSettlement settlement = ReturnSettlement::kCreditNote;
  std::string credit_note_number;  // empty when nothing invoiced was returned
  std::vector<std::string> refund_numbers;  // kRefund: one per payment (or the credit note) paid back
  Money credited;  // credit note total
  std::string reason;
  std::string actor;
  Timestamp created_at;
};

struct ReturnLineSpec {
  int shipment_line_no = 0;
  Decimal quantity;
  ReturnDisposition disposition = ReturnDisposition::kRestock;
  std::string location;  // restock bin in the shipment's warehouse; default: where it was picked
  std::vector<std::string> serials;  // serial-tracked products: which items came back
  std::string reason;
};

struct ReturnSpec {
  std::string number;  // empty: generated by EngineOptions::return_numbers
  std::string shipment;
  std::optional<Date> date;
  std::vector<ReturnLineSpec> lines;
  ReturnSettlement settlement = ReturnSettlement::kCreditNote;
  std::string refund_method;  // for kRefund
  std::string reason;
};

}  // namespace oms

#endif  // OMS_FULFILMENT_H_
