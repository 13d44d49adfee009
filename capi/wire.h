// Internal: the JSON wire format of the C ABI (docs/c-api.md, "Wire format").
//
// Every public value type has one `describe` function listing its members by name; the same
// list drives encoding (C++ -> JSON) and decoding (JSON -> C++), so the two cannot drift apart.
// Encoding is total. Decoding is strict and throws oms::Error with kInvalidArgument naming the
// member's path ("lines[2].quantity") and the value: unknown members, wrong JSON types, bad
// decimals, dates, currencies and enum names are all refused. Missing members keep the C++
// default.
//
// Scalars: Decimal <-> "12.50" (a JSON integer is accepted too; a JSON number with a fraction
// or exponent is refused: it has already been through binary floating point), Money <->
// {"amount": "12.50", "currency": "CNY"}, Currency <-> "CNY", Date <-> "2026-11-23",
// Timestamp <-> "2026-11-23T08:15:00.000000Z", ids <-> integers, enums <-> lower_snake_case
// names, std::optional <-> value or null.
#ifndef OMS_CAPI_WIRE_H_
#define OMS_CAPI_WIRE_H_

#include <concepts>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "oms/engine.h"
#include "oms/sqlite_storage.h"

namespace oms::wire {

// Members keep the order the describe() functions list them in, so output reads like the headers.
using json = nlohmann::ordered_json;

// Parses JSON text; a syntax error is kInvalidArgument naming `what` (the argument).
json parse(const char* text, std::string_view what);
// Compact UTF-8 text; invalid UTF-8 in strings is replaced, never an error.
std::string dump(const json& j);
// Throws oms::Error(kInvalidArgument) for `path` holding `value`.
[[noreturn]] void refuse(std::string_view path, const json& value, std::string_view why);
std::string member_path(std::string_view parent, std::string_view name);

// ---- Enums -----------------------------------------------------------------------------------

// Names of an enum's values 0..count-1 (the enums are contiguous from 0).
template <class E>
struct EnumInfo;

#define OMS_WIRE_ENUM(E, N)                                                   \
  template <>                                                                 \
  struct EnumInfo<E> {                                                        \
    static constexpr int count = N;                                           \
    static std::string_view name(E e) { return to_string(e); }                \
  };
OMS_WIRE_ENUM(OrderState, kOrderStateCount)
OMS_WIRE_ENUM(OrderAction, kOrderActionCount)
OMS_WIRE_ENUM(Priority, 4)
OMS_WIRE_ENUM(Progress, 3)
OMS_WIRE_ENUM(CustomerGrade, 3)
OMS_WIRE_ENUM(Tracking, 3)
OMS_WIRE_ENUM(PriceSourceKind, 5)
OMS_WIRE_ENUM(SerialStatus, 3)
OMS_WIRE_ENUM(MoveKind, 6)
OMS_WIRE_ENUM(InvoicePolicy, 2)
OMS_WIRE_ENUM(ShipmentState, kShipmentStateCount)
OMS_WIRE_ENUM(ShipmentAction, kShipmentActionCount)
OMS_WIRE_ENUM(PickingRule, 2)
OMS_WIRE_ENUM(TrackingStatus, 8)
OMS_WIRE_ENUM(ExceptionKind, 3)
OMS_WIRE_ENUM(ReturnDisposition, 2)
OMS_WIRE_ENUM(ReturnSettlement, 3)
OMS_WIRE_ENUM(InvoiceState, kInvoiceStateCount)
OMS_WIRE_ENUM(CreditNoteKind, 2)
OMS_WIRE_ENUM(StatementItemKind, 4)
OMS_WIRE_ENUM(DocumentKind, 7)
#undef OMS_WIRE_ENUM

// Enums the C++ API has no names for; the names live here.
#define OMS_WIRE_NAMED_ENUM(E, ...)                                               \
  template <>                                                                     \
  struct EnumInfo<E> {                                                            \
    static constexpr std::string_view names[] = {__VA_ARGS__};                    \
    static constexpr int count = static_cast<int>(std::size(names));             \
    static std::string_view name(E e) { return names[static_cast<int>(e)]; }      \
  };
OMS_WIRE_NAMED_ENUM(DiscountKind, "none", "percent", "amount")
OMS_WIRE_NAMED_ENUM(BreakRule, "all_units", "incremental")
OMS_WIRE_NAMED_ENUM(PriceScope, "everyone", "grade", "customer")
OMS_WIRE_NAMED_ENUM(PromotionKind, "spend_get_off", "buy_get_free")
OMS_WIRE_NAMED_ENUM(HoldKind, "none", "credit", "exception")
OMS_WIRE_NAMED_ENUM(Severity, "warning", "error")
OMS_WIRE_NAMED_ENUM(DatePart, "none", "year", "year_month", "year_month_day")
OMS_WIRE_NAMED_ENUM(PartialPolicy, "allow_partial", "all_or_nothing")
OMS_WIRE_NAMED_ENUM(TaxMode, "per_line", "per_document")
OMS_WIRE_NAMED_ENUM(RoundingMode, "half_up", "half_even", "down", "up", "floor", "ceiling")
OMS_WIRE_NAMED_ENUM(Durability, "full", "normal")
#undef OMS_WIRE_NAMED_ENUM

// Every enum name in one place, for error messages: "draft, submitted, ...".
template <class E>
std::string enum_choices() {
  std::string out;
  for (int i = 0; i < EnumInfo<E>::count; ++i) {
    if (i) out += ", ";
    out += EnumInfo<E>::name(static_cast<E>(i));
  }
  return out;
}

template <class E>
E enum_from_name(std::string_view name, std::string_view path) {
  for (int i = 0; i < EnumInfo<E>::count; ++i) {
    if (EnumInfo<E>::name(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  refuse(path, json(name), "is not one of: " + enum_choices<E>());
}

// ---- Members of every public value type ------------------------------------------------------

// describe(v, x) calls v("member", x.member) for every member, and v.computed("name", value) for
// values derived from them. T is the type, const (encoding) or not (decoding).
#define OMS_WIRE_DESCRIBE(Type) \
  template <class V, class T>   \
    requires std::same_as<std::remove_const_t<T>, Type>  \
  void describe(V& v, T& x)
#define OMS_WIRE_FIELD(member) v(#member, x.member);
#define OMS_WIRE_FIELDS(...) NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OMS_WIRE_FIELD, __VA_ARGS__))
#define OMS_WIRE_STRUCT(Type, ...) \
  OMS_WIRE_DESCRIBE(Type) { OMS_WIRE_FIELDS(__VA_ARGS__) }

// Catalog
OMS_WIRE_STRUCT(Unit, code, name, decimals)
OMS_WIRE_STRUCT(TaxClass, code, name, rate)
OMS_WIRE_STRUCT(Product, id, sku, name, barcodes, unit, category, tracking, list_price, list_price_includes_tax,
                standard_cost, tax_class, low_stock_threshold, active)
OMS_WIRE_STRUCT(PriceList, id, code, name, currency, scope, grade, customer_code, valid_from, valid_to,
                prices_include_tax, break_rule, priority, active)
OMS_WIRE_STRUCT(PriceBreak, min_quantity, unit_price)
OMS_WIRE_STRUCT(Promotion, id, code, name, kind, threshold, discount, sku, buy_quantity, free_quantity, valid_from,
                valid_to, active)
OMS_WIRE_STRUCT(PriceSource, kind, reference)
OMS_WIRE_STRUCT(PriceQuote, unit_price, line_amount, includes_tax, source)

// Customers
OMS_WIRE_STRUCT(Contact, name, role, phone, email)
OMS_WIRE_STRUCT(Address, label, line1, line2, city, region, postal_code, country)
OMS_WIRE_STRUCT(Customer, id, code, name, nickname, contacts, addresses, region, grade, credit_limit,
                payment_terms_days, salesperson, birthday, notes, preferences, active)
OMS_WIRE_STRUCT(GradingPolicy, currency, window_days, vip_min_orders, vip_min_amount, regular_min_orders,
                regular_min_amount)
OMS_WIRE_STRUCT(GradeChange, customer, code, from, to, order_count, amount)

// Stock
OMS_WIRE_STRUCT(Warehouse, id, code, name, region, active)
OMS_WIRE_STRUCT(Location, id, warehouse, code, name)
OMS_WIRE_STRUCT(Lot, id, product, lot_number, expiry)
OMS_WIRE_STRUCT(SerialItem, product, serial, lot, location, status)
OMS_WIRE_STRUCT(StockMove, id, at, kind, product, warehouse, location, lot, quantity, unit_cost, reference, reason,
                actor, serials)
OMS_WIRE_STRUCT(StockQuant, product, location, lot, warehouse, on_hand)
OMS_WIRE_STRUCT(Valuation, product, quantity, average_cost)
OMS_WIRE_STRUCT(ReceiptLine, product, location, lot, quantity, unit_cost, serials)
OMS_WIRE_STRUCT(Receipt, id, number, date, warehouse, supplier, reference, actor, created_at, lines)
OMS_WIRE_STRUCT(ReceiptLineSpec, sku, location, quantity, unit_cost, lot_number, expiry, serials)
OMS_WIRE_STRUCT(ReceiptSpec, number, date, warehouse, supplier, reference, lines)
OMS_WIRE_STRUCT(TransferSpec, sku, from_warehouse, from_location, to_warehouse, to_location, quantity, lot_number,
                serials, reference, reason)
OMS_WIRE_STRUCT(StocktakeLine, sku, location, lot_number, counted, serials, reason)
OMS_WIRE_STRUCT(StocktakeSpec, warehouse, reference, lines)
OMS_WIRE_STRUCT(StocktakeResult, adjustments)
OMS_WIRE_STRUCT(StockPosition, warehouse, warehouse_code, on_hand, reserved, available, quants)
OMS_WIRE_STRUCT(StockReport, product, sku, on_hand, reserved, available, warehouses)
OMS_WIRE_STRUCT(StockQuery, sku, warehouse, location, lot_number, include_empty)
OMS_WIRE_STRUCT(StockLevel, sku, warehouse, location, lot_number, expiry, on_hand)
OMS_WIRE_STRUCT(ScanResult, code, product, sku, lot, serial, receipts)

// Orders
OMS_WIRE_STRUCT(Discount, kind, value)
OMS_WIRE_STRUCT(Allocation, warehouse, quantity)
OMS_WIRE_STRUCT(LineAmounts, gross, discount, order_discount, net, tax, total, cost, margin)
OMS_WIRE_DESCRIBE(OrderLine) {
  OMS_WIRE_FIELDS(line_no, product, sku, description, quantity, unit, unit_price, price_source, price_overridden,
                  price_includes_tax, discount, tax_class, tax_rate, gift, gift_for_line, unit_cost, amounts, shipped,
                  closed, in_shipment, returned, invoiced, allocations, note)
  v.computed("reserved", x.reserved());
  v.computed("open_quantity", x.open_quantity());
  v.computed("unreserved", x.unreserved());
  v.computed("unassigned", x.unassigned());
  v.computed("billable_quantity", x.billable_quantity());
}
OMS_WIRE_STRUCT(OrderTotals, gross, discount, order_discount, net, tax, total, cost, margin, margin_percent)
OMS_WIRE_STRUCT(StateChange, from, to, action, actor, at, reason)
OMS_WIRE_STRUCT(OrderRevision, number, actor, at, reason, previous_requested_delivery, previous_lines,
                previous_totals)
OMS_WIRE_STRUCT(ExternalRef, source, id)
OMS_WIRE_DESCRIBE(Order) {
  OMS_WIRE_FIELDS(id, number, external, customer, customer_code, channel, salesperson, order_date,
                  requested_delivery, priority, currency, notes, ship_to, prices_include_tax, state, held_from,
                  hold_kind, hold_reason, lines, promotions, totals, invoice_policy, billable, invoiced, paid,
                  revision, revisions, history, created_by, created_at, approved_by, approved_at)
  v.computed("backordered", x.backordered());
  v.computed("shipment_progress", x.shipment_progress());
  v.computed("invoice_progress", x.invoice_progress());
  v.computed("payment_progress", x.payment_progress());
}
OMS_WIRE_STRUCT(OrderQuery, customer, states, from, to, limit)
OMS_WIRE_STRUCT(OrderTransition, from, action, to)
OMS_WIRE_STRUCT(NewOrderLine, sku, quantity, unit_price, discount, gift, note)
OMS_WIRE_STRUCT(NewOrder, number, external, customer_code, new_customer, channel, salesperson, order_date,
                requested_delivery, priority, currency, notes, ship_to, prices_include_tax, invoice_policy, lines)
OMS_WIRE_STRUCT(OrderIntake, order, created)
OMS_WIRE_STRUCT(LineChange, line_no, quantity, unit_price, discount, remove)
OMS_WIRE_STRUCT(Amendment, requested_delivery, changes, add, reason)
OMS_WIRE_STRUCT(Finding, severity, code, field, line_no, message)
OMS_WIRE_DESCRIBE(Review) {
  OMS_WIRE_FIELDS(findings, credit_hold)
  v.computed("blocked", x.blocked());
}
OMS_WIRE_STRUCT(SubmitResult, review, order)
OMS_WIRE_STRUCT(ConfirmedLine, line_no, sku, description, quantity, reserved, backordered, unit_price, total)
OMS_WIRE_STRUCT(Confirmation, order, customer_name, lines)
OMS_WIRE_STRUCT(AllocationResult, order_number, line_no, sku, warehouse, quantity)
OMS_WIRE_STRUCT(AllocationRun, reserved, orders_examined)

// Fulfilment
OMS_WIRE_STRUCT(Pick, location, location_code, lot, lot_number, expiry, quantity, serials, unit_cost, returned)
OMS_WIRE_STRUCT(ShipmentLine, line_no, order, order_number, order_line_no, product, sku, unit, quantity, picks, cost,
                returned, invoiced)
OMS_WIRE_STRUCT(TrackingEvent, at, status, carrier_status, location, text, recorded_at)
OMS_WIRE_STRUCT(ShipmentException, number, kind, raised_at, detail, resolved, resolved_at, resolved_by, resolution)
OMS_WIRE_STRUCT(ShipmentStateChange, from, to, action, actor, at, reason)
OMS_WIRE_DESCRIBE(Shipment) {
  OMS_WIRE_FIELDS(id, number, customer, customer_code, warehouse, warehouse_code, ship_to, state, carrier,
                  tracking_number, promised_date, picking, allow_expired, lines, tracking, exceptions, history,
                  created_by, created_at, shipped_at, delivered_at)
  v.computed("has_open_exception", x.has_open_exception());
  v.computed("goods_issued", x.goods_issued());
}
OMS_WIRE_STRUCT(ShipmentTransition, from, action, to)
OMS_WIRE_STRUCT(LotChoice, lot_number, location, quantity)
OMS_WIRE_STRUCT(ShipmentLineSpec, order_number, line_no, quantity, lots, serials)
OMS_WIRE_STRUCT(ShipmentSpec, number, warehouse, orders, lines, reserved_only, carrier, tracking_number,
                promised_date, picking, allow_expired, allow_mixed_destinations)
OMS_WIRE_STRUCT(TrackingUpdate, at, status, carrier_status, location, text)
OMS_WIRE_STRUCT(OpenException, shipment_number, customer_code, shipment_state, exception)
OMS_WIRE_STRUCT(ReturnLine, line_no, shipment_line_no, order, order_number, order_line_no, product, sku, quantity,
                disposition, restocked, reason, value)
OMS_WIRE_STRUCT(CustomerReturn, id, number, shipment, shipment_number, customer, customer_code, warehouse, date,
                lines, settlement, credit_note_number, refund_numbers, credited, reason, actor, created_at)
OMS_WIRE_STRUCT(ReturnLineSpec, shipment_line_no, quantity, disposition, location, serials, reason)
OMS_WIRE_STRUCT(ReturnSpec, number, shipment, date, lines, settlement, refund_method, reason)

// Settlement
OMS_WIRE_STRUCT(InvoiceLine, line_no, order, order_number, order_line_no, sku, description, quantity, net, tax,
                total, shipment_number, shipment_line_no)
OMS_WIRE_DESCRIBE(InvoiceOrder) {
  OMS_WIRE_FIELDS(order, order_number, total, paid, credited)
  v.computed("open", x.open());
}
OMS_WIRE_STRUCT(InvoiceStateChange, from, to, actor, at, reason)
OMS_WIRE_DESCRIBE(Invoice) {
  OMS_WIRE_FIELDS(id, number, customer, customer_code, currency, date, due_date, state, lines, orders, net, tax, total,
                  paid, credited, credit_note_number, note, history, created_by, created_at)
  v.computed("open", x.open());
  v.computed("receivable", x.receivable());
}
OMS_WIRE_STRUCT(InvoiceSpec, number, orders, shipment, amount, percent, date, due_date, issue, note)
OMS_WIRE_STRUCT(Application, invoice, invoice_number, amount, at)
OMS_WIRE_DESCRIBE(Payment) {
  OMS_WIRE_FIELDS(id, number, customer, customer_code, date, method, reference, amount, applications, refunded, actor,
                  created_at)
  v.computed("applied", x.applied());
  v.computed("unapplied", x.unapplied());
}
OMS_WIRE_STRUCT(ApplicationSpec, invoice, amount)
OMS_WIRE_STRUCT(PaymentSpec, number, customer_code, currency, amount, date, method, reference, applications,
                auto_apply)
OMS_WIRE_STRUCT(CreditedOrder, order, order_number, amount)
OMS_WIRE_DESCRIBE(CreditNote) {
  OMS_WIRE_FIELDS(id, number, kind, customer, customer_code, date, invoice_number, return_number, reason, net, tax,
                  total, orders, applications, refunded, actor, created_at)
  v.computed("applied", x.applied());
  v.computed("unapplied", x.unapplied());
}
OMS_WIRE_STRUCT(Refund, id, number, customer, customer_code, date, method, reference, amount, source_number, reason,
                actor, created_at)
OMS_WIRE_STRUCT(RefundSpec, number, source, amount, date, method, reference, reason)
OMS_WIRE_STRUCT(CreditApplicationSpec, source, applications)
OMS_WIRE_STRUCT(StatementItem, date, kind, number, description, due_date, debit, credit, balance)
OMS_WIRE_STRUCT(Statement, customer_code, customer_name, currency, from, to, opening, items, closing, invoiced, paid,
                credited, refunded)
OMS_WIRE_STRUCT(AgeingRow, customer_code, customer_name, current, days_1_30, days_31_60, days_61_90, over_90,
                unapplied_credit, total)
OMS_WIRE_STRUCT(AgeingReport, as_of, currency, rows, total)
OMS_WIRE_STRUCT(DocumentRef, kind, number)
OMS_WIRE_STRUCT(DocumentLink, from, to, from_line, to_line, relation, sku, quantity, amount, at)
OMS_WIRE_DESCRIBE(DocumentFlow) {
  OMS_WIRE_FIELDS(document, upstream, downstream)
  v.computed("merged", x.merged());
  v.computed("split", x.split());
}

// Engine options
OMS_WIRE_STRUCT(NumberRule, prefix, date_part, separator, sequence_width)
OMS_WIRE_STRUCT(SqliteOptions, durability, busy_timeout_ms, create, read_only, max_pages)
// Everything but the clock, which OpenOptions::manual_clock stands for.
OMS_WIRE_STRUCT(EngineOptions, order_numbers, receipt_numbers, shipment_numbers, invoice_numbers, payment_numbers,
                credit_note_numbers, refund_numbers, return_numbers, invoice_policy, rounding, tax_mode, allocation,
                cost_currency, grading, credit_check, conflict_retries)

// What oms_engine_open accepts: the engine options, flattened, plus storage and clock.
struct OpenOptions {
  EngineOptions engine;
  SqliteOptions sqlite;
  std::optional<Timestamp> manual_clock;
};
OMS_WIRE_DESCRIBE(OpenOptions) {
  describe(v, x.engine);
  OMS_WIRE_FIELDS(sqlite, manual_clock)
}

#undef OMS_WIRE_STRUCT

// ---- Codecs ----------------------------------------------------------------------------------

// Codec<T>::encode(const T&) -> json and Codec<T>::decode(const json&, T&, path).
template <class T, class = void>
struct Codec;

// Walks the members of an object for encoding.
class Writer {
 public:
  explicit Writer(json& out) : out_(out) {}
  template <class T>
  void operator()(const char* name, const T& value) {
    out_[name] = Codec<T>::encode(value);
  }
  // A value derived from the members (open quantity, unapplied amount): written, never read.
  template <class T>
  void computed(const char* name, const T& value) {
    out_[name] = Codec<T>::encode(value);
  }

 private:
  json& out_;
};

// Walks the members of an object for decoding; finish() refuses members nobody asked for.
class Reader {
 public:
  Reader(const json& in, std::string path);
  template <class T>
  void operator()(const char* name, T& value) {
    names_.emplace_back(name);
    const auto it = in_.find(name);
    if (it != in_.end()) Codec<T>::decode(*it, value, member_path(path_, name));
  }
  template <class T>
  void computed(const char* name, const T&) {
    names_.emplace_back(name);  // accepted (so an output can be sent back) and ignored
  }
  // Refuses the first member no visitor asked for, listing the known ones.
  void finish() const;

 private:
  const json& in_;
  std::string path_;
  std::vector<std::string_view> names_;
};

// A type with a describe(visitor, value) overload (found by argument-dependent lookup).
template <class T>
concept Described = requires(Writer& w, const T& x) { describe(w, x); };

template <>
struct Codec<std::string> {
  static json encode(const std::string& v) { return v; }
  static void decode(const json& j, std::string& v, std::string_view path);
};
template <>
struct Codec<bool> {
  static json encode(bool v) { return v; }
  static void decode(const json& j, bool& v, std::string_view path);
};
template <class I>
struct Codec<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static json encode(I v) { return v; }
  static void decode(const json& j, I& v, std::string_view path) {
    if (!j.is_number_integer()) refuse(path, j, "must be a whole number");
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<I>::max())) refuse(path, j, "is out of range");
      v = static_cast<I>(u);
      return;
    }
    const auto s = j.get<std::int64_t>();
    if (s < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        (s > 0 && static_cast<std::uint64_t>(s) > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))) {
      refuse(path, j, "is out of range");
    }
    v = static_cast<I>(s);
  }
};
template <class E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
  static json encode(E v) { return std::string(EnumInfo<E>::name(v)); }
  static void decode(const json& j, E& v, std::string_view path) {
    if (!j.is_string()) refuse(path, j, "must be one of: " + enum_choices<E>());
    v = enum_from_name<E>(j.get_ref<const std::string&>(), path);
  }
};
template <>
struct Codec<Decimal> {
  static json encode(const Decimal& v) { return v.to_string(); }
  static void decode(const json& j, Decimal& v, std::string_view path);
};
template <>
struct Codec<Currency> {
  static json encode(const Currency& v) { return std::string(v.code()); }
  static void decode(const json& j, Currency& v, std::string_view path);
};
template <>
struct Codec<Money> {
  static json encode(const Money& v);
  static void decode(const json& j, Money& v, std::string_view path);
};
template <>
struct Codec<Date> {
  static json encode(const Date& v) { return to_string(v); }
  static void decode(const json& j, Date& v, std::string_view path);
};
template <>
struct Codec<Timestamp> {
  static json encode(const Timestamp& v) { return to_string(v); }
  static void decode(const json& j, Timestamp& v, std::string_view path);
};
template <class Tag>
struct Codec<Id<Tag>> {
  static json encode(const Id<Tag>& v) { return v.value; }
  static void decode(const json& j, Id<Tag>& v, std::string_view path) {
    Codec<std::int64_t>::decode(j, v.value, path);
  }
};
template <class T>
struct Codec<std::optional<T>> {
  static json encode(const std::optional<T>& v) { return v ? Codec<T>::encode(*v) : json(nullptr); }
  static void decode(const json& j, std::optional<T>& v, std::string_view path) {
    if (j.is_null()) {
      v.reset();
      return;
    }
    T value{};
    Codec<T>::decode(j, value, path);
    v = std::move(value);
  }
};
template <class T>
struct Codec<std::vector<T>> {
  static json encode(const std::vector<T>& v) {
    json out = json::array();
    for (const auto& e : v) out.push_back(Codec<T>::encode(e));
    return out;
  }
  static void decode(const json& j, std::vector<T>& v, std::string_view path) {
    if (!j.is_array()) refuse(path, j, "must be an array");
    v.clear();
    v.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
      T value{};
      Codec<T>::decode(j[i], value, std::string(path) + "[" + std::to_string(i) + "]");
      v.push_back(std::move(value));
    }
  }
};
template <class T>
struct Codec<T, std::enable_if_t<Described<T>>> {
  static json encode(const T& v) {
    json out = json::object();
    Writer w(out);
    describe(w, v);
    return out;
  }
  static void decode(const json& j, T& v, std::string_view path) {
    if (!j.is_object()) refuse(path, j, "must be a JSON object");
    Reader r(j, std::string(path));
    describe(r, v);
    r.finish();
  }
};

// An event's data is JSON text in the journal; on the wire it is the object itself.
template <>
struct Codec<Event> {
  static json encode(const Event& e);
};

template <class T>
json encode(const T& value) {
  return Codec<T>::encode(value);
}

// Decodes a whole argument; member paths in errors are relative to it ("lines[0].sku").
template <class T>
T decode(const json& j) {
  T value{};
  Codec<T>::decode(j, value, "");
  return value;
}

}  // namespace oms::wire

#endif  // OMS_CAPI_WIRE_H_
