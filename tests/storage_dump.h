// Everything a storage holds as text, one line per value ("Order SO-20261123-00001: lines[0].sku
// = \"TEA\""), every member the schema lists, found through the Transaction interface: what two
// versions of the library, or a storage before and after an operation, must agree on.
//
// The interface has no listing for every kind of entity yet; bins, lots and receipts are found
// by trying ids from 1 until kIdGap ids in a row are missing, returns through the document links,
// serial numbers through the moves and credit accounts through the currencies in use.
#ifndef OMS_TESTS_STORAGE_DUMP_H_
#define OMS_TESTS_STORAGE_DUMP_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "oms/storage.h"
#include "schema_values.h"

namespace oms::testing {

class StorageDump {
 public:
  explicit StorageDump(Transaction& tx) : tx_(tx) {}

  std::string text() {
    for (const auto& u : tx_.list(by::kAllUnits)) add("Unit " + u.code, u);
    for (const auto& t : tx_.list(by::kAllTaxClasses)) add("TaxClass " + t.code, t);
    const auto products = tx_.list(by::kAllProducts);
    for (const auto& p : products) add("Product " + p.sku, p);
    for (const auto& l : tx_.list(by::kAllPriceLists)) add("PriceList " + l.code, l);
    for (const auto& p : tx_.list(by::kAllPromotions)) add("Promotion " + p.code, p);
    for (const auto& w : tx_.list(by::kAllWarehouses)) add("Warehouse " + w.code, w);
    by_id<Location>("Location", [&](std::int64_t id) { return tx_.get(by::kLocationId, LocationId{id}); });
    by_id<Lot>("Lot", [&](std::int64_t id) { return tx_.get(by::kLotId, LotId{id}); });
    by_id<Receipt>("Receipt", [&](std::int64_t id) { return tx_.get(by::kReceiptId, ReceiptId{id}); });
    std::set<std::string> serials;
    for (const auto& p : products) {
      for (const auto& e : tx_.list(by::kPriceEntriesOfProduct, p.id)) {
        add("PriceListEntry " + p.sku + " #" + std::to_string(e.price_list.value), e);
      }
      for (const auto& m : tx_.list(by::kMovesOfProduct, p.id)) {
        add("StockMove #" + std::to_string(m.id.value), m);
        serials.insert(m.serials.begin(), m.serials.end());
      }
      for (const auto& q : tx_.list(by::kQuantsOfProduct, p.id)) {
        add("StockQuant " + p.sku + " @" + std::to_string(q.location.value) + " lot " + std::to_string(q.lot.value), q);
      }
      for (const auto& w : tx_.list(by::kWarehouseStockOfProduct, p.id)) {
        add("WarehouseStock " + p.sku + " @" + std::to_string(w.warehouse.value), w);
      }
      if (auto v = tx_.get(by::kValuationOfProduct, p.id)) add("Valuation " + p.sku, *v);
    }
    for (const auto& code : serials) {
      for (const auto& s : tx_.list(by::kSerialsCoded, code)) add("SerialItem " + code, s);
    }
    std::set<std::string> currencies;
    const auto orders = tx_.list_orders({});
    for (const auto& o : orders) {
      add("Order " + o.number, o);
      currencies.insert(std::string(o.currency.code()));
      document(DocumentKind::kOrder, o.number);
    }
    for (const auto& c : tx_.list(by::kAllCustomers)) {
      add("Customer " + c.code, c);
      for (const auto& code : currencies) {
        if (auto a = tx_.get(by::kCreditAccount, c.id, Currency::of(code).value())) add("CreditAccount " + c.code + " " + code, *a);
      }
      for (const auto& p : tx_.list(by::kPaymentsOfCustomer, c.id)) documented("Payment", DocumentKind::kPayment, p);
      for (const auto& n : tx_.list(by::kCreditNotesOfCustomer, c.id)) documented("CreditNote", DocumentKind::kCreditNote, n);
      for (const auto& r : tx_.list(by::kRefundsOfCustomer, c.id)) documented("Refund", DocumentKind::kRefund, r);
    }
    for (const auto& s : tx_.list_shipments({})) documented("Shipment", DocumentKind::kShipment, s);
    for (const auto& i : tx_.list_invoices({})) documented("Invoice", DocumentKind::kInvoice, i);
    for (std::size_t i = 0; i < returns_.size(); ++i) {  // grows as the returns' own links are read
      if (auto r = tx_.get(by::kReturnNumber, returns_[i])) documented("CustomerReturn", DocumentKind::kReturn, *r);
    }
    for (const auto& e : tx_.read_events(0, 1'000'000)) add("Event #" + std::to_string(e.sequence), e);
    return out_;
  }

 private:
  static constexpr int kIdGap = 50;

  template <class T>
  void add(const std::string& what, const T& value) {
    for (const std::string& line : lines_of(dump(value))) out_ += what + ": " + line + "\n";
  }
  template <class T, class Get>
  void by_id(const std::string& kind, Get get) {
    for (std::int64_t id = 1, missing = 0; missing < kIdGap; ++id) {
      if (auto v = get(id)) {
        add(kind + " #" + std::to_string(id), *v);
        missing = 0;
      } else {
        ++missing;
      }
    }
  }
  template <class D>
  void documented(const std::string& kind, DocumentKind doc_kind, const D& d) {
    add(kind + " " + d.number, d);
    document(doc_kind, d.number);
  }
  // The links from a document (each link is listed once, at its upstream end), and the returns
  // they lead to.
  void document(DocumentKind kind, const std::string& number) {
    const std::string name = std::string(to_string(kind)) + " " + number;
    for (const auto& l : tx_.list(by::kLinksFrom, {kind, number})) {
      add("DocumentLink " + name + " -> " + l.to.number, l);
      if (l.to.kind == DocumentKind::kReturn && seen_returns_.insert(l.to.number).second) returns_.push_back(l.to.number);
    }
  }

  Transaction& tx_;
  std::string out_;
  std::vector<std::string> returns_;
  std::set<std::string> seen_returns_;
};

// Everything `storage` holds, read in one read transaction.
inline std::string dump_storage(Storage& storage) {
  auto tx = storage.begin(TxMode::kRead);
  return StorageDump(*tx).text();
}

}  // namespace oms::testing

#endif  // OMS_TESTS_STORAGE_DUMP_H_
