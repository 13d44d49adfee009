// Everything a caller can observe through the engine, as text: two engines with the same text
// hold the same book. Used to prove that failed operations leave no trace and that a reopened
// database gives back exactly what was there.
#ifndef OMS_TESTS_STATE_TEXT_H_
#define OMS_TESTS_STATE_TEXT_H_

#include <sstream>
#include <string>

#include "oms/engine.h"

namespace oms::testing {

inline std::string state_text(Engine& eng) {
  std::ostringstream s;
  for (const auto& o : eng.list_orders({}).value()) {
    s << o.number << ' ' << to_string(o.state) << " held_from=" << to_string(o.held_from) << " rev" << o.revision << ' '
      << o.customer_code << ' ' << o.totals.total << ' ' << o.totals.cost << ' ' << o.totals.margin_percent << ' '
      << o.external.source << '/' << o.external.id << ' ' << (o.requested_delivery ? to_string(*o.requested_delivery) : "-")
      << ' ' << o.hold_reason << ' ' << o.approved_by << " billed " << o.billable << '/' << o.invoiced << '/' << o.paid
      << '\n';
    for (const auto& h : o.history) {
      s << "  h " << to_string(h.from) << '>' << to_string(h.to) << ' ' << h.actor << ' ' << to_string(h.at) << ' ' << h.reason
        << '\n';
    }
    for (const auto& sh : eng.order_shipments(o.number).value()) {
      s << "  shipment " << sh.number << ' ' << to_string(sh.state) << ' ' << sh.tracking.size() << ' ' << sh.exceptions.size();
      for (const auto& l : sh.lines) {
        s << " [" << l.line_no << ' ' << l.quantity << ' ' << l.returned << ' ' << l.invoiced << ' ' << l.cost << ' ' << l.picks.size() << ']';
      }
      s << '\n';
    }
    for (const auto& r : o.revisions) {
      s << "  r" << r.number << ' ' << r.actor << ' ' << r.reason << ' ' << r.previous_totals.total << ' '
        << r.previous_lines.size() << '\n';
    }
    for (const auto& l : o.lines) {
      s << "  " << l.line_no << ' ' << l.sku << ' ' << l.quantity << ' ' << l.unit_price << ' '
        << to_string(l.price_source.kind) << ':' << l.price_source.reference << ' ' << l.amounts.net << ' '
        << l.amounts.tax << ' ' << l.amounts.total << ' ' << l.unit_cost << ' ' << l.closed << ' ' << l.gift << " s"
        << l.shipped << '+' << l.in_shipment << " r" << l.returned << " i" << l.invoiced;
      for (const auto& a : l.allocations) s << " @" << a.warehouse.value << '=' << a.quantity;
      s << '\n';
    }
  }
  for (const auto& p : eng.products().value()) {
    const StockReport r = eng.stock(p.sku).value();
    s << p.sku << ' ' << p.name << ' ' << p.list_price << ' ' << r.on_hand << ' ' << r.reserved << ' '
      << eng.moves(p.sku).value().size() << ' ' << eng.valuation(p.sku).value().average_cost;
    for (const auto& b : p.barcodes) s << ' ' << b;
    s << '\n';
    for (const auto& w : r.warehouses) {
      for (const auto& q : w.quants) s << "  " << q.location.value << '/' << q.lot.value << '=' << q.on_hand << '\n';
    }
  }
  for (const auto& c : eng.find_customers("a").value()) {
    s << c.code << ' ' << c.name << ' ' << to_string(c.grade) << ' ' << c.addresses.size() << ' '
      << eng.credit_exposure(c.code, "CNY").value() << " credit " << eng.customer_credit(c.code, "CNY").value() << '\n';
    for (const auto& v : eng.customer_invoices(c.code).value()) {
      s << "  invoice " << v.number << ' ' << to_string(v.state) << ' ' << v.total << ' ' << v.paid << ' ' << v.credited << '\n';
    }
    for (const auto& i : eng.statement(c.code, "CNY", Date{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)},
                                       Date{std::chrono::year(2100), std::chrono::January, std::chrono::day(1)})
                             .value()
                             .items) {
      s << "  item " << to_string(i.kind) << ' ' << i.number << ' ' << i.debit << ' ' << i.credit << ' ' << i.balance << '\n';
    }
  }
  for (const auto& e : eng.events().value()) {
    s << e.sequence << ' ' << to_string(e.at) << ' ' << e.actor << ' ' << e.type << ' ' << e.entity_id << ' ' << e.data << '\n';
  }
  return s.str();
}

}  // namespace oms::testing

#endif  // OMS_TESTS_STATE_TEXT_H_
