// Internal: the members of every public value type and the names of every public enum, listed
// once. The C ABI's JSON wire format (capi/wire.h) and the Python bindings (python/) are both
// driven by these lists, so a member added to a header is added here once and appears in both.
//
//   fields(v, Tag<Product>{})  calls  v("sku", &Product::sku), ... for every member, and
//                                     v.computed("open", &Invoice::open) for derived values.
//   EnumInfo<E>::count / name(e)      the lower_snake_case names of E's values 0..count-1.
#ifndef OMS_SRC_FIELDS_H_
#define OMS_SRC_FIELDS_H_

#include <nlohmann/json.hpp>  // NLOHMANN_JSON_PASTE: a for-each over up to 63 macro arguments
#include <iterator>
#include <string_view>

#include "oms/engine.h"
#include "oms/import.h"
#include "oms/sqlite_storage.h"
#include "oms/table.h"

namespace oms::fields {

// ---- Enums -----------------------------------------------------------------------------------

// Names of an enum's values 0..count-1 (the enums are contiguous from 0).
template <class E>
struct EnumInfo;

#define OMS_ENUM(E, N)                                                   \
  template <>                                                                 \
  struct EnumInfo<E> {                                                        \
    static constexpr int count = N;                                           \
    static std::string_view name(E e) { return to_string(e); }                \
  };
OMS_ENUM(OrderState, kOrderStateCount)
OMS_ENUM(OrderAction, kOrderActionCount)
OMS_ENUM(Priority, 4)
OMS_ENUM(Progress, 3)
OMS_ENUM(CustomerGrade, 3)
OMS_ENUM(Tracking, 3)
OMS_ENUM(PriceSourceKind, 5)
OMS_ENUM(SerialStatus, 3)
OMS_ENUM(MoveKind, 6)
OMS_ENUM(InvoicePolicy, 2)
OMS_ENUM(ShipmentState, kShipmentStateCount)
OMS_ENUM(ShipmentAction, kShipmentActionCount)
OMS_ENUM(PickingRule, 2)
OMS_ENUM(TrackingStatus, 8)
OMS_ENUM(ExceptionKind, 3)
OMS_ENUM(ReturnDisposition, 2)
OMS_ENUM(ReturnSettlement, 3)
OMS_ENUM(InvoiceState, kInvoiceStateCount)
OMS_ENUM(CreditNoteKind, 2)
OMS_ENUM(StatementItemKind, 4)
OMS_ENUM(DocumentKind, 7)
OMS_ENUM(ReportDimension, kReportDimensionCount)
OMS_ENUM(ImportKind, kImportKindCount)
#undef OMS_ENUM

template <>
struct EnumInfo<StatusCode> {
  static constexpr int count = static_cast<int>(StatusCode::kInternal) + 1;
  static std::string_view name(StatusCode c) { return status_code_name(c); }
};

// Enums the C++ API has no names for; the names live here.
#define OMS_NAMED_ENUM(E, ...)                                               \
  template <>                                                                     \
  struct EnumInfo<E> {                                                            \
    static constexpr std::string_view names[] = {__VA_ARGS__};                    \
    static constexpr int count = static_cast<int>(std::size(names));             \
    static std::string_view name(E e) { return names[static_cast<int>(e)]; }      \
  };
OMS_NAMED_ENUM(DiscountKind, "none", "percent", "amount")
OMS_NAMED_ENUM(BreakRule, "all_units", "incremental")
OMS_NAMED_ENUM(PriceScope, "everyone", "grade", "customer")
OMS_NAMED_ENUM(PromotionKind, "spend_get_off", "buy_get_free")
OMS_NAMED_ENUM(HoldKind, "none", "credit", "exception")
OMS_NAMED_ENUM(Severity, "warning", "error")
OMS_NAMED_ENUM(DatePart, "none", "year", "year_month", "year_month_day")
OMS_NAMED_ENUM(PartialPolicy, "allow_partial", "all_or_nothing")
OMS_NAMED_ENUM(TaxMode, "per_line", "per_document")
OMS_NAMED_ENUM(RoundingMode, "half_up", "half_even", "down", "up", "floor", "ceiling")
OMS_NAMED_ENUM(Durability, "full", "normal")
OMS_NAMED_ENUM(ColumnKind, "text", "integer", "decimal", "date", "bool")
OMS_NAMED_ENUM(ImportMode, "all_or_nothing", "good_rows")
#undef OMS_NAMED_ENUM

// ---- Members of every public value type ------------------------------------------------------

// fields(v, Tag<T>{}) calls v("member", &T::member) for every member and
// v.computed("name", &T::function) for values derived from them (const member functions).
template <class T>
struct Tag {};

#define OMS_FIELDS_OF(Type) \
  template <class V>          \
  void fields(V& v, Tag<Type>)
#define OMS_FIELD(member) v(#member, &Self::member);
#define OMS_FIELD_LIST(...) NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OMS_FIELD, __VA_ARGS__))
#define OMS_STRUCT(Type, ...) \
  OMS_FIELDS_OF(Type) {       \
    using Self = Type;        \
    OMS_FIELD_LIST(__VA_ARGS__) \
  }

// Catalog
OMS_STRUCT(Unit, code, name, decimals)
OMS_STRUCT(TaxClass, code, name, rate)
OMS_STRUCT(Product, id, sku, name, barcodes, unit, category, tracking, list_price, list_price_includes_tax,
                standard_cost, tax_class, low_stock_threshold, active)
OMS_STRUCT(PriceList, id, code, name, currency, scope, grade, customer_code, valid_from, valid_to,
                prices_include_tax, break_rule, priority, active)
OMS_STRUCT(PriceBreak, min_quantity, unit_price)
OMS_STRUCT(Promotion, id, code, name, kind, threshold, discount, sku, buy_quantity, free_quantity, valid_from,
                valid_to, active)
OMS_STRUCT(PriceSource, kind, reference)
OMS_STRUCT(PriceQuote, unit_price, line_amount, includes_tax, source)

// Customers
OMS_STRUCT(Contact, name, role, phone, email)
OMS_STRUCT(Address, label, line1, line2, city, region, postal_code, country)
OMS_STRUCT(Customer, id, code, name, nickname, contacts, addresses, region, grade, credit_limit,
                payment_terms_days, salesperson, birthday, notes, preferences, active)
OMS_STRUCT(GradingPolicy, currency, window_days, vip_min_orders, vip_min_amount, regular_min_orders,
                regular_min_amount)
OMS_STRUCT(GradeChange, customer, code, from, to, order_count, amount)

// Stock
OMS_STRUCT(Warehouse, id, code, name, region, active)
OMS_STRUCT(Location, id, warehouse, code, name)
OMS_STRUCT(Lot, id, product, lot_number, expiry)
OMS_STRUCT(SerialItem, product, serial, lot, location, status)
OMS_STRUCT(StockMove, id, at, kind, product, warehouse, location, lot, quantity, unit_cost, reference, reason,
                actor, serials)
OMS_STRUCT(StockQuant, product, location, lot, warehouse, on_hand)
OMS_STRUCT(Valuation, product, quantity, average_cost)
OMS_STRUCT(ReceiptLine, product, location, lot, quantity, unit_cost, serials)
OMS_STRUCT(Receipt, id, number, date, warehouse, supplier, reference, actor, created_at, lines)
OMS_STRUCT(ReceiptLineSpec, sku, location, quantity, unit_cost, lot_number, expiry, serials)
OMS_STRUCT(ReceiptSpec, number, date, warehouse, supplier, reference, lines)
OMS_STRUCT(TransferSpec, sku, from_warehouse, from_location, to_warehouse, to_location, quantity, lot_number,
                serials, reference, reason)
OMS_STRUCT(StocktakeLine, sku, location, lot_number, counted, serials, reason)
OMS_STRUCT(StocktakeSpec, warehouse, reference, lines)
OMS_STRUCT(StocktakeResult, adjustments)
OMS_STRUCT(StockPosition, warehouse, warehouse_code, on_hand, reserved, available, quants)
OMS_STRUCT(StockReport, product, sku, on_hand, reserved, available, warehouses)
OMS_STRUCT(StockQuery, sku, warehouse, location, lot_number, include_empty)
OMS_STRUCT(StockLevel, sku, warehouse, location, lot_number, expiry, on_hand)
OMS_STRUCT(ScanResult, code, product, sku, lot, serial, receipts)

// Orders
OMS_STRUCT(Discount, kind, value)
OMS_STRUCT(Allocation, warehouse, quantity)
OMS_STRUCT(LineAmounts, gross, discount, order_discount, net, tax, total, cost, margin)
OMS_FIELDS_OF(OrderLine) {
  using Self = OrderLine;
  OMS_FIELD_LIST(line_no, product, sku, description, quantity, unit, unit_price, price_source, price_overridden,
                  price_includes_tax, discount, tax_class, tax_rate, gift, gift_for_line, unit_cost, amounts, shipped,
                  closed, in_shipment, returned, invoiced, allocations, note)
  v.computed("reserved", &Self::reserved);
  v.computed("open_quantity", &Self::open_quantity);
  v.computed("unreserved", &Self::unreserved);
  v.computed("unassigned", &Self::unassigned);
  v.computed("billable_quantity", &Self::billable_quantity);
}
OMS_STRUCT(OrderTotals, gross, discount, order_discount, net, tax, total, cost, margin, margin_percent)
OMS_STRUCT(StateChange, from, to, action, actor, at, reason)
OMS_STRUCT(OrderRevision, number, actor, at, reason, previous_requested_delivery, previous_lines,
                previous_totals)
OMS_STRUCT(ExternalRef, source, id)
OMS_FIELDS_OF(Order) {
  using Self = Order;
  OMS_FIELD_LIST(id, number, external, customer, customer_code, channel, salesperson, order_date,
                  requested_delivery, priority, currency, notes, ship_to, prices_include_tax, state, held_from,
                  hold_kind, hold_reason, lines, promotions, totals, invoice_policy, billable, invoiced, paid,
                  revision, revisions, history, created_by, created_at, approved_by, approved_at)
  v.computed("backordered", &Self::backordered);
  v.computed("shipment_progress", &Self::shipment_progress);
  v.computed("invoice_progress", &Self::invoice_progress);
  v.computed("payment_progress", &Self::payment_progress);
}
OMS_STRUCT(OrderQuery, customer, states, from, to, limit)
OMS_STRUCT(OrderTransition, from, action, to)
OMS_STRUCT(NewOrderLine, sku, quantity, unit_price, discount, gift, note)
OMS_STRUCT(NewOrder, number, external, customer_code, new_customer, channel, salesperson, order_date,
                requested_delivery, priority, currency, notes, ship_to, prices_include_tax, invoice_policy, lines)
OMS_STRUCT(OrderIntake, order, created)
OMS_STRUCT(LineChange, line_no, quantity, unit_price, discount, remove)
OMS_STRUCT(Amendment, requested_delivery, changes, add, reason)
OMS_STRUCT(Finding, severity, code, field, line_no, message)
OMS_FIELDS_OF(Review) {
  using Self = Review;
  OMS_FIELD_LIST(findings, credit_hold)
  v.computed("blocked", &Self::blocked);
}
OMS_STRUCT(SubmitResult, review, order)
OMS_STRUCT(ConfirmedLine, line_no, sku, description, quantity, reserved, backordered, unit_price, total)
OMS_STRUCT(Confirmation, order, customer_name, lines)
OMS_STRUCT(AllocationResult, order_number, line_no, sku, warehouse, quantity)
OMS_STRUCT(AllocationRun, reserved, orders_examined)

// Fulfilment
OMS_STRUCT(Pick, location, location_code, lot, lot_number, expiry, quantity, serials, unit_cost, returned)
OMS_STRUCT(ShipmentLine, line_no, order, order_number, order_line_no, product, sku, unit, quantity, picks, cost,
                returned, invoiced)
OMS_STRUCT(TrackingEvent, at, status, carrier_status, location, text, recorded_at)
OMS_STRUCT(ShipmentException, number, kind, raised_at, detail, resolved, resolved_at, resolved_by, resolution)
OMS_STRUCT(ShipmentStateChange, from, to, action, actor, at, reason)
OMS_FIELDS_OF(Shipment) {
  using Self = Shipment;
  OMS_FIELD_LIST(id, number, customer, customer_code, warehouse, warehouse_code, ship_to, state, carrier,
                  tracking_number, promised_date, picking, allow_expired, lines, tracking, exceptions, history,
                  created_by, created_at, shipped_at, delivered_at)
  v.computed("has_open_exception", &Self::has_open_exception);
  v.computed("goods_issued", &Self::goods_issued);
}
OMS_STRUCT(ShipmentTransition, from, action, to)
OMS_STRUCT(LotChoice, lot_number, location, quantity)
OMS_STRUCT(ShipmentLineSpec, order_number, line_no, quantity, lots, serials)
OMS_STRUCT(ShipmentSpec, number, warehouse, orders, lines, reserved_only, carrier, tracking_number,
                promised_date, picking, allow_expired, allow_mixed_destinations)
OMS_STRUCT(TrackingUpdate, at, status, carrier_status, location, text)
OMS_STRUCT(OpenException, shipment_number, customer_code, shipment_state, exception)
OMS_STRUCT(ReturnLine, line_no, shipment_line_no, order, order_number, order_line_no, product, sku, quantity,
                disposition, restocked, reason, value)
OMS_STRUCT(CustomerReturn, id, number, shipment, shipment_number, customer, customer_code, warehouse, date,
                lines, settlement, credit_note_number, refund_numbers, credited, reason, actor, created_at)
OMS_STRUCT(ReturnLineSpec, shipment_line_no, quantity, disposition, location, serials, reason)
OMS_STRUCT(ReturnSpec, number, shipment, date, lines, settlement, refund_method, reason)

// Settlement
OMS_STRUCT(InvoiceLine, line_no, order, order_number, order_line_no, sku, description, quantity, net, tax,
                total, shipment_number, shipment_line_no)
OMS_FIELDS_OF(InvoiceOrder) {
  using Self = InvoiceOrder;
  OMS_FIELD_LIST(order, order_number, total, paid, credited)
  v.computed("open", &Self::open);
}
OMS_STRUCT(InvoiceStateChange, from, to, actor, at, reason)
OMS_FIELDS_OF(Invoice) {
  using Self = Invoice;
  OMS_FIELD_LIST(id, number, customer, customer_code, currency, date, due_date, state, lines, orders, net, tax, total,
                  paid, credited, credit_note_number, note, history, created_by, created_at)
  v.computed("open", &Self::open);
  v.computed("receivable", &Self::receivable);
}
OMS_STRUCT(InvoiceSpec, number, orders, shipment, amount, percent, date, due_date, issue, note)
OMS_STRUCT(Application, invoice, invoice_number, amount, at)
OMS_FIELDS_OF(Payment) {
  using Self = Payment;
  OMS_FIELD_LIST(id, number, customer, customer_code, date, method, reference, amount, applications, refunded, actor,
                  created_at)
  v.computed("applied", &Self::applied);
  v.computed("unapplied", &Self::unapplied);
}
OMS_STRUCT(ApplicationSpec, invoice, amount)
OMS_STRUCT(PaymentSpec, number, customer_code, currency, amount, date, method, reference, applications,
                auto_apply)
OMS_STRUCT(CreditedOrder, order, order_number, amount)
OMS_FIELDS_OF(CreditNote) {
  using Self = CreditNote;
  OMS_FIELD_LIST(id, number, kind, customer, customer_code, date, invoice_number, return_number, reason, net, tax,
                  total, orders, applications, refunded, actor, created_at)
  v.computed("applied", &Self::applied);
  v.computed("unapplied", &Self::unapplied);
}
OMS_STRUCT(Refund, id, number, customer, customer_code, date, method, reference, amount, source_number, reason,
                actor, created_at)
OMS_STRUCT(RefundSpec, number, source, amount, date, method, reference, reason)
OMS_STRUCT(CreditApplicationSpec, source, applications)
OMS_STRUCT(StatementItem, date, kind, number, description, due_date, debit, credit, balance)
OMS_STRUCT(Statement, customer_code, customer_name, currency, from, to, opening, items, closing, invoiced, paid,
                credited, refunded)
OMS_STRUCT(AgeingRow, customer_code, customer_name, current, days_1_30, days_31_60, days_61_90, over_90,
                unapplied_credit, total)
OMS_STRUCT(AgeingReport, as_of, currency, rows, total)
OMS_STRUCT(DocumentRef, kind, number)
OMS_STRUCT(DocumentLink, from, to, from_line, to_line, relation, sku, quantity, amount, at)
OMS_FIELDS_OF(DocumentFlow) {
  using Self = DocumentFlow;
  OMS_FIELD_LIST(document, upstream, downstream)
  v.computed("merged", &Self::merged);
  v.computed("split", &Self::split);
}

// Reports
OMS_STRUCT(ReportFilter, from, to, customer_code, sku, category, salesperson, channel, currency, open_only, as_of)
OMS_FIELDS_OF(LineSummary) {
  using Self = LineSummary;
  OMS_FIELD_LIST(key, name, currency, orders, lines, ordered, shipped, returned, closed, open, net, cost, margin,
                 margin_percent, open_amount, overdue, overdue_amount, first_order, last_order)
  v.computed("unshipped", &Self::unshipped);
  v.computed("kept", &Self::kept);
}
OMS_STRUCT(InventoryQuery, from, to, sku, category, warehouse, expiring_within_days, a_share, b_share)
OMS_STRUCT(ProductInventory, sku, name, category, unit, on_hand, reserved, available, unit_cost, value, value_share, abc,
           outbound, cogs, opening_value, average_value, turnover, days_of_cover, low_stock_threshold, below_threshold)
OMS_STRUCT(InventoryPosition, sku, warehouse, on_hand, reserved, available, value)
OMS_STRUCT(LotStock, sku, warehouse, location, lot_number, expiry, days_to_expiry, on_hand, value)
OMS_STRUCT(InventoryReport, from, to, currency, total_value, products, positions, lots, expiring)
OMS_STRUCT(ProductDay, sku, name, day, outbound, awaiting_outbound, available, sold, amount, profit)
OMS_STRUCT(CustomerValueQuery, from, to, currency, salesperson)
OMS_STRUCT(CustomerValue, code, name, salesperson, grade, suggested_grade, orders, amount, margin, last_order,
           days_since_last_order, recency, frequency, monetary, rfm)
OMS_STRUCT(ImportIssue, row, column, value, code, reason)
OMS_STRUCT(ImportResult, kind, rows, records, created, existing, rejected, committed, issues)

// Engine options
OMS_STRUCT(NumberRule, prefix, date_part, separator, sequence_width)
OMS_STRUCT(SqliteOptions, durability, busy_timeout_ms, create, read_only, max_pages, checkpoint_pages, writer_patience_us)
// Everything but the clock, which OpenOptions::manual_clock stands for.
OMS_STRUCT(EngineOptions, order_numbers, receipt_numbers, shipment_numbers, invoice_numbers, payment_numbers,
                credit_note_numbers, refund_numbers, return_numbers, invoice_policy, rounding, tax_mode, allocation,
                cost_currency, grading, credit_check, conflict_retries)



}  // namespace oms::fields

#endif  // OMS_SRC_FIELDS_H_
