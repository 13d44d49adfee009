#include "oms/pricing.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

namespace oms {

std::vector<Decimal> allocate_largest_remainder(const Decimal& total, std::span<const Decimal> weights, int scale) {
  std::vector<Decimal> shares(weights.size());
  Decimal weight_sum;
  for (const auto& w : weights) weight_sum += w;
  if (weight_sum.is_zero()) return shares;

  // Each share first rounded toward zero; the units of `scale` left over are handed out one by
  // one to the largest remainders.
  std::vector<std::pair<Decimal, std::size_t>> remainders;
  remainders.reserve(weights.size());
  Decimal allocated;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Decimal exact = Decimal::divide(total * weights[i], weight_sum, Decimal::kMaxScale, RoundingMode::kHalfEven);
    shares[i] = exact.rounded(scale, RoundingMode::kDown);
    allocated += shares[i];
    remainders.emplace_back((exact - shares[i]).abs(), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return b.first < a.first; });
  const Decimal unit = Decimal::from_mantissa(1, scale);
  const Decimal step = total.is_negative() ? -unit : unit;
  Decimal left = total - allocated;
  for (std::size_t k = 0; !left.is_zero() && k < remainders.size(); ++k) {
    shares[remainders[k].second] += step;
    left -= step;
  }
  return shares;
}

BreakPrice price_from_breaks(std::span<const PriceBreak> breaks, BreakRule rule, const Decimal& quantity) {
  if (rule == BreakRule::kAllUnits) {
    const PriceBreak* chosen = &breaks.front();
    for (const auto& b : breaks) {
      if (b.min_quantity <= quantity) chosen = &b;
    }
    return {chosen->unit_price, quantity * chosen->unit_price};
  }
  // Incremental: units in [min_i, min_{i+1}) at price_i.
  Decimal amount;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    const Decimal& from = breaks[i].min_quantity;
    if (quantity <= from) break;
    const Decimal to = i + 1 < breaks.size() ? min(quantity, breaks[i + 1].min_quantity) : quantity;
    amount += (to - from) * breaks[i].unit_price;
  }
  const Decimal unit = quantity.is_zero() ? breaks.front().unit_price
                                          : Decimal::divide(amount, quantity, 6, RoundingMode::kHalfEven);
  return {unit, amount};
}

namespace {

Money zero(const Currency& c) { return Money::zero(c); }

// The tax contained in a tax-inclusive amount: amount x rate / (1 + rate).
Decimal tax_included(const Decimal& amount, const Decimal& rate, int scale, RoundingMode mode) {
  return Decimal::divide(amount * rate, Decimal(1) + rate, scale, mode);
}

}  // namespace

void compute_amounts(Order& order, const Money& order_discount, const Currency& cost_currency, TaxMode tax_mode,
                     RoundingMode rounding) {
  const Currency cur = order.currency;
  const int minor = cur.minor_units();
  auto round = [&](const Decimal& d) { return d.rounded(minor, rounding); };

  // 1. Gross and line discounts. `base` is what tax applies to: net for tax-exclusive lines,
  //    the tax-inclusive total for inclusive ones.
  std::vector<Decimal> after_line_discount(order.lines.size());
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& l = order.lines[i];
    const Decimal price = l.gift ? Decimal() : l.unit_price.amount();
    const Decimal gross = round(l.quantity * price);
    Decimal discounted = gross;
    switch (l.discount.kind) {
      case DiscountKind::kNone: break;
      case DiscountKind::kPercent:
        discounted = round(l.quantity * price * (Decimal(1) - Decimal::divide(l.discount.value, 100, 18, rounding)));
        break;
      case DiscountKind::kAmount: discounted = gross - round(l.discount.value); break;
    }
    after_line_discount[i] = discounted;
    l.amounts.gross = Money(gross, cur);
    l.amounts.discount = Money(gross - discounted, cur);
  }

  // 2. Order-level discount spread over the non-gift lines.
  std::vector<Decimal> weights(order.lines.size());
  Decimal eligible;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    if (!order.lines[i].gift && after_line_discount[i].is_positive()) weights[i] = after_line_discount[i];
    eligible += weights[i];
  }
  Decimal discount_total = order_discount.currency() == cur ? round(order_discount.amount()) : Decimal();
  discount_total = max(Decimal(), min(discount_total, eligible));
  const auto shares = allocate_largest_remainder(discount_total, weights, minor);

  // 3. Tax.
  std::vector<Decimal> base(order.lines.size());
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    base[i] = after_line_discount[i] - shares[i];
    order.lines[i].amounts.order_discount = Money(shares[i], cur);
  }
  std::vector<Decimal> tax(order.lines.size());
  if (tax_mode == TaxMode::kPerLine) {
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      const OrderLine& l = order.lines[i];
      tax[i] = l.price_includes_tax ? tax_included(base[i], l.tax_rate, minor, rounding) : round(base[i] * l.tax_rate);
    }
  } else {
    // Per document: one tax figure per (rate, inclusive) group, spread over its lines.
    std::map<std::pair<Decimal, bool>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      groups[{order.lines[i].tax_rate, order.lines[i].price_includes_tax}].push_back(i);
    }
    for (const auto& [key, members] : groups) {
      const auto& [rate, inclusive] = key;
      std::vector<Decimal> group_weights;
      Decimal group_base;
      for (auto i : members) {
        group_weights.push_back(base[i].abs());
        group_base += base[i];
      }
      const Decimal group_tax = inclusive ? tax_included(group_base, rate, minor, rounding) : round(group_base * rate);
      const auto parts = allocate_largest_remainder(group_tax, group_weights, minor);
      for (std::size_t k = 0; k < members.size(); ++k) tax[members[k]] = parts[k];
    }
  }

  // 4. Net, total, cost and margin per line; totals as sums of the rounded line figures.
  OrderTotals t{zero(cur), zero(cur), zero(cur), zero(cur), zero(cur), zero(cur), zero(cur), zero(cur), Decimal()};
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& l = order.lines[i];
    LineAmounts& a = l.amounts;
    if (l.price_includes_tax) {
      a.total = Money(base[i], cur);
      a.tax = Money(tax[i], cur);
      a.net = a.total - a.tax;
    } else {
      a.net = Money(base[i], cur);
      a.tax = Money(tax[i], cur);
      a.total = a.net + a.tax;
    }
    // Cost is known only in the cost currency; orders in another currency carry no cost.
    const bool costed = l.unit_cost.currency() == cur && cost_currency == cur;
    a.cost = Money(costed ? round(l.quantity * l.unit_cost.amount()) : Decimal(), cur);
    a.margin = a.net - a.cost;
    t.gross += a.gross;
    t.discount += a.discount;
    t.order_discount += a.order_discount;
    t.net += a.net;
    t.tax += a.tax;
    t.total += a.total;
    t.cost += a.cost;
    t.margin += a.margin;
  }
  t.margin_percent = margin_percent(t.margin.amount(), t.net.amount());
  order.totals = t;
}

Decimal margin_percent(const Decimal& margin, const Decimal& net) {
  return net.is_zero() ? Decimal() : Decimal::divide(margin * 100, net, 2, RoundingMode::kHalfEven);
}

}  // namespace oms
