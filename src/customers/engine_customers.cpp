// Customer operations: profiles, search, order history and grading.
#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonObject;
using internal::Op;

namespace {

void check_customer(const Customer& c) {
  internal::require_nonempty("code", c.code);
  internal::require_nonempty("name", c.name);
  if (c.credit_limit) {
    if (c.credit_limit->currency() == Currency()) fail(Status::InvalidArgument("credit_limit.currency", "XXX", "is required"));
    internal::require_non_negative("credit_limit", c.credit_limit->amount());
  }
  if (c.payment_terms_days < 0) {
    fail(Status::InvalidArgument("payment_terms_days", std::to_string(c.payment_terms_days), "must not be negative"));
  }
}

JsonObject customer_json(const Customer& c) {
  JsonObject j{{"code", c.code}, {"name", c.name}, {"grade", to_string(c.grade)}, {"active", c.active}};
  if (c.credit_limit) j.add("credit_limit", *c.credit_limit);
  return j;
}

}  // namespace

namespace internal {

Customer create_customer_in(Op& op, const Customer& spec) {
  require_text(spec);
  check_customer(spec);
  if (op.tx.get(by::kCustomerCode, spec.code)) fail(Status::AlreadyExists("code", spec.code));
  Customer c = spec;
  c.id = CustomerId{op.tx.next_id(EntityKind::kCustomer)};
  op.tx.put(c);
  op.emit("customer", c.id.value, "customer.created", customer_json(c));
  return c;
}

}  // namespace internal

Result<Customer> Engine::create_customer(const Customer& customer, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return internal::create_customer_in(op, customer); });
}

Result<std::vector<Customer>> Engine::create_customers(std::span<const Customer> customers, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return internal::for_each_item("customers", customers,
                                   [&](const Customer& c) { return internal::create_customer_in(op, c); });
  });
}

Result<Customer> Engine::update_customer(const Customer& customer, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(customer);
    const Customer old = internal::must_customer(op, customer.code, "code");
    check_customer(customer);
    Customer c = customer;
    c.id = old.id;
    op.tx.put(c);
    op.emit("customer", c.id.value, "customer.updated", customer_json(c));
    return c;
  });
}

Result<Customer> Engine::customer(std::string_view code) const {
  return impl_->read([&](Ctx& c) { return internal::must_customer(c, code, "code"); });
}

Result<std::vector<Customer>> Engine::customers() const {
  return impl_->read([&](Ctx& c) { return c.tx.list(by::kAllCustomers); });
}

Result<std::vector<Customer>> Engine::find_customers(std::string_view text) const {
  return impl_->read([&](Ctx& c) {
    internal::require_nonempty("text", text);
    return c.tx.search_customers(text);
  });
}

Result<std::vector<Order>> Engine::customer_orders(std::string_view code) const {
  return impl_->read([&](Ctx& c) {
    const Customer cu = internal::must_customer(c, code, "code");
    OrderSelection q;
    q.customer = cu.id;
    return c.tx.list_orders(q);
  });
}

Result<std::int64_t> Engine::count_customer_orders(std::string_view code) const {
  return impl_->read([&](Ctx& c) { return c.tx.count_orders(internal::must_customer(c, code, "code").id); });
}

Result<Money> Engine::credit_exposure(std::string_view code, std::string_view currency) const {
  return impl_->read([&](Ctx& c) {
    const Customer cu = internal::must_customer(c, code, "code");
    const Currency cur = Currency::of(currency).value();
    const auto account = c.tx.get(by::kCreditAccount, cu.id, cur);
    return account ? account->exposure : Money::zero(cur);
  });
}

std::map<std::int64_t, GradeChange> internal::assess_grades(Ctx& c) {
  const GradingPolicy& g = c.opt.grading;
  std::map<std::int64_t, CustomerOrderTotals> totals;
  for (const auto& t : c.tx.summarize_customer_orders(add_days(c.today(), -g.window_days), g.currency)) {
    totals[t.customer.value] = t;
  }
  std::map<std::int64_t, GradeChange> out;
  for (const Customer& customer : c.tx.list(by::kAllCustomers)) {
    const auto t = totals.find(customer.id.value);
    const std::int64_t count = t == totals.end() ? 0 : t->second.orders;
    const Money amount(t == totals.end() ? Decimal() : t->second.total, g.currency);
    CustomerGrade grade = CustomerGrade::kPotential;
    if (count >= g.vip_min_orders || amount.amount() >= g.vip_min_amount) {
      grade = CustomerGrade::kVip;
    } else if (count >= g.regular_min_orders || amount.amount() >= g.regular_min_amount) {
      grade = CustomerGrade::kRegular;
    }
    out[customer.id.value] = {customer.id, customer.code, customer.grade, grade, static_cast<int>(count), amount};
  }
  return out;
}

Result<std::vector<GradeChange>> Engine::regrade_customers(std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    std::vector<GradeChange> changes;
    for (const auto& [id, change] : internal::assess_grades(op)) {
      if (change.to == change.from) continue;
      Customer c = *op.tx.get(by::kCustomerId, change.customer);
      changes.push_back(change);
      c.grade = change.to;
      op.tx.put(c);
      op.emit("customer", c.id.value, "customer.regraded",
              {{"code", c.code}, {"from", to_string(change.from)}, {"to", to_string(change.to)},
               {"order_count", change.order_count}, {"amount", change.amount}});
    }
    return changes;
  });
}

}  // namespace oms
