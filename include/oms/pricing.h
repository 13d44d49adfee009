// Pricing and amount calculations: the pure functions behind every order figure.
//
// The rounding rules are stated in docs/ROUNDING.md and implemented here, nowhere else:
// - Every line is computed from qty x unit price and rounded once per figure to the currency's
//   minor units with the engine's rounding mode.
// - Order totals are the sums of the rounded line figures, so a total always equals the sum of
//   its lines.
// - Amounts spread over lines (order-level discounts, document-level tax) use the largest
//   remainder method: the shares add up exactly to the amount, no cent is lost or invented.
#ifndef OMS_PRICING_H_
#define OMS_PRICING_H_

#include <span>
#include <vector>

#include "oms/catalog.h"
#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/order.h"

namespace oms {

// Tax computed for each line and summed, or per document per tax rate and spread over lines.
enum class TaxMode { kPerLine, kPerDocument };

// Splits `total` into shares proportional to `weights`, each with `scale` decimal places, that
// add up exactly to `total` (which must itself have no more than `scale` places). Shares are
// first rounded toward zero; the units left over go one each to the largest remainders (ties:
// the earlier weight). REQUIRES: weights are >= 0; if they sum to 0, all shares are 0 and
// total must be 0.
OMS_API std::vector<Decimal> allocate_largest_remainder(const Decimal& total, std::span<const Decimal> weights,
                                                        int scale);

struct BreakPrice {
  Decimal unit_price;  // kAllUnits: the break's price; kIncremental: the average, 6 places half-even
  Decimal amount;      // exact sum over the tiers
};

// The price of `quantity` units by quantity breaks. REQUIRES: breaks non-empty, ascending,
// first at 0; quantity >= 0.
OMS_API BreakPrice price_from_breaks(std::span<const PriceBreak> breaks, BreakRule rule, const Decimal& quantity);

// Margin as a percentage of net: margin / net x 100, rounded half-even to 2 places; 0 when net
// is 0. Orders' totals and the reports use it.
OMS_API Decimal margin_percent(const Decimal& margin, const Decimal& net);

// Computes every line's amounts and the order totals in place. `order_discount` is the
// order-level promotion amount (in the order currency), spread over the non-gift lines by their
// net; it is capped at their sum.
OMS_API void compute_amounts(Order& order, const Money& order_discount, const Currency& cost_currency,
                             TaxMode tax_mode, RoundingMode rounding);

}  // namespace oms

#endif  // OMS_PRICING_H_
