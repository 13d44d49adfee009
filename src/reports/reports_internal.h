// Internal: the order-line summary computed over orders in memory (the in-memory adapter), with
// the same rules (include/oms/reports.h) that the SQLite adapter runs as SQL functions.
#ifndef OMS_SRC_REPORTS_INTERNAL_H_
#define OMS_SRC_REPORTS_INTERNAL_H_

#include <functional>
#include <string>
#include <vector>

#include "oms/reports.h"

namespace oms::reports {

// Calls its argument once per stored order.
using OrderVisitor = std::function<void(const std::function<void(const Order&)>&)>;

// The groups of Transaction::summarize_order_lines, sorted by key and currency; `orders` of
// each group counted, names and margin percent left to the engine.
std::vector<LineSummary> summarize(const OrderVisitor& for_each_order, const LineSummaryQuery& query,
                                   const std::function<std::string(ProductId)>& category_of);

}  // namespace oms::reports

#endif  // OMS_SRC_REPORTS_INTERNAL_H_
