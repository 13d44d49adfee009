// The schema of settlement: invoices, payments, credit notes, refunds, statements and the document flow
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_BILLING_H_
#define OMS_SCHEMA_BILLING_H_

#include "oms/schema/core.h"
#include "oms/billing.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_BILLING(S, E, N)                                                                              \
  E(InvoiceState)                                                                                                \
  E(CreditNoteKind)                                                                                              \
  E(StatementItemKind)                                                                                           \
  E(DocumentKind)                                                                                                \
  S(InvoiceLine, line_no, order, order_number, order_line_no, sku, description, quantity, net, tax, total,       \
      shipment_number, shipment_line_no)                                                                         \
  S(InvoiceOrder, order, order_number, total, paid, credited)                                                    \
  S(InvoiceStateChange, from, to, actor, at, reason)                                                             \
  S(Invoice, id, number, customer, customer_code, currency, date, due_date, state, lines, orders, net, tax,      \
      total, paid, credited, credit_note_number, note, history, created_by, created_at)                          \
  S(InvoiceSpec, number, orders, shipment, amount, percent, date, due_date, issue, note)                         \
  S(Application, invoice, invoice_number, amount, at)                                                            \
  S(Payment, id, number, customer, customer_code, date, method, reference, amount, applications, refunded,       \
      actor, created_at)                                                                                         \
  S(ApplicationSpec, invoice, amount)                                                                            \
  S(PaymentSpec, number, customer_code, currency, amount, date, method, reference, applications, auto_apply)     \
  S(CreditedOrder, order, order_number, amount)                                                                  \
  S(CreditNote, id, number, kind, customer, customer_code, date, invoice_number, return_number, reason, net,     \
      tax, total, orders, applications, refunded, actor, created_at)                                             \
  S(Refund, id, number, customer, customer_code, date, method, reference, amount, source_number, reason,         \
      actor, created_at)                                                                                         \
  S(RefundSpec, number, source, amount, date, method, reference, reason)                                         \
  S(CreditApplicationSpec, source, applications)                                                                 \
  S(StatementItem, date, kind, number, description, due_date, debit, credit, balance)                            \
  S(Statement, customer_code, customer_name, currency, from, to, opening, items, closing, invoiced, paid,        \
      credited, refunded)                                                                                        \
  S(AgeingRow, customer_code, customer_name, current, days_1_30, days_31_60, days_61_90, over_90,                \
      unapplied_credit, total)                                                                                   \
  S(AgeingReport, as_of, currency, rows, total)                                                                  \
  S(DocumentRef, kind, number)                                                                                   \
  S(DocumentLink, from, to, from_line, to_line, relation, sku, quantity, amount, at)                             \
  S(DocumentFlow, document, upstream, downstream)

namespace oms::fields {

OMS_SCHEMA_BILLING(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

OMS_COMPUTED(InvoiceOrder, open)
OMS_COMPUTED(Invoice, open, receivable)
OMS_COMPUTED(Payment, applied, unapplied)
OMS_COMPUTED(CreditNote, applied, unapplied)
OMS_COMPUTED(DocumentFlow, merged, split)

static_assert(kInvoiceStateCount == enum_count<InvoiceState>());

}  // namespace oms::fields

#endif  // OMS_SCHEMA_BILLING_H_
