// What a customer owes and has paid, and how documents hang together: a customer's unapplied
// credit, the customer statement (every invoice, payment, credit note and refund in a period,
// with running balance), receivables ageing, and the document flow (every document linked to
// one, upstream and downstream). Read-only views over what engine_billing.cpp and fulfilment
// write.
#include <deque>
#include <map>
#include <set>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;

namespace {
Money unapplied_credit(Ctx& c, CustomerId customer, const Currency& currency) {
  Money sum(Decimal::from_mantissa(0, currency.minor_units()), currency);
  for (const auto& p : c.tx.list(by::kPaymentsOfCustomer, customer)) {
    if (p.amount.currency() == currency) sum += p.unapplied();
  }
  for (const auto& n : c.tx.list(by::kCreditNotesOfCustomer, customer)) {
    if (n.total.currency() == currency) sum += n.unapplied();
  }
  return sum;
}
}  // namespace

Result<Money> Engine::customer_credit(std::string_view customer_code, std::string_view currency) const {
  return impl_->read([&](Ctx& c) {
    const Customer cu = internal::must_customer(c, customer_code);
    return unapplied_credit(c, cu.id, Currency::of(currency).value());
  });
}

// ---- Statements and ageing ----------------------------------------------------------------

Result<Statement> Engine::statement(std::string_view customer_code, std::string_view currency_code, Date from, Date to) const {
  return impl_->read([&](Ctx& c) {
    const Customer cu = internal::must_customer(c, customer_code);
    const Currency cur = Currency::of(currency_code).value();
    internal::require_valid_dates("to", from, to);
    const Money zero(Decimal::from_mantissa(0, cur.minor_units()), cur);  // prints as 0.00
    std::vector<StatementItem> all;
    auto add = [&](Date d, StatementItemKind k, std::string number, std::string text, std::optional<Date> due, Money debit,
                   Money credit) { all.push_back({d, k, std::move(number), std::move(text), due, debit, credit, zero}); };
    for (const auto& v : c.tx.list_invoices(InvoiceSelection{cu.id, {}, false, 0})) {
      if (v.currency != cur || v.state == InvoiceState::kDraft) continue;
      std::string text;
      for (const auto& o : v.orders) text += (text.empty() ? "orders " : ", ") + o.order_number;
      add(v.date, StatementItemKind::kInvoice, v.number, text, v.due_date, v.total, zero);
    }
    for (const auto& p : c.tx.list(by::kPaymentsOfCustomer, cu.id)) {
      if (p.amount.currency() == cur) add(p.date, StatementItemKind::kPayment, p.number, p.method + (p.reference.empty() ? "" : " " + p.reference), std::nullopt, zero, p.amount);
    }
    for (const auto& n : c.tx.list(by::kCreditNotesOfCustomer, cu.id)) {
      if (n.total.currency() != cur) continue;
      const std::string text = n.kind == CreditNoteKind::kCancellation ? "cancels " + n.invoice_number : "return " + n.return_number;
      add(n.date, StatementItemKind::kCreditNote, n.number, text, std::nullopt, zero, n.total);
    }
    for (const auto& r : c.tx.list(by::kRefundsOfCustomer, cu.id)) {
      if (r.amount.currency() == cur) add(r.date, StatementItemKind::kRefund, r.number, "refund of " + r.source_number, std::nullopt, r.amount, zero);
    }
    std::stable_sort(all.begin(), all.end(), [](const StatementItem& a, const StatementItem& b) {
      if (a.date != b.date) return a.date < b.date;
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.number < b.number;
    });
    Statement st{cu.code, cu.name, cur, from, to, zero, {}, zero, zero, zero, zero, zero};
    for (auto& item : all) {
      if (item.date < from) {
        st.opening += item.debit - item.credit;
        continue;
      }
      if (item.date > to) continue;
      switch (item.kind) {
        case StatementItemKind::kInvoice: st.invoiced += item.debit; break;
        case StatementItemKind::kPayment: st.paid += item.credit; break;
        case StatementItemKind::kCreditNote: st.credited += item.credit; break;
        case StatementItemKind::kRefund: st.refunded += item.debit; break;
      }
      st.items.push_back(std::move(item));
    }
    Money balance = st.opening;
    for (auto& item : st.items) {
      balance += item.debit - item.credit;
      item.balance = balance;
    }
    st.closing = balance;
    return st;
  });
}

Result<AgeingReport> Engine::receivables_ageing(std::string_view currency_code, std::optional<Date> as_of) const {
  return impl_->read([&](Ctx& c) {
    const Currency cur = Currency::of(currency_code).value();
    const Money zero(Decimal::from_mantissa(0, cur.minor_units()), cur);  // prints as 0.00
    AgeingReport report;
    report.as_of = as_of.value_or(c.today());
    report.currency = cur;
    report.total = {"", "total", zero, zero, zero, zero, zero, zero, zero};
    std::map<std::string, AgeingRow> rows;
    for (const auto& cu : c.tx.list(by::kAllCustomers)) {
      AgeingRow row{cu.code, cu.name, zero, zero, zero, zero, zero, zero, zero};
      for (const auto& v : internal::open_invoices(c, cu.id, cur)) {
        const auto days = (std::chrono::sys_days(report.as_of) - std::chrono::sys_days(v.due_date)).count();
        Money& bucket = days <= 0 ? row.current : days <= 30 ? row.days_1_30 : days <= 60 ? row.days_31_60 : days <= 90 ? row.days_61_90 : row.over_90;
        bucket += v.open();
      }
      row.unapplied_credit = unapplied_credit(c, cu.id, cur);
      row.total = row.current + row.days_1_30 + row.days_31_60 + row.days_61_90 + row.over_90 - row.unapplied_credit;
      if (row.total.is_zero() && row.unapplied_credit.is_zero() && row.current.is_zero()) continue;
      for (auto [sum, part] : {std::pair{&report.total.current, &row.current}, {&report.total.days_1_30, &row.days_1_30},
                               {&report.total.days_31_60, &row.days_31_60}, {&report.total.days_61_90, &row.days_61_90},
                               {&report.total.over_90, &row.over_90}, {&report.total.unapplied_credit, &row.unapplied_credit},
                               {&report.total.total, &row.total}}) {
        *sum += *part;
      }
      rows.emplace(cu.code, std::move(row));
    }
    for (auto& [code, row] : rows) report.rows.push_back(std::move(row));
    return report;
  });
}

// ---- Document flow ------------------------------------------------------------------------

Result<DocumentFlow> Engine::document_flow(const DocumentRef& document) const {
  return impl_->read([&](Ctx& c) {
    bool exists = false;
    switch (document.kind) {
      case DocumentKind::kOrder: exists = c.tx.get(by::kOrderNumber, document.number).has_value(); break;
      case DocumentKind::kShipment: exists = c.tx.get(by::kShipmentNumber, document.number).has_value(); break;
      case DocumentKind::kInvoice: exists = c.tx.get(by::kInvoiceNumber, document.number).has_value(); break;
      case DocumentKind::kPayment: exists = c.tx.get(by::kPaymentNumber, document.number).has_value(); break;
      case DocumentKind::kCreditNote: exists = c.tx.get(by::kCreditNoteNumber, document.number).has_value(); break;
      case DocumentKind::kRefund: exists = c.tx.get(by::kRefundNumber, document.number).has_value(); break;
      case DocumentKind::kReturn: exists = c.tx.get(by::kReturnNumber, document.number).has_value(); break;
    }
    if (!exists) fail(Status::NotFound(std::string(to_string(document.kind)), document.number));
    DocumentFlow flow;
    flow.document = document;
    auto walk = [&](bool down, std::vector<DocumentLink>& out) {
      std::set<std::pair<DocumentKind, std::string>> seen{{document.kind, document.number}};
      std::deque<DocumentRef> queue{document};
      while (!queue.empty()) {
        const DocumentRef d = queue.front();
        queue.pop_front();
        for (auto& l : down ? c.tx.list(by::kLinksFrom, d) : c.tx.list(by::kLinksTo, d)) {
          const DocumentRef next = down ? l.to : l.from;
          out.push_back(std::move(l));
          if (seen.insert({next.kind, next.number}).second) queue.push_back(next);
        }
      }
    };
    walk(true, flow.downstream);
    walk(false, flow.upstream);
    return flow;
  });
}

}  // namespace oms
