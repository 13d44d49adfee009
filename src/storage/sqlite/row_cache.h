// Internal: the rows a connection remembers between transactions.
#ifndef OMS_SRC_STORAGE_SQLITE_ROW_CACHE_H_
#define OMS_SRC_STORAGE_SQLITE_ROW_CACHE_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oms/storage.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite {

// ---- What a connection remembers between transactions ---------------------------------------

// Entities read or written through one connection, by key (an id, a product for its stock, a
// code), as the file holds them. A write transaction (BEGIN IMMEDIATE) keeps every other writer
// out while it runs, a read transaction sees one snapshot, and only the transaction's own put_*
// writes their rows (keeping the new version), so what is remembered stays true while the
// transaction runs; between transactions KnownRows checks that no other connection has
// committed. Bounded: past the limit it starts afresh.
template <class V, class K = std::int64_t>
class Remembered {
 public:
  const V* find(const K& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  V* find(const K& key) {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  // The remembered value of `key`, or what `load()` reads (kept when found).
  template <class Load>
  std::optional<V> get(const K& key, Load&& load) {
    if (const V* known = find(key)) return *known;
    std::optional<V> loaded = load();
    if (loaded) keep(key, *loaded);
    return loaded;
  }
  void keep(const K& key, const V& v) {
    if (map_.size() >= kLimit) map_.clear();
    map_.insert_or_assign(key, v);
  }
  // Entities with an id.
  void keep(const V& v) { keep(v.id.value, v); }
  void forget(const K& key) { map_.erase(key); }
  std::size_t size() const noexcept { return map_.size(); }
  void clear() noexcept { map_.clear(); }

 private:
  static constexpr std::size_t kLimit = 4096;
  std::unordered_map<K, V> map_;
};

// Writes `row` into `rows` (sorted by `key`) as an upsert writes it into its table: `update`
// changes the row with the same key, or `row` is inserted in its place.
template <class T, class Key, class Update>
inline void upsert_sorted(std::vector<T>& rows, const T& row, Key key, Update update) {
  const auto it = std::lower_bound(rows.begin(), rows.end(), key(row),
                                   [&](const T& x, const auto& k) { return key(x) < k; });
  if (it != rows.end() && key(*it) == key(row)) {
    update(*it);
  } else {
    rows.insert(it, row);
  }
}

// The ids of a kind of document by number.
template <class D>
struct DocumentIds : Remembered<std::int64_t, std::string> {};

// What a connection remembers, kept from one transaction to the next: an operation then finds
// the order, the shipment, the products, their stock and the customer the previous operation
// left without reading (and parsing) them again. An order is its row with its lines,
// allocations and history; a document a JSON body; a product's stock its rows in every
// warehouse (or location). Valid only while the file holds what they say:
// - each transaction starts by reading PRAGMA data_version, which changes when any other
//   connection (of this process or another) has committed since the last reading; then all is
//   forgotten;
// - a write transaction that does not commit forgets all, since its writes were undone;
// - the transaction's own writes keep the new version (orders, documents, products, stock), or
//   forget the old one (reference data, rarely written; a product's or customer's write also
//   forgets the SKUs or codes remembered, since its key may change).
// What a batch remembered beyond kKeep entries of a kind is dropped when it ends, so that an idle
// pooled connection holds little.
class KnownRows {
 public:
  Remembered<Order> orders;
  Remembered<Product> products;
  std::tuple<Remembered<Shipment>, Remembered<Invoice>, Remembered<Payment>, Remembered<CreditNote>, Remembered<Refund>,
             Remembered<CustomerReturn>>
      documents;
  Remembered<std::vector<WarehouseStock>> warehouse_stock;  // by product, in warehouse order
  Remembered<std::vector<StockQuant>> quants;               // by product, in location and lot order
  Remembered<Valuation> valuations;                         // by product
  Remembered<Customer> customers;
  Remembered<Warehouse> warehouses;
  Remembered<Location> locations;
  Remembered<Unit, std::string> units;
  Remembered<TaxClass, std::string> tax_classes;
  // Unique text keys to ids: order numbers, SKUs, customer codes, document numbers.
  Remembered<std::int64_t, std::string> order_ids;
  Remembered<std::int64_t, std::string> product_ids;
  Remembered<std::int64_t, std::string> customer_ids;
  // The last id of each EntityKind, and the last value of each number sequence, as the file
  // holds them (next_id, next_sequence).
  Remembered<std::int64_t, int> ids;
  Remembered<std::int64_t, std::string> sequences;
  std::tuple<DocumentIds<Shipment>, DocumentIds<Invoice>, DocumentIds<Payment>, DocumentIds<CreditNote>,
             DocumentIds<Refund>, DocumentIds<CustomerReturn>>
      document_ids;

  // At the start of a transaction, with the connection's PRAGMA data_version read inside it.
  void begin(std::int64_t data_version) {
    if (data_version != data_version_) forget();
    data_version_ = data_version;
  }
  // At the end of a transaction; `undone`: it wrote and did not commit.
  void end(bool undone) {
    if (undone) {
      forget();
      return;
    }
    each([](auto& r) {
      if (r.size() > kKeep) r.clear();
    });
  }
  void forget() {
    each([](auto& r) { r.clear(); });
    data_version_ = -1;
  }

 private:
  static constexpr std::size_t kKeep = 256;
  template <class F>
  void each(F&& f) {
    std::apply([&](auto&... r) { (f(r), ...); }, documents);
    std::apply([&](auto&... r) { (f(r), ...); }, document_ids);
    f(order_ids);
    f(product_ids);
    f(customer_ids);
    f(ids);
    f(sequences);
    f(orders);
    f(products);
    f(warehouse_stock);
    f(quants);
    f(valuations);
    f(customers);
    f(warehouses);
    f(locations);
    f(units);
    f(tax_classes);
  }
  std::int64_t data_version_ = -1;
};

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_ROW_CACHE_H_
