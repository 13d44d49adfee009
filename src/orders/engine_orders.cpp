// Order operations: intake (single, batch, idempotent), pricing and promotions, review, the
// lifecycle transitions and amendments.
#include <algorithm>
#include <map>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonArray;
using internal::JsonObject;
using internal::Op;
using internal::str;

namespace {

std::string_view event_type(OrderAction a) {
  switch (a) {
    case OrderAction::kSubmit: return "order.submitted";
    case OrderAction::kReject: return "order.rejected";
    case OrderAction::kApprove: return "order.confirmed";
    case OrderAction::kAmend: return "order.amended";
    case OrderAction::kHold: return "order.held";
    case OrderAction::kResume: return "order.resumed";
    case OrderAction::kCancel: return "order.cancelled";
    case OrderAction::kShortClose: return "order.short_closed";
    case OrderAction::kShipPartial: return "order.partially_shipped";
    case OrderAction::kShipAll: return "order.shipped";
    case OrderAction::kDeliver: return "order.delivered";
    case OrderAction::kComplete: return "order.completed";
  }
  return "order.changed";
}

std::optional<Customer> customer_of(Ctx& c, const Order& o) {
  return o.customer ? c.tx.get(by::kCustomerId, o.customer) : std::nullopt;
}

Product product_of(Ctx& c, ProductId id) {
  auto p = c.tx.get(by::kProductId, id);
  if (!p) fail(Status::Internal("order line refers to missing product " + id.to_string()));
  return *std::move(p);
}

void check_discount(const std::string& field, const Discount& d) {
  switch (d.kind) {
    case DiscountKind::kNone: break;
    case DiscountKind::kPercent:
      if (d.value.is_negative() || d.value > Decimal(100)) {
        fail(Status::InvalidArgument(field, d.value.to_string(), "must be a percentage between 0 and 100"));
      }
      break;
    case DiscountKind::kAmount: internal::require_non_negative(field, d.value); break;
  }
}

OrderLine make_line(Ctx& c, Order& o, const NewOrderLine& spec, const std::string& field) {
  const Product p = internal::must_product(c, spec.sku, field + ".sku");
  check_discount(field + ".discount", spec.discount);
  if (spec.unit_price) internal::require_non_negative(field + ".unit_price", *spec.unit_price);
  if (spec.gift && spec.unit_price && !spec.unit_price->is_zero()) {
    fail(Status::InvalidArgument(field + ".unit_price", spec.unit_price->to_string(), "must be 0 on a gift line"));
  }
  OrderLine l;
  l.line_no = o.next_line_no++;
  l.product = p.id;
  l.sku = p.sku;
  l.description = p.name;
  l.quantity = spec.quantity;
  l.unit = p.unit;
  l.discount = spec.discount;
  l.gift = spec.gift;
  l.note = spec.note;
  if (spec.unit_price && !spec.gift) {
    l.price_overridden = true;
    l.unit_price = Money(*spec.unit_price, o.currency);
    l.price_source = {PriceSourceKind::kManual, {}};
  }
  return l;
}

void refresh_costs(Ctx& c, Order& o) {
  for (auto& l : o.lines) l.unit_cost = internal::current_unit_cost(c, product_of(c, l.product));
}

// Promotion gift lines (加赠): every `buy` of the product earns `free` more, as a zero-priced
// line tied to the first line of that product. Existing gift lines are updated in place (their
// reservations follow); they never drop below what has shipped.
void apply_gift_promotions(Ctx& c, Order& o, const std::vector<Promotion>& promotions) {
  std::map<std::string, Decimal> earned;  // promotion code -> free quantity
  for (const auto& pr : promotions) {
    if (pr.kind != PromotionKind::kBuyGetFree || !pr.active || !internal::in_validity(pr.valid_from, pr.valid_to, o.order_date)) continue;
    Decimal bought;
    for (const auto& l : o.lines) {
      if (!l.gift && l.sku == pr.sku && l.quantity.is_positive()) bought += l.quantity;
    }
    earned[pr.code] = Decimal::divide(bought, pr.buy_quantity, 0, RoundingMode::kDown) * pr.free_quantity;
  }
  for (auto& l : o.lines) {
    if (l.gift_for_line == 0) continue;
    const auto it = earned.find(l.price_source.reference);
    l.quantity = max(it == earned.end() ? Decimal() : it->second, l.shipped + l.closed + l.in_shipment);
    if (it != earned.end()) earned.erase(it);
  }
  // Gift lines no longer earned go; their reservations are released by sync_reservations,
  // which compares with the order as it was.
  std::erase_if(o.lines, [](const OrderLine& l) { return l.gift_for_line != 0 && l.quantity.is_zero(); });
  for (const auto& pr : promotions) {
    const auto it = earned.find(pr.code);
    if (it == earned.end() || !it->second.is_positive()) continue;
    const auto first = std::find_if(o.lines.begin(), o.lines.end(), [&](const OrderLine& l) { return !l.gift && l.sku == pr.sku; });
    const Product p = internal::must_product(c, pr.sku, "promotion.sku");
    OrderLine g;
    g.line_no = o.next_line_no++;
    g.product = p.id;
    g.sku = p.sku;
    g.description = p.name + " (gift: " + pr.code + ")";
    g.quantity = it->second;
    g.unit = p.unit;
    g.unit_price = Money::zero(o.currency);
    g.price_source = {PriceSourceKind::kPromotion, pr.code};
    g.gift = true;
    g.gift_for_line = first->line_no;
    o.lines.push_back(std::move(g));
  }
}

// The best spend-X-get-Y-off promotion reached by the order's amount after line discounts.
std::optional<Promotion> best_order_promotion(const Order& o, const std::vector<Promotion>& promotions) {
  Money reached = Money::zero(o.currency);
  for (const auto& l : o.lines) {
    if (!l.gift) reached += l.amounts.gross - l.amounts.discount;
  }
  std::optional<Promotion> best;
  for (const auto& pr : promotions) {
    if (pr.kind != PromotionKind::kSpendGetOff || !pr.active || !(pr.threshold.currency() == o.currency) ||
        !internal::in_validity(pr.valid_from, pr.valid_to, o.order_date) || reached < pr.threshold) {
      continue;
    }
    if (!best || best->discount < pr.discount) best = pr;
  }
  return best;
}

// Credit exposure of a customer in the order's currency without the order's stored share.
Money exposure_without(Ctx& c, const Customer& cu, const Order& o, const Money& stored_contribution) {
  const auto account = c.tx.get(by::kCreditAccount, cu.id, o.currency);
  return (account ? account->exposure : Money::zero(o.currency)) - stored_contribution;
}

}  // namespace

namespace internal {

void reprice(Ctx& c, Order& o) {
  const auto cust = customer_of(c, o);
  for (auto& l : o.lines) {
    if (l.gift_for_line != 0) continue;
    const Product p = product_of(c, l.product);
    l.tax_class = p.tax_class;
    l.tax_rate = tax_rate_of(c, p);
    if (l.gift) {
      l.unit_price = Money::zero(o.currency);
      l.price_source = {PriceSourceKind::kManual, "gift"};
      l.price_includes_tax = o.prices_include_tax;
    } else if (l.price_overridden) {
      l.price_includes_tax = o.prices_include_tax;
    } else {
      const PriceQuote q = resolve_price(c, p, cust ? &*cust : nullptr, o.currency, o.order_date, l.quantity,
                                         o.prices_include_tax);
      l.unit_price = q.unit_price;
      l.price_includes_tax = q.includes_tax;
      l.price_source = q.source;
    }
  }
  const auto promotions = c.tx.list(by::kAllPromotions);
  apply_gift_promotions(c, o, promotions);
  for (auto& l : o.lines) {
    if (l.gift_for_line == 0) continue;
    const Product p = product_of(c, l.product);
    l.tax_class = p.tax_class;
    l.tax_rate = tax_rate_of(c, p);
    l.price_includes_tax = o.prices_include_tax;
  }
  refresh_costs(c, o);
  compute_amounts(o, Money::zero(o.currency), c.opt.cost_currency, c.opt.tax_mode, c.opt.rounding);
  const auto best = best_order_promotion(o, promotions);
  o.promotions.clear();
  if (best) {
    o.promotions.push_back(best->code);
    compute_amounts(o, best->discount, c.opt.cost_currency, c.opt.tax_mode, c.opt.rounding);
  }
}

Review review_order(Ctx& c, const Order& o, const Money& stored_contribution) {
  Review r;
  auto add = [&](Severity s, std::string code, std::string field, int line_no, std::string message) {
    r.findings.push_back({s, std::move(code), std::move(field), line_no, std::move(message)});
  };
  const auto cust = customer_of(c, o);
  if (!cust) {
    add(Severity::kError, "customer.missing", "customer_code", 0, "order " + o.number + " has no customer");
  } else if (!cust->active) {
    add(Severity::kError, "customer.inactive", "customer_code", 0, "customer '" + cust->code + "' is inactive");
  }
  if (o.lines.empty()) add(Severity::kError, "lines.empty", "lines", 0, "order " + o.number + " has no lines");

  struct Demand {
    Decimal needed;     // open quantity of the lines so far
    Decimal available;  // available to sell, read once per product
  };
  std::map<std::int64_t, Demand> demand;
  for (std::size_t i = 0; i < o.lines.size(); ++i) {
    const OrderLine& l = o.lines[i];
    const std::string f = field_at("lines", i, "");
    const std::string at = "line " + std::to_string(l.line_no) + " (" + l.sku + ")";
    const Product p = product_of(c, l.product);
    if (!p.active) add(Severity::kError, "product.inactive", f + ".sku", l.line_no, at + ": product is inactive");
    if (!l.quantity.is_positive()) {
      add(Severity::kError, "quantity.not_positive", f + ".quantity", l.line_no,
          at + ": quantity '" + str(l.quantity) + "' must be positive");
      continue;
    }
    const Unit unit = unit_of(c, p);
    if (!l.quantity.fits_scale(unit.decimals)) {
      add(Severity::kError, "quantity.precision", f + ".quantity", l.line_no,
          at + ": quantity '" + str(l.quantity) + "' is finer than unit '" + unit.code + "' allows (" +
              std::to_string(unit.decimals) + " decimal places)");
    }
    if (!l.gift && l.price_source.kind == PriceSourceKind::kNone) {
      add(Severity::kError, "price.missing", f + ".unit_price", l.line_no,
          at + ": no price in " + std::string(o.currency.code()) + " (no price list, no list price)");
    }
    if (l.amounts.discount > l.amounts.gross) {
      add(Severity::kError, "discount.exceeds_amount", f + ".discount", l.line_no,
          at + ": discount '" + l.amounts.discount.to_string() + "' exceeds the line amount '" +
              l.amounts.gross.to_string() + "'");
    }
    if (!l.gift && l.amounts.cost.is_positive() && l.amounts.net < l.amounts.cost) {
      add(Severity::kWarning, "price.below_cost", f + ".unit_price", l.line_no,
          at + ": net '" + l.amounts.net.to_string() + "' is below cost '" + l.amounts.cost.to_string() + "'");
    }
    auto [it, fresh] = demand.try_emplace(p.id.value);
    if (fresh) it->second.available = available_total(c, p.id);
    Demand& d = it->second;
    d.needed += l.unreserved();
    if (d.available < d.needed) {
      add(Severity::kWarning, "stock.insufficient", f + ".quantity", l.line_no,
          at + ": needs " + str(d.needed) + ", only " + str(d.available) + " available to sell");
    }
  }

  if (c.opt.credit_check && cust && cust->credit_limit) {
    const Money& limit = *cust->credit_limit;
    if (!(limit.currency() == o.currency)) {
      add(Severity::kWarning, "credit.currency_differs", "currency", 0,
          "credit limit is in " + std::string(limit.currency().code()) + ", the order in " +
              std::string(o.currency.code()) + ": not checked");
    } else {
      const Money exposure = exposure_without(c, *cust, o, stored_contribution) + o.totals.total - o.paid;
      if (exposure > limit) {
        r.credit_hold = true;
        add(Severity::kWarning, "credit.limit_exceeded", "customer_code", 0,
            "customer '" + cust->code + "' exposure " + exposure.to_string() + " with this order exceeds the credit limit " +
                limit.to_string());
      }
    }
  }
  return r;
}

OrderState require_transition(const Order& o, OrderAction action) {
  const auto to = next_order_state(o.state, action, o.held_from);
  if (!to) {
    fail(Status::FailedPrecondition("order '" + o.number + "' is " + std::string(to_string(o.state)) + ": cannot " +
                                        std::string(to_string(action)),
                                    "state"));
  }
  return *to;
}

void change_state(Op& op, Order& o, OrderAction action, std::string_view reason) {
  const OrderState to = require_transition(o, action);
  if (action == OrderAction::kHold) o.held_from = o.state;
  if (action == OrderAction::kResume) {
    o.hold_kind = HoldKind::kNone;
    o.hold_reason.clear();
  }
  o.history.push_back({o.state, to, action, op.actor, op.now, std::string(reason)});
  o.state = to;
}

Money credit_contribution(const Order& o) {
  if (!o.customer || o.state == OrderState::kDraft || o.state == OrderState::kCancelled) return Money::zero(o.currency);
  // What the customer will owe (or has been billed, if more) less what has been paid.
  return (o.invoiced > o.billable ? o.invoiced : o.billable) - o.paid;
}

Money billable_value(const Order& o, RoundingMode mode) {
  Money sum = Money::zero(o.currency);
  for (const auto& l : o.lines) sum += cumulative_line_value(l, l.billable_quantity(), mode).total;
  return sum;
}

void store_order(Op& op, Order& o, const Money& stored_contribution) {
  o.billable = billable_value(o, op.opt.rounding);
  if (o.invoiced.is_positive()) {
    const Money limit = invoice_limit(o, op.opt.rounding);
    if (o.invoiced > limit) {
      fail(Status::FailedPrecondition("order '" + o.number + "' would stay invoiced " + o.invoiced.to_string() +
                                          ", beyond the " + limit.to_string() + " it may bill now: credit or cancel its invoices first",
                                      "order_number"));
    }
  }
  const Money delta = credit_contribution(o) - stored_contribution;
  if (!delta.is_zero()) {
    CreditAccount account = op.tx.get(by::kCreditAccount, o.customer, o.currency)
                                .value_or(CreditAccount{o.customer, o.currency, Money::zero(o.currency)});
    account.exposure += delta;
    op.tx.put(account);
  }
  op.tx.put(o);
}

JsonObject order_summary(const Order& o) {
  return {{"number", o.number},
          {"state", to_string(o.state)},
          {"customer", o.customer_code},
          {"currency", o.currency.code()},
          {"total", str(o.totals.total.amount())},
          {"revision", o.revision}};
}

}  // namespace internal

void internal::emit_transition(Op& op, const Order& o, OrderAction action, std::string_view reason,
                               const JsonObject& extra) {
  JsonObject data = internal::order_summary(o);
  data.add("from", to_string(o.history.back().from));
  if (!reason.empty()) data.add("reason", reason);
  data.add(extra);
  op.emit("order", o.id.value, std::string(event_type(action)), data);
}

namespace {
using internal::emit_transition;

// Puts an order on credit hold (from submitted or confirmed) and raises the alert.
void credit_hold(Op& op, Order& o, const Review& r) {
  std::string why = "credit limit exceeded";
  for (const auto& f : r.findings) {
    if (f.code == "credit.limit_exceeded") why = f.message;
  }
  internal::change_state(op, o, OrderAction::kHold, why);
  o.hold_kind = HoldKind::kCredit;
  o.hold_reason = why;
  emit_transition(op, o, OrderAction::kHold, why);
  op.emit("order", o.id.value, "alert.credit_hold", {{"number", o.number}, {"customer", o.customer_code}, {"reason", why}});
}

// The first blocking finding as an error.
void fail_if_blocked(const Order& o, const Review& r, std::string_view what) {
  for (const auto& f : r.findings) {
    if (f.severity == Severity::kError) {
      fail(Status::FailedPrecondition("order '" + o.number + "' cannot be " + std::string(what) + ": " + f.message, f.field));
    }
  }
}

OrderIntake create_order_in(Op& op, const NewOrder& spec) {
  internal::require_text(spec);
  if (spec.external.source.empty() != spec.external.id.empty()) {
    fail(Status::InvalidArgument(spec.external.source.empty() ? "external.source" : "external.id", "",
                                 "is required when the other part of the external reference is given"));
  }
  if (!spec.external.empty()) {
    if (auto existing = op.tx.get(by::kOrderExternal, spec.external)) return {*std::move(existing), false};
  }
  Order o;
  o.currency = Currency::of(spec.currency).value();
  std::optional<Customer> cust;
  if (spec.new_customer) {
    if (!spec.customer_code.empty() && spec.customer_code != spec.new_customer->code) {
      fail(Status::InvalidArgument("customer_code", spec.customer_code, "differs from new_customer.code"));
    }
    try {
      cust = internal::create_customer_in(op, *spec.new_customer);
    } catch (const Error& e) {
      throw Error(e.status().with_field_prefix("new_customer"));
    }
  } else if (!spec.customer_code.empty()) {
    cust = internal::must_customer(op, spec.customer_code);
  }
  if (cust) {
    o.customer = cust->id;
    o.customer_code = cust->code;
    o.salesperson = cust->salesperson;
    if (!cust->addresses.empty()) o.ship_to = cust->addresses.front();
  }
  if (!spec.salesperson.empty()) o.salesperson = spec.salesperson;
  if (spec.ship_to) o.ship_to = spec.ship_to;
  o.external = spec.external;
  o.channel = spec.channel;
  o.order_date = spec.order_date.value_or(op.today());
  o.requested_delivery = spec.requested_delivery;
  if (o.requested_delivery && std::chrono::sys_days(*o.requested_delivery) < std::chrono::sys_days(o.order_date)) {
    fail(Status::InvalidArgument("requested_delivery", to_string(*o.requested_delivery),
                                 "is before the order date " + to_string(o.order_date)));
  }
  o.priority = spec.priority;
  o.notes = spec.notes;
  o.customer_reference = spec.customer_reference;
  o.prices_include_tax = spec.prices_include_tax;
  o.invoice_policy = spec.invoice_policy.value_or(op.opt.invoice_policy);
  o.invoiced = Money::zero(o.currency);
  o.paid = Money::zero(o.currency);
  for (std::size_t i = 0; i < spec.lines.size(); ++i) {
    o.lines.push_back(make_line(op, o, spec.lines[i], internal::field_at("lines", i, "")));
  }
  o.number = internal::assign_number(op, op.opt.order_numbers, spec.number,
                                     [&](const std::string& n) { return op.tx.get(by::kOrderNumber, n).has_value(); });
  internal::reprice(op, o);
  o.id = OrderId{op.tx.next_id(EntityKind::kOrder)};
  o.created_by = op.actor;
  o.created_at = op.now;
  internal::store_order(op, o, Money::zero(o.currency));
  JsonObject data = internal::order_summary(o);
  data.add("lines", o.lines.size());
  if (!o.external.empty()) data.add("external", JsonObject{{"source", o.external.source}, {"id", o.external.id}});
  op.emit("order", o.id.value, "order.created", data);
  return {o, true};
}

std::string required_reason(std::string_view reason) {
  internal::require_nonempty("reason", reason);
  internal::require_text("reason", reason);
  return std::string(reason);
}

// A lifecycle transition as one step: load the order, move it by the table, let `effect` do the
// action's own work (returning extra event data), store it and journal the transition.
template <class Effect>
Order transition(Op& op, std::string_view number, OrderAction action, const std::string& reason, Effect&& effect) {
  Order o = internal::must_order(op, number);
  const Money stored = internal::credit_contribution(o);
  internal::change_state(op, o, action, reason);
  const JsonObject extra = effect(o);
  internal::store_order(op, o, stored);
  emit_transition(op, o, action, reason, extra);
  return o;
}

Order transition(Op& op, std::string_view number, OrderAction action, const std::string& reason) {
  return transition(op, number, action, reason, [](Order&) { return JsonObject(); });
}

}  // namespace

Result<OrderIntake> Engine::create_order(const NewOrder& order, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return create_order_in(op, order); });
}

Result<std::vector<OrderIntake>> Engine::create_orders(std::span<const NewOrder> orders, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return internal::for_each_item("orders", orders, [&](const NewOrder& o) { return create_order_in(op, o); });
  });
}

Result<Order> Engine::order(std::string_view number) const {
  return impl_->read([&](Ctx& c) { return internal::must_order(c, number); });
}

Result<Order> Engine::order(OrderId id) const {
  return impl_->read([&](Ctx& c) {
    auto o = c.tx.get(by::kOrderId, id);
    if (!o) fail(Status::NotFound("order_id", id.to_string()));
    return *o;
  });
}

Result<std::vector<Order>> Engine::list_orders(const OrderQuery& query) const {
  return impl_->read([&](Ctx& c) {
    OrderSelection selection{std::nullopt, query.states, query.from, query.to, query.limit};
    if (!query.customer_code.empty()) selection.customer = internal::must_customer(c, query.customer_code, "customer_code").id;
    return c.tx.list_orders(selection);
  });
}

Result<Review> Engine::review(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    const Order o = internal::must_order(c, number);
    return internal::review_order(c, o, internal::credit_contribution(o));
  });
}

Result<SubmitResult> Engine::submit(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    Order o = internal::must_order(op, number);
    const Money stored = internal::credit_contribution(o);
    internal::require_transition(o, OrderAction::kSubmit);
    internal::reprice(op, o);
    SubmitResult result{internal::review_order(op, o, stored), o};
    if (result.review.blocked()) return result;  // stays a draft; the findings say why
    internal::change_state(op, o, OrderAction::kSubmit, "");
    emit_transition(op, o, OrderAction::kSubmit, "", {{"warnings", result.review.findings.size()}});
    if (result.review.credit_hold) credit_hold(op, o, result.review);
    internal::store_order(op, o, stored);
    result.order = o;
    return result;
  });
}

Result<Confirmation> Engine::approve(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    Order o = internal::must_order(op, number);
    const Money stored = internal::credit_contribution(o);
    internal::change_state(op, o, OrderAction::kApprove, "");
    fail_if_blocked(o, internal::review_order(op, o, stored), "approved");
    o.approved_by = op.actor;
    o.approved_at = op.now;
    refresh_costs(op, o);
    compute_amounts(o, o.totals.order_discount, op.opt.cost_currency, op.opt.tax_mode, op.opt.rounding);
    internal::allocate_order(op, o, op.opt.allocation);
    internal::store_order(op, o, stored);

    Confirmation conf;
    conf.order = o;
    if (auto cu = customer_of(op, o)) conf.customer_name = cu->name;
    JsonArray lines;
    for (const auto& l : o.lines) {
      conf.lines.push_back({l.line_no, l.sku, l.description, l.quantity, l.reserved(), l.unreserved(), l.unit_price,
                            l.amounts.total});
      lines.add({{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", str(l.quantity)},
                       {"reserved", str(l.reserved())}, {"backordered", str(l.unreserved())},
                       {"unit_price", str(l.unit_price.amount())}, {"total", str(l.amounts.total.amount())}});
    }
    JsonObject data{{"customer_name", conf.customer_name},
              {"approved_by", o.approved_by},
              {"requested_delivery", o.requested_delivery ? to_string(*o.requested_delivery) : ""},
              {"net", str(o.totals.net.amount())},
              {"tax", str(o.totals.tax.amount())},
              {"lines", lines}};
    emit_transition(op, o, OrderAction::kApprove, "", data);
    return conf;
  });
}

Result<Order> Engine::reject(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return transition(op, number, OrderAction::kReject, required_reason(reason)); });
}

Result<Order> Engine::hold(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return transition(op, number, OrderAction::kHold, required_reason(reason), [&](Order& o) {
      o.hold_kind = HoldKind::kException;
      o.hold_reason = std::string(reason);
      return JsonObject();
    });
  });
}

Result<Order> Engine::resume(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return transition(op, number, OrderAction::kResume, ""); });
}

Result<Order> Engine::cancel(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return transition(op, number, OrderAction::kCancel, required_reason(reason), [&](Order& o) {
      if (!o.invoiced.is_zero()) {
        fail(Status::FailedPrecondition("order '" + o.number + "' has " + o.invoiced.to_string() +
                                            " invoiced: cancel its invoices first",
                                        "state"));
      }
      for (auto& l : o.lines) {
        if (l.in_shipment.is_positive()) {
          fail(Status::FailedPrecondition("order '" + o.number + "' line " + std::to_string(l.line_no) + " has " +
                                              str(l.in_shipment) + " on an open shipment: cancel the shipment first",
                                          "state"));
        }
        if (l.shipped.is_positive()) {
          fail(Status::FailedPrecondition("order '" + o.number + "' has shipped " + str(l.shipped) + " on line " +
                                              std::to_string(l.line_no) + ": it cannot be cancelled (short-close it)",
                                          "state"));
        }
        internal::release_line(op, o, l, true);
      }
      return JsonObject();
    });
  });
}

Result<Order> Engine::short_close(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return transition(op, number, OrderAction::kShortClose, required_reason(reason), [&](Order& o) {
      JsonArray closed;
      for (auto& l : o.lines) {
        if (l.in_shipment.is_positive()) {
          fail(Status::FailedPrecondition("order '" + o.number + "' line " + std::to_string(l.line_no) + " has " +
                                              str(l.in_shipment) + " on an open shipment: ship or cancel it first",
                                          "state"));
        }
        const Decimal remainder = l.open_quantity();
        internal::release_line(op, o, l, true);
        l.closed += remainder;
        if (remainder.is_positive()) closed.add({{"line_no", l.line_no}, {"sku", l.sku}, {"closed", str(remainder)}});
      }
      return JsonObject{{"closed", closed}};
    });
  });
}

Result<Order> Engine::complete(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return transition(op, number, OrderAction::kComplete, ""); });
}

Result<Order> Engine::amend(std::string_view number, const Amendment& a, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(a);
    Order o = internal::must_order(op, number);
    const Order before = o;
    const Money stored = internal::credit_contribution(before);
    internal::require_transition(o, OrderAction::kAmend);
    if (a.changes.empty() && a.add.empty() && !a.requested_delivery) {
      fail(Status::InvalidArgument("amendment", "{}", "changes nothing"));
    }
    JsonArray changes;
    for (std::size_t i = 0; i < a.changes.size(); ++i) {
      const LineChange& ch = a.changes[i];
      const std::string f = internal::field_at("changes", i, "");
      OrderLine* l = o.line(ch.line_no);
      if (!l) fail(Status::NotFound(f + ".line_no", std::to_string(ch.line_no)));
      if (l->gift_for_line != 0) {
        fail(Status::FailedPrecondition("line " + std::to_string(l->line_no) + " is a promotion gift line; it follows its promotion",
                                        f + ".line_no"));
      }
      JsonObject cj{{"line_no", l->line_no}, {"sku", l->sku}};
      if (ch.remove) {
        if (l->shipped.is_positive() || l->in_shipment.is_positive() || l->invoiced.is_positive()) {
          fail(Status::FailedPrecondition("line " + std::to_string(l->line_no) + " has " + str(l->shipped) + " shipped, " +
                                              str(l->in_shipment) + " on open shipments and " + str(l->invoiced) +
                                              " invoiced: it cannot be removed",
                                          f + ".remove"));
        }
        cj.add("removed", true);
        const int line_no = l->line_no;
        std::erase_if(o.lines, [&](const OrderLine& x) { return x.line_no == line_no; });
        changes.add(cj);
        continue;
      }
      if (ch.quantity) {
        internal::require_quantity(op, f + ".quantity", *ch.quantity, product_of(op, l->product),
                                   internal::QuantitySign::kNonNegative);
        const Decimal floor = max(l->shipped + l->closed + l->in_shipment, l->invoiced + l->closed + l->returned);
        if (*ch.quantity < floor) {
          fail(Status::FailedPrecondition("quantity '" + str(*ch.quantity) + "' of line " + std::to_string(l->line_no) +
                                              " is below the " + str(floor) +
                                              " already shipped, on open shipments, invoiced or closed",
                                          f + ".quantity"));
        }
        cj.add("quantity", JsonArray().add(l->quantity).add(*ch.quantity));
        l->quantity = *ch.quantity;
      }
      if ((ch.unit_price || ch.discount) && l->invoiced.is_positive()) {
        fail(Status::FailedPrecondition("line " + std::to_string(l->line_no) + " has " + str(l->invoiced) +
                                            " invoiced: its price cannot change (credit the invoice first)",
                                        f + (ch.unit_price ? ".unit_price" : ".discount")));
      }
      if (ch.unit_price) {
        internal::require_non_negative(f + ".unit_price", *ch.unit_price);
        if (l->gift) fail(Status::InvalidArgument(f + ".unit_price", ch.unit_price->to_string(), "cannot be set on a gift line"));
        cj.add("unit_price", JsonArray().add(l->unit_price.amount()).add(*ch.unit_price));
        l->unit_price = Money(*ch.unit_price, o.currency);
        l->price_overridden = true;
        l->price_source = {PriceSourceKind::kManual, {}};
      }
      if (ch.discount) {
        check_discount(f + ".discount", *ch.discount);
        cj.add("discount", ch.discount->value);
        l->discount = *ch.discount;
      }
      changes.add(cj);
    }
    for (std::size_t i = 0; i < a.add.size(); ++i) {
      o.lines.push_back(make_line(op, o, a.add[i], internal::field_at("add", i, "")));
      changes.add({{"line_no", o.lines.back().line_no}, {"sku", o.lines.back().sku}, {"added", str(o.lines.back().quantity)}});
    }
    if (a.requested_delivery) {
      if (std::chrono::sys_days(*a.requested_delivery) < std::chrono::sys_days(o.order_date)) {
        fail(Status::InvalidArgument("requested_delivery", to_string(*a.requested_delivery),
                                     "is before the order date " + to_string(o.order_date)));
      }
      o.requested_delivery = a.requested_delivery;
    }
    internal::reprice(op, o);

    o.revision += 1;
    o.revisions.push_back({o.revision, op.actor, op.now, a.reason, before.requested_delivery, before.lines, before.totals});

    const OrderState effective = o.state == OrderState::kOnHold ? o.held_from : o.state;
    Review review;
    if (o.state != OrderState::kDraft) {
      review = internal::review_order(op, o, stored);
      fail_if_blocked(o, review, "amended so");
    }
    if (effective == OrderState::kConfirmed || effective == OrderState::kPartiallyShipped) {
      internal::sync_reservations(op, before, o);
    }
    JsonObject data = internal::order_summary(o);
    data.add({{"changes", changes}, {"reason", a.reason}, {"previous_total", before.totals.total.amount()}});
    op.emit("order", o.id.value, "order.amended", data);
    if (review.credit_hold && o.state != OrderState::kOnHold) credit_hold(op, o, review);
    internal::store_order(op, o, stored);
    return o;
  });
}

}  // namespace oms
