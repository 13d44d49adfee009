// The rules of the order-line reports (include/oms/reports.h), shared by every storage adapter,
// and the summary over orders in memory that the in-memory adapter uses.
#include "reports/reports_internal.h"

#include <chrono>
#include <map>
#include <set>
#include <tuple>

namespace oms {

std::string_view to_string(ReportDimension d) noexcept {
  switch (d) {
    case ReportDimension::kCustomer: return "customer";
    case ReportDimension::kProduct: return "product";
    case ReportDimension::kCategory: return "category";
    case ReportDimension::kSalesperson: return "salesperson";
    case ReportDimension::kChannel: return "channel";
    case ReportDimension::kOrder: return "order";
    case ReportDimension::kDay: return "day";
    case ReportDimension::kWeek: return "week";
    case ReportDimension::kMonth: return "month";
  }
  return "?";
}

bool counts_as_sale(OrderState state, OrderState held_from) noexcept {
  if (state == OrderState::kOnHold) state = held_from;
  switch (state) {
    case OrderState::kConfirmed:
    case OrderState::kPartiallyShipped:
    case OrderState::kShipped:
    case OrderState::kDelivered:
    case OrderState::kCompleted:
    case OrderState::kClosed: return true;
    default: return false;
  }
}

std::string period_key(const Date& date, ReportDimension period) {
  switch (period) {
    case ReportDimension::kWeek: {
      const std::chrono::sys_days day(date);
      const std::chrono::weekday wd(day);
      const int since_monday = static_cast<int>((wd.c_encoding() + 6) % 7);
      return to_string(Date(day - std::chrono::days(since_monday)));
    }
    case ReportDimension::kMonth: return to_string(date).substr(0, 7);
    default: return to_string(date);
  }
}

Decimal open_amount(const Decimal& net, const Decimal& ordered, const Decimal& open, const Currency& currency,
                    RoundingMode mode) {
  if (open == ordered) return net;
  if (ordered.is_zero() || open.is_zero()) return Decimal::from_mantissa(0, currency.minor_units());
  return Decimal::divide(net * open, ordered, currency.minor_units(), mode);
}

namespace reports {
namespace {

std::string line_key(const Order& order, const OrderLine& line, const std::string& category, ReportDimension by) {
  switch (by) {
    case ReportDimension::kCustomer: return order.customer_code;
    case ReportDimension::kProduct: return line.sku;
    case ReportDimension::kCategory: return category;
    case ReportDimension::kSalesperson: return order.salesperson;
    case ReportDimension::kChannel: return order.channel;
    case ReportDimension::kOrder: return order.number;
    case ReportDimension::kDay:
    case ReportDimension::kWeek:
    case ReportDimension::kMonth: return period_key(order.order_date, by);
  }
  return {};
}

bool order_matches(const Order& order, const ReportFilter& f) {
  const auto day = std::chrono::sys_days(order.order_date);
  return counts_as_sale(order.state, order.held_from) && (!f.from || std::chrono::sys_days(*f.from) <= day) &&
         (!f.to || day <= std::chrono::sys_days(*f.to)) &&
         (f.customer_code.empty() || order.customer_code == f.customer_code) &&
         (f.salesperson.empty() || order.salesperson == f.salesperson) &&
         (f.channel.empty() || order.channel == f.channel) &&
         (f.currency.empty() || order.currency.code() == f.currency);
}

bool line_matches(const OrderLine& line, const std::string& category, const ReportFilter& f) {
  return (f.sku.empty() || line.sku == f.sku) && (f.category.empty() || category == f.category) &&
         (!f.open_only || line.open_quantity().is_positive());
}

void add_line(LineSummary& s, const Order& order, const OrderLine& line, const LineSummaryQuery& q) {
  const Currency& c = order.currency;
  const Decimal open = line.open_quantity();
  const Decimal amount = open_amount(line.amounts.net.amount(), line.quantity, open, c, q.rounding);
  s.lines += 1;
  s.ordered += line.quantity;
  s.shipped += line.shipped;
  s.returned += line.returned;
  s.closed += line.closed;
  s.open += open;
  s.net += line.amounts.net;
  s.cost += line.amounts.cost;
  s.margin += line.amounts.margin;
  s.open_amount += Money(amount, c);
  const bool overdue = open.is_positive() && order.requested_delivery &&
                       std::chrono::sys_days(*order.requested_delivery) < std::chrono::sys_days(*q.filter.as_of);
  if (overdue) {
    s.overdue += open;
    s.overdue_amount += Money(amount, c);
  }
  if (!s.first_order || std::chrono::sys_days(order.order_date) < std::chrono::sys_days(*s.first_order)) {
    s.first_order = order.order_date;
  }
  if (!s.last_order || std::chrono::sys_days(*s.last_order) < std::chrono::sys_days(order.order_date)) {
    s.last_order = order.order_date;
  }
}

LineSummary empty_summary(std::string key, const Currency& currency) {
  LineSummary s;
  s.key = std::move(key);
  s.currency = currency;
  s.net = s.cost = s.margin = s.open_amount = s.overdue_amount = Money::zero(currency);
  return s;
}

}  // namespace

std::vector<LineSummary> summarize(const OrderVisitor& for_each_order, const LineSummaryQuery& q,
                                   const std::function<std::string(ProductId)>& category_of) {
  std::map<std::tuple<std::string, std::string>, LineSummary> groups;  // (key, currency code)
  std::map<std::tuple<std::string, std::string>, std::set<std::int64_t>> orders_of;
  for_each_order([&](const Order& order) {
    if (!order_matches(order, q.filter)) return;
    for (const OrderLine& line : order.lines) {
      const std::string category = category_of(line.product);
      if (!line_matches(line, category, q.filter)) continue;
      std::string key = line_key(order, line, category, q.by);
      auto group = std::make_tuple(key, std::string(order.currency.code()));
      auto it = groups.find(group);
      if (it == groups.end()) it = groups.emplace(group, empty_summary(std::move(key), order.currency)).first;
      add_line(it->second, order, line, q);
      orders_of[group].insert(order.id.value);
    }
  });
  std::vector<LineSummary> out;
  out.reserve(groups.size());
  for (auto& [group, s] : groups) {
    s.orders = static_cast<std::int64_t>(orders_of[group].size());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace reports
}  // namespace oms
