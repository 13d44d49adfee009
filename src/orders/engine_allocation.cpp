// Allocation (订单分配): which warehouse's stock is reserved for which order line, backorders
// and the re-allocation run over waiting orders.
//
// Warehouse choice for a line: a warehouse that can serve the whole line first, then one in the
// customer's region (ship-to region, else the customer's), then the most available, then by
// code. With PartialPolicy::kAllowPartial a line may take stock from several warehouses and
// the rest waits as backorder; with kAllOrNothing an order is reserved whole or not at all.
//
// Waiting orders are served urgent first, then by customer grade (VIP first), then by order
// date and time of entry. When a stocktake takes stock away, reservations are taken back in the
// reverse order: least urgent, lowest grade, newest first.
#include <algorithm>
#include <map>
#include <tuple>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::Op;

namespace {

std::string region_of(Ctx& c, const Order& o) {
  if (o.ship_to && !o.ship_to->region.empty()) return o.ship_to->region;
  if (!o.customer) return {};
  const auto cu = c.tx.get(by::kCustomerId, o.customer);
  return cu ? cu->region : std::string();
}

// Puts orders in serving order: urgent first, then customer grade (VIP first), then order date,
// time of entry and id; `reverse` gives the order in which reservations are taken back. Each
// customer's grade is read once, not once per comparison.
void sort_by_service(Ctx& c, std::vector<Order>& orders, bool reverse) {
  std::map<std::int64_t, CustomerGrade> grades;
  auto grade_of = [&](const Order& o) {
    if (!o.customer) return CustomerGrade::kPotential;
    auto [it, fresh] = grades.try_emplace(o.customer.value, CustomerGrade::kPotential);
    if (fresh) {
      if (const auto cu = c.tx.get(by::kCustomerId, o.customer)) it->second = cu->grade;
    }
    return it->second;
  };
  using Key = std::tuple<int, int, std::chrono::sys_days, Timestamp, std::int64_t>;
  std::vector<std::pair<Key, std::size_t>> keyed;
  keyed.reserve(orders.size());
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const Order& o = orders[i];
    // Negated priority and grade: smaller keys are served first.
    keyed.push_back({{-static_cast<int>(o.priority), -static_cast<int>(grade_of(o)), std::chrono::sys_days(o.order_date),
                      o.created_at, o.id.value},
                     i});
  }
  std::sort(keyed.begin(), keyed.end());
  if (reverse) std::reverse(keyed.begin(), keyed.end());
  std::vector<Order> sorted;
  sorted.reserve(orders.size());
  for (const auto& [key, i] : keyed) sorted.push_back(std::move(orders[i]));
  orders = std::move(sorted);
}

void add_allocation(OrderLine& l, WarehouseId warehouse, const Decimal& qty) {
  for (auto& a : l.allocations) {
    if (a.warehouse == warehouse) {
      a.quantity += qty;
      return;
    }
  }
  l.allocations.push_back({warehouse, qty});
}

}  // namespace

namespace internal {

std::vector<AllocationResult> allocate_order(Op& op, Order& o, PartialPolicy policy) {
  std::vector<AllocationResult> out;
  if (policy == PartialPolicy::kAllOrNothing) {
    std::map<std::int64_t, Decimal> need;
    for (const auto& l : o.lines) {
      if (l.unreserved().is_positive()) need[l.product.value] += l.unreserved();
    }
    for (const auto& [product, qty] : need) {
      if (available_total(op, ProductId{product}) < qty) return out;
    }
  }
  const std::string region = region_of(op, o);
  for (auto& l : o.lines) {
    Decimal want = l.unreserved();
    if (!want.is_positive()) continue;
    struct Candidate {
      WarehouseStock stock;
      Warehouse warehouse;
    };
    std::vector<Candidate> candidates;
    for (const auto& ws : op.tx.list(by::kWarehouseStockOfProduct, l.product)) {
      if (!ws.available().is_positive()) continue;
      auto w = op.tx.get(by::kWarehouseId, ws.warehouse);
      if (w && w->active) candidates.push_back({ws, *w});
    }
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
      const bool fa = a.stock.available() >= want, fb = b.stock.available() >= want;
      if (fa != fb) return fa;
      const bool ra = !region.empty() && a.warehouse.region == region;
      const bool rb = !region.empty() && b.warehouse.region == region;
      if (ra != rb) return ra;
      if (a.stock.available() != b.stock.available()) return a.stock.available() > b.stock.available();
      return a.warehouse.code < b.warehouse.code;
    });
    for (const auto& cand : candidates) {
      const Decimal take = min(want, cand.stock.available());
      reserve_stock(op, l.product, cand.warehouse.id, take);
      add_allocation(l, cand.warehouse.id, take);
      out.push_back({o.number, l.line_no, l.sku, cand.warehouse.id, take});
      want -= take;
      if (want.is_zero()) break;
    }
  }
  if (!out.empty()) {
    JsonArray reserved;
    for (const auto& r : out) {
      reserved.add({{"line_no", r.line_no}, {"sku", r.sku}, {"warehouse", r.warehouse.value}, {"quantity", str(r.quantity)}});
    }
    op.emit("order", o.id.value, "stock.reserved",
            {{"number", o.number}, {"reserved", reserved}, {"backordered", str(o.backordered())}});
  }
  return out;
}

void release_line(Op& op, Order& o, OrderLine& l, bool all) {
  Decimal excess = all ? l.reserved() : l.reserved() - max(l.open_quantity(), Decimal());
  if (!excess.is_positive()) return;
  const Decimal released = excess;
  for (auto it = l.allocations.rbegin(); it != l.allocations.rend() && excess.is_positive(); ++it) {
    const Decimal take = min(excess, it->quantity);
    release_stock(op, l.product, it->warehouse, take);
    it->quantity -= take;
    excess -= take;
  }
  std::erase_if(l.allocations, [](const Allocation& a) { return a.quantity.is_zero(); });
  op.emit("order", o.id.value, "stock.released",
          {{"number", o.number}, {"line_no", l.line_no}, {"sku", l.sku}, {"quantity", str(released)}});
}

void sync_reservations(Op& op, const Order& before, Order& after) {
  for (const auto& old : before.lines) {
    if (after.line(old.line_no)) continue;
    OrderLine gone = old;
    release_line(op, after, gone, true);
  }
  for (auto& l : after.lines) release_line(op, after, l, false);
  if (after.backordered().is_positive()) allocate_order(op, after, op.opt.allocation);
}

void shrink_reservations(Op& op, ProductId product, WarehouseId warehouse, Decimal excess) {
  auto orders = op.tx.list(by::kOpenOrdersWithProduct, product);
  sort_by_service(op, orders, /*reverse=*/true);
  for (auto& o : orders) {
    bool changed = false;
    for (auto& l : o.lines) {
      if (l.product != product) continue;
      for (auto& a : l.allocations) {
        if (a.warehouse != warehouse || !excess.is_positive()) continue;
        const Decimal take = min(excess, a.quantity);
        release_stock(op, product, warehouse, take);
        a.quantity -= take;
        excess -= take;
        changed = true;
        op.emit("order", o.id.value, "order.backordered",
                {{"number", o.number}, {"line_no", l.line_no}, {"sku", l.sku}, {"quantity", str(take)},
                 {"reason", "stock count below reservations"}});
      }
      std::erase_if(l.allocations, [](const Allocation& x) { return x.quantity.is_zero(); });
    }
    // Reservations do not change what the order owes: its credit contribution stays.
    if (changed) internal::store_order(op, o, internal::credit_contribution(o));
    if (!excess.is_positive()) return;
  }
  fail(Status::Internal("reserved stock of product " + product.to_string() + " in warehouse " + warehouse.to_string() +
                        " exceeds the reservations of open orders by " + str(excess)));
}

}  // namespace internal

Result<AllocationRun> Engine::allocate_backorders(std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    AllocationRun run;
    auto orders = op.tx.list(by::kBackorderedOrders);
    std::erase_if(orders, [](const Order& o) {
      return o.state != OrderState::kConfirmed && o.state != OrderState::kPartiallyShipped;
    });
    sort_by_service(op, orders, /*reverse=*/false);
    for (auto& o : orders) {
      ++run.orders_examined;
      auto reserved = internal::allocate_order(op, o, op.opt.allocation);
      if (reserved.empty()) continue;
      internal::store_order(op, o, internal::credit_contribution(o));  // reserving owes nothing more
      run.reserved.insert(run.reserved.end(), reserved.begin(), reserved.end());
    }
    return run;
  });
}

}  // namespace oms
