// The order lifecycle transition table and the small methods of the domain values.
#include <algorithm>
#include <array>

#include "oms/catalog.h"
#include "oms/inventory.h"
#include "oms/order.h"

namespace oms {

namespace {

using S = OrderState;
using A = OrderAction;

// Every legal transition. Anything not listed is refused.
constexpr std::array kTransitions{
    OrderTransition{S::kDraft, A::kSubmit, S::kSubmitted},
    OrderTransition{S::kDraft, A::kAmend, S::kDraft},
    OrderTransition{S::kDraft, A::kCancel, S::kCancelled},

    OrderTransition{S::kSubmitted, A::kReject, S::kDraft},
    OrderTransition{S::kSubmitted, A::kApprove, S::kConfirmed},
    OrderTransition{S::kSubmitted, A::kAmend, S::kSubmitted},
    OrderTransition{S::kSubmitted, A::kHold, S::kOnHold},
    OrderTransition{S::kSubmitted, A::kCancel, S::kCancelled},

    OrderTransition{S::kConfirmed, A::kAmend, S::kConfirmed},
    OrderTransition{S::kConfirmed, A::kHold, S::kOnHold},
    OrderTransition{S::kConfirmed, A::kCancel, S::kCancelled},
    OrderTransition{S::kConfirmed, A::kShortClose, S::kClosed},
    OrderTransition{S::kConfirmed, A::kShipPartial, S::kPartiallyShipped},
    OrderTransition{S::kConfirmed, A::kShipAll, S::kShipped},

    OrderTransition{S::kPartiallyShipped, A::kAmend, S::kPartiallyShipped},
    OrderTransition{S::kPartiallyShipped, A::kHold, S::kOnHold},
    OrderTransition{S::kPartiallyShipped, A::kShortClose, S::kShipped},
    OrderTransition{S::kPartiallyShipped, A::kShipPartial, S::kPartiallyShipped},
    OrderTransition{S::kPartiallyShipped, A::kShipAll, S::kShipped},

    OrderTransition{S::kShipped, A::kDeliver, S::kDelivered},
    OrderTransition{S::kDelivered, A::kComplete, S::kCompleted},

    OrderTransition{S::kOnHold, A::kResume, S::kOnHold},  // to the state it was held in
    OrderTransition{S::kOnHold, A::kCancel, S::kCancelled},  // guard: nothing shipped
    OrderTransition{S::kOnHold, A::kAmend, S::kOnHold},
};

}  // namespace

std::span<const OrderTransition> order_transitions() noexcept { return kTransitions; }

std::optional<OrderState> next_order_state(OrderState from, OrderAction action, OrderState held_from) noexcept {
  const auto it = std::find_if(kTransitions.begin(), kTransitions.end(),
                               [&](const OrderTransition& t) { return t.from == from && t.action == action; });
  if (it == kTransitions.end()) return std::nullopt;
  if (action == OrderAction::kResume) return held_from;
  return it->to;
}

bool is_open_state(OrderState s) noexcept {
  switch (s) {
    case S::kSubmitted:
    case S::kConfirmed:
    case S::kPartiallyShipped:
    case S::kOnHold: return true;
    default: return false;
  }
}

std::string_view to_string(OrderState s) noexcept {
  switch (s) {
    case S::kDraft: return "draft";
    case S::kSubmitted: return "submitted";
    case S::kConfirmed: return "confirmed";
    case S::kPartiallyShipped: return "partially_shipped";
    case S::kShipped: return "shipped";
    case S::kDelivered: return "delivered";
    case S::kCompleted: return "completed";
    case S::kClosed: return "closed";
    case S::kCancelled: return "cancelled";
    case S::kOnHold: return "on_hold";
  }
  return "unknown";
}

std::string_view to_string(OrderAction a) noexcept {
  switch (a) {
    case A::kSubmit: return "submit";
    case A::kReject: return "reject";
    case A::kApprove: return "approve";
    case A::kAmend: return "amend";
    case A::kHold: return "hold";
    case A::kResume: return "resume";
    case A::kCancel: return "cancel";
    case A::kShortClose: return "short_close";
    case A::kShipPartial: return "ship_partial";
    case A::kShipAll: return "ship_all";
    case A::kDeliver: return "deliver";
    case A::kComplete: return "complete";
  }
  return "unknown";
}

std::string_view to_string(Priority p) noexcept {
  switch (p) {
    case Priority::kLow: return "low";
    case Priority::kNormal: return "normal";
    case Priority::kHigh: return "high";
    case Priority::kUrgent: return "urgent";
  }
  return "unknown";
}

std::string_view to_string(Progress p) noexcept {
  switch (p) {
    case Progress::kNone: return "none";
    case Progress::kPartial: return "partial";
    case Progress::kFull: return "full";
  }
  return "unknown";
}

std::string_view to_string(CustomerGrade g) noexcept {
  switch (g) {
    case CustomerGrade::kPotential: return "potential";
    case CustomerGrade::kRegular: return "regular";
    case CustomerGrade::kVip: return "vip";
  }
  return "unknown";
}

std::string_view to_string(Tracking t) noexcept {
  switch (t) {
    case Tracking::kNone: return "none";
    case Tracking::kLot: return "lot";
    case Tracking::kSerial: return "serial";
  }
  return "unknown";
}

std::string_view to_string(PriceSourceKind k) noexcept {
  switch (k) {
    case PriceSourceKind::kPriceList: return "price_list";
    case PriceSourceKind::kListPrice: return "list_price";
    case PriceSourceKind::kManual: return "manual";
    case PriceSourceKind::kPromotion: return "promotion";
    case PriceSourceKind::kNone: return "none";
  }
  return "unknown";
}

std::string_view to_string(SerialStatus s) noexcept {
  switch (s) {
    case SerialStatus::kInStock: return "in_stock";
    case SerialStatus::kShipped: return "shipped";
    case SerialStatus::kLost: return "lost";
  }
  return "unknown";
}

std::string_view to_string(MoveKind k) noexcept {
  switch (k) {
    case MoveKind::kReceipt: return "receipt";
    case MoveKind::kIssue: return "issue";
    case MoveKind::kTransferOut: return "transfer_out";
    case MoveKind::kTransferIn: return "transfer_in";
    case MoveKind::kAdjustment: return "adjustment";
    case MoveKind::kReturn: return "return";
  }
  return "unknown";
}

Decimal OrderLine::reserved() const {
  Decimal r;
  for (const auto& a : allocations) r += a.quantity;
  return r;
}

const OrderLine* Order::line(int line_no) const {
  for (const auto& l : lines) {
    if (l.line_no == line_no) return &l;
  }
  return nullptr;
}

OrderLine* Order::line(int line_no) {
  return const_cast<OrderLine*>(static_cast<const Order*>(this)->line(line_no));
}

Decimal Order::backordered() const {
  Decimal b;
  for (const auto& l : lines) b += l.unreserved();
  return b;
}

namespace {
Progress progress(const Decimal& done, const Decimal& of) {
  if (done.is_zero() || !done.is_positive()) return Progress::kNone;
  return done < of ? Progress::kPartial : Progress::kFull;
}
}  // namespace

Progress Order::shipment_progress() const {
  Decimal shipped, due;
  for (const auto& l : lines) {
    shipped += l.shipped;
    due += l.quantity - l.closed;
  }
  return progress(shipped, due);
}

Progress Order::invoice_progress() const { return progress(invoiced.amount(), billable.amount()); }
Progress Order::payment_progress() const { return progress(paid.amount(), billable.amount()); }

bool is_backordered(const Order& o) {
  const OrderState s = o.state == OrderState::kOnHold ? o.held_from : o.state;
  if (s != OrderState::kConfirmed && s != OrderState::kPartiallyShipped) return false;
  return o.backordered().is_positive();
}

bool Review::blocked() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::kError; });
}

}  // namespace oms
