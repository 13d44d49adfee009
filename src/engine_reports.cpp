// Engine operations: reports (include/oms/reports.h). The storage adapter groups and sums; the
// engine checks the filter, fills the as-of date, the names and the margin percent.
#include "engine_impl.h"

namespace oms {

using internal::Ctx;

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
        if (auto customer = c.tx.find_customer_by_code(row.key)) row.name = customer->name;
      } else if (by == ReportDimension::kProduct) {
        if (auto product = c.tx.find_product_by_sku(row.key)) row.name = product->name;
      }
    }
    return rows;
  });
}

}  // namespace oms
