// Stock operations: warehouses and bins, receipts, transfers, stocktakes, reservations and the
// moving-average valuation. Every on-hand change goes through post_move, which writes the move
// and both balances in the same unit of work.
#include <algorithm>
#include <set>
#include <tuple>

#include "values/digits.h"
#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonObject;
using internal::Op;
using internal::str;

namespace internal {

Decimal available_total(Ctx& c, ProductId product) {
  Decimal total;
  for (const auto& ws : c.tx.list(by::kWarehouseStockOfProduct, product)) total += ws.available();
  return total;
}

Money current_unit_cost(Ctx& c, const Product& p) {
  if (auto v = c.tx.get(by::kValuationOfProduct, p.id); v && v->quantity.is_positive()) return Money(v->average_cost, c.opt.cost_currency);
  return p.standard_cost;
}

void reserve_stock(Op& op, ProductId product, WarehouseId warehouse, const Decimal& qty) {
  op.touch_stock(product);
  auto ws = op.tx.get(by::kWarehouseStock, product, warehouse);
  if (!ws || ws->available() < qty) {
    fail(Status::InsufficientStock("cannot reserve " + str(qty) + ": only " + str(ws ? ws->available() : Decimal()) +
                                   " available in warehouse " + warehouse.to_string()));
  }
  ws->reserved += qty;
  op.tx.put(*ws);
}

void release_stock(Op& op, ProductId product, WarehouseId warehouse, const Decimal& qty) {
  op.touch_stock(product);
  auto ws = op.tx.get(by::kWarehouseStock, product, warehouse);
  if (!ws || ws->reserved < qty) {
    fail(Status::Internal("releasing " + str(qty) + " of product " + product.to_string() +
                          " that was not reserved in warehouse " + warehouse.to_string()));
  }
  ws->reserved -= qty;
  op.tx.put(*ws);
}

std::string next_number(Op& op, const NumberRule& rule) {
  const auto ymd = op.today();
  std::string stem = rule.prefix;
  if (rule.date_part != DatePart::kNone) {
    if (!stem.empty()) stem += rule.separator;
    internal::append_padded(stem, static_cast<int>(ymd.year()), 4);
    if (rule.date_part != DatePart::kYear) internal::append_padded(stem, static_cast<unsigned>(ymd.month()), 2);
    if (rule.date_part == DatePart::kYearMonthDay) internal::append_padded(stem, static_cast<unsigned>(ymd.day()), 2);
  }
  const std::int64_t seq = op.tx.next_sequence(stem);
  std::string number = stem.empty() ? std::string() : stem + rule.separator;
  internal::append_padded(number, seq, rule.sequence_width);
  return number;
}

// Refuses to take a quant below zero (a safety net: operations check their source quantities
// first, with messages in codes).
StockMove post_move(Op& op, StockMove m) {
  if (m.quantity.scale() > 0) {  // a whole number fits every unit
    const auto p = op.tx.get(by::kProductId, m.product);
    if (!p) fail(Status::Internal("a stock move of product " + m.product.to_string() + ", which does not exist"));
    require_unit_precision("quantity", m.quantity, unit_of(op, *p));
  }
  m.id = MoveId{op.tx.next_id(EntityKind::kMove)};
  m.at = op.now;
  m.actor = op.actor;
  op.touch_stock(m.product);
  StockQuant q = op.tx.get(by::kQuant, m.product, m.location, m.lot)
                     .value_or(StockQuant{m.product, m.location, m.lot, m.warehouse, Decimal()});
  q.on_hand += m.quantity;
  if (q.on_hand.is_negative()) {
    fail(Status::InsufficientStock("only " + str(q.on_hand - m.quantity) + " on hand at location " +
                                       m.location.to_string() + ", cannot take " + str(-m.quantity),
                                   "quantity"));
  }
  op.tx.put(q);
  WarehouseStock ws =
      op.tx.get(by::kWarehouseStock, m.product, m.warehouse).value_or(WarehouseStock{m.product, m.warehouse, {}, {}});
  ws.on_hand += m.quantity;
  op.tx.put(ws);
  op.tx.put(m);
  return m;
}

namespace {
Valuation valuation_of(Ctx& c, ProductId product) {
  return c.tx.get(by::kValuationOfProduct, product).value_or(Valuation{product, Decimal(), Decimal()});
}
}  // namespace

// Moving average: (q0 x a0 + q x cost) / (q0 + q), 6 places half-even.
void value_receipt(Op& op, ProductId product, const Decimal& qty, const Decimal& unit_cost) {
  Valuation v = valuation_of(op, product);
  const Decimal new_qty = v.quantity + qty;
  if (!v.quantity.is_positive()) {
    v.average_cost = unit_cost.rounded(6, RoundingMode::kHalfEven);
  } else {
    v.average_cost = Decimal::divide(v.quantity * v.average_cost + qty * unit_cost, new_qty, 6, RoundingMode::kHalfEven);
  }
  v.quantity = new_qty;
  op.tx.put(v);
}

void value_quantity_change(Op& op, ProductId product, const Decimal& qty) {
  Valuation v = valuation_of(op, product);
  v.quantity += qty;
  op.tx.put(v);
}

}  // namespace internal

namespace {
using internal::post_move;
using internal::valuation_of;
using internal::value_quantity_change;

// The lot a line refers to, created on receipt when new. Non-lot products take no lot number.
LotId lot_for(Op& op, const Product& p, const std::string& lot_number, const std::optional<Date>& expiry,
              const std::string& field, bool create) {
  if (p.tracking != Tracking::kLot) {
    if (!lot_number.empty()) {
      fail(Status::InvalidArgument(field, lot_number, "given for product '" + p.sku + "' which is not lot-tracked"));
    }
    return LotId{};
  }
  internal::require_nonempty(field, lot_number);
  if (auto lot = op.tx.get(by::kLotNumber, p.id, lot_number)) {
    if (expiry && lot->expiry && *expiry != *lot->expiry) {
      fail(Status::InvalidArgument(field, lot_number, "already exists with expiry " + to_string(*lot->expiry)));
    }
    return lot->id;
  }
  if (!create) fail(Status::NotFound(field, lot_number));
  Lot lot{LotId{op.tx.next_id(EntityKind::kLot)}, p.id, lot_number, expiry};
  op.tx.put(lot);
  return lot.id;
}

// Checks serials: their number matches the quantity, none repeated.
void check_serial_count(const Product& p, const Decimal& qty, const std::vector<std::string>& serials,
                        const std::string& field) {
  if (p.tracking != Tracking::kSerial) {
    if (!serials.empty()) fail(Status::InvalidArgument(field, serials.front(), "given for a product without serial numbers"));
    return;
  }
  if (!qty.is_integer() || Decimal(static_cast<std::int64_t>(serials.size())) != qty) {
    fail(Status::InvalidArgument(field, std::to_string(serials.size()) + " serials",
                                 "must list exactly " + str(qty) + " serial numbers for product '" + p.sku + "'"));
  }
  std::set<std::string> seen;
  for (const auto& s : serials) {
    internal::require_nonempty(field, s);
    if (!seen.insert(s).second) fail(Status::InvalidArgument(field, s, "is listed twice"));
  }
}

JsonObject move_json(const StockMove& m, const std::string& sku) {
  return {{"sku", sku},           {"kind", to_string(m.kind)},  {"warehouse", m.warehouse.value},
          {"location", m.location.value}, {"lot", m.lot.value}, {"quantity", str(m.quantity)},
          {"unit_cost", str(m.unit_cost)}, {"reference", m.reference}, {"reason", m.reason}};
}

}  // namespace

Result<Warehouse> Engine::create_warehouse(const Warehouse& warehouse, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(warehouse);
    internal::require_nonempty("code", warehouse.code);
    internal::require_nonempty("name", warehouse.name);
    if (op.tx.get(by::kWarehouseCode, warehouse.code)) fail(Status::AlreadyExists("code", warehouse.code));
    Warehouse w = warehouse;
    w.id = WarehouseId{op.tx.next_id(EntityKind::kWarehouse)};
    op.tx.put(w);
    // Every warehouse has a default bin, used when a document names no location.
    op.tx.put(Location{LocationId{op.tx.next_id(EntityKind::kLocation)}, w.id, std::string(internal::kDefaultLocation),
                        "Default location"});
    op.emit("warehouse", w.id.value, "warehouse.created", {{"code", w.code}, {"name", w.name}, {"region", w.region}});
    return w;
  });
}

Result<Warehouse> Engine::update_warehouse(const Warehouse& warehouse, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(warehouse);
    Warehouse w = internal::must_warehouse(op, warehouse.code, "code");
    internal::require_nonempty("name", warehouse.name);
    w.name = warehouse.name;
    w.region = warehouse.region;
    w.active = warehouse.active;
    op.tx.put(w);
    op.emit("warehouse", w.id.value, "warehouse.updated",
            {{"code", w.code}, {"name", w.name}, {"region", w.region}, {"active", w.active}});
    return w;
  });
}

Result<std::vector<Warehouse>> Engine::warehouses() const {
  return impl_->read([&](Ctx& c) { return c.tx.list(by::kAllWarehouses); });
}

Result<Location> Engine::create_location(std::string_view warehouse_code, const Location& location,
                                         std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(location);
    const Warehouse w = internal::must_warehouse(op, warehouse_code);
    internal::require_nonempty("code", location.code);
    if (op.tx.get(by::kLocationCode, w.id, location.code)) fail(Status::AlreadyExists("code", location.code));
    Location l = location;
    l.id = LocationId{op.tx.next_id(EntityKind::kLocation)};
    l.warehouse = w.id;
    op.tx.put(l);
    op.emit("location", l.id.value, "location.created", {{"warehouse", w.code}, {"code", l.code}});
    return l;
  });
}

Receipt internal::receive_in(Op& op, const ReceiptSpec& spec) {
  require_text(spec);
  const Warehouse w = internal::must_warehouse(op, spec.warehouse);
  if (spec.lines.empty()) fail(Status::InvalidArgument("lines", "[]", "must have at least one line"));
  Receipt r;
  r.number = internal::assign_number(op, op.opt.receipt_numbers, spec.number,
                                     [&](const std::string& n) { return op.tx.get(by::kReceiptNumber, n).has_value(); });
  r.id = ReceiptId{op.tx.next_id(EntityKind::kReceipt)};
  r.date = spec.date.value_or(op.today());
  r.warehouse = w.id;
  r.supplier = spec.supplier;
  r.reference = spec.reference;
  r.actor = op.actor;
  r.created_at = op.now;
  JsonArray lines;
  std::set<std::pair<std::int64_t, std::string>> serials_in_receipt;
  for (std::size_t i = 0; i < spec.lines.size(); ++i) {
    const ReceiptLineSpec& ls = spec.lines[i];
    auto f = [&](std::string_view member) { return internal::field_at("lines", i, member); };
    const Product p = internal::must_product(op, ls.sku, f("sku"));
    if (!p.active) fail(Status::FailedPrecondition("product '" + p.sku + "' is inactive", f("sku")));
    internal::require_quantity(op, f("quantity"), ls.quantity, p);
    internal::require_non_negative(f("unit_cost"), ls.unit_cost);
    const Location loc = internal::must_location(op, w, ls.location, f("location"));
    const LotId lot = lot_for(op, p, ls.lot_number, ls.expiry, f("lot_number"), true);
    check_serial_count(p, ls.quantity, ls.serials, f("serials"));
    for (const auto& s : ls.serials) {
      if (!serials_in_receipt.insert({p.id.value, s}).second) fail(Status::InvalidArgument(f("serials"), s, "is listed twice"));
      if (auto existing = op.tx.get(by::kSerial, p.id, s); existing && existing->status == SerialStatus::kInStock) {
        fail(Status::AlreadyExists(f("serials"), s));
      }
      op.tx.put(SerialItem{p.id, s, lot, loc.id, SerialStatus::kInStock});
    }
    value_receipt(op, p.id, ls.quantity, ls.unit_cost);
    StockMove m;
    m.kind = MoveKind::kReceipt;
    m.product = p.id;
    m.warehouse = w.id;
    m.location = loc.id;
    m.lot = lot;
    m.quantity = ls.quantity;
    m.unit_cost = ls.unit_cost;
    m.reference = r.number;
    m.serials = ls.serials;
    post_move(op, m);
    r.lines.push_back({p.id, loc.id, lot, ls.quantity, ls.unit_cost, ls.serials});
    lines.add({{"sku", p.sku}, {"quantity", str(ls.quantity)}, {"unit_cost", str(ls.unit_cost)},
                     {"location", loc.code}, {"lot_number", ls.lot_number}});
  }
  op.tx.put(r);
  op.emit("receipt", r.id.value, "stock.received",
          {{"number", r.number}, {"warehouse", w.code}, {"supplier", r.supplier}, {"lines", lines}});
  return r;
}

Result<Receipt> Engine::receive(const ReceiptSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return internal::receive_in(op, spec); });
}

Result<std::vector<Receipt>> Engine::receive_batch(std::span<const ReceiptSpec> receipts, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return internal::for_each_item("receipts", receipts,
                                   [&](const ReceiptSpec& r) { return internal::receive_in(op, r); });
  });
}

Result<Receipt> Engine::receipt(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    auto r = c.tx.get(by::kReceiptNumber, number);
    if (!r) fail(Status::NotFound("number", number));
    return *r;
  });
}

Result<std::vector<StockMove>> Engine::transfer(const TransferSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    const Product p = internal::must_product(op, spec.sku);
    internal::require_quantity(op, "quantity", spec.quantity, p);
    const Warehouse from_w = internal::must_warehouse(op, spec.from_warehouse, "from_warehouse");
    const Warehouse to_w =
        spec.to_warehouse.empty() ? from_w : internal::must_warehouse(op, spec.to_warehouse, "to_warehouse");
    const Location from = internal::must_location(op, from_w, spec.from_location, "from_location");
    const Location to = internal::must_location(op, to_w, spec.to_location, "to_location");
    if (from.id == to.id) fail(Status::InvalidArgument("to_location", to.code, "is the same as from_location"));
    const LotId lot = lot_for(op, p, spec.lot_number, std::nullopt, "lot_number", false);
    check_serial_count(p, spec.quantity, spec.serials, "serials");
    const Decimal at_source = op.tx.get(by::kQuant, p.id, from.id, lot).value_or(StockQuant{}).on_hand;
    if (at_source < spec.quantity) {
      fail(Status::InsufficientStock("quantity '" + str(spec.quantity) + "' exceeds the " + str(at_source) +
                                         " on hand at " + from_w.code + "/" + from.code +
                                         (spec.lot_number.empty() ? "" : " in lot '" + spec.lot_number + "'"),
                                     "quantity"));
    }
    if (from_w.id != to_w.id) {
      // Reserved stock belongs to its warehouse's orders: only the available part may leave.
      const auto ws = op.tx.get(by::kWarehouseStock, p.id, from_w.id);
      const Decimal available = ws ? ws->available() : Decimal();
      if (available < spec.quantity) {
        fail(Status::InsufficientStock("quantity '" + str(spec.quantity) + "' exceeds the " + str(available) +
                                           " available in warehouse '" + from_w.code + "' (" +
                                           str(ws ? ws->reserved : Decimal()) + " reserved)",
                                       "quantity"));
      }
    }
    for (const auto& s : spec.serials) {
      auto item = op.tx.get(by::kSerial, p.id, s);
      if (!item || item->status != SerialStatus::kInStock || item->location != from.id) {
        fail(Status::FailedPrecondition("serial '" + s + "' is not in stock at location '" + from.code + "'", "serials"));
      }
      item->location = to.id;
      op.tx.put(*item);
    }
    const Decimal cost = internal::current_unit_cost(op, p).amount();
    StockMove out;
    out.kind = MoveKind::kTransferOut;
    out.product = p.id;
    out.warehouse = from_w.id;
    out.location = from.id;
    out.lot = lot;
    out.quantity = -spec.quantity;
    out.unit_cost = cost;
    out.reference = spec.reference;
    out.reason = spec.reason;
    out.serials = spec.serials;
    StockMove in = out;
    in.kind = MoveKind::kTransferIn;
    in.warehouse = to_w.id;
    in.location = to.id;
    in.quantity = spec.quantity;
    std::vector<StockMove> moves{post_move(op, out), post_move(op, in)};
    op.emit("stock", p.id.value, "stock.transferred",
            {{"sku", p.sku}, {"quantity", str(spec.quantity)}, {"from", from_w.code + "/" + from.code},
             {"to", to_w.code + "/" + to.code}, {"reference", spec.reference}, {"reason", spec.reason}});
    return moves;
  });
}

Result<StocktakeResult> Engine::stocktake(const StocktakeSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    const Warehouse w = internal::must_warehouse(op, spec.warehouse);
    if (spec.lines.empty()) fail(Status::InvalidArgument("lines", "[]", "must have at least one line"));
    StocktakeResult result;
    std::set<std::int64_t> touched;
    for (std::size_t i = 0; i < spec.lines.size(); ++i) {
      const StocktakeLine& l = spec.lines[i];
      auto f = [&](std::string_view member) { return internal::field_at("lines", i, member); };
      const Product p = internal::must_product(op, l.sku, f("sku"));
      const Location loc = internal::must_location(op, w, l.location, f("location"));
      const LotId lot = lot_for(op, p, l.lot_number, std::nullopt, f("lot_number"), true);
      Decimal counted = l.counted;
      if (p.tracking == Tracking::kSerial) {
        counted = Decimal(static_cast<std::int64_t>(l.serials.size()));
        check_serial_count(p, counted, l.serials, f("serials"));
      }
      internal::require_quantity(op, f("counted"), counted, p, internal::QuantitySign::kNonNegative);
      const Decimal book = op.tx.get(by::kQuant, p.id, loc.id, lot).value_or(StockQuant{}).on_hand;
      const Decimal diff = counted - book;
      if (p.tracking == Tracking::kSerial) {
        // Serials found become in stock here; serials booked here but not found are lost.
        std::set<std::string> found(l.serials.begin(), l.serials.end());
        for (const auto& s : l.serials) {
          auto item = op.tx.get(by::kSerial, p.id, s).value_or(SerialItem{p.id, s, lot, loc.id, SerialStatus::kInStock});
          if (item.status == SerialStatus::kInStock && item.location != loc.id) {
            fail(Status::FailedPrecondition("serial '" + s + "' is booked at another location", f("serials")));
          }
          item.status = SerialStatus::kInStock;
          item.location = loc.id;
          op.tx.put(item);
        }
        for (const auto& m : op.tx.list(by::kMovesOfProduct, p.id)) {
          for (const auto& s : m.serials) {
            auto item = op.tx.get(by::kSerial, p.id, s);
            if (item && item->status == SerialStatus::kInStock && item->location == loc.id && !found.contains(s)) {
              item->status = SerialStatus::kLost;
              op.tx.put(*item);
            }
          }
        }
      }
      if (diff.is_zero()) continue;
      internal::require_nonempty(f("reason"), l.reason);
      StockMove m;
      m.kind = MoveKind::kAdjustment;
      m.product = p.id;
      m.warehouse = w.id;
      m.location = loc.id;
      m.lot = lot;
      m.quantity = diff;
      m.unit_cost = internal::current_unit_cost(op, p).amount();
      m.reference = spec.reference;
      m.reason = l.reason;
      m.serials = l.serials;
      value_quantity_change(op, p.id, diff);
      result.adjustments.push_back(post_move(op, m));
      JsonObject data = move_json(result.adjustments.back(), p.sku);
      data.add({{"book", book}, {"counted", counted}});
      op.emit("stock", p.id.value, "stock.adjusted", data);
      touched.insert(p.id.value);
    }
    // A count below what is reserved takes reservations back from the least urgent orders.
    for (const auto id : touched) {
      const auto ws = op.tx.get(by::kWarehouseStock, ProductId{id}, w.id);
      if (ws && ws->reserved > ws->on_hand) internal::shrink_reservations(op, ProductId{id}, w.id, ws->reserved - ws->on_hand);
    }
    return result;
  });
}

Result<StockReport> Engine::stock(std::string_view sku) const {
  return impl_->read([&](Ctx& c) {
    const Product p = internal::must_product(c, sku);
    StockReport r;
    r.product = p.id;
    r.sku = p.sku;
    const auto quants = c.tx.list(by::kQuantsOfProduct, p.id);
    for (const auto& ws : c.tx.list(by::kWarehouseStockOfProduct, p.id)) {
      StockPosition pos;
      pos.warehouse = ws.warehouse;
      pos.warehouse_code = c.tx.get(by::kWarehouseId, ws.warehouse).value_or(Warehouse{}).code;
      pos.on_hand = ws.on_hand;
      pos.reserved = ws.reserved;
      pos.available = ws.available();
      for (const auto& q : quants) {
        if (q.warehouse == ws.warehouse && !q.on_hand.is_zero()) pos.quants.push_back(q);
      }
      r.on_hand += ws.on_hand;
      r.reserved += ws.reserved;
      r.available += pos.available;
      r.warehouses.push_back(std::move(pos));
    }
    return r;
  });
}

Result<std::vector<StockLevel>> Engine::stock_levels(const StockQuery& q) const {
  return impl_->read([&](Ctx& c) {
    if (q.sku.empty() && q.warehouse.empty()) {
      fail(Status::InvalidArgument("sku", "", "or warehouse is required to list stock levels"));
    }
    std::optional<Product> product;
    if (!q.sku.empty()) product = internal::must_product(c, q.sku);
    std::optional<Warehouse> warehouse;
    if (!q.warehouse.empty()) warehouse = internal::must_warehouse(c, q.warehouse);
    std::optional<Location> location;
    if (!q.location.empty()) {
      if (!warehouse) fail(Status::InvalidArgument("warehouse", "", "is required with a location"));
      location = internal::must_location(c, *warehouse, q.location);
    }
    std::optional<Lot> lot;
    if (!q.lot_number.empty()) {
      if (!product) fail(Status::InvalidArgument("sku", "", "is required with a lot number"));
      lot = c.tx.get(by::kLotNumber, product->id, q.lot_number);
      if (!lot) fail(Status::NotFound("lot_number", q.lot_number));
    }
    const auto quants = product ? c.tx.list(by::kQuantsOfProduct, product->id) : c.tx.list(by::kQuantsInWarehouse, warehouse->id);
    std::vector<StockLevel> out;
    for (const auto& qu : quants) {
      if ((warehouse && qu.warehouse != warehouse->id) || (location && qu.location != location->id) ||
          (lot && qu.lot != lot->id) || (!q.include_empty && qu.on_hand.is_zero())) {
        continue;
      }
      StockLevel level;
      level.sku = product ? product->sku : c.tx.get(by::kProductId, qu.product).value_or(Product{}).sku;
      level.warehouse = c.tx.get(by::kWarehouseId, qu.warehouse).value_or(Warehouse{}).code;
      level.location = c.tx.get(by::kLocationId, qu.location).value_or(Location{}).code;
      if (qu.lot) {
        const auto l = c.tx.get(by::kLotId, qu.lot);
        level.lot_number = l ? l->lot_number : std::string();
        level.expiry = l ? l->expiry : std::nullopt;
      }
      level.on_hand = qu.on_hand;
      out.push_back(std::move(level));
    }
    std::sort(out.begin(), out.end(), [](const StockLevel& a, const StockLevel& b) {
      return std::tie(a.sku, a.warehouse, a.location, a.lot_number) < std::tie(b.sku, b.warehouse, b.location, b.lot_number);
    });
    return out;
  });
}

Result<Decimal> Engine::available_to_sell(std::string_view sku) const {
  return impl_->read([&](Ctx& c) { return internal::available_total(c, internal::must_product(c, sku).id); });
}

Result<std::vector<StockMove>> Engine::moves(std::string_view sku) const {
  return impl_->read([&](Ctx& c) { return c.tx.list(by::kMovesOfProduct, internal::must_product(c, sku).id); });
}

Result<Valuation> Engine::valuation(std::string_view sku) const {
  return impl_->read([&](Ctx& c) { return valuation_of(c, internal::must_product(c, sku).id); });
}

}  // namespace oms
