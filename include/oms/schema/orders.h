// The schema of orders: lines, amounts, the lifecycle, revisions and review
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_ORDERS_H_
#define OMS_SCHEMA_ORDERS_H_

#include "oms/schema/core.h"
#include "oms/order.h"
#include "oms/storage.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_ORDERS(S, E, N)                                                                               \
  E(OrderState)                                                                                                  \
  E(OrderAction)                                                                                                 \
  E(Priority)                                                                                                    \
  E(Progress)                                                                                                    \
  E(InvoicePolicy)                                                                                               \
  N(DiscountKind, "none", "percent", "amount")                                                                   \
  N(HoldKind, "none", "credit", "exception")                                                                     \
  N(Severity, "warning", "error")                                                                                \
  S(Discount, kind, value)                                                                                       \
  S(Allocation, warehouse, quantity)                                                                             \
  S(LineAmounts, gross, discount, order_discount, net, tax, total, cost, margin)                                 \
  S(OrderLine, line_no, product, sku, description, quantity, unit, unit_price, price_source,                     \
      price_overridden, price_includes_tax, discount, tax_class, tax_rate, gift, gift_for_line, unit_cost,       \
      amounts, shipped, closed, in_shipment, returned, invoiced, allocations, note)                              \
  S(OrderTotals, gross, discount, order_discount, net, tax, total, cost, margin, margin_percent)                 \
  S(StateChange, from, to, action, actor, at, reason)                                                            \
  S(OrderRevision, number, actor, at, reason, previous_requested_delivery, previous_lines, previous_totals)      \
  S(ExternalRef, source, id)                                                                                     \
  S(Order, id, number, external, customer, customer_code, channel, salesperson, order_date,                      \
      requested_delivery, priority, currency, notes, customer_reference, ship_to, prices_include_tax, state,     \
      held_from, hold_kind, hold_reason, lines, promotions, totals, invoice_policy, billable, invoiced, paid,     \
      revision, revisions, history, created_by, created_at, approved_by, approved_at, next_line_no)              \
  S(OrderQuery, customer_code, states, from, to, limit)                                                               \
  S(OrderTransition, from, action, to)                                                                           \
  S(NewOrderLine, sku, quantity, unit_price, discount, gift, note)                                               \
  S(NewOrder, number, external, customer_code, new_customer, channel, salesperson, order_date,                   \
      requested_delivery, priority, currency, notes, customer_reference, ship_to, prices_include_tax,            \
      invoice_policy, lines)                                                                                     \
  S(OrderIntake, order, created)                                                                                 \
  S(LineChange, line_no, quantity, unit_price, discount, remove)                                                 \
  S(Amendment, requested_delivery, changes, add, reason)                                                         \
  S(Finding, severity, code, field, line_no, message)                                                            \
  S(Review, findings, credit_hold)                                                                               \
  S(SubmitResult, review, order)                                                                                 \
  S(ConfirmedLine, line_no, sku, description, quantity, reserved, backordered, unit_price, total)                \
  S(Confirmation, order, customer_name, lines)                                                                   \
  S(AllocationResult, order_number, line_no, sku, warehouse, quantity)                                           \
  S(AllocationRun, reserved, orders_examined)

namespace oms::fields {

OMS_SCHEMA_ORDERS(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

OMS_COMPUTED(OrderLine, reserved, open_quantity, unreserved, unassigned, billable_quantity)
OMS_COMPUTED(Order, backordered, shipment_progress, invoice_progress, payment_progress)
OMS_COMPUTED(Review, blocked)

static_assert(kOrderStateCount == enum_count<OrderState>());
static_assert(kOrderActionCount == enum_count<OrderAction>());

}  // namespace oms::fields

#endif  // OMS_SCHEMA_ORDERS_H_
