// Internal: JSON forms of the fulfilment and settlement documents, for adapters that keep a
// document's nested parts (lines, picks, tracking, applications) as one text column.
//
// Each type's members are listed once (OMS_DOCUMENT_JSON). Reading goes through nlohmann and
// tolerates missing members (they keep the default), so a newer library reads the documents an
// older one wrote. Writing (write_json) goes straight into the text, members in their order,
// without building a tree first: the tree cost more than the statement that stores the
// document. Both agree on the form: decimals and money amounts are exact strings, money is
// [amount, currency], dates ISO text, instants integer microseconds, enumerations and ids
// integers, absent optionals null.
#ifndef OMS_SRC_STORAGE_DOCUMENT_JSON_H_
#define OMS_SRC_STORAGE_DOCUMENT_JSON_H_

#include <concepts>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "json_writer.h"

#include "oms/billing.h"
#include "oms/customer.h"
#include "oms/fulfilment.h"

namespace nlohmann {

template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};

template <>
struct adl_serializer<oms::Date> {
  static void to_json(json& j, const oms::Date& d) { j = oms::to_string(d); }
  static void from_json(const json& j, oms::Date& d) { d = oms::parse_date(j.get<std::string>()).value(); }
};

template <>
struct adl_serializer<oms::Timestamp> {
  static void to_json(json& j, const oms::Timestamp& t) { j = t.time_since_epoch().count(); }
  static void from_json(const json& j, oms::Timestamp& t) {
    t = oms::Timestamp(std::chrono::microseconds(j.get<std::int64_t>()));
  }
};

}  // namespace nlohmann

namespace oms {

using nlohmann::json;

inline void to_json(json& j, const Decimal& d) { j = d.to_string(); }
inline void from_json(const json& j, Decimal& d) { d = Decimal::from_string(j.get<std::string>()); }
inline void to_json(json& j, const Currency& c) { j = std::string(c.code()); }
inline void from_json(const json& j, Currency& c) {
  const auto code = j.get<std::string>();
  c = code == "XXX" ? Currency() : Currency::of(code).value();
}
inline void to_json(json& j, const Money& m) { j = json::array({m.amount().to_string(), std::string(m.currency().code())}); }
inline void from_json(const json& j, Money& m) {
  m = Money(Decimal::from_string(j.at(0).get<std::string>()), j.at(1).get<Currency>());
}
template <class Tag>
void to_json(json& j, const Id<Tag>& id) {
  j = id.value;
}
template <class Tag>
void from_json(const json& j, Id<Tag>& id) {
  id.value = j.get<std::int64_t>();
}

// Writing. `key` names the member in the error for text that is not UTF-8 (kInvalidArgument).
inline void write_json(std::string& out, const std::string& text, std::string_view key) {
  internal::write_json_string(out, text, key);
}
inline void write_json(std::string& out, bool b, std::string_view) { out += b ? "true" : "false"; }
template <std::integral I>
  requires(!std::same_as<I, bool>)
void write_json(std::string& out, I n, std::string_view) {
  internal::append_json_integer(out, n);
}
template <class E>
  requires std::is_enum_v<E>
void write_json(std::string& out, E e, std::string_view) {
  internal::append_json_integer(out, static_cast<std::underlying_type_t<E>>(e));
}
template <class Tag>
void write_json(std::string& out, const Id<Tag>& id, std::string_view) {
  internal::append_json_integer(out, id.value);
}
inline void write_json(std::string& out, const Decimal& d, std::string_view) { internal::append_json_string(out, d.to_string()); }
inline void write_json(std::string& out, const Currency& c, std::string_view) { internal::append_json_string(out, c.code()); }
inline void write_json(std::string& out, const Money& m, std::string_view) {
  out += '[';
  internal::append_json_string(out, m.amount().to_string());
  out += ',';
  internal::append_json_string(out, m.currency().code());
  out += ']';
}
inline void write_json(std::string& out, const Date& d, std::string_view) { internal::append_json_string(out, to_string(d)); }
inline void write_json(std::string& out, const Timestamp& t, std::string_view) {
  internal::append_json_integer(out, t.time_since_epoch().count());
}
template <class T>
void write_json(std::string& out, const std::optional<T>& v, std::string_view key) {
  if (v) {
    write_json(out, *v, key);
  } else {
    out += "null";
  }
}
template <class T>
void write_json(std::string& out, const std::vector<T>& items, std::string_view key) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    write_json(out, items[i], key);
  }
  out += ']';
}

// The JSON text of a document.
template <class D>
std::string json_text(const D& d) {
  std::string out;
  out.reserve(1024);
  write_json(out, d, "body");
  return out;
}

// One member of an object: ,"name":value.
#define OMS_JSON_WRITE_MEMBER(member) \
  out += ",\"" #member "\":";        \
  write_json(out, v.member, #member);

// Reading through nlohmann (missing members keep their default) and writing straight into text:
// every member after a comma, then the first comma becomes the opening brace.
#define OMS_DOCUMENT_JSON(Type, ...)                                             \
  NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Type, __VA_ARGS__)             \
  inline void write_json(std::string& out, const Type& v, std::string_view) {    \
    const std::size_t open = out.size();                                         \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OMS_JSON_WRITE_MEMBER, __VA_ARGS__)) \
    out[open] = '{';                                                             \
    out += '}';                                                                  \
  }

OMS_DOCUMENT_JSON(Address, label, line1, line2, city, region, postal_code, country)

OMS_DOCUMENT_JSON(Pick, location, location_code, lot, lot_number, expiry, quantity, serials,
                  unit_cost, returned)
OMS_DOCUMENT_JSON(ShipmentLine, line_no, order, order_number, order_line_no, product, sku,
                  unit, quantity, picks, cost, returned, invoiced)
OMS_DOCUMENT_JSON(TrackingEvent, at, status, carrier_status, location, text, recorded_at)
OMS_DOCUMENT_JSON(ShipmentException, number, kind, raised_at, detail, resolved, resolved_at,
                  resolved_by, resolution)
OMS_DOCUMENT_JSON(ShipmentStateChange, from, to, action, actor, at, reason)
OMS_DOCUMENT_JSON(Shipment, id, number, customer, customer_code, warehouse, warehouse_code,
                  ship_to, state, carrier, tracking_number, promised_date, picking,
                  allow_expired, lines, tracking, exceptions, history, created_by,
                  created_at, shipped_at, delivered_at)

OMS_DOCUMENT_JSON(ReturnLine, line_no, shipment_line_no, order, order_number, order_line_no,
                  product, sku, quantity, disposition, restocked, reason, value)
OMS_DOCUMENT_JSON(CustomerReturn, id, number, shipment, shipment_number, customer,
                  customer_code, warehouse, date, lines, settlement, credit_note_number,
                  refund_numbers, credited, reason, actor, created_at)

OMS_DOCUMENT_JSON(InvoiceLine, line_no, order, order_number, order_line_no, sku, description,
                  quantity, net, tax, total, shipment_number, shipment_line_no)
OMS_DOCUMENT_JSON(InvoiceOrder, order, order_number, total, paid, credited)
OMS_DOCUMENT_JSON(InvoiceStateChange, from, to, actor, at, reason)
OMS_DOCUMENT_JSON(Invoice, id, number, customer, customer_code, currency, date, due_date,
                  state, lines, orders, net, tax, total, paid, credited,
                  credit_note_number, note, history, created_by, created_at)
OMS_DOCUMENT_JSON(Application, invoice, invoice_number, amount, at)
OMS_DOCUMENT_JSON(Payment, id, number, customer, customer_code, date, method, reference,
                  amount, applications, refunded, actor, created_at)
OMS_DOCUMENT_JSON(CreditedOrder, order, order_number, amount)
OMS_DOCUMENT_JSON(CreditNote, id, number, kind, customer, customer_code, date,
                  invoice_number, return_number, reason, net, tax, total, orders,
                  applications, refunded, actor, created_at)
OMS_DOCUMENT_JSON(Refund, id, number, customer, customer_code, date, method, reference,
                  amount, source_number, reason, actor, created_at)

#undef OMS_DOCUMENT_JSON
#undef OMS_JSON_WRITE_MEMBER

}  // namespace oms

#endif  // OMS_SRC_STORAGE_DOCUMENT_JSON_H_
