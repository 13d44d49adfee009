// Internal: JSON forms of the fulfilment and settlement documents, for adapters that keep a
// document's nested parts (lines, picks, tracking, applications) as one text column.
//
// Readers tolerate missing members (they keep the default), so a newer library reads the
// documents an older one wrote. Decimals and money amounts are exact strings.
#ifndef OMS_SRC_STORAGE_DOCUMENT_JSON_H_
#define OMS_SRC_STORAGE_DOCUMENT_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>

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

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Address, label, line1, line2, city, region, postal_code, country)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Pick, location, location_code, lot, lot_number, expiry, quantity, serials,
                                                unit_cost, returned)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ShipmentLine, line_no, order, order_number, order_line_no, product, sku,
                                                unit, quantity, picks, cost, returned, invoiced)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrackingEvent, at, status, carrier_status, location, text, recorded_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ShipmentException, number, kind, raised_at, detail, resolved, resolved_at,
                                                resolved_by, resolution)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ShipmentStateChange, from, to, action, actor, at, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Shipment, id, number, customer, customer_code, warehouse, warehouse_code,
                                                ship_to, state, carrier, tracking_number, promised_date, picking,
                                                allow_expired, lines, tracking, exceptions, history, created_by,
                                                created_at, shipped_at, delivered_at)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReturnLine, line_no, shipment_line_no, order, order_number, order_line_no,
                                                product, sku, quantity, disposition, restocked, reason, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CustomerReturn, id, number, shipment, shipment_number, customer,
                                                customer_code, warehouse, date, lines, settlement, credit_note_number,
                                                refund_numbers, credited, reason, actor, created_at)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InvoiceLine, line_no, order, order_number, order_line_no, sku, description,
                                                quantity, net, tax, total, shipment_number, shipment_line_no)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InvoiceOrder, order, order_number, total, paid, credited)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InvoiceStateChange, from, to, actor, at, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Invoice, id, number, customer, customer_code, currency, date, due_date,
                                                state, lines, orders, net, tax, total, paid, credited,
                                                credit_note_number, note, history, created_by, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Application, invoice, invoice_number, amount, at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Payment, id, number, customer, customer_code, date, method, reference,
                                                amount, applications, refunded, actor, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CreditedOrder, order, order_number, amount)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CreditNote, id, number, kind, customer, customer_code, date,
                                                invoice_number, return_number, reason, net, tax, total, orders,
                                                applications, refunded, actor, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Refund, id, number, customer, customer_code, date, method, reference,
                                                amount, source_number, reason, actor, created_at)

}  // namespace oms

#endif  // OMS_SRC_STORAGE_DOCUMENT_JSON_H_
