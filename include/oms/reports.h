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
#include <vector>

#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/customer.h"
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

// ---- Inventory (库存结构与周转) ----------------------------------------------------------------
//
// Stock as it is now (on hand, reserved, available, value at the moving-average cost) and how it
// turned over in a period [from, to]:
// - outbound: quantity issued to customers, less what came back on returns; cogs: its cost.
// - opening value = value at the end of `to` - value of the period's moves; the value at the end
//   of `to` is today's value less the moves after `to`. Average value = (opening + closing) / 2.
// - turnover = cogs / average value (2 places); days of cover = available / (outbound per day of
//   the period) (1 place). Both are empty when their divisor is zero.
// - ABC (库存结构) by today's value, highest first: A while the products before reach less than
//   a_share % of the total value, then B while less than b_share %, then C; no value: C.
// Amounts are in the cost currency (EngineOptions::cost_currency), rounded to it.
struct InventoryQuery {
  std::optional<Date> from;  // default: 89 days before `to` (90 days)
  std::optional<Date> to;    // default: today by the engine's clock
  std::string sku;
  std::string category;
  std::string warehouse;     // positions and lots of this warehouse only
  int expiring_within_days = 30;
  Decimal a_share = Decimal(80);
  Decimal b_share = Decimal(95);
};

struct ProductInventory {
  std::string sku;
  std::string name;
  std::string category;
  std::string unit;
  Decimal on_hand;
  Decimal reserved;
  Decimal available;
  Decimal unit_cost;  // moving average
  Money value;
  Decimal value_share;  // % of the total value, 2 places
  std::string abc;      // "A", "B" or "C"
  Decimal outbound;
  Money cogs;
  Money opening_value;
  Money average_value;
  std::optional<Decimal> turnover;
  std::optional<Decimal> days_of_cover;
  Decimal low_stock_threshold;
  bool below_threshold = false;  // a threshold is set and available is below it (库存警戒线)
};

// One product in one warehouse.
struct InventoryPosition {
  std::string sku;
  std::string warehouse;
  Decimal on_hand;
  Decimal reserved;
  Decimal available;
  Money value;
};

// One product at one location and lot.
struct LotStock {
  std::string sku;
  std::string warehouse;
  std::string location;
  std::string lot_number;
  std::optional<Date> expiry;
  std::optional<int> days_to_expiry;  // from `to`; negative when expired
  Decimal on_hand;
  Money value;
};

struct InventoryReport {
  Date from{};
  Date to{};
  Currency currency;
  Money total_value;
  std::vector<ProductInventory> products;    // by value, highest first (the ABC order)
  std::vector<InventoryPosition> positions;  // by SKU and warehouse code
  std::vector<LotStock> lots;                // by SKU, warehouse, location and lot
  std::vector<LotStock> expiring;            // lots expiring by `to` + expiring_within_days, soonest first
};

// ---- Daily statistics per product (每日统计) -------------------------------------------------
//
// For one day: what went out (issued less returned), what was ordered (order lines of that day's
// orders that count as sales: quantity, net amount and margin in `currency`), and — as of now —
// what awaits outbound (open quantity of orders that count) and what is available to sell.
// Products with nothing to show are left out; the rest are sorted by SKU.
struct ProductDay {
  std::string sku;
  std::string name;
  Date day{};
  Decimal outbound;
  Decimal awaiting_outbound;
  Decimal available;
  Decimal sold;
  Money amount;
  Money profit;
};

// ---- Customer value (客户价值) ---------------------------------------------------------------
//
// Per customer over [from, to] (order dates): orders, net amount and margin of the order lines
// that count as sales in `currency`, the last order date and RFM scores: recency (days since the
// last order up to `to`), frequency (orders) and monetary (amount), each 1..5 by quintile among
// the customers who ordered (5 best; equal values score alike), 0 for customers without orders.
// The suggested grade is what Engine::regrade_customers would give today (EngineOptions::grading).
struct CustomerValueQuery {
  std::optional<Date> from;  // default: 364 days before `to`
  std::optional<Date> to;    // default: today
  std::string currency = "CNY";
  std::string salesperson;
};

struct CustomerValue {
  std::string code;
  std::string name;
  std::string salesperson;
  CustomerGrade grade = CustomerGrade::kPotential;
  CustomerGrade suggested_grade = CustomerGrade::kPotential;
  std::int64_t orders = 0;
  Money amount;
  Money margin;
  std::optional<Date> last_order;
  std::optional<int> days_since_last_order;
  int recency = 0;
  int frequency = 0;
  int monetary = 0;
  std::string rfm;  // the three scores, e.g. "545"
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
