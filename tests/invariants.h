// The ledger and order invariants, checked through the public API:
// - on hand = sum of moves = sum of quants, per product and per warehouse; no quant below zero
// - available >= 0 and reserved = the open orders' allocations, per product and warehouse
// - order totals = sums of their lines; line total = net + tax
// - 0 <= reserved <= open quantity per line; orders not open hold no reservations
// - each customer's credit exposure kept by the engine = its recomputation from the orders
// - fulfilment: shipped + on shipments + closed <= ordered per line; returned <= shipped;
//   invoiced <= the policy limit; payments applied <= invoiced; per invoice paid + credited <=
//   total; per customer, statement closing balance = invoices - payments - credits + refunds
#ifndef OMS_TESTS_INVARIANTS_H_
#define OMS_TESTS_INVARIANTS_H_

#include <gtest/gtest.h>

#include <map>

#include "oms/engine.h"

namespace oms::testing {

inline void expect_invariants(Engine& eng) {
  auto products = eng.products();
  ASSERT_TRUE(products.ok());
  auto orders = eng.list_orders({});
  ASSERT_TRUE(orders.ok());
  std::map<std::pair<std::int64_t, std::int64_t>, Decimal> allocated;  // (product, warehouse)
  std::map<std::string, Money> exposure;  // customer code -> recomputed exposure (CNY orders)
  for (const auto& o : *orders) {
    if (o.customer && o.currency == Currency::of("CNY").value()) {
      Money& e = exposure.try_emplace(o.customer_code, Money::zero(o.currency)).first->second;
      if (o.state != OrderState::kDraft && o.state != OrderState::kCancelled) {
        Money billable = Money::zero(o.currency);
        for (const auto& l : o.lines) billable += cumulative_line_value(l, l.billable_quantity(), RoundingMode::kHalfUp).total;
        EXPECT_EQ(o.billable, billable) << o.number;
        e += (o.invoiced > billable ? o.invoiced : billable) - o.paid;
      }
    }
    Money limit = Money::zero(o.currency);
    for (const auto& l : o.lines) {
      EXPECT_LE(l.shipped + l.in_shipment + l.closed, max(l.quantity, Decimal())) << o.number << " line " << l.line_no;
      EXPECT_FALSE(l.in_shipment.is_negative()) << o.number;
      EXPECT_LE(l.returned, l.shipped) << o.number << " line " << l.line_no;
      EXPECT_LE(l.invoiced, max(invoiceable_quantity(l, o.invoice_policy), Decimal())) << o.number << " line " << l.line_no;
      limit += cumulative_line_value(l, max(invoiceable_quantity(l, o.invoice_policy), Decimal()), RoundingMode::kHalfUp).total;
    }
    EXPECT_LE(o.invoiced, limit) << "invoiced beyond the policy limit: " << o.number;
    EXPECT_FALSE(o.paid.is_negative()) << o.number;
    Money net = Money::zero(o.currency), tax = net, total = net, cost = net;
    for (const auto& l : o.lines) {
      EXPECT_EQ(l.amounts.total, l.amounts.net + l.amounts.tax) << o.number;
      net += l.amounts.net;
      tax += l.amounts.tax;
      total += l.amounts.total;
      cost += l.amounts.cost;
      EXPECT_FALSE(l.reserved().is_negative()) << o.number;
      EXPECT_LE(l.reserved(), max(l.open_quantity(), Decimal())) << o.number << " line " << l.line_no;
      EXPECT_LE(l.shipped + l.closed, max(l.quantity, l.shipped + l.closed)) << o.number;
      if (!is_open_state(o.state)) {
        EXPECT_TRUE(l.allocations.empty()) << o.number << " " << to_string(o.state);
      }
      for (const auto& a : l.allocations) allocated[{l.product.value, a.warehouse.value}] += a.quantity;
    }
    EXPECT_EQ(o.totals.net, net) << o.number;
    EXPECT_EQ(o.totals.tax, tax) << o.number;
    EXPECT_EQ(o.totals.total, total) << o.number;
    EXPECT_EQ(o.totals.cost, cost) << o.number;
  }
  for (const auto& [code, expected] : exposure) {
    auto kept = eng.credit_exposure(code, "CNY");
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, expected) << "credit exposure of " << code;
  }
  // Settlement, per customer in CNY.
  auto customers = eng.customers();
  ASSERT_TRUE(customers.ok());
  const Money zero = Money::zero(Currency::of("CNY").value());
  for (const auto& cu : *customers) {
    auto invoices = eng.customer_invoices(cu.code);
    ASSERT_TRUE(invoices.ok());
    std::map<std::string, Money> paid_by_order;
    Money billed = zero;
    for (const auto& v : *invoices) {
      EXPECT_LE(v.paid + v.credited, v.total) << v.number;
      EXPECT_FALSE(v.open().is_negative()) << v.number;
      for (const auto& share : v.orders) paid_by_order.try_emplace(share.order_number, zero).first->second += share.paid;
      if (v.state != InvoiceState::kDraft && v.currency == zero.currency()) billed += v.total;
    }
    for (const auto& [number, paid] : paid_by_order) {
      auto o = eng.order(number);
      ASSERT_TRUE(o.ok());
      EXPECT_EQ(o->paid, paid) << "payments applied to " << number;
      EXPECT_LE(o->paid, o->invoiced) << "payments applied beyond what is invoiced: " << number;
    }
    auto st = eng.statement(cu.code, "CNY", Date{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)},
                            Date{std::chrono::year(2100), std::chrono::January, std::chrono::day(1)});
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->opening.is_zero());
    EXPECT_EQ(st->invoiced, billed) << cu.code;
    EXPECT_EQ(st->closing, st->invoiced - st->paid - st->credited + st->refunded) << cu.code;
  }
  for (const auto& p : *products) {
    auto report = eng.stock(p.sku);
    auto moves = eng.moves(p.sku);
    ASSERT_TRUE(report.ok() && moves.ok());
    Decimal moved;
    std::map<std::int64_t, Decimal> moved_by_warehouse;
    for (const auto& m : *moves) {
      moved += m.quantity;
      moved_by_warehouse[m.warehouse.value] += m.quantity;
    }
    EXPECT_EQ(report->on_hand, moved) << p.sku;
    EXPECT_EQ(eng.valuation(p.sku)->quantity, report->on_hand) << p.sku;
    for (const auto& w : report->warehouses) {
      Decimal in_quants;
      for (const auto& q : w.quants) {
        EXPECT_FALSE(q.on_hand.is_negative()) << p.sku;
        in_quants += q.on_hand;
      }
      EXPECT_EQ(w.on_hand, in_quants) << p.sku << " in " << w.warehouse_code;
      EXPECT_EQ(w.on_hand, moved_by_warehouse[w.warehouse.value]) << p.sku << " in " << w.warehouse_code;
      EXPECT_FALSE(w.available.is_negative()) << p.sku << " in " << w.warehouse_code;
      const Decimal held_by_orders = allocated[{p.id.value, w.warehouse.value}];
      EXPECT_EQ(w.reserved, held_by_orders) << p.sku << " in " << w.warehouse_code;
    }
  }
}

}  // namespace oms::testing

#endif  // OMS_TESTS_INVARIANTS_H_
