// Engine operations: reports (include/oms/reports.h). The storage adapter groups and sums; the
// engine checks the filter, fills the as-of date, the names and the margin percent.
#include <algorithm>
#include <map>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;

namespace {

Timestamp start_of(const Date& d) { return Timestamp(std::chrono::sys_days(d)); }
Timestamp end_of(const Date& d) { return start_of(add_days(d, 1)); }

// Issued to customers less returned, per product: quantity and value (both positive outbound).
struct Outbound {
  Decimal quantity;
  Decimal value;
};
std::map<std::int64_t, Outbound> outbound_of(const std::vector<MoveSummary>& moves) {
  std::map<std::int64_t, Outbound> out;
  for (const MoveSummary& m : moves) {
    if (m.kind != MoveKind::kIssue && m.kind != MoveKind::kReturn) continue;
    Outbound& o = out[m.product.value];
    o.quantity -= m.quantity;
    o.value -= m.value;
  }
  return out;
}

// Net change of quantity and value per product (every kind of move).
std::map<std::int64_t, Outbound> net_change_of(const std::vector<MoveSummary>& moves) {
  std::map<std::int64_t, Outbound> out;
  for (const MoveSummary& m : moves) {
    out[m.product.value].quantity += m.quantity;
    out[m.product.value].value += m.value;
  }
  return out;
}

// 1..5 by quintile of `values` (higher better when `higher_is_better`), equal values alike.
template <class T>
std::vector<int> quintile_scores(const std::vector<T>& values, bool higher_is_better) {
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return higher_is_better ? values[b] < values[a] : values[a] < values[b];
  });
  std::vector<int> scores(values.size());
  const std::size_t n = values.size();
  for (std::size_t rank = 0; rank < n; ++rank) {
    std::size_t first = rank;  // equal values take the score of the first of them
    while (first > 0 && values[order[first - 1]] == values[order[rank]]) --first;
    scores[order[rank]] = 5 - static_cast<int>(first * 5 / n);
  }
  return scores;
}

}  // namespace

Result<std::vector<LineSummary>> Engine::order_line_report(const ReportFilter& filter, ReportDimension by) const {
  return impl_->read([&](Ctx& c) {
    internal::require_valid_dates("to", filter.from, filter.to);
    if (!filter.customer_code.empty()) internal::must_customer(c, filter.customer_code);
    if (!filter.sku.empty()) internal::must_product(c, filter.sku);
    if (!filter.currency.empty()) Currency::of(filter.currency).value();
    if (static_cast<int>(by) < 0 || static_cast<int>(by) >= kReportDimensionCount) {
      internal::fail(Status::InvalidArgument("by", std::to_string(static_cast<int>(by)), "is not a report dimension"));
    }
    LineSummaryQuery query{filter, by, c.opt.rounding};
    if (!query.filter.as_of) query.filter.as_of = c.today();
    std::vector<LineSummary> rows = c.tx.summarize_order_lines(query);
    for (LineSummary& row : rows) {
      // Sums print at the currency's scale ("0.00", not "0") when that changes no value.
      for (Money* m : {&row.net, &row.cost, &row.margin, &row.open_amount, &row.overdue_amount}) {
        if (m->is_rounded()) *m = m->rounded(RoundingMode::kHalfUp);
      }
      row.margin_percent = margin_percent(row.margin.amount(), row.net.amount());
      if (by == ReportDimension::kCustomer) {
        if (auto customer = c.tx.get(by::kCustomerCode, row.key)) row.name = customer->name;
      } else if (by == ReportDimension::kProduct) {
        if (auto product = c.tx.get(by::kProductSku, row.key)) row.name = product->name;
      }
    }
    return rows;
  });
}

Result<InventoryReport> Engine::inventory_report(const InventoryQuery& query) const {
  return impl_->read([&](Ctx& c) {
    InventoryReport r;
    r.to = query.to.value_or(c.today());
    r.from = query.from.value_or(add_days(r.to, -89));
    internal::require_valid_dates("to", r.from, r.to);
    if (query.expiring_within_days < 0) {
      internal::fail(Status::InvalidArgument("expiring_within_days", std::to_string(query.expiring_within_days),
                                             "must not be negative"));
    }
    if (query.b_share < query.a_share || query.a_share.is_negative() || Decimal(100) < query.b_share) {
      internal::fail(Status::InvalidArgument("b_share", query.b_share.to_string(),
                                             "must lie between a_share and 100 (a_share " + query.a_share.to_string() + ")"));
    }
    if (!query.sku.empty()) internal::must_product(c, query.sku);
    std::optional<Warehouse> only;
    if (!query.warehouse.empty()) only = internal::must_warehouse(c, query.warehouse, "warehouse");
    r.currency = c.opt.cost_currency;
    const RoundingMode mode = c.opt.rounding;
    auto money = [&](const Decimal& d) { return Money(d, r.currency).rounded(mode); };
    r.total_value = Money::zero(r.currency);

    const std::vector<MoveSummary> moves = c.tx.summarize_moves(start_of(r.from), end_of(r.to));
    const auto period = outbound_of(moves);
    const auto in_period = net_change_of(moves);
    const auto after = net_change_of(c.tx.summarize_moves(end_of(r.to), Timestamp::max()));
    const int period_days = days_between(r.from, r.to) + 1;

    std::map<std::int64_t, std::string> warehouse_codes;
    for (const Warehouse& w : c.tx.list(by::kAllWarehouses)) warehouse_codes[w.id.value] = w.code;

    for (const Product& p : c.tx.list(by::kAllProducts)) {
      if (!query.sku.empty() && p.sku != query.sku) continue;
      if (!query.category.empty() && p.category != query.category) continue;
      ProductInventory pi;
      pi.sku = p.sku;
      pi.name = p.name;
      pi.category = p.category;
      pi.unit = p.unit;
      const auto valuation = c.tx.get(by::kValuationOfProduct, p.id);
      pi.unit_cost = valuation ? valuation->average_cost : Decimal();
      for (const WarehouseStock& ws : c.tx.list(by::kWarehouseStockOfProduct, p.id)) {
        pi.on_hand += ws.on_hand;
        pi.reserved += ws.reserved;
        if (only && ws.warehouse != only->id) continue;
        if (ws.on_hand.is_zero() && ws.reserved.is_zero()) continue;
        r.positions.push_back({p.sku, warehouse_codes[ws.warehouse.value], ws.on_hand, ws.reserved, ws.available(),
                               money(ws.on_hand * pi.unit_cost)});
      }
      pi.available = pi.on_hand - pi.reserved;
      const Decimal value = pi.on_hand * pi.unit_cost;
      pi.value = money(value);
      const auto out = period.find(p.id.value);
      pi.outbound = out == period.end() ? Decimal() : out->second.quantity;
      pi.cogs = money(out == period.end() ? Decimal() : out->second.value);
      const auto moved_after = after.find(p.id.value);
      const Decimal closing = value - (moved_after == after.end() ? Decimal() : moved_after->second.value);
      const auto moved = in_period.find(p.id.value);
      const Decimal opening = closing - (moved == in_period.end() ? Decimal() : moved->second.value);
      pi.opening_value = money(opening);
      pi.average_value = money(Decimal::divide(opening + closing, Decimal(2), 18, mode));
      if (pi.average_value.amount().is_positive()) {
        pi.turnover = Decimal::divide(pi.cogs.amount(), pi.average_value.amount(), 2, mode);
      }
      if (pi.outbound.is_positive()) {
        pi.days_of_cover = Decimal::divide(pi.available * Decimal(period_days), pi.outbound, 1, mode);
      }
      pi.low_stock_threshold = p.low_stock_threshold;
      pi.below_threshold = p.low_stock_threshold.is_positive() && pi.available < p.low_stock_threshold;
      r.total_value += pi.value;

      for (const StockQuant& q : c.tx.list(by::kQuantsOfProduct, p.id)) {
        if (q.on_hand.is_zero() || (only && q.warehouse != only->id)) continue;
        LotStock l;
        l.sku = p.sku;
        l.warehouse = warehouse_codes[q.warehouse.value];
        if (auto loc = c.tx.get(by::kLocationId, q.location)) l.location = loc->code;
        if (q.lot.value != 0) {
          if (auto lot = c.tx.get(by::kLotId, q.lot)) {
            l.lot_number = lot->lot_number;
            l.expiry = lot->expiry;
            if (lot->expiry) l.days_to_expiry = days_between(r.to, *lot->expiry);
          }
        }
        l.on_hand = q.on_hand;
        l.value = money(q.on_hand * pi.unit_cost);
        r.lots.push_back(l);
      }
      r.products.push_back(std::move(pi));
    }

    // ABC by value, highest first.
    std::stable_sort(r.products.begin(), r.products.end(),
                     [](const auto& a, const auto& b) { return b.value.amount() < a.value.amount(); });
    Decimal before;  // value of the products before this one
    for (ProductInventory& pi : r.products) {
      if (r.total_value.amount().is_positive()) {
        pi.value_share = Decimal::divide(pi.value.amount() * Decimal(100), r.total_value.amount(), 2, mode);
      }
      const Decimal share_before = r.total_value.amount().is_positive()
                                       ? Decimal::divide(before * Decimal(100), r.total_value.amount(), 18, mode)
                                       : Decimal(100);
      pi.abc = !pi.value.amount().is_positive() ? "C" : share_before < query.a_share ? "A"
                                                       : share_before < query.b_share ? "B"
                                                                                       : "C";
      before += pi.value.amount();
    }
    std::sort(r.positions.begin(), r.positions.end(), [](const auto& a, const auto& b) {
      return std::tie(a.sku, a.warehouse) < std::tie(b.sku, b.warehouse);
    });
    std::sort(r.lots.begin(), r.lots.end(), [](const auto& a, const auto& b) {
      return std::tie(a.sku, a.warehouse, a.location, a.lot_number) < std::tie(b.sku, b.warehouse, b.location, b.lot_number);
    });
    for (const LotStock& l : r.lots) {
      if (l.days_to_expiry && *l.days_to_expiry <= query.expiring_within_days) r.expiring.push_back(l);
    }
    std::stable_sort(r.expiring.begin(), r.expiring.end(),
                     [](const auto& a, const auto& b) { return *a.days_to_expiry < *b.days_to_expiry; });
    return r;
  });
}

Result<std::vector<ProductDay>> Engine::daily_product_stats(Date day, std::string_view currency) const {
  ReportFilter sold;
  sold.from = sold.to = day;
  sold.currency = std::string(currency);
  ReportFilter open;
  open.open_only = true;
  auto sales = order_line_report(sold, ReportDimension::kProduct);
  if (!sales) return sales.status();
  auto awaiting = order_line_report(open, ReportDimension::kProduct);
  if (!awaiting) return awaiting.status();
  return impl_->read([&](Ctx& c) {
    const Currency cur = Currency::of(currency).value();
    std::map<std::string, const LineSummary*> sold_by_sku, open_by_sku;
    for (const LineSummary& s : *sales) sold_by_sku[s.key] = &s;
    // Awaiting outbound counts every currency: quantities do not depend on it.
    std::map<std::string, Decimal> awaiting_by_sku;
    for (const LineSummary& s : *awaiting) awaiting_by_sku[s.key] += s.open;
    const auto outbound = outbound_of(c.tx.summarize_moves(start_of(day), end_of(day)));
    std::vector<ProductDay> out;
    for (const Product& p : c.tx.list(by::kAllProducts)) {
      ProductDay d;
      d.sku = p.sku;
      d.name = p.name;
      d.day = day;
      if (auto o = outbound.find(p.id.value); o != outbound.end()) d.outbound = o->second.quantity;
      if (auto a = awaiting_by_sku.find(p.sku); a != awaiting_by_sku.end()) d.awaiting_outbound = a->second;
      for (const WarehouseStock& ws : c.tx.list(by::kWarehouseStockOfProduct, p.id)) d.available += ws.available();
      d.amount = d.profit = Money::zero(cur).rounded(RoundingMode::kHalfUp);
      if (auto s = sold_by_sku.find(p.sku); s != sold_by_sku.end()) {
        d.sold = s->second->ordered;
        d.amount = s->second->net;
        d.profit = s->second->margin;
      }
      if (d.outbound.is_zero() && d.awaiting_outbound.is_zero() && d.sold.is_zero()) continue;
      out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sku < b.sku; });
    return out;
  });
}

Result<std::vector<CustomerValue>> Engine::customer_value(const CustomerValueQuery& query) const {
  ReportFilter filter;
  filter.to = query.to;
  filter.from = query.from;
  filter.currency = query.currency;
  filter.salesperson = query.salesperson;
  auto prepared = impl_->read([&](const Ctx& c) {
    if (!filter.to) filter.to = c.today();
    if (!filter.from) filter.from = add_days(*filter.to, -364);
    Currency::of(query.currency).value();
    return true;
  });
  if (!prepared) return prepared.status();
  auto sales = order_line_report(filter, ReportDimension::kCustomer);
  if (!sales) return sales.status();
  return impl_->read([&](Ctx& c) {
    const Currency cur = Currency::of(query.currency).value();
    std::map<std::string, const LineSummary*> by_code;
    for (const LineSummary& s : *sales) by_code[s.key] = &s;
    const auto grades = internal::assess_grades(c);
    std::vector<CustomerValue> out;
    for (const Customer& customer : c.tx.list(by::kAllCustomers)) {
      if (!query.salesperson.empty() && customer.salesperson != query.salesperson &&
          !by_code.contains(customer.code)) {
        continue;
      }
      CustomerValue v;
      v.code = customer.code;
      v.name = customer.name;
      v.salesperson = customer.salesperson;
      v.grade = customer.grade;
      v.suggested_grade = grades.at(customer.id.value).to;
      v.amount = v.margin = Money::zero(cur).rounded(RoundingMode::kHalfUp);
      if (auto s = by_code.find(customer.code); s != by_code.end()) {
        v.orders = s->second->orders;
        v.amount = s->second->net;
        v.margin = s->second->margin;
        v.last_order = s->second->last_order;
        if (v.last_order) v.days_since_last_order = days_between(*v.last_order, *filter.to);
      }
      out.push_back(std::move(v));
    }
    // RFM among the customers who ordered.
    std::vector<std::size_t> ordered;
    std::vector<int> recency;
    std::vector<std::int64_t> frequency;
    std::vector<Decimal> monetary;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].orders == 0) continue;
      ordered.push_back(i);
      recency.push_back(*out[i].days_since_last_order);
      frequency.push_back(out[i].orders);
      monetary.push_back(out[i].amount.amount());
    }
    const auto r = quintile_scores(recency, false);
    const auto f = quintile_scores(frequency, true);
    const auto m = quintile_scores(monetary, true);
    for (std::size_t k = 0; k < ordered.size(); ++k) {
      CustomerValue& v = out[ordered[k]];
      v.recency = r[k];
      v.frequency = f[k];
      v.monetary = m[k];
    }
    for (CustomerValue& v : out) v.rfm = std::to_string(v.recency) + std::to_string(v.frequency) + std::to_string(v.monetary);
    return out;
  });
}

}  // namespace oms
