// The SQLite adapter's fulfilment and settlement documents (key columns and a JSON body), their
// links, and the event journal.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Shipment> SqliteTransaction::get_shipment(ShipmentId id) { return doc_by_id<Shipment>(EntityKind::kShipment, id.value); }

std::optional<Shipment> SqliteTransaction::find_shipment(std::string_view number) {
  return doc_by_number<Shipment>(EntityKind::kShipment, number);
}

  // Schema 6's migration fills unissued_shipment_products from the shipments' rows by these
  // numbers (a migration is never edited).
static_assert(static_cast<int>(EntityKind::kShipment) == 10 && static_cast<int>(ShipmentState::kDraft) == 0 &&
              static_cast<int>(ShipmentState::kPicked) == 1 && static_cast<int>(ShipmentState::kPacked) == 2);

void SqliteTransaction::put(const Shipment& v) {
  // Whether the file lists the shipment among the unissued ones of its products: as the
  // version this connection remembers says; without one, unknown, and the writes below are
  // then ones that change nothing if the file already says so.
  const Shipment* stored = remembered<Shipment>().find(v.id.value);
  const std::optional<bool> listed = stored ? std::optional(stored->before_goods_issue()) : std::nullopt;
  put_doc(EntityKind::kShipment, v);
  const bool unissued = v.before_goods_issue();
  if (listed == unissued) return;
  for (const ProductId p : v.products()) {
    if (unissued) {
      exec("INSERT OR IGNORE INTO unissued_shipment_products(product_id, shipment_id) VALUES(?, ?)", p, v.id);
    } else {
      exec("DELETE FROM unissued_shipment_products WHERE product_id = ? AND shipment_id = ?", p, v.id);
    }
  }
}

std::vector<Shipment> SqliteTransaction::list_shipments(const ShipmentSelection& q) {
  return docs_where<Shipment>(EntityKind::kShipment, q.open_exceptions_only, q.customer, q.states, q.limit);
}

std::vector<Shipment> SqliteTransaction::list_unissued_shipments_of(ProductId product) {
  return all<Shipment>(
      "SELECT d.id, d.body FROM unissued_shipment_products u JOIN documents d ON d.kind = ?1 AND d.id = u.shipment_id "
      "WHERE u.product_id = ?2 ORDER BY u.shipment_id",
      [this](Row& r) { return document<Shipment>(r); }, EntityKind::kShipment, product);
}

std::optional<Invoice> SqliteTransaction::get_invoice(InvoiceId id) { return doc_by_id<Invoice>(EntityKind::kInvoice, id.value); }

std::optional<Invoice> SqliteTransaction::find_invoice(std::string_view number) {
  return doc_by_number<Invoice>(EntityKind::kInvoice, number);
}

void SqliteTransaction::put(const Invoice& v) {
  put_doc(EntityKind::kInvoice, v);
}

std::vector<Invoice> SqliteTransaction::list_invoices(const InvoiceSelection& q) {
  return docs_where<Invoice>(EntityKind::kInvoice, q.open_only, q.customer, q.states, q.limit);
}

std::optional<Payment> SqliteTransaction::find_payment(std::string_view number) {
  return doc_by_number<Payment>(EntityKind::kPayment, number);
}

void SqliteTransaction::put(const Payment& v) {
  put_doc(EntityKind::kPayment, v);
}

std::vector<Payment> SqliteTransaction::list_payments(CustomerId customer) { return docs_of<Payment>(EntityKind::kPayment, customer); }

std::optional<CreditNote> SqliteTransaction::find_credit_note(std::string_view number) {
  return doc_by_number<CreditNote>(EntityKind::kCreditNote, number);
}

void SqliteTransaction::put(const CreditNote& v) {
  put_doc(EntityKind::kCreditNote, v);
}

std::vector<CreditNote> SqliteTransaction::list_credit_notes(CustomerId customer) {
  return docs_of<CreditNote>(EntityKind::kCreditNote, customer);
}

std::optional<Refund> SqliteTransaction::find_refund(std::string_view number) {
  return doc_by_number<Refund>(EntityKind::kRefund, number);
}

void SqliteTransaction::put(const Refund& v) {
  put_doc(EntityKind::kRefund, v);
}

std::vector<Refund> SqliteTransaction::list_refunds(CustomerId customer) { return docs_of<Refund>(EntityKind::kRefund, customer); }

std::optional<CustomerReturn> SqliteTransaction::find_return(std::string_view number) {
  return doc_by_number<CustomerReturn>(EntityKind::kReturn, number);
}

void SqliteTransaction::put(const CustomerReturn& v) {
  put_doc(EntityKind::kReturn, v);
}

void SqliteTransaction::put(const DocumentLink& l) { insert_row(l); }

std::vector<DocumentLink> SqliteTransaction::links_from(DocumentKind kind, std::string_view number) {
  static const std::string kSql = select<DocumentLink>("WHERE from_kind = ? AND from_number = ? ORDER BY id");
  return rows_of<DocumentLink>(kSql, kind, number);
}

std::vector<DocumentLink> SqliteTransaction::links_to(DocumentKind kind, std::string_view number) {
  static const std::string kSql = select<DocumentLink>("WHERE to_kind = ? AND to_number = ? ORDER BY id");
  return rows_of<DocumentLink>(kSql, kind, number);
}

std::int64_t SqliteTransaction::append_event(const Event& e) {
  insert_row(e);
  return c_->db().getLastInsertRowid();
}

std::vector<Event> SqliteTransaction::read_events(std::int64_t after, std::size_t limit) {
  static const std::string kSql = select<Event>("WHERE sequence > ? ORDER BY sequence LIMIT ?");
  return rows_of<Event>(kSql, after, sql_limit(limit));
}

}  // namespace oms::sqlite
