// Shipments (出库): creation from order lines, picking (FEFO/FIFO or named lots and serials),
// goods issue, delivery, tracking events and exceptions. Returns are in engine_returns.cpp.
//
// Quantities: a shipment line takes at most the order line's unassigned quantity (confirmed,
// not shipped, not closed, not on another shipment), so outbound never exceeds the approved
// quantity. Reservations stay per product x warehouse; goods issue consumes the line's own
// reservation in the shipment's warehouse and may take the rest only from unreserved stock.
#include <algorithm>
#include <map>
#include <set>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonArray;
using internal::JsonObject;
using internal::load_order;
using internal::Op;
using internal::order_ref;
using internal::shipment_ref;
using internal::str;

namespace internal {

Shipment must_shipment(Ctx& c, std::string_view number, std::string_view field) {
  auto s = c.tx.get(by::kShipmentNumber, number);
  if (!s) fail(Status::NotFound(field, number));
  return *std::move(s);
}

Order load_order(Op& op, OrderId id) {
  auto o = op.tx.get(by::kOrderId, id);
  if (!o) fail(Status::Internal("document refers to missing order " + id.to_string()));
  return *std::move(o);
}

void link(Op& op, DocumentRef from, DocumentRef to, std::string relation, int from_line, int to_line, std::string sku,
          Decimal quantity, std::optional<Money> amount) {
  op.tx.put(DocumentLink{std::move(from), std::move(to), from_line, to_line, std::move(relation), std::move(sku),
                                 std::move(quantity), std::move(amount), op.now});
}

}  // namespace internal

namespace {


JsonObject shipment_summary(const Shipment& s) {
  return {{"number", s.number}, {"state", to_string(s.state)}, {"warehouse", s.warehouse_code},
          {"customer", s.customer_code}, {"lines", s.lines.size()}, {"carrier", s.carrier},
          {"tracking_number", s.tracking_number}};
}

// Applies a transition from the table, recording who, when and why.
void advance(Op& op, Shipment& s, ShipmentAction action, std::string_view reason = {}) {
  const auto to = next_shipment_state(s.state, action);
  if (!to) {
    fail(Status::FailedPrecondition("shipment '" + s.number + "' is " + std::string(to_string(s.state)) + " and cannot " +
                                        std::string(to_string(action)),
                                    "state"));
  }
  s.history.push_back({s.state, *to, action, op.actor, op.now, std::string(reason)});
  s.state = *to;
}

void emit_shipment(Op& op, const Shipment& s, const std::string& type, const JsonObject& extra = {}) {
  JsonObject data = shipment_summary(s);
  data.add(extra);
  op.emit("shipment", s.id.value, type, data);
}

Decimal allocated_in(const OrderLine& l, WarehouseId w) {
  Decimal q;
  for (const auto& a : l.allocations) {
    if (a.warehouse == w) q += a.quantity;
  }
  return q;
}

// Quantity of one order line on other shipments of `warehouse` that have not been goods-issued.
Decimal pending_in(Op& op, const Order& o, int line_no, WarehouseId warehouse, const std::string& except) {
  Decimal q;
  std::set<std::string> seen;
  for (const auto& l : op.tx.list(by::kLinksFrom, order_ref(o.number))) {
    if (l.to.kind != DocumentKind::kShipment || l.to.number == except || !seen.insert(l.to.number).second) continue;
    const Shipment s = internal::must_shipment(op, l.to.number);
    if (s.warehouse != warehouse || s.goods_issued() || s.state == ShipmentState::kCancelled) continue;
    for (const auto& sl : s.lines) {
      if (sl.order == o.id && sl.order_line_no == line_no) q += sl.quantity;
    }
  }
  return q;
}

// Makes the line's reservation in `warehouse` cover what its open shipments there carry plus
// `quantity`, then gives back any reservation elsewhere beyond the open quantity.
void hold_for_shipment(Op& op, const Order& o, OrderLine& l, WarehouseId warehouse, const Decimal& quantity,
                       const std::string& shipment_number) {
  const Decimal need = pending_in(op, o, l.line_no, warehouse, shipment_number) + quantity - allocated_in(l, warehouse);
  if (need.is_positive()) {
    const auto ws = op.tx.get(by::kWarehouseStock, l.product, warehouse);
    const Decimal available = ws ? ws->available() : Decimal();
    if (available < need) {
      fail(Status::InsufficientStock("order '" + o.number + "' line " + std::to_string(l.line_no) + " ('" + l.sku +
                                         "'): " + str(quantity) + " to ship but only " + str(allocated_in(l, warehouse)) +
                                         " reserved and " + str(available) + " available in the warehouse",
                                     "quantity"));
    }
    internal::reserve_stock(op, l.product, warehouse, need);
    auto it = std::find_if(l.allocations.begin(), l.allocations.end(), [&](const Allocation& a) { return a.warehouse == warehouse; });
    if (it == l.allocations.end()) {
      l.allocations.push_back({warehouse, need});
    } else {
      it->quantity += need;
    }
  }
  // Reservations elsewhere beyond the open quantity go back, other warehouses first.
  Decimal excess = l.reserved() - l.open_quantity();
  for (auto& a : l.allocations) {
    if (!excess.is_positive()) break;
    if (a.warehouse == warehouse) continue;
    const Decimal take = min(excess, a.quantity);
    internal::release_stock(op, l.product, a.warehouse, take);
    a.quantity -= take;
    excess -= take;
  }
  std::erase_if(l.allocations, [](const Allocation& a) { return a.quantity.is_zero(); });
}

bool expired(const std::optional<Date>& expiry, const Date& today) {
  return expiry && std::chrono::sys_days(*expiry) < std::chrono::sys_days(today);
}

Pick make_pick(const Location& loc, const std::optional<Lot>& lot, const Decimal& qty) {
  Pick p;
  p.location = loc.id;
  p.location_code = loc.code;
  if (lot) {
    p.lot = lot->id;
    p.lot_number = lot->lot_number;
    p.expiry = lot->expiry;
  }
  p.quantity = qty;
  return p;
}

// Picks named by the caller: lots (with or without a bin) or serial numbers.
std::vector<Pick> named_picks(Ctx& c, const Shipment& s, const Product& p, const ShipmentLineSpec& spec,
                              const Decimal& quantity, const std::string& field) {
  std::vector<Pick> picks;
  const Warehouse wh = *c.tx.get(by::kWarehouseId, s.warehouse);
  if (!spec.serials.empty()) {
    if (p.tracking != Tracking::kSerial) fail(Status::InvalidArgument(field + ".serials", spec.serials.front(), "given for a product without serial numbers"));
    if (Decimal(static_cast<std::int64_t>(spec.serials.size())) != quantity) {
      fail(Status::InvalidArgument(field + ".serials", std::to_string(spec.serials.size()) + " serials",
                                   "must list exactly " + str(quantity) + " serial numbers"));
    }
    std::set<std::string> seen;
    for (const auto& code : spec.serials) {
      if (!seen.insert(code).second) fail(Status::InvalidArgument(field + ".serials", code, "is listed twice"));
      const auto item = c.tx.get(by::kSerial, p.id, code);
      const auto loc = item ? c.tx.get(by::kLocationId, item->location) : std::nullopt;
      if (!item || item->status != SerialStatus::kInStock || !loc || loc->warehouse != s.warehouse) {
        fail(Status::FailedPrecondition("serial '" + code + "' of '" + p.sku + "' is not in stock in warehouse '" + wh.code + "'",
                                        field + ".serials"));
      }
      const auto lot = item->lot ? c.tx.get(by::kLotId, item->lot) : std::nullopt;
      auto same = std::find_if(picks.begin(), picks.end(), [&](const Pick& k) { return k.location == loc->id && k.lot == item->lot; });
      if (same == picks.end()) {
        picks.push_back(make_pick(*loc, lot, Decimal(1)));
        picks.back().serials.push_back(code);
      } else {
        same->quantity += Decimal(1);
        same->serials.push_back(code);
      }
    }
    return picks;
  }
  if (p.tracking == Tracking::kSerial) {
    fail(Status::InvalidArgument(field + ".serials", "", "must name the serial numbers of serial-tracked product '" + p.sku + "'"));
  }
  Decimal sum;
  for (std::size_t i = 0; i < spec.lots.size(); ++i) {
    const LotChoice& choice = spec.lots[i];
    const std::string f = internal::field_at(field + ".lots", i, "lot_number");
    internal::require_quantity(c, internal::field_at(field + ".lots", i, "quantity"), choice.quantity, p);
    if (p.tracking != Tracking::kLot) fail(Status::InvalidArgument(f, choice.lot_number, "given for product '" + p.sku + "' which is not lot-tracked"));
    const auto lot = c.tx.get(by::kLotNumber, p.id, choice.lot_number);
    if (!lot) fail(Status::NotFound(f, choice.lot_number));
    if (expired(lot->expiry, c.today()) && !s.allow_expired) {
      fail(Status::FailedPrecondition("lot '" + lot->lot_number + "' of '" + p.sku + "' expired on " + to_string(*lot->expiry) +
                                          " (the shipment does not allow expired lots)",
                                      f));
    }
    Decimal left = choice.quantity;
    std::vector<StockQuant> quants;
    if (!choice.location.empty()) {
      const Location loc = internal::must_location(c, wh, choice.location, internal::field_at(field + ".lots", i, "location"));
      if (auto q = c.tx.get(by::kQuant, p.id, loc.id, lot->id)) quants.push_back(*q);
    } else {
      for (const auto& q : c.tx.list(by::kQuantsOfProduct, p.id)) {
        if (q.warehouse == s.warehouse && q.lot == lot->id) quants.push_back(q);
      }
    }
    for (const auto& q : quants) {
      if (!left.is_positive()) break;
      const Decimal take = min(left, q.on_hand);
      if (!take.is_positive()) continue;
      picks.push_back(make_pick(*c.tx.get(by::kLocationId, q.location), lot, take));
      left -= take;
    }
    if (left.is_positive()) {
      fail(Status::InsufficientStock("lot '" + choice.lot_number + "' of '" + p.sku + "' has only " + str(choice.quantity - left) +
                                         " in warehouse '" + wh.code + "', " + str(choice.quantity) + " asked",
                                     f));
    }
    sum += choice.quantity;
  }
  if (sum != quantity) {
    fail(Status::InvalidArgument(field + ".lots", str(sum), "lot quantities must add up to the line quantity " + str(quantity)));
  }
  return picks;
}

// Picks by the rule from what is on hand in the warehouse, less what `taken` already holds.
std::vector<Pick> rule_picks(Ctx& c, const Shipment& s, const Product& p, const Decimal& quantity,
                             std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, Decimal>& taken,
                             const std::string& field) {
  struct Candidate {
    StockQuant quant;
    std::optional<Lot> lot;
    Location location;
  };
  std::vector<Candidate> candidates;
  Decimal expired_qty;
  for (const auto& q : c.tx.list(by::kQuantsOfProduct, p.id)) {
    if (q.warehouse != s.warehouse || !q.on_hand.is_positive()) continue;
    auto lot = q.lot ? c.tx.get(by::kLotId, q.lot) : std::nullopt;
    if (lot && expired(lot->expiry, c.today()) && !s.allow_expired) {
      expired_qty += q.on_hand;
      continue;
    }
    candidates.push_back({q, std::move(lot), *c.tx.get(by::kLocationId, q.location)});
  }
  const bool fefo = s.picking == PickingRule::kFefo;
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (fefo) {
      const bool ae = a.lot && a.lot->expiry, be = b.lot && b.lot->expiry;
      if (ae != be) return ae;  // lots with an expiry first
      if (ae && *a.lot->expiry != *b.lot->expiry) return *a.lot->expiry < *b.lot->expiry;
    }
    if (a.quant.lot != b.quant.lot) return a.quant.lot < b.quant.lot;
    return a.location.code < b.location.code;
  });
  std::vector<Pick> picks;
  Decimal left = quantity;
  for (const auto& cand : candidates) {
    if (!left.is_positive()) break;
    Decimal& used = taken[{p.id.value, cand.quant.location.value, cand.quant.lot.value}];
    const Decimal take = min(left, cand.quant.on_hand - used);
    if (!take.is_positive()) continue;
    picks.push_back(make_pick(cand.location, cand.lot, take));
    used += take;
    left -= take;
  }
  if (left.is_positive()) {
    fail(Status::InsufficientStock("cannot pick " + str(quantity) + " of '" + p.sku + "' in warehouse '" + s.warehouse_code +
                                       "': " + str(quantity - left) + " pickable" +
                                       (expired_qty.is_positive() ? " (" + str(expired_qty) + " more in expired lots)" : ""),
                                   field));
  }
  return picks;
}

void pick(Op& op, Shipment& s) {
  // Bin stock already picked for shipments not yet goods-issued (and this shipment's named
  // picks) is not picked again. Only the shipments with a line of this one's products can hold
  // the stock it picks from; each is counted once.
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, Decimal> taken;
  const auto count_picks = [&](const Shipment& holder) {
    for (const auto& l : holder.lines) {
      for (const auto& k : l.picks) taken[{l.product.value, k.location.value, k.lot.value}] += k.quantity;
    }
  };
  std::map<std::int64_t, Shipment> others;
  for (const ProductId product : s.products()) {
    for (auto& other : op.tx.list(by::kUnissuedShipmentsOfProduct, product)) {
      if (other.warehouse == s.warehouse && other.id != s.id) others.try_emplace(other.id.value, std::move(other));
    }
  }
  count_picks(s);  // as it is now, not as stored
  for (const auto& [id, other] : others) count_picks(other);
  for (std::size_t i = 0; i < s.lines.size(); ++i) {
    ShipmentLine& l = s.lines[i];
    if (!l.picks.empty()) continue;
    const Product p = *op.tx.get(by::kProductId, l.product);
    if (p.tracking == Tracking::kSerial) {
      fail(Status::FailedPrecondition("shipment line " + std::to_string(l.line_no) + " ('" + l.sku +
                                          "') needs its serial numbers named",
                                      internal::field_at("lines", i, "serials")));
    }
    l.picks = rule_picks(op, s, p, l.quantity, taken, internal::field_at("lines", i, "quantity"));
  }
  advance(op, s, ShipmentAction::kPick);
  JsonArray picks;
  for (const auto& l : s.lines) {
    for (const auto& k : l.picks) {
      picks.add({{"line_no", l.line_no}, {"sku", l.sku}, {"location", k.location_code}, {"lot", k.lot_number},
                       {"quantity", str(k.quantity)}});
    }
  }
  emit_shipment(op, s, "shipment.picked", {{"picks", picks}});
}

// Goods issue of every line: stock out of the picked bins and lots, reservation consumed, cost
// recorded, order lines shipped and their orders moved on.
void goods_issue(Op& op, Shipment& s) {
  std::map<std::int64_t, Order> orders;
  std::map<std::int64_t, Money> stored;
  for (const auto& l : s.lines) {
    if (!orders.count(l.order.value)) {
      Order o = load_order(op, l.order);
      const OrderState effective = o.state;
      if (effective != OrderState::kConfirmed && effective != OrderState::kPartiallyShipped) {
        fail(Status::FailedPrecondition("order '" + o.number + "' is " + std::string(to_string(o.state)) +
                                            ": shipment '" + s.number + "' cannot be shipped",
                                        "order_number"));
      }
      stored[l.order.value] = internal::credit_contribution(o);
      orders.emplace(l.order.value, std::move(o));
    }
  }
  for (auto& l : s.lines) {
    Order& o = orders.at(l.order.value);
    OrderLine& ol = *o.line(l.order_line_no);
    // Consume the line's own reservation here; anything beyond it must be unreserved stock.
    const Decimal own = min(l.quantity, allocated_in(ol, s.warehouse));
    if (own.is_positive()) {
      internal::release_stock(op, l.product, s.warehouse, own);
      for (auto& a : ol.allocations) {
        if (a.warehouse == s.warehouse) {
          const Decimal take = min(a.quantity, own);
          a.quantity -= take;
          break;
        }
      }
      std::erase_if(ol.allocations, [](const Allocation& a) { return a.quantity.is_zero(); });
    }
    const auto ws = op.tx.get(by::kWarehouseStock, l.product, s.warehouse);
    if (!ws || ws->on_hand - l.quantity < ws->reserved) {
      fail(Status::InsufficientStock("shipping " + str(l.quantity) + " of '" + l.sku + "' from warehouse '" + s.warehouse_code +
                                         "' would take stock reserved for other orders (" + str(ws ? ws->on_hand : Decimal()) +
                                         " on hand, " + str(ws ? ws->reserved : Decimal()) + " reserved)",
                                     "quantity"));
    }
    const Money unit_cost = internal::current_unit_cost(op, *op.tx.get(by::kProductId, l.product));
    l.cost = Money::zero(op.opt.cost_currency);
    for (auto& k : l.picks) {
      k.unit_cost = unit_cost.amount();
      StockMove m;
      m.kind = MoveKind::kIssue;
      m.product = l.product;
      m.warehouse = s.warehouse;
      m.location = k.location;
      m.lot = k.lot;
      m.quantity = -k.quantity;
      m.unit_cost = k.unit_cost;
      m.reference = s.number;
      m.reason = "order " + l.order_number;
      m.serials = k.serials;
      internal::post_move(op, m);
      for (const auto& code : k.serials) {
        auto item = op.tx.get(by::kSerial, l.product, code);
        if (!item || item->status != SerialStatus::kInStock || item->location != k.location) {
          fail(Status::FailedPrecondition("serial '" + code + "' of '" + l.sku + "' is no longer in stock where it was picked", "serials"));
        }
        item->status = SerialStatus::kShipped;
        op.tx.put(*item);
      }
      l.cost += Money((k.quantity * k.unit_cost).rounded(op.opt.cost_currency.minor_units(), op.opt.rounding), op.opt.cost_currency);
    }
    internal::value_quantity_change(op, l.product, -l.quantity);
    ol.shipped += l.quantity;
    ol.in_shipment -= l.quantity;
    internal::release_line(op, o, ol, false);
  }
  for (auto& [id, o] : orders) {
    bool all_out = true;
    for (const auto& ol : o.lines) all_out = all_out && !ol.open_quantity().is_positive();
    const OrderAction action = all_out ? OrderAction::kShipAll : OrderAction::kShipPartial;
    internal::change_state(op, o, action, "shipment " + s.number);
    internal::store_order(op, o, stored.at(id));
    internal::emit_transition(op, o, action, "shipment " + s.number, {{"shipment", s.number}});
  }
  s.shipped_at = op.now;
}

// Orders on the shipment whose every goods-issued shipment is delivered move to delivered.
void deliver_orders(Op& op, const Shipment& s) {
  std::set<std::int64_t> done;
  for (const auto& l : s.lines) {
    if (!done.insert(l.order.value).second) continue;
    Order o = load_order(op, l.order);
    if (o.state != OrderState::kShipped) continue;
    bool all = true;
    std::set<std::string> seen;
    for (const auto& k : op.tx.list(by::kLinksFrom, order_ref(o.number))) {
      if (k.to.kind != DocumentKind::kShipment || !seen.insert(k.to.number).second) continue;
      const Shipment other = k.to.number == s.number ? s : internal::must_shipment(op, k.to.number);
      if (other.state != ShipmentState::kCancelled && other.state != ShipmentState::kDelivered) all = false;
    }
    if (!all) continue;
    const Money stored = internal::credit_contribution(o);
    internal::change_state(op, o, OrderAction::kDeliver, "shipment " + s.number);
    internal::store_order(op, o, stored);
    internal::emit_transition(op, o, OrderAction::kDeliver, "shipment " + s.number, {{"shipment", s.number}});
  }
}

void raise_exception(Op& op, Shipment& s, ExceptionKind kind, std::string detail) {
  const int number = static_cast<int>(s.exceptions.size()) + 1;
  s.exceptions.push_back({number, kind, op.now, detail, false, std::nullopt, {}, {}});
  emit_shipment(op, s, "alert.shipment_exception",
                {{"exception", number}, {"kind", to_string(kind)}, {"detail", detail}});
}

void deliver(Op& op, Shipment& s, std::string_view reason) {
  advance(op, s, ShipmentAction::kDeliver, reason);
  s.delivered_at = op.now;
  emit_shipment(op, s, "shipment.delivered");
  deliver_orders(op, s);
}

// Loads, changes and stores one shipment in a write.
template <class F>
Shipment update_shipment(Op& op, std::string_view number, F&& change) {
  Shipment s = internal::must_shipment(op, number);
  change(s);
  op.tx.put(s);
  return s;
}

}  // namespace

Result<Shipment> Engine::create_shipment(const ShipmentSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    // The lines asked for: whole orders, then single lines.
    struct Want {
      std::string order_number;
      int line_no;
      std::optional<Decimal> quantity;
      const ShipmentLineSpec* line_spec;  // null for whole orders
      std::string field;
    };
    std::vector<Want> wants;
    std::map<std::string, Order> orders;
    auto order_of = [&](const std::string& number, const std::string& field) -> Order& {
      auto it = orders.find(number);
      if (it == orders.end()) it = orders.emplace(number, internal::must_order(op, number, field)).first;
      return it->second;
    };
    for (std::size_t i = 0; i < spec.orders.size(); ++i) {
      const std::string field = internal::field_at("orders", i, "");
      const Order& o = order_of(spec.orders[i], field.substr(0, field.size() - 1));
      for (const auto& l : o.lines) wants.push_back({o.number, l.line_no, std::nullopt, nullptr, "orders[" + std::to_string(i) + "]"});
    }
    for (std::size_t i = 0; i < spec.lines.size(); ++i) {
      const auto& ls = spec.lines[i];
      order_of(ls.order_number, internal::field_at("lines", i, "order_number"));
      wants.push_back({ls.order_number, ls.line_no, ls.quantity, &ls, "lines[" + std::to_string(i) + "]"});
    }
    if (wants.empty()) fail(Status::InvalidArgument("lines", "", "a shipment needs at least one order or line"));

    // The warehouse: given, or the one holding the lines' reservations.
    Warehouse wh;
    if (!spec.warehouse.empty()) {
      wh = internal::must_warehouse(op, spec.warehouse);
    } else {
      std::set<std::int64_t> held;
      for (const auto& w : wants) {
        const OrderLine* l = orders.at(w.order_number).line(w.line_no);
        if (l) {
          for (const auto& a : l->allocations) held.insert(a.warehouse.value);
        }
      }
      if (held.size() != 1) {
        fail(Status::InvalidArgument("warehouse", "", held.empty() ? "must be given: nothing is reserved for these lines"
                                                                   : "must be given: the lines are reserved in several warehouses"));
      }
      wh = *op.tx.get(by::kWarehouseId, WarehouseId{*held.begin()});
    }

    Shipment s;
    s.id = ShipmentId{op.tx.next_id(EntityKind::kShipment)};
    s.number = internal::assign_number(op, op.opt.shipment_numbers, spec.number,
                                       [&](const std::string& n) { return op.tx.get(by::kShipmentNumber, n).has_value(); });
    s.warehouse = wh.id;
    s.warehouse_code = wh.code;
    s.carrier = spec.carrier;
    s.tracking_number = spec.tracking_number;
    s.promised_date = spec.promised_date;
    s.picking = spec.picking;
    s.allow_expired = spec.allow_expired;
    s.instructions = spec.instructions;
    s.created_by = op.actor;
    s.created_at = op.now;

    std::map<std::string, Money> stored;
    for (const auto& [number, o] : orders) stored[number] = internal::credit_contribution(o);
    const Order* first = nullptr;
    for (const auto& w : wants) {
      Order& o = orders.at(w.order_number);
      if (o.state != OrderState::kConfirmed && o.state != OrderState::kPartiallyShipped) {
        fail(Status::FailedPrecondition("order '" + o.number + "' is " + std::string(to_string(o.state)) +
                                            "; only confirmed or partially shipped orders can be shipped",
                                        w.field));
      }
      if (!first) {
        first = &o;
        s.customer = o.customer;
        s.customer_code = o.customer_code;
        s.ship_to = o.ship_to;
      } else if (!spec.allow_mixed_destinations && (o.customer != first->customer || o.ship_to != first->ship_to)) {
        fail(Status::FailedPrecondition("order '" + o.number + "' goes to " +
                                            (o.customer != first->customer ? "another customer ('" + o.customer_code + "')"
                                                                           : "another ship-to address") +
                                            " than order '" + first->number + "' (set allow_mixed_destinations to merge them)",
                                        w.field));
      }
      OrderLine* ol = o.line(w.line_no);
      if (!ol) fail(Status::NotFound(w.field + ".line_no", std::to_string(w.line_no)));
      Decimal qty;
      if (w.quantity) {
        qty = *w.quantity;
        internal::require_quantity(op, w.field + ".quantity", qty, *op.tx.get(by::kProductId, ol->product));
        if (qty > ol->unassigned()) {
          fail(Status::FailedPrecondition("order '" + o.number + "' line " + std::to_string(ol->line_no) + " ('" + ol->sku +
                                              "'): quantity " + str(qty) + " exceeds the " + str(ol->unassigned()) +
                                              " confirmed and not yet shipped (ordered " + str(ol->quantity) + ", shipped " +
                                              str(ol->shipped) + ", on other shipments " + str(ol->in_shipment) + ", closed " +
                                              str(ol->closed) + ")",
                                          w.field + ".quantity"));
        }
      } else {
        qty = ol->unassigned();
        if (!w.line_spec && spec.reserved_only) {
          qty = min(qty, max(allocated_in(*ol, wh.id) - pending_in(op, o, ol->line_no, wh.id, s.number), Decimal()));
        }
        if (!qty.is_positive()) {
          if (w.line_spec) {
            fail(Status::FailedPrecondition("order '" + o.number + "' line " + std::to_string(ol->line_no) +
                                                " has nothing left to ship",
                                            w.field + ".line_no"));
          }
          continue;  // whole orders skip lines with nothing to ship
        }
      }
      hold_for_shipment(op, o, *ol, wh.id, qty, s.number);
      ol->in_shipment += qty;
      ShipmentLine sl;
      sl.line_no = static_cast<int>(s.lines.size()) + 1;
      sl.order = o.id;
      sl.order_number = o.number;
      sl.order_line_no = ol->line_no;
      sl.product = ol->product;
      sl.sku = ol->sku;
      sl.unit = ol->unit;
      sl.quantity = qty;
      sl.cost = Money::zero(op.opt.cost_currency);
      if (w.line_spec && (!w.line_spec->lots.empty() || !w.line_spec->serials.empty())) {
        sl.picks = named_picks(op, s, *op.tx.get(by::kProductId, ol->product), *w.line_spec, qty, w.field);
      }
      s.lines.push_back(std::move(sl));
    }
    if (s.lines.empty()) fail(Status::FailedPrecondition("the orders have nothing left to ship from warehouse '" + wh.code + "'", "orders"));
    for (auto& [number, o] : orders) internal::store_order(op, o, stored.at(number));
    for (const auto& l : s.lines) {
      internal::link(op, order_ref(l.order_number), shipment_ref(s.number), "ships", l.order_line_no, l.line_no, l.sku, l.quantity);
    }
    op.tx.put(s);
    emit_shipment(op, s, "shipment.created");
    return s;
  });
}

Result<Shipment> Engine::pick_shipment(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return update_shipment(op, number, [&](Shipment& s) { pick(op, s); }); });
}

Result<Shipment> Engine::pack_shipment(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return update_shipment(op, number, [&](Shipment& s) {
      advance(op, s, ShipmentAction::kPack);
      emit_shipment(op, s, "shipment.packed");
    });
  });
}

Result<Shipment> Engine::ship_shipment(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return update_shipment(op, number, [&](Shipment& s) {
      if (s.state == ShipmentState::kDraft) pick(op, s);
      if (s.state == ShipmentState::kPicked) advance(op, s, ShipmentAction::kPack);
      advance(op, s, ShipmentAction::kShip);
      goods_issue(op, s);
      JsonArray cost;
      for (const auto& l : s.lines) cost.add({{"line_no", l.line_no}, {"sku", l.sku}, {"cost", l.cost}});
      emit_shipment(op, s, "shipment.shipped", {{"cost", cost}});
    });
  });
}

Result<Shipment> Engine::cancel_shipment(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text("reason", reason);
    return update_shipment(op, number, [&](Shipment& s) {
      advance(op, s, ShipmentAction::kCancel, reason);
      std::map<std::int64_t, Order> orders;
      for (const auto& l : s.lines) {
        auto it = orders.find(l.order.value);
        if (it == orders.end()) it = orders.emplace(l.order.value, load_order(op, l.order)).first;
        it->second.line(l.order_line_no)->in_shipment -= l.quantity;
      }
      for (auto& [id, o] : orders) internal::store_order(op, o, internal::credit_contribution(o));
      emit_shipment(op, s, "shipment.cancelled", {{"reason", reason}});
    });
  });
}

Result<Shipment> Engine::set_carrier(std::string_view number, std::string_view carrier, std::string_view tracking_number,
                                     std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text("carrier", carrier);
    internal::require_text("tracking_number", tracking_number);
    return update_shipment(op, number, [&](Shipment& s) {
      if (s.state == ShipmentState::kDelivered || s.state == ShipmentState::kCancelled) {
        fail(Status::FailedPrecondition("shipment '" + s.number + "' is " + std::string(to_string(s.state)), "state"));
      }
      s.carrier = carrier;
      s.tracking_number = tracking_number;
      emit_shipment(op, s, "shipment.carrier_set");
    });
  });
}

Result<Shipment> Engine::deliver_shipment(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return update_shipment(op, number, [&](Shipment& s) { deliver(op, s, "proof of delivery"); });
  });
}

Result<Shipment> Engine::record_tracking(std::string_view number, const TrackingUpdate& u, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(u);
    return update_shipment(op, number, [&](Shipment& s) {
      if (!s.goods_issued()) {
        fail(Status::FailedPrecondition("shipment '" + s.number + "' is " + std::string(to_string(s.state)) +
                                            "; tracking starts at goods issue",
                                        "state"));
      }
      TrackingEvent e{u.at.value_or(op.now), u.status, u.carrier_status, u.location, u.text, op.now};
      s.tracking.push_back(e);
      emit_shipment(op, s, "shipment.tracking",
                    {{"status", to_string(u.status)}, {"carrier_status", u.carrier_status}, {"location", u.location}, {"text", u.text}});
      const std::string detail = u.text.empty() ? u.carrier_status : u.text;
      switch (u.status) {
        case TrackingStatus::kInTransit:
        case TrackingStatus::kOutForDelivery:
          if (s.state == ShipmentState::kShipped) advance(op, s, ShipmentAction::kDepart, "carrier: " + std::string(to_string(u.status)));
          break;
        case TrackingStatus::kDelivered:
          if (s.state != ShipmentState::kDelivered) deliver(op, s, "carrier: delivered");
          break;
        case TrackingStatus::kDelayed: raise_exception(op, s, ExceptionKind::kDelayed, detail); break;
        case TrackingStatus::kDamaged: raise_exception(op, s, ExceptionKind::kDamaged, detail); break;
        case TrackingStatus::kLost: raise_exception(op, s, ExceptionKind::kLost, detail); break;
        case TrackingStatus::kAccepted:
        case TrackingStatus::kInfo: break;
      }
    });
  });
}

Result<Shipment> Engine::flag_exception(std::string_view number, ExceptionKind kind, std::string_view detail,
                                        std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text("detail", detail);
    return update_shipment(op, number, [&](Shipment& s) {
      if (s.state == ShipmentState::kCancelled) fail(Status::FailedPrecondition("shipment '" + s.number + "' is cancelled", "state"));
      raise_exception(op, s, kind, std::string(detail));
    });
  });
}

Result<Shipment> Engine::resolve_exception(std::string_view number, int exception_number, std::string_view resolution,
                                           std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return update_shipment(op, number, [&](Shipment& s) {
      internal::require_nonempty("resolution", resolution);
      internal::require_text("resolution", resolution);
      auto it = std::find_if(s.exceptions.begin(), s.exceptions.end(),
                             [&](const ShipmentException& e) { return e.number == exception_number; });
      if (it == s.exceptions.end()) fail(Status::NotFound("exception_number", std::to_string(exception_number)));
      if (it->resolved) fail(Status::FailedPrecondition("exception " + std::to_string(exception_number) + " of shipment '" + s.number + "' is already resolved", "exception_number"));
      it->resolved = true;
      it->resolved_at = op.now;
      it->resolved_by = op.actor;
      it->resolution = resolution;
      emit_shipment(op, s, "shipment.exception_resolved", {{"exception", exception_number}, {"resolution", resolution}});
    });
  });
}

namespace {
std::vector<OpenException> open_exceptions_of(const std::vector<Shipment>& shipments) {
  std::vector<OpenException> out;
  for (const auto& s : shipments) {
    for (const auto& e : s.exceptions) {
      if (!e.resolved) out.push_back({s.number, s.customer_code, s.state, e});
    }
  }
  return out;
}
}  // namespace

Result<std::vector<OpenException>> Engine::check_delays(std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    std::vector<Shipment> flagged;
    ShipmentSelection q;
    q.states = {ShipmentState::kDraft, ShipmentState::kPicked, ShipmentState::kPacked, ShipmentState::kShipped,
                ShipmentState::kInTransit};
    for (auto s : op.tx.list_shipments(q)) {
      if (!s.promised_date || std::chrono::sys_days(*s.promised_date) >= std::chrono::sys_days(op.today())) continue;
      const bool already = std::any_of(s.exceptions.begin(), s.exceptions.end(),
                                       [](const ShipmentException& e) { return e.kind == ExceptionKind::kDelayed; });
      if (already) continue;
      raise_exception(op, s, ExceptionKind::kDelayed,
                      "not delivered by the promised date " + to_string(*s.promised_date));
      op.tx.put(s);
      s.exceptions.erase(s.exceptions.begin(), s.exceptions.end() - 1);  // report the new one only
      flagged.push_back(std::move(s));
    }
    return open_exceptions_of(flagged);
  });
}

Result<std::vector<OpenException>> Engine::open_exceptions() const {
  return impl_->read([&](Ctx& c) {
    ShipmentSelection q;
    q.open_exceptions_only = true;
    return open_exceptions_of(c.tx.list_shipments(q));
  });
}

Result<Shipment> Engine::shipment(std::string_view number) const {
  return impl_->read([&](Ctx& c) { return internal::must_shipment(c, number); });
}

Result<std::vector<Shipment>> Engine::order_shipments(std::string_view order_number) const {
  return impl_->read([&](Ctx& c) {
    const Order o = internal::must_order(c, order_number);
    std::vector<Shipment> out;
    std::set<std::string> seen;
    for (const auto& l : c.tx.list(by::kLinksFrom, order_ref(o.number))) {
      if (l.to.kind == DocumentKind::kShipment && seen.insert(l.to.number).second) out.push_back(internal::must_shipment(c, l.to.number));
    }
    return out;
  });
}

}  // namespace oms
