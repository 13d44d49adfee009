// Reports over order lines (数据分析与报表): sales, margin (毛利分析), outstanding orders
// (订单量、出货量、未交量) and ordered vs shipped vs returned, by customer, product, category,
// salesperson, channel, order or period.
//
// One query serves them all: Engine::order_line_report groups the lines of the orders that
// count as sales (see counts_as_sale) by a dimension and sums, per group and currency, what was
// ordered, shipped, returned, short-closed and is still open, with the money of each. Storage
// adapters compute the groups where the data lives (SQL for SQLite) with the rules below, which
// are the same C++ functions in every adapter.
//
// Rules:
// - An order counts from its approval on: confirmed, partially shipped, shipped, delivered,
//   completed, short-closed, and on hold when it was held in one of those. Drafts, orders
//   awaiting review and cancelled orders do not count.
// - Amounts are the lines' net amounts (after line and order discounts, before tax), cost and
//   margin as computed at pricing (the cost snapshot of the line).
// - Open quantity = ordered - shipped - short-closed. Open amount of a line =
//   net x open / ordered, rounded to the currency's minor units with the engine's rounding mode
//   (the whole net when nothing has shipped); groups sum the rounded line figures.
// - Overdue: open lines whose requested delivery date is before the report's as-of date.
// - Margin percent = margin / net x 100, as for an order's totals (margin_percent in pricing.h).
// - Periods: a day is the order date; a week is named by its Monday (ISO weeks); a month is
//   "YYYY-MM".
// - Rows are sorted by key, then currency; amounts of different currencies are never added.
#ifndef OMS_REPORTS_H_
#define OMS_REPORTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/order.h"
#include "oms/pricing.h"
#include "oms/time.h"

namespace oms {

enum class ReportDimension { kCustomer, kProduct, kCategory, kSalesperson, kChannel, kOrder, kDay, kWeek, kMonth };
OMS_API std::string_view to_string(ReportDimension d) noexcept;
inline constexpr int kReportDimensionCount = 9;

// Which order lines a report counts. Empty fields do not filter.
struct ReportFilter {
  std::optional<Date> from;  // order date, inclusive
  std::optional<Date> to;    // order date, inclusive
  std::string customer_code;
  std::string sku;
  std::string category;
  std::string salesperson;
  std::string channel;
  std::string currency;
  bool open_only = false;        // only lines with an open quantity (the outstanding-orders view)
  std::optional<Date> as_of;     // for overdue figures; default: today by the engine's clock
};

// One group of order lines.
struct LineSummary {
  std::string key;   // customer code, SKU, category, salesperson, channel, order number or period
  std::string name;  // customer or product name for those dimensions, else empty
  Currency currency;
  std::int64_t orders = 0;  // distinct orders
  std::int64_t lines = 0;
  Decimal ordered;   // quantities
  Decimal shipped;
  Decimal returned;
  Decimal closed;    // short-closed
  Decimal open;      // ordered - shipped - closed
  Money net;         // sales amount
  Money cost;
  Money margin;
  Decimal margin_percent;
  Money open_amount;
  Decimal overdue;   // open quantity past its requested delivery date
  Money overdue_amount;
  std::optional<Date> first_order;
  std::optional<Date> last_order;

  // The differences of ordered vs shipped vs returned:
  Decimal unshipped() const { return ordered - shipped; }  // ordered, not (yet) shipped: open + closed
  Decimal kept() const { return shipped - returned; }      // shipped and not returned
};

// ---- The rules, shared by every storage adapter ---------------------------------------------

// Whether an order in `state` (held from `held_from` when on hold) counts in reports.
OMS_API bool counts_as_sale(OrderState state, OrderState held_from) noexcept;
// The key of `date` for a period dimension (kDay, kWeek, kMonth).
OMS_API std::string period_key(const Date& date, ReportDimension period);
// The open amount of a line: net x open / ordered, rounded to `currency` with `mode`.
OMS_API Decimal open_amount(const Decimal& net, const Decimal& ordered, const Decimal& open,
                            const Currency& currency, RoundingMode mode);

// What a storage adapter is asked for (Transaction::summarize_order_lines).
struct LineSummaryQuery {
  ReportFilter filter;  // as_of always set
  ReportDimension by = ReportDimension::kCustomer;
  RoundingMode rounding = RoundingMode::kHalfUp;
};

}  // namespace oms

#endif  // OMS_REPORTS_H_
