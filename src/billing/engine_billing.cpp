// Settlement: invoices (whole orders, per shipment, instalments), payments and their
// application, credit notes (cancellation, returns) and refunds. Statements, ageing and the
// document flow read what these write (engine_statements.cpp).
//
// The invoice limit of an order is the value of what its policy allows (ordered or shipped
// quantities, less closed and returned) line by line; order.invoiced (billed less credited) never
// exceeds it. Parts of a line are valued cumulatively (cumulative_line_value), so the parts add
// up to the line exactly. Payments spread over the orders of an invoice in the invoice's order.
#include <algorithm>
#include <map>
#include <set>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonObject;
using internal::Op;
using internal::order_ref;
using internal::str;

namespace internal {

Money invoice_limit(const Order& o, RoundingMode mode) {
  Money limit = Money::zero(o.currency);
  for (const auto& l : o.lines) limit += cumulative_line_value(l, max(invoiceable_quantity(l, o.invoice_policy), Decimal()), mode).total;
  return limit;
}

std::vector<Invoice> open_invoices(Ctx& c, CustomerId customer, const Currency& currency) {
  InvoiceSelection q;
  q.customer = customer;
  q.open_only = true;
  std::vector<Invoice> out;
  for (auto& v : c.tx.list_invoices(q)) {
    if (v.currency == currency && v.receivable() && v.open().is_positive()) out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const Invoice& a, const Invoice& b) {
    if (a.due_date != b.due_date) return a.due_date < b.due_date;
    return a.id < b.id;
  });
  return out;
}

Invoice must_invoice(Ctx& c, std::string_view number, std::string_view field) {
  auto v = c.tx.get(by::kInvoiceNumber, number);
  if (!v) fail(Status::NotFound(field, number));
  return *std::move(v);
}

}  // namespace internal

namespace {

DocumentRef invoice_ref(const std::string& n) { return {DocumentKind::kInvoice, n}; }
DocumentRef payment_ref(const std::string& n) { return {DocumentKind::kPayment, n}; }
DocumentRef credit_ref(const std::string& n) { return {DocumentKind::kCreditNote, n}; }

JsonObject merged(JsonObject base, const JsonObject& extra) {
  base.add(extra);
  return base;
}

using internal::invoice_limit;

// The tax share of an instalment or credit: round(amount x order tax / order total).
Money tax_share(const Order& o, const Money& amount, RoundingMode mode) {
  if (o.totals.total.is_zero()) return Money::zero(o.currency);
  return Money(Decimal::divide(amount.amount() * o.totals.tax.amount(), o.totals.total.amount(), o.currency.minor_units(), mode),
               o.currency);
}

JsonObject invoice_summary(const Invoice& v) {
  return {{"number", v.number}, {"state", to_string(v.state)}, {"customer", v.customer_code},
          {"total", v.total}, {"open", v.open()},
          {"due_date", to_string(v.due_date)}};
}

void set_invoice_state(Op& op, Invoice& v, InvoiceState to, std::string reason = {}) {
  if (v.state == to) return;
  v.history.push_back({v.state, to, op.actor, op.now, std::move(reason)});
  v.state = to;
}

// After a payment or credit changed what is open.
void settle_state(Op& op, Invoice& v) {
  if (!v.receivable()) return;
  if (v.open().is_zero()) {
    set_invoice_state(op, v, InvoiceState::kPaid);
  } else if (v.paid.is_zero() && v.credited.is_zero()) {
    set_invoice_state(op, v, InvoiceState::kIssued);
  } else {
    set_invoice_state(op, v, InvoiceState::kPartiallyPaid);
  }
}

// Loads an order, lets `change` modify it and stores it with its credit account in step.
template <class F>
void update_order(Op& op, OrderId id, F&& change) {
  Order o = internal::load_order(op, id);
  const Money stored = internal::credit_contribution(o);
  change(o);
  internal::store_order(op, o, stored);
}

enum class Source { kPayment, kCreditNote };

// Applies `amount` to an invoice: spread over its orders in order (only `only_order` if given).
// Payments raise the orders' paid amounts; credit notes have already lowered what was invoiced.
Application apply_to(Op& op, Invoice& v, const Money& amount, Source source, const DocumentRef& from,
                     std::optional<OrderId> only_order = std::nullopt) {
  Money left = amount;
  for (auto& share : v.orders) {
    if (!left.is_positive()) break;
    if (only_order && share.order != *only_order) continue;
    const Money take = left < share.open() ? left : share.open();
    if (!take.is_positive()) continue;
    if (source == Source::kPayment) {
      share.paid += take;
      update_order(op, share.order, [&](Order& o) { o.paid += take; });
    } else {
      share.credited += take;
    }
    left -= take;
  }
  const Money applied = amount - left;
  if (source == Source::kPayment) {
    v.paid += applied;
  } else {
    v.credited += applied;
  }
  settle_state(op, v);
  op.tx.put(v);
  internal::link(op, invoice_ref(v.number), from, source == Source::kPayment ? "pays" : "credits", 0, 0, {}, {}, applied);
  op.emit("invoice", v.id.value, "invoice.settled",
          merged(invoice_summary(v), {{"by", from.number}, {"applied", applied}}));
  return Application{v.id, v.number, applied, op.now};
}

// Applies up to `available` of a source to invoices: the given applications exactly, or the
// oldest open invoices first. Returns the applications made.
std::vector<Application> apply_source(Op& op, CustomerId customer, const Currency& currency, Money available,
                                      const std::vector<ApplicationSpec>& explicit_apps, bool automatic, Source source,
                                      const DocumentRef& from) {
  std::vector<Application> apps;
  if (!explicit_apps.empty()) {
    for (std::size_t i = 0; i < explicit_apps.size(); ++i) {
      const auto& a = explicit_apps[i];
      const std::string field = internal::field_at("applications", i, "amount");
      internal::require_positive(field, a.amount);
      Invoice v = internal::must_invoice(op, a.invoice, internal::field_at("applications", i, "invoice"));
      if (v.customer != customer) fail(Status::InvalidArgument(internal::field_at("applications", i, "invoice"), a.invoice, "belongs to another customer ('" + v.customer_code + "')"));
      if (v.currency != currency) fail(Status::CurrencyMismatch(field, currency.code(), v.currency.code()));
      if (!v.receivable()) fail(Status::FailedPrecondition("invoice '" + v.number + "' is " + std::string(to_string(v.state)) + " and cannot be paid", internal::field_at("applications", i, "invoice")));
      const Money amount(a.amount, currency);
      if (!amount.is_rounded()) fail(Status::InvalidArgument(field, str(a.amount), "has more decimals than " + std::string(currency.code()) + " allows"));
      if (amount > v.open()) fail(Status::FailedPrecondition("amount " + amount.to_string() + " exceeds the " + v.open().to_string() + " open on invoice '" + v.number + "'", field));
      if (amount > available) fail(Status::FailedPrecondition("applications exceed the " + available.to_string() + " available", field));
      apps.push_back(apply_to(op, v, amount, source, from));
      available -= amount;
    }
    return apps;
  }
  if (!automatic) return apps;
  for (auto& v : internal::open_invoices(op, customer, currency)) {
    if (!available.is_positive()) break;
    const Money take = available < v.open() ? available : v.open();
    apps.push_back(apply_to(op, v, take, source, from));
    available -= take;
  }
  return apps;
}

Customer customer_of_order(Ctx& c, const Order& o) {
  auto cu = o.customer ? c.tx.get(by::kCustomerId, o.customer) : std::nullopt;
  if (!cu) fail(Status::FailedPrecondition("order '" + o.number + "' has no customer to invoice", "orders"));
  return *cu;
}

// A numbered credit note of `kind` dated today, with zero amounts.
CreditNote new_credit_note(Op& op, CreditNoteKind kind, CustomerId customer, const std::string& customer_code,
                           const Currency& currency, std::string_view reason) {
  CreditNote cn;
  cn.id = CreditNoteId{op.tx.next_id(EntityKind::kCreditNote)};
  cn.number = internal::assign_number(op, op.opt.credit_note_numbers, "",
                                      [&](const std::string& n) { return op.tx.get(by::kCreditNoteNumber, n).has_value(); });
  cn.kind = kind;
  cn.customer = customer;
  cn.customer_code = customer_code;
  cn.date = op.today();
  cn.reason = reason;
  cn.total = cn.net = cn.tax = cn.refunded = Money::zero(currency);
  cn.actor = op.actor;
  cn.created_at = op.now;
  return cn;
}

// Undoes what an invoice did to its orders' invoiced quantities (draft discard and cancellation).
void reverse_quantities(Op& op, const Invoice& v) {
  std::map<std::int64_t, std::vector<const InvoiceLine*>> by_order;
  for (const auto& l : v.lines) {
    if (l.order_line_no != 0) by_order[l.order.value].push_back(&l);
  }
  for (const auto& [id, lines_of_order] : by_order) {
    const std::vector<const InvoiceLine*>& lines = lines_of_order;  // a lambda may not capture a binding in clang 14
    update_order(op, OrderId{id}, [&](Order& o) {
      for (const auto* l : lines) {
        if (OrderLine* ol = o.line(l->order_line_no)) ol->invoiced = max(ol->invoiced - l->quantity, Decimal());
      }
    });
  }
  std::map<std::string, std::vector<const InvoiceLine*>> by_shipment;
  for (const auto& l : v.lines) {
    if (!l.shipment_number.empty()) by_shipment[l.shipment_number].push_back(&l);
  }
  for (const auto& [number, lines] : by_shipment) {
    Shipment s = internal::must_shipment(op, number);
    for (const auto* l : lines) {
      if (ShipmentLine* sl = s.line(l->shipment_line_no)) sl->invoiced = max(sl->invoiced - l->quantity, Decimal());
    }
    op.tx.put(s);
  }
}

}  // namespace

// ---- Invoices -----------------------------------------------------------------------------

Result<Invoice> Engine::create_invoice(const InvoiceSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    const RoundingMode mode = op.opt.rounding;
    const bool instalment = spec.amount.has_value() || spec.percent.has_value();
    const int modes = (!spec.orders.empty() && !instalment ? 1 : 0) + (!spec.shipment.empty() ? 1 : 0) + (instalment ? 1 : 0);
    if (modes != 1 || (spec.amount && spec.percent)) {
      fail(Status::InvalidArgument("orders", "", "give exactly one of: orders, a shipment, or an instalment (amount or percent) of one order"));
    }
    if (instalment && spec.orders.size() != 1) {
      fail(Status::InvalidArgument("orders", std::to_string(spec.orders.size()) + " orders", "an instalment bills exactly one order"));
    }

    Invoice v;
    std::map<std::int64_t, Order> orders;  // as changed by this invoice
    std::vector<std::int64_t> order_sequence;
    std::map<std::int64_t, Money> stored;
    auto take_order = [&](Order o) -> Order& {
      if (o.state == OrderState::kDraft || o.state == OrderState::kSubmitted || o.state == OrderState::kCancelled) {
        fail(Status::FailedPrecondition("order '" + o.number + "' is " + std::string(to_string(o.state)) + " and cannot be invoiced", "orders"));
      }
      auto it = orders.find(o.id.value);
      if (it != orders.end()) return it->second;
      stored[o.id.value] = internal::credit_contribution(o);
      order_sequence.push_back(o.id.value);
      return orders.emplace(o.id.value, std::move(o)).first->second;
    };
    auto add_line = [&](const Order& o, const OrderLine* ol, const Decimal& qty, const Money& net, const Money& tax, const std::string& shipment,
                        int shipment_line) {
      InvoiceLine il;
      il.line_no = static_cast<int>(v.lines.size()) + 1;
      il.order = o.id;
      il.order_number = o.number;
      il.order_line_no = ol ? ol->line_no : 0;
      il.sku = ol ? ol->sku : std::string();
      il.description = ol ? ol->description : "instalment on order " + o.number;
      il.quantity = qty;
      il.net = net;
      il.tax = tax;
      il.total = net + tax;
      il.shipment_number = shipment;
      il.shipment_line_no = shipment_line;
      v.lines.push_back(std::move(il));
    };
    // Bills `qty` more of a line, valued cumulatively.
    auto bill_quantity = [&](Order& o, OrderLine& ol, const Decimal& qty, const std::string& field, const std::string& shipment,
                             int shipment_line) {
      const Decimal allowed = invoiceable_quantity(ol, o.invoice_policy) - ol.invoiced;
      if (qty > allowed) {
        fail(Status::FailedPrecondition("order '" + o.number + "' line " + std::to_string(ol.line_no) + " ('" + ol.sku + "'): " +
                                            str(qty) + " to invoice but only " + str(max(allowed, Decimal())) +
                                            " left to invoice on " + std::string(to_string(o.invoice_policy)) + " quantity",
                                        field));
      }
      const LineValue before = cumulative_line_value(ol, ol.invoiced, mode);
      const LineValue after = cumulative_line_value(ol, ol.invoiced + qty, mode);
      ol.invoiced += qty;
      add_line(o, &ol, qty, after.net - before.net, after.tax - before.tax, shipment, shipment_line);
    };

    Shipment shipment;
    if (!spec.shipment.empty()) {
      shipment = internal::must_shipment(op, spec.shipment);
      if (!shipment.goods_issued()) {
        fail(Status::FailedPrecondition("shipment '" + shipment.number + "' is " + std::string(to_string(shipment.state)) +
                                            "; only goods-issued shipments can be invoiced",
                                        "shipment"));
      }
      for (auto& sl : shipment.lines) {
        const Decimal qty = sl.quantity - sl.returned - sl.invoiced;
        if (!qty.is_positive()) continue;
        const auto taken = orders.find(sl.order.value);  // read once for all of its lines
        Order& o = taken != orders.end() ? taken->second : take_order(op.tx.get(by::kOrderId, sl.order).value());
        bill_quantity(o, *o.line(sl.order_line_no), qty, "shipment", shipment.number, sl.line_no);
        sl.invoiced += qty;
      }
      if (v.lines.empty()) fail(Status::FailedPrecondition("shipment '" + shipment.number + "' has nothing left to invoice", "shipment"));
    } else if (instalment) {
      Order& o = take_order(internal::must_order(op, spec.orders.front(), "orders[0]"));
      Money amount;
      if (spec.amount) {
        internal::require_positive("amount", *spec.amount);
        amount = Money(*spec.amount, o.currency);
        if (!amount.is_rounded()) fail(Status::InvalidArgument("amount", str(*spec.amount), "has more decimals than " + std::string(o.currency.code()) + " allows"));
      } else {
        internal::require_positive("percent", *spec.percent);
        if (*spec.percent > Decimal(100)) fail(Status::InvalidArgument("percent", str(*spec.percent), "must be at most 100"));
        amount = Money(Decimal::divide(o.totals.total.amount() * *spec.percent, Decimal(100), o.currency.minor_units(), mode),
                       o.currency);
      }
      const Money tax = tax_share(o, amount, mode);
      add_line(o, nullptr, Decimal(), amount - tax, tax, {}, 0);
    } else {
      for (std::size_t i = 0; i < spec.orders.size(); ++i) {
        const std::string field = "orders[" + std::to_string(i) + "]";
        Order& o = take_order(internal::must_order(op, spec.orders[i], field));
        const std::size_t first_line = v.lines.size();
        for (auto& ol : o.lines) {
          const Decimal qty = invoiceable_quantity(ol, o.invoice_policy) - ol.invoiced;
          if (qty.is_positive()) bill_quantity(o, ol, qty, field, {}, 0);
        }
        // After instalments the quantities are worth more than is left: bill the rest as one.
        Money billed = Money::zero(o.currency);
        for (std::size_t k = first_line; k < v.lines.size(); ++k) billed += v.lines[k].total;
        const Money left = invoice_limit(o, mode) - o.invoiced;
        if (billed > left) {
          for (std::size_t k = first_line; k < v.lines.size(); ++k) {
            OrderLine* ol = o.line(v.lines[k].order_line_no);
            ol->invoiced -= v.lines[k].quantity;
          }
          v.lines.resize(first_line);
          if (left.is_positive()) {
            const Money tax = tax_share(o, left, mode);
            add_line(o, nullptr, Decimal(), left - tax, tax, {}, 0);
          }
        }
        if (v.lines.size() == first_line) {
          fail(Status::FailedPrecondition("order '" + o.number + "' has nothing left to invoice on " +
                                              std::string(to_string(o.invoice_policy)) + " quantity",
                                          field));
        }
      }
    }

    // One customer, one currency, and no order beyond its limit.
    const Order& first = orders.at(order_sequence.front());
    const Customer customer = customer_of_order(op, first);
    v.customer = first.customer;
    v.customer_code = first.customer_code;
    v.currency = first.currency;
    v.net = v.tax = v.total = v.paid = v.credited = Money::zero(v.currency);
    for (const auto id : order_sequence) {
      Order& o = orders.at(id);
      if (o.customer != v.customer) {
        fail(Status::FailedPrecondition("order '" + o.number + "' belongs to customer '" + o.customer_code + "', not '" +
                                            v.customer_code + "': one invoice bills one customer",
                                        "orders"));
      }
      if (o.currency != v.currency) fail(Status::CurrencyMismatch("orders", v.currency.code(), o.currency.code()));
      Money share = Money::zero(v.currency);
      for (const auto& l : v.lines) {
        if (l.order == o.id) share += l.total;
      }
      const Money limit = invoice_limit(o, mode);
      if (o.invoiced + share > limit) {
        fail(Status::FailedPrecondition("order '" + o.number + "' can be invoiced for at most " + (limit - o.invoiced).to_string() +
                                            " more (limit " + limit.to_string() + " on " + std::string(to_string(o.invoice_policy)) +
                                            " quantity, " + o.invoiced.to_string() + " invoiced); " + share.to_string() + " asked",
                                        instalment ? (spec.amount ? "amount" : "percent") : "orders"));
      }
      o.invoiced += share;
      v.orders.push_back({o.id, o.number, share, Money::zero(v.currency), Money::zero(v.currency)});
    }
    for (const auto& l : v.lines) {
      v.net += l.net;
      v.tax += l.tax;
      v.total += l.total;
    }

    v.id = InvoiceId{op.tx.next_id(EntityKind::kInvoice)};
    v.number = internal::assign_number(op, op.opt.invoice_numbers, spec.number,
                                       [&](const std::string& n) { return op.tx.get(by::kInvoiceNumber, n).has_value(); });
    v.date = spec.date.value_or(op.today());
    v.due_date = spec.due_date.value_or(add_days(v.date, customer.payment_terms_days));
    internal::require_valid_dates("due_date", v.date, v.due_date);
    v.note = spec.note;
    v.created_by = op.actor;
    v.created_at = op.now;
    v.history.push_back({InvoiceState::kDraft, InvoiceState::kDraft, op.actor, op.now, "created"});
    if (spec.issue) set_invoice_state(op, v, InvoiceState::kIssued);

    for (const auto id : order_sequence) internal::store_order(op, orders.at(id), stored.at(id));
    if (!spec.shipment.empty()) op.tx.put(shipment);
    op.tx.put(v);
    for (const auto& l : v.lines) {
      internal::link(op, order_ref(l.order_number), invoice_ref(v.number), "bills", l.order_line_no, l.line_no, l.sku, l.quantity, l.total);
      if (!l.shipment_number.empty()) {
        internal::link(op, {DocumentKind::kShipment, l.shipment_number}, invoice_ref(v.number), "bills", l.shipment_line_no, l.line_no,
                       l.sku, l.quantity, l.total);
      }
    }
    op.emit("invoice", v.id.value, spec.issue ? "invoice.issued" : "invoice.created", invoice_summary(v));
    return v;
  });
}

Result<Invoice> Engine::issue_invoice(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    Invoice v = internal::must_invoice(op, number);
    if (v.state != InvoiceState::kDraft) {
      fail(Status::FailedPrecondition("invoice '" + v.number + "' is " + std::string(to_string(v.state)) + ", not a draft", "invoice"));
    }
    set_invoice_state(op, v, InvoiceState::kIssued);
    op.tx.put(v);
    op.emit("invoice", v.id.value, "invoice.issued", invoice_summary(v));
    return v;
  });
}

Result<CreditNote> Engine::cancel_invoice(std::string_view number, std::string_view reason, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_nonempty("reason", reason);
    internal::require_text("reason", reason);
    Invoice v = internal::must_invoice(op, number);
    if (v.state == InvoiceState::kCancelled) fail(Status::FailedPrecondition("invoice '" + v.number + "' is already cancelled", "invoice"));
    if (v.state == InvoiceState::kDraft) {
      fail(Status::FailedPrecondition("invoice '" + v.number + "' is a draft, never owed: discard it instead", "invoice"));
    }
    // Payments applied to it become the customer's credit again.
    std::set<std::string> seen;
    for (const auto& l : op.tx.list(by::kLinksFrom, invoice_ref(v.number))) {
      if (l.to.kind != DocumentKind::kPayment || !seen.insert(l.to.number).second) continue;
      Payment p = *op.tx.get(by::kPaymentNumber, l.to.number);
      Money back = Money::zero(v.currency);
      for (const auto& a : p.applications) {
        if (a.invoice == v.id) back += a.amount;
      }
      std::erase_if(p.applications, [&](const Application& a) { return a.invoice == v.id; });
      op.tx.put(p);
      if (back.is_positive()) internal::link(op, invoice_ref(v.number), payment_ref(p.number), "unapplies", 0, 0, {}, {}, -back);
    }
    CreditNote cn = new_credit_note(op, CreditNoteKind::kCancellation, v.customer, v.customer_code, v.currency, reason);
    cn.invoice_number = v.number;
    for (auto& share : v.orders) {
      const Money credit = share.total - share.credited;
      update_order(op, share.order, [&](Order& o) {
        o.paid -= share.paid;
        o.invoiced -= credit;
        cn.tax += tax_share(o, credit, op.opt.rounding);
      });
      share.paid = Money::zero(v.currency);
      share.credited = share.total;
      cn.total += credit;
      if (credit.is_positive()) cn.orders.push_back({share.order, share.order_number, credit});
    }
    cn.net = cn.total - cn.tax;
    reverse_quantities(op, v);
    v.paid = Money::zero(v.currency);
    v.credited = v.total;
    v.credit_note_number = cn.number;
    set_invoice_state(op, v, InvoiceState::kCancelled, std::string(reason));
    op.tx.put(v);
    if (cn.total.is_positive()) cn.applications.push_back({v.id, v.number, cn.total, op.now});
    op.tx.put(cn);
    internal::link(op, invoice_ref(v.number), credit_ref(cn.number), "cancels", 0, 0, {}, {}, cn.total);
    op.emit("invoice", v.id.value, "invoice.cancelled", merged(invoice_summary(v), {{"credit_note", cn.number}, {"reason", reason}}));
    return cn;
  });
}

Result<Invoice> Engine::discard_invoice(std::string_view number, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    Invoice v = internal::must_invoice(op, number);
    if (v.state != InvoiceState::kDraft) {
      fail(Status::FailedPrecondition("invoice '" + v.number + "' is " + std::string(to_string(v.state)) +
                                          "; only drafts are discarded (cancel issued invoices by a credit note)",
                                      "invoice"));
    }
    for (const auto& share : v.orders) update_order(op, share.order, [&](Order& o) { o.invoiced -= share.total; });
    reverse_quantities(op, v);
    set_invoice_state(op, v, InvoiceState::kCancelled, "draft discarded");
    op.tx.put(v);
    op.emit("invoice", v.id.value, "invoice.discarded", invoice_summary(v));
    return v;
  });
}

Result<Invoice> Engine::invoice(std::string_view number) const {
  return impl_->read([&](Ctx& c) { return internal::must_invoice(c, number); });
}

Result<std::vector<Invoice>> Engine::customer_invoices(std::string_view customer_code, bool open_only) const {
  return impl_->read([&](Ctx& c) {
    InvoiceSelection q;
    q.customer = internal::must_customer(c, customer_code).id;
    q.open_only = open_only;
    return c.tx.list_invoices(q);
  });
}

// ---- Payments, credit notes, refunds ------------------------------------------------------

Result<Payment> Engine::record_payment(const PaymentSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    const Customer customer = internal::must_customer(op, spec.customer_code);
    const Currency currency = Currency::of(spec.currency).value();
    internal::require_positive("amount", spec.amount);
    Payment p;
    p.amount = Money(spec.amount, currency);
    if (!p.amount.is_rounded()) fail(Status::InvalidArgument("amount", str(spec.amount), "has more decimals than " + std::string(currency.code()) + " allows"));
    p.id = PaymentId{op.tx.next_id(EntityKind::kPayment)};
    p.number = internal::assign_number(op, op.opt.payment_numbers, spec.number,
                                       [&](const std::string& n) { return op.tx.get(by::kPaymentNumber, n).has_value(); });
    p.customer = customer.id;
    p.customer_code = customer.code;
    p.date = spec.date.value_or(op.today());
    p.method = spec.method;
    p.reference = spec.reference;
    p.refunded = Money::zero(currency);
    p.actor = op.actor;
    p.created_at = op.now;
    p.applications = apply_source(op, customer.id, currency, p.amount, spec.applications, spec.auto_apply, Source::kPayment,
                                  payment_ref(p.number));
    op.tx.put(p);
    op.emit("payment", p.id.value, "payment.received",
            {{"number", p.number}, {"customer", p.customer_code}, {"amount", p.amount},
             {"applied", p.applied()}, {"method", p.method}, {"reference", p.reference}});
    return p;
  });
}

Result<std::vector<Application>> Engine::apply_credit(const CreditApplicationSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    if (auto p = op.tx.get(by::kPaymentNumber, spec.source)) {
      auto apps = apply_source(op, p->customer, p->amount.currency(), p->unapplied(), spec.applications, true, Source::kPayment,
                               payment_ref(p->number));
      p->applications.insert(p->applications.end(), apps.begin(), apps.end());
      op.tx.put(*p);
      return apps;
    }
    if (auto cn = op.tx.get(by::kCreditNoteNumber, spec.source)) {
      auto apps = apply_source(op, cn->customer, cn->total.currency(), cn->unapplied(), spec.applications, true, Source::kCreditNote,
                               credit_ref(cn->number));
      cn->applications.insert(cn->applications.end(), apps.begin(), apps.end());
      op.tx.put(*cn);
      return apps;
    }
    fail(Status::NotFound("source", spec.source));
  });
}

Refund internal::refund_credit(Op& op, const RefundSpec& spec) {
  require_text(spec);
  internal::require_positive("amount", spec.amount);
  auto payment = op.tx.get(by::kPaymentNumber, spec.source);
  auto note = payment ? std::nullopt : op.tx.get(by::kCreditNoteNumber, spec.source);
  if (!payment && !note) fail(Status::NotFound("source", spec.source));
  const Money unapplied = payment ? payment->unapplied() : note->unapplied();
  const Money amount(spec.amount, unapplied.currency());
  if (!amount.is_rounded()) fail(Status::InvalidArgument("amount", str(spec.amount), "has more decimals than " + std::string(amount.currency().code()) + " allows"));
  if (amount > unapplied) {
    fail(Status::FailedPrecondition("refund of " + amount.to_string() + " exceeds the " + unapplied.to_string() + " unapplied on '" +
                                        spec.source + "'",
                                    "amount"));
  }
  Refund r;
  r.id = RefundId{op.tx.next_id(EntityKind::kRefund)};
  r.number = internal::assign_number(op, op.opt.refund_numbers, spec.number,
                                     [&](const std::string& n) { return op.tx.get(by::kRefundNumber, n).has_value(); });
  r.customer = payment ? payment->customer : note->customer;
  r.customer_code = payment ? payment->customer_code : note->customer_code;
  r.date = spec.date.value_or(op.today());
  r.method = spec.method;
  r.reference = spec.reference;
  r.amount = amount;
  r.source_number = spec.source;
  r.reason = spec.reason;
  r.actor = op.actor;
  r.created_at = op.now;
  if (payment) {
    payment->refunded += amount;
    op.tx.put(*payment);
  } else {
    note->refunded += amount;
    op.tx.put(*note);
  }
  op.tx.put(r);
  internal::link(op, payment ? payment_ref(spec.source) : credit_ref(spec.source), {DocumentKind::kRefund, r.number}, "refunds", 0, 0,
                 {}, {}, amount);
  op.emit("refund", r.id.value, "refund.paid",
          {{"number", r.number}, {"customer", r.customer_code}, {"amount", amount}, {"source", spec.source}});
  return r;
}

Result<Refund> Engine::refund(const RefundSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return internal::refund_credit(op, spec); });
}

CreditNote internal::credit_for_return(Op& op, const Customer& customer, const std::string& return_number,
                                       const std::vector<CreditedOrder>& orders, const std::string& reason,
                                       std::vector<std::pair<std::string, Money>>& freed) {
  const Currency currency = orders.front().amount.currency();
  CreditNote cn = new_credit_note(op, CreditNoteKind::kReturn, customer.id, customer.code, currency, reason);
  cn.return_number = return_number;
  cn.orders = orders;
  for (const auto& c : orders) {  // the caller has taken the amounts off the orders' invoiced
    cn.tax += tax_share(*op.tx.get(by::kOrderId, c.order), c.amount, op.opt.rounding);
    cn.total += c.amount;
  }
  cn.net = cn.total - cn.tax;
  internal::link(op, {DocumentKind::kReturn, return_number}, credit_ref(cn.number), "credits", 0, 0, {}, {}, cn.total);
  // Applied to the open invoices of the same orders, oldest due first.
  for (const auto& c : orders) {
    Money left = c.amount;
    for (auto& v : internal::open_invoices(op, customer.id, currency)) {
      if (!left.is_positive()) break;
      auto share = std::find_if(v.orders.begin(), v.orders.end(), [&](const InvoiceOrder& s) { return s.order == c.order; });
      if (share == v.orders.end() || !share->open().is_positive()) continue;
      const Money take = left < share->open() ? left : share->open();
      cn.applications.push_back(apply_to(op, v, take, Source::kCreditNote, credit_ref(cn.number), c.order));
      left -= take;
    }
    // Paid invoices: the credit note displaces payments, newest payment first.
    InvoiceSelection all;
    all.customer = customer.id;
    for (auto& v : op.tx.list_invoices(all)) {
      if (!left.is_positive()) break;
      if (!v.receivable() || v.currency != currency) continue;
      auto share = std::find_if(v.orders.begin(), v.orders.end(), [&](const InvoiceOrder& s) { return s.order == c.order; });
      if (share == v.orders.end() || !share->paid.is_positive()) continue;
      Money take = left < share->paid ? left : share->paid;
      share->paid -= take;
      share->credited += take;
      v.paid -= take;
      v.credited += take;
      op.tx.put(v);
      update_order(op, c.order, [&](Order& o) { o.paid -= take; });
      cn.applications.push_back(Application{v.id, v.number, take, op.now});
      internal::link(op, invoice_ref(v.number), credit_ref(cn.number), "credits", 0, 0, {}, {}, take);
      left -= take;
      std::vector<std::string> payers;
      for (const auto& l : op.tx.list(by::kLinksFrom, invoice_ref(v.number))) {
        if (l.to.kind == DocumentKind::kPayment && l.relation == "pays") payers.insert(payers.begin(), l.to.number);
      }
      for (const auto& number : payers) {
        if (!take.is_positive()) break;
        Payment p = *op.tx.get(by::kPaymentNumber, number);
        for (auto& a : p.applications) {
          if (a.invoice != v.id || !take.is_positive()) continue;
          const Money back = take < a.amount ? take : a.amount;
          a.amount -= back;
          take -= back;
          freed.emplace_back(p.number, back);
          internal::link(op, invoice_ref(v.number), payment_ref(p.number), "unapplies", 0, 0, {}, {}, -back);
        }
        std::erase_if(p.applications, [](const Application& a) { return a.amount.is_zero(); });
        op.tx.put(p);
      }
    }
  }
  op.tx.put(cn);
  op.emit("credit_note", cn.id.value, "credit_note.issued",
          {{"number", cn.number}, {"customer", cn.customer_code}, {"total", cn.total},
           {"return", return_number}, {"unapplied", cn.unapplied()}});
  return cn;
}

Result<Payment> Engine::payment(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    auto p = c.tx.get(by::kPaymentNumber, number);
    if (!p) fail(Status::NotFound("payment", number));
    return *std::move(p);
  });
}

Result<CreditNote> Engine::credit_note(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    auto v = c.tx.get(by::kCreditNoteNumber, number);
    if (!v) fail(Status::NotFound("credit_note", number));
    return *std::move(v);
  });
}

Result<Refund> Engine::refund_document(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    auto v = c.tx.get(by::kRefundNumber, number);
    if (!v) fail(Status::NotFound("refund", number));
    return *std::move(v);
  });
}

}  // namespace oms
