// The schema of fulfilment: shipments, picking, tracking, exceptions and returns
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_FULFILMENT_H_
#define OMS_SCHEMA_FULFILMENT_H_

#include "oms/schema/core.h"
#include "oms/fulfilment.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_FULFILMENT(S, E, N)                                                                      \
  E(ShipmentState)                                                                                          \
  E(ShipmentAction)                                                                                         \
  E(PickingRule)                                                                                            \
  E(TrackingStatus)                                                                                         \
  E(ExceptionKind)                                                                                          \
  E(ReturnDisposition)                                                                                      \
  E(ReturnSettlement)                                                                                       \
  S(Pick, location, location_code, lot, lot_number, expiry, quantity, serials, unit_cost, returned)         \
  S(ShipmentLine, line_no, order, order_number, order_line_no, product, sku, unit, quantity, picks, cost,   \
      returned, invoiced)                                                                                   \
  S(TrackingEvent, at, status, carrier_status, location, text, recorded_at)                                 \
  S(ShipmentException, number, kind, raised_at, detail, resolved, resolved_at, resolved_by, resolution)     \
  S(ShipmentStateChange, from, to, action, actor, at, reason)                                               \
  S(Shipment, id, number, customer, customer_code, warehouse, warehouse_code, ship_to, state, carrier,      \
      tracking_number, promised_date, picking, allow_expired, lines, tracking, exceptions, history,         \
      created_by, created_at, shipped_at, delivered_at, instructions)                                       \
  S(ShipmentTransition, from, action, to)                                                                   \
  S(LotChoice, lot_number, location, quantity)                                                              \
  S(ShipmentLineSpec, order_number, line_no, quantity, lots, serials)                                       \
  S(ShipmentSpec, number, warehouse, orders, lines, reserved_only, carrier, tracking_number, promised_date, \
      picking, allow_expired, allow_mixed_destinations, instructions)                                       \
  S(TrackingUpdate, at, status, carrier_status, location, text)                                             \
  S(OpenException, shipment_number, customer_code, shipment_state, exception)                               \
  S(ReturnLine, line_no, shipment_line_no, order, order_number, order_line_no, product, sku, quantity,      \
      disposition, restocked, reason, value)                                                                \
  S(CustomerReturn, id, number, shipment, shipment_number, customer, customer_code, warehouse, date, lines, \
      settlement, credit_note_number, refund_numbers, credited, reason, actor, created_at)                  \
  S(ReturnLineSpec, shipment_line_no, quantity, disposition, location, serials, reason)                     \
  S(ReturnSpec, number, shipment, date, lines, settlement, refund_method, reason)

namespace oms::fields {

OMS_SCHEMA_FULFILMENT(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

OMS_COMPUTED(Shipment, has_open_exception, goods_issued)

static_assert(kShipmentStateCount == enum_count<ShipmentState>());
static_assert(kShipmentActionCount == enum_count<ShipmentAction>());

}  // namespace oms::fields

#endif  // OMS_SCHEMA_FULFILMENT_H_
