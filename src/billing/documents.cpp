// The shipment transition table and the small methods of the fulfilment and settlement values.
#include <algorithm>
#include <array>
#include <set>

#include "oms/billing.h"
#include "oms/fulfilment.h"
#include "oms/order.h"

namespace oms {

namespace {

using S = ShipmentState;
using A = ShipmentAction;

// Every legal shipment transition. Goods issue (kShip) is the point of no return: from there a
// shipment can only move forward, and stock comes back only through a return.
constexpr std::array kShipmentTransitions{
    ShipmentTransition{S::kDraft, A::kPick, S::kPicked},
    ShipmentTransition{S::kDraft, A::kCancel, S::kCancelled},
    ShipmentTransition{S::kPicked, A::kPack, S::kPacked},
    ShipmentTransition{S::kPicked, A::kCancel, S::kCancelled},
    ShipmentTransition{S::kPacked, A::kShip, S::kShipped},
    ShipmentTransition{S::kPacked, A::kCancel, S::kCancelled},
    ShipmentTransition{S::kShipped, A::kDepart, S::kInTransit},
    ShipmentTransition{S::kShipped, A::kDeliver, S::kDelivered},
    ShipmentTransition{S::kInTransit, A::kDeliver, S::kDelivered},
};

template <class T>
auto find_line(T& lines, int line_no) -> decltype(&lines.front()) {
  auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.line_no == line_no; });
  return it == lines.end() ? nullptr : &*it;
}

template <class Doc>
Money applied_of(const Doc& d, const Currency& currency) {
  Money sum = Money::zero(currency);
  for (const auto& a : d.applications) sum += a.amount;
  return sum;
}

}  // namespace

std::span<const ShipmentTransition> shipment_transitions() noexcept { return kShipmentTransitions; }

std::optional<ShipmentState> next_shipment_state(ShipmentState from, ShipmentAction action) noexcept {
  const auto it = std::find_if(kShipmentTransitions.begin(), kShipmentTransitions.end(),
                               [&](const ShipmentTransition& t) { return t.from == from && t.action == action; });
  if (it == kShipmentTransitions.end()) return std::nullopt;
  return it->to;
}

std::string_view to_string(ShipmentState s) noexcept {
  switch (s) {
    case S::kDraft: return "draft";
    case S::kPicked: return "picked";
    case S::kPacked: return "packed";
    case S::kShipped: return "shipped";
    case S::kInTransit: return "in_transit";
    case S::kDelivered: return "delivered";
    case S::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string_view to_string(ShipmentAction a) noexcept {
  switch (a) {
    case A::kPick: return "pick";
    case A::kPack: return "pack";
    case A::kShip: return "ship";
    case A::kDepart: return "depart";
    case A::kDeliver: return "deliver";
    case A::kCancel: return "cancel";
  }
  return "unknown";
}

std::string_view to_string(PickingRule r) noexcept { return r == PickingRule::kFefo ? "fefo" : "fifo"; }

std::string_view to_string(TrackingStatus s) noexcept {
  switch (s) {
    case TrackingStatus::kAccepted: return "accepted";
    case TrackingStatus::kInTransit: return "in_transit";
    case TrackingStatus::kOutForDelivery: return "out_for_delivery";
    case TrackingStatus::kDelivered: return "delivered";
    case TrackingStatus::kDelayed: return "delayed";
    case TrackingStatus::kDamaged: return "damaged";
    case TrackingStatus::kLost: return "lost";
    case TrackingStatus::kInfo: return "info";
  }
  return "unknown";
}

std::string_view to_string(ExceptionKind k) noexcept {
  switch (k) {
    case ExceptionKind::kDelayed: return "delayed";
    case ExceptionKind::kDamaged: return "damaged";
    case ExceptionKind::kLost: return "lost";
  }
  return "unknown";
}

std::string_view to_string(ReturnDisposition d) noexcept { return d == ReturnDisposition::kRestock ? "restock" : "scrap"; }

std::string_view to_string(ReturnSettlement s) noexcept {
  switch (s) {
    case ReturnSettlement::kCreditNote: return "credit_note";
    case ReturnSettlement::kRefund: return "refund";
    case ReturnSettlement::kNone: return "none";
  }
  return "unknown";
}

std::string_view to_string(InvoiceState s) noexcept {
  switch (s) {
    case InvoiceState::kDraft: return "draft";
    case InvoiceState::kIssued: return "issued";
    case InvoiceState::kPartiallyPaid: return "partially_paid";
    case InvoiceState::kPaid: return "paid";
    case InvoiceState::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string_view to_string(InvoicePolicy p) noexcept { return p == InvoicePolicy::kOnOrdered ? "on_ordered" : "on_shipped"; }

std::string_view to_string(CreditNoteKind k) noexcept { return k == CreditNoteKind::kCancellation ? "cancellation" : "return"; }

std::string_view to_string(StatementItemKind k) noexcept {
  switch (k) {
    case StatementItemKind::kInvoice: return "invoice";
    case StatementItemKind::kPayment: return "payment";
    case StatementItemKind::kCreditNote: return "credit_note";
    case StatementItemKind::kRefund: return "refund";
  }
  return "unknown";
}

std::string_view to_string(DocumentKind k) noexcept {
  switch (k) {
    case DocumentKind::kOrder: return "order";
    case DocumentKind::kShipment: return "shipment";
    case DocumentKind::kInvoice: return "invoice";
    case DocumentKind::kPayment: return "payment";
    case DocumentKind::kCreditNote: return "credit_note";
    case DocumentKind::kRefund: return "refund";
    case DocumentKind::kReturn: return "return";
  }
  return "unknown";
}

bool Shipment::has_open_exception() const {
  return std::any_of(exceptions.begin(), exceptions.end(), [](const ShipmentException& e) { return !e.resolved; });
}

bool Shipment::goods_issued() const {
  return state == S::kShipped || state == S::kInTransit || state == S::kDelivered;
}

bool Shipment::before_goods_issue() const { return state == S::kDraft || state == S::kPicked || state == S::kPacked; }

std::vector<ProductId> Shipment::products() const {
  std::vector<ProductId> out;
  for (const auto& l : lines) out.push_back(l.product);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const ShipmentLine* Shipment::line(int line_no) const { return find_line(lines, line_no); }
ShipmentLine* Shipment::line(int line_no) { return find_line(lines, line_no); }

bool Invoice::receivable() const { return state != InvoiceState::kDraft && state != InvoiceState::kCancelled; }

Money Payment::applied() const { return applied_of(*this, amount.currency()); }
Money CreditNote::applied() const { return applied_of(*this, total.currency()); }

bool DocumentFlow::merged() const {
  std::set<std::pair<DocumentKind, std::string>> from;
  for (const auto& l : upstream) {
    if (l.to != document) continue;
    if (!from.insert({l.from.kind, l.from.number}).second) continue;
    for (const auto& [k, n] : from) {
      if (k == l.from.kind && n != l.from.number) return true;
    }
  }
  return false;
}

bool DocumentFlow::split() const {
  std::set<std::pair<DocumentKind, std::string>> to;
  for (const auto& l : downstream) {
    if (l.from != document) continue;
    if (!to.insert({l.to.kind, l.to.number}).second) continue;
    for (const auto& [k, n] : to) {
      if (k == l.to.kind && n != l.to.number) return true;
    }
  }
  return false;
}

Decimal invoiceable_quantity(const OrderLine& line, InvoicePolicy policy) {
  return policy == InvoicePolicy::kOnOrdered ? line.billable_quantity() : line.shipped - line.returned;
}

LineValue cumulative_line_value(const OrderLine& line, const Decimal& quantity, RoundingMode mode) {
  const Currency cur = line.amounts.total.currency();
  if (line.quantity.is_zero() || quantity.is_zero()) return {Money::zero(cur), Money::zero(cur), Money::zero(cur)};
  if (quantity == line.quantity) return {line.amounts.net, line.amounts.tax, line.amounts.total};
  const int places = cur.minor_units();
  const Money total(Decimal::divide(line.amounts.total.amount() * quantity, line.quantity, places, mode), cur);
  const Money tax(Decimal::divide(line.amounts.tax.amount() * quantity, line.quantity, places, mode), cur);
  return {total - tax, tax, total};
}

}  // namespace oms
