// Sales orders: header, lines, amounts, the lifecycle state machine, review findings and
// amendments (revisions).
//
// Thread safety: plain value types; thread-compatible.
#ifndef OMS_ORDER_H_
#define OMS_ORDER_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oms/catalog.h"
#include "oms/customer.h"
#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms {

// ---------------------------------------------------------------------------------------------
// Lifecycle state machine
// ---------------------------------------------------------------------------------------------

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class OrderState {
  kDraft,
  kSubmitted,         // awaiting review / approval
  kConfirmed,         // approved: stock reserved (or backordered)
  kPartiallyShipped,
  kShipped,
  kDelivered,         // 签收
  kCompleted,
  kClosed,            // short-closed before anything shipped
  kCancelled,
  kOnHold,            // exception or credit hold; resumes to the state it was held in
};
inline constexpr int kOrderStateCount = 10;

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class OrderAction {
  kSubmit,       // draft -> submitted (runs the review)
  kReject,       // submitted -> draft (reviewer sends it back)
  kApprove,      // submitted -> confirmed (reserves stock)
  kAmend,        // a numbered revision; the state stays
  kHold,         // -> on hold
  kResume,       // on hold -> the state it was held in
  kCancel,       // releases reservations
  kShortClose,   // closes the unshipped remainder
  kShipPartial,  // goods issue of part of the order (fulfilment)
  kShipAll,      // goods issue of the last open quantity (fulfilment)
  kDeliver,      // proof of delivery (fulfilment)
  kComplete,
};
inline constexpr int kOrderActionCount = 12;

OMS_API std::string_view to_string(OrderState s) noexcept;
OMS_API std::string_view to_string(OrderAction a) noexcept;

struct OrderTransition {
  OrderState from;
  OrderAction action;
  OrderState to;  // for kResume: the state the order was held in (`to` is kOnHold as a marker)
};

// The whole transition table; every (state, action) pair not in it is illegal. Guards on top
// of the table: cancelling an order that was held after partial shipment is refused (nothing
// shipped may be cancelled).
OMS_API std::span<const OrderTransition> order_transitions() noexcept;

// The target state of `action` from `from`, or nullopt if the table has no such transition.
// `held_from` is consulted only for kResume.
OMS_API std::optional<OrderState> next_order_state(OrderState from, OrderAction action,
                                                   OrderState held_from = OrderState::kDraft) noexcept;

// True for states in which the order still counts as open demand (credit exposure, reservations).
OMS_API bool is_open_state(OrderState s) noexcept;

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class Priority { kLow = 0, kNormal = 1, kHigh = 2, kUrgent = 3 };
OMS_API std::string_view to_string(Priority p) noexcept;

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class DiscountKind { kNone, kPercent, kAmount };

// A line discount: kPercent with value 10 means 10 % off; kAmount is an amount off the line in
// the order currency.
struct Discount {
  DiscountKind kind = DiscountKind::kNone;
  Decimal value;
  static Discount none() { return {}; }
  static Discount percent(Decimal v) { return {DiscountKind::kPercent, std::move(v)}; }
  static Discount amount(Decimal v) { return {DiscountKind::kAmount, std::move(v)}; }
  friend bool operator==(const Discount&, const Discount&) = default;
};

// Stock reserved for a line in one warehouse.
struct Allocation {
  WarehouseId warehouse;
  Decimal quantity;
  friend bool operator==(const Allocation&, const Allocation&) = default;
};

// Amounts of one line, in the order currency, each rounded to its minor units (docs/ROUNDING.md):
//   gross          = round(qty x unit price)
//   discount       = gross - round(qty x unit price x (1 - pct))   or the amount discount
//   order_discount = this line's share of order-level promotions (largest remainder)
//   net            = gross - discount - order_discount  (excludes tax)
//   tax            = per line round(net x rate), or this line's share of the document tax
//   total          = net + tax
//   cost           = round(qty x unit cost snapshot)
//   margin         = net - cost
// For tax-inclusive prices the same steps run on tax-inclusive amounts, then
//   tax = round(total x rate / (1 + rate)) and net = total - tax.
struct LineAmounts {
  Money gross;
  Money discount;
  Money order_discount;
  Money net;
  Money tax;
  Money total;
  Money cost;
  Money margin;
};

struct OrderLine {
  int line_no = 0;  // stable; never reused within an order
  ProductId product;
  std::string sku;
  std::string description;
  Decimal quantity;
  std::string unit;
  Money unit_price;
  PriceSource price_source;
  bool price_overridden = false;  // a manual price survives re-pricing
  bool price_includes_tax = false;
  Discount discount;
  std::string tax_class;
  Decimal tax_rate;
  bool gift = false;        // 加赠: zero-priced
  int gift_for_line = 0;    // for promotion gift lines: the line that earned it (generated)
  Money unit_cost;          // cost snapshot (moving average, else standard cost)
  LineAmounts amounts;
  // Fulfilment progress (quantities in the line's unit).
  Decimal shipped;
  Decimal closed;       // short-closed remainder
  Decimal in_shipment;  // on shipments not yet goods-issued
  Decimal returned;     // came back on returns
  Decimal invoiced;     // billed by quantity (instalments by amount do not count here)
  std::vector<Allocation> allocations;
  std::string note;

  Decimal reserved() const;
  // What still has to go out: quantity - shipped - closed.
  Decimal open_quantity() const { return quantity - shipped - closed; }
  // Open quantity not covered by a reservation (backorder, once the order is confirmed).
  Decimal unreserved() const { return open_quantity() - reserved(); }
  // Open quantity that no shipment carries yet: what a new shipment may take.
  Decimal unassigned() const { return open_quantity() - in_shipment; }
  // What the customer will be billed for: quantity - closed - returned.
  Decimal billable_quantity() const { return quantity - closed - returned; }
};

// Invoicing policy (开票依据) of an order: invoices may bill up to the ordered quantity (less
// short-closed and returned) or up to the shipped quantity (less returned).
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class InvoicePolicy { kOnOrdered, kOnShipped };
OMS_API std::string_view to_string(InvoicePolicy p) noexcept;

// The quantity of `line` that invoices may bill under `policy`.
OMS_API Decimal invoiceable_quantity(const OrderLine& line, InvoicePolicy policy);

// The amount of the first `quantity` units of a line (net, tax and total), rounded to the
// currency: round(line amount x quantity / line quantity). Partial invoices and credits bill the
// difference of two cumulative values, so that the parts of a line always add up to its amounts
// exactly (docs/ROUNDING.md).
struct LineValue {
  Money net;
  Money tax;
  Money total;
};
OMS_API LineValue cumulative_line_value(const OrderLine& line, const Decimal& quantity, RoundingMode mode);

struct OrderTotals {
  Money gross;
  Money discount;        // line discounts
  Money order_discount;  // order-level promotions
  Money net;
  Money tax;
  Money total;
  Money cost;
  Money margin;
  Decimal margin_percent;  // margin / net x 100, 2 places half-even; 0 when net is 0
};

enum class Progress { kNone, kPartial, kFull };
OMS_API std::string_view to_string(Progress p) noexcept;

struct StateChange {
  OrderState from = OrderState::kDraft;
  OrderState to = OrderState::kDraft;
  OrderAction action = OrderAction::kSubmit;
  std::string actor;
  Timestamp at;
  std::string reason;
};

// A numbered amendment with the values before it (订单变更).
struct OrderRevision {
  int number = 0;  // 1 for the first amendment
  std::string actor;
  Timestamp at;
  std::string reason;
  std::optional<Date> previous_requested_delivery;
  std::vector<OrderLine> previous_lines;
  OrderTotals previous_totals;
};

// Engine::list_orders's filters; empty fields do not filter, and the orders come in the order they
// were created. A customer code that names no customer is refused (kNotFound, field
// "customer_code"), not taken for a customer without orders.
struct OrderQuery {
  std::string customer_code;
  std::vector<OrderState> states;
  std::optional<Date> from;  // order date, inclusive
  std::optional<Date> to;    // order date, inclusive
  std::size_t limit = 0;     // 0 = no limit
};

struct ExternalRef {
  std::string source;  // "shopify", "edi:acme"
  std::string id;
  bool empty() const { return source.empty() && id.empty(); }
  friend bool operator==(const ExternalRef&, const ExternalRef&) = default;
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class HoldKind { kNone, kCredit, kException };

struct Order {
  OrderId id;
  std::string number;
  ExternalRef external;
  CustomerId customer;
  std::string customer_code;
  std::string channel;
  std::string salesperson;
  Date order_date{};
  std::optional<Date> requested_delivery;
  Priority priority = Priority::kNormal;
  Currency currency;
  std::string notes;
  std::string customer_reference;  // the customer's own number for the order (their purchase order)
  std::optional<Address> ship_to;
  bool prices_include_tax = false;  // for manual prices and the list-price fallback
  OrderState state = OrderState::kDraft;
  OrderState held_from = OrderState::kDraft;  // when on hold
  HoldKind hold_kind = HoldKind::kNone;
  std::string hold_reason;
  std::vector<OrderLine> lines;
  std::vector<std::string> promotions;  // codes of the order-level promotions applied
  OrderTotals totals;
  InvoicePolicy invoice_policy = InvoicePolicy::kOnShipped;
  // Value of the billable quantities (ordered - closed - returned); equals totals.total until a
  // line is short-closed or returned. Kept by the engine on every write.
  Money billable;
  Money invoiced;  // billed on invoices, less credit notes
  Money paid;      // payments applied to the order's invoices
  int revision = 0;
  std::vector<OrderRevision> revisions;
  std::vector<StateChange> history;
  std::string created_by;
  Timestamp created_at;
  std::string approved_by;
  std::optional<Timestamp> approved_at;
  int next_line_no = 1;

  const OrderLine* line(int line_no) const;
  OrderLine* line(int line_no);
  Decimal backordered() const;  // sum of unreserved open quantity (confirmed orders)
  Progress shipment_progress() const;
  Progress invoice_progress() const;
  Progress payment_progress() const;
};

// True if the order waits for stock: confirmed or partially shipped (or held from either) with
// open quantity not covered by reservations. Storage adapters index orders by this.
OMS_API bool is_backordered(const Order& order);

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

struct NewOrderLine {
  std::string sku;
  Decimal quantity;
  std::optional<Decimal> unit_price;  // overrides the price list (kManual)
  Discount discount;
  bool gift = false;  // a hand-entered gift line: zero price
  std::string note;
};

struct NewOrder {
  std::string number;  // empty: generated by the order number rule
  ExternalRef external;  // if set and already imported, the existing order is returned
  std::string customer_code;  // an existing customer ...
  std::optional<Customer> new_customer;  // ... or one created with the order
  std::string channel;
  std::string salesperson;  // default: the customer's
  std::optional<Date> order_date;  // default: today by the engine clock
  std::optional<Date> requested_delivery;
  Priority priority = Priority::kNormal;
  std::string currency = "CNY";
  std::string notes;
  std::string customer_reference;  // the customer's own number for the order (their purchase order)
  std::optional<Address> ship_to;  // default: the customer's first address
  bool prices_include_tax = false;  // for manual prices and the list-price fallback
  std::optional<InvoicePolicy> invoice_policy;  // default: EngineOptions::invoice_policy
  std::vector<NewOrderLine> lines;
};

// The result of creating an order. `created` is false when the external reference had been
// imported before and the existing order is returned.
struct OrderIntake {
  Order order;
  bool created = true;
};

struct LineChange {
  int line_no = 0;
  std::optional<Decimal> quantity;
  std::optional<Decimal> unit_price;  // sets a manual price
  std::optional<Discount> discount;
  bool remove = false;
};

struct Amendment {
  std::optional<Date> requested_delivery;
  std::vector<LineChange> changes;
  std::vector<NewOrderLine> add;
  std::string reason;
};

// ---------------------------------------------------------------------------------------------
// Review (订单审核)
// ---------------------------------------------------------------------------------------------

enum class Severity { kWarning, kError };

// One finding of a review. Codes are stable strings:
//   customer.missing, customer.inactive, lines.empty, product.inactive, quantity.not_positive,
//   quantity.precision, price.missing, price.below_cost, credit.limit_exceeded,
//   credit.currency_differs, stock.insufficient
struct Finding {
  Severity severity = Severity::kWarning;
  std::string code;
  std::string field;  // "lines[2].quantity"
  int line_no = 0;    // 0 = the header
  std::string message;
};

struct Review {
  std::vector<Finding> findings;
  bool credit_hold = false;  // credit exposure over the limit: the order goes on hold
  bool blocked() const;      // any error finding
};

// What Engine::submit returns: the review and the order as it is afterwards (submitted, still
// a draft when blocked, or on credit hold).
struct SubmitResult {
  Review review;
  Order order;
};

// The confirmation document data (订单确认单) sent to the customer by the integrator.
struct ConfirmedLine {
  int line_no = 0;
  std::string sku;
  std::string description;
  Decimal quantity;
  Decimal reserved;
  Decimal backordered;
  Money unit_price;
  Money total;
};

struct Confirmation {
  Order order;
  std::string customer_name;
  std::vector<ConfirmedLine> lines;
};

}  // namespace oms

#endif  // OMS_ORDER_H_
