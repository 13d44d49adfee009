// The in-memory storage adapter.
//
// All entities live in ordered maps (deterministic listing by key). A write transaction holds the
// writer lock for its whole life and every table it changes keeps the old values; rollback puts
// them back, newest first, so a failed operation leaves no trace. Read transactions share the lock
// (a FairSharedMutex: readers cannot keep a writer out, nor writers readers).
#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

#include "storage/dispatch.h"
#include "storage/fair_shared_mutex.h"
#include "undo_tables.h"
#include "oms/storage.h"
#include "reports/reports_internal.h"
#include "storage/writer_thread.h"

namespace oms {
namespace {

using internal::DocumentTable;
using internal::LinkIndex;
using internal::Table;
using internal::UndoLog;

template <class E>
bool state_in(const std::vector<E>& states, E s) {
  return states.empty() || std::find(states.begin(), states.end(), s) != states.end();
}

using Key2 = std::pair<std::int64_t, std::int64_t>;
using Key3 = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
using NamedKey = std::pair<std::int64_t, std::string>;
constexpr std::int64_t kMaxKey = std::numeric_limits<std::int64_t>::max();

// The second halves of the keys of `index` whose first half is `first`, in order.
std::vector<std::int64_t> second_keys(const Table<Key2, char>& index, std::int64_t first) {
  std::vector<std::int64_t> out;
  for (auto it = index.all().lower_bound({first, 0}); it != index.all().end() && it->first.first == first; ++it) {
    out.push_back(it->first.second);
  }
  return out;
}

struct State {
  Table<int, std::int64_t> ids;
  Table<std::string, std::int64_t> sequences;
  Table<std::string, Unit> units;
  Table<std::string, TaxClass> tax_classes;
  Table<std::int64_t, Product> products;
  Table<std::string, std::int64_t> product_by_sku;
  Table<std::string, std::int64_t> product_by_barcode;
  Table<std::int64_t, PriceList> price_lists;
  Table<std::string, std::int64_t> price_list_by_code;
  Table<Key2, PriceListEntry> price_entries;  // (product, list)
  Table<std::string, Promotion> promotions;
  Table<std::int64_t, Customer> customers;
  Table<std::string, std::int64_t> customer_by_code;
  Table<std::pair<std::int64_t, std::string>, CreditAccount> credit_accounts;  // (customer, currency)
  Table<std::int64_t, Warehouse> warehouses;
  Table<std::string, std::int64_t> warehouse_by_code;
  Table<std::int64_t, Location> locations;
  Table<NamedKey, std::int64_t> location_by_code;  // (warehouse, code)
  Table<std::int64_t, Lot> lots;
  Table<NamedKey, std::int64_t> lot_by_number;  // (product, number)
  Table<NamedKey, SerialItem> serials;           // (product, serial)
  Table<Key2, StockMove> moves;                  // (product, move id)
  Table<Key3, StockQuant> quants;                // (product, location, lot)
  Table<Key2, WarehouseStock> warehouse_stock;   // (product, warehouse)
  Table<std::int64_t, Valuation> valuations;
  Table<std::int64_t, Receipt> receipts;
  Table<std::string, std::int64_t> receipt_by_number;
  Table<std::int64_t, Order> orders;
  Table<std::string, std::int64_t> order_by_number;
  Table<std::pair<std::string, std::string>, std::int64_t> order_by_external;
  Table<Key2, char> orders_by_customer;       // (customer, order)
  Table<std::int64_t, char> backordered_orders;
  Table<Key2, char> open_orders_by_product;   // (product, order)
  Table<Key2, char> unissued_shipments_by_product;  // (product, shipment), before goods issue
  DocumentTable<Shipment> shipments;
  DocumentTable<Invoice> invoices;
  DocumentTable<Payment> payments;
  DocumentTable<CreditNote> credit_notes;
  DocumentTable<Refund> refunds;
  DocumentTable<CustomerReturn> returns;
  Table<std::int64_t, DocumentLink> links;  // by append order; a link is never changed
  LinkIndex links_by_from;
  LinkIndex links_by_to;
  Table<std::int64_t, Event> events;
};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

template <class V, class K>
std::vector<V> values_of(const Table<K, V>& t) {
  std::vector<V> out;
  out.reserve(t.all().size());
  for (const auto& [k, v] : t.all()) out.push_back(v);
  return out;
}

class MemoryTransaction final : public Transaction {
 public:
  using Lock = std::variant<std::unique_lock<internal::FairSharedMutex>, std::shared_lock<internal::FairSharedMutex>>;

  // `writer` (write transactions only) is claimed for this thread until the transaction ends.
  MemoryTransaction(State& s, Lock lock, TxMode mode, internal::WriterThread* writer)
      : s_(s), lock_(std::move(lock)), mode_(mode), writer_(writer) {
    if (writer_) writer_->claim();
  }
  ~MemoryTransaction() override {
    if (!committed_) log_.rollback();
    if (writer_) writer_->release();  // before the lock is let go
  }

  void commit() override {
    committed_ = true;
    log_.clear();
  }

  std::int64_t next_id(EntityKind kind) override {
    const int k = static_cast<int>(kind);
    const std::int64_t next = s_.ids.get(k).value_or(0) + 1;
    s_.ids.put(k, next, w());
    return next;
  }
  void find(const Lookup& lookup, Found found) override { internal::find_in(*this, lookup, found); }
  void write(EntityRef entity) override { internal::write_to(*this, entity); }

  std::int64_t next_sequence(std::string_view key) override {
    const std::string k(key);
    const std::int64_t next = s_.sequences.get(k).value_or(0) + 1;
    s_.sequences.put(k, next, w());
    return next;
  }

  const Unit* get_unit(std::string_view code) { return s_.units.find(std::string(code)); }
  void put(const Unit& u) { s_.units.put(u.code, u, w()); }
  std::vector<Unit> list_units() { return values_of(s_.units); }
  const TaxClass* get_tax_class(std::string_view code) {
    return s_.tax_classes.find(std::string(code));
  }
  void put(const TaxClass& t) { s_.tax_classes.put(t.code, t, w()); }
  std::vector<TaxClass> list_tax_classes() { return values_of(s_.tax_classes); }

  const Product* get_product(ProductId id) { return s_.products.find(id.value); }
  const Product* find_product_by_sku(std::string_view sku) {
    return by_index(s_.product_by_sku, std::string(sku), s_.products);
  }
  const Product* find_product_by_barcode(std::string_view code) {
    return by_index(s_.product_by_barcode, std::string(code), s_.products);
  }
  void put(const Product& p) {
    auto& log = w();
    if (const Product* old = s_.products.find(p.id.value)) {
      s_.product_by_sku.erase(old->sku, log);
      for (const auto& b : old->barcodes) s_.product_by_barcode.erase(b, log);
    }
    s_.products.put(p.id.value, p, log);
    s_.product_by_sku.put(p.sku, p.id.value, log);
    for (const auto& b : p.barcodes) s_.product_by_barcode.put(b, p.id.value, log);
  }
  std::vector<Product> list_products() { return values_of(s_.products); }

  const PriceList* get_price_list(PriceListId id) { return s_.price_lists.find(id.value); }
  const PriceList* find_price_list(std::string_view code) {
    return by_index(s_.price_list_by_code, std::string(code), s_.price_lists);
  }
  void put(const PriceList& l) {
    auto& log = w();
    if (const PriceList* old = s_.price_lists.find(l.id.value)) s_.price_list_by_code.erase(old->code, log);
    s_.price_lists.put(l.id.value, l, log);
    s_.price_list_by_code.put(l.code, l.id.value, log);
  }
  std::vector<PriceList> list_price_lists() { return values_of(s_.price_lists); }
  void put(const PriceListEntry& e) {
    s_.price_entries.put({e.product.value, e.price_list.value}, e, w());
  }
  std::vector<PriceListEntry> price_entries_for_product(ProductId product) {
    std::vector<PriceListEntry> out;
    s_.price_entries.range({product.value, 0}, {product.value, kMaxKey}, [&](const auto& e) { out.push_back(e); });
    return out;
  }

  const Promotion* find_promotion(std::string_view code) {
    return s_.promotions.find(std::string(code));
  }
  void put(const Promotion& p) { s_.promotions.put(p.code, p, w()); }
  std::vector<Promotion> list_promotions() { return values_of(s_.promotions); }

  const Customer* get_customer(CustomerId id) { return s_.customers.find(id.value); }
  const Customer* find_customer_by_code(std::string_view code) {
    return by_index(s_.customer_by_code, std::string(code), s_.customers);
  }
  void put(const Customer& c) {
    auto& log = w();
    if (const Customer* old = s_.customers.find(c.id.value)) s_.customer_by_code.erase(old->code, log);
    s_.customers.put(c.id.value, c, log);
    s_.customer_by_code.put(c.code, c.id.value, log);
  }
  std::vector<Customer> search_customers(std::string_view text) override {
    const std::string needle = ascii_lower(text);
    std::vector<Customer> out;
    for (const auto& [id, c] : s_.customers.all()) {
      if (c.code == text || ascii_lower(c.name).find(needle) != std::string::npos ||
          (!c.nickname.empty() && ascii_lower(c.nickname).find(needle) != std::string::npos)) {
        out.push_back(c);
      }
    }
    return out;
  }
  std::vector<Customer> list_customers() { return values_of(s_.customers); }
  const CreditAccount* get_credit_account(CustomerId customer, std::string_view currency) {
    return s_.credit_accounts.find({customer.value, std::string(currency)});
  }
  void put(const CreditAccount& a) {
    s_.credit_accounts.put({a.customer.value, std::string(a.currency.code())}, a, w());
  }

  const Warehouse* get_warehouse(WarehouseId id) { return s_.warehouses.find(id.value); }
  const Warehouse* find_warehouse(std::string_view code) {
    return by_index(s_.warehouse_by_code, std::string(code), s_.warehouses);
  }
  void put(const Warehouse& wh) {
    auto& log = w();
    if (const Warehouse* old = s_.warehouses.find(wh.id.value)) s_.warehouse_by_code.erase(old->code, log);
    s_.warehouses.put(wh.id.value, wh, log);
    s_.warehouse_by_code.put(wh.code, wh.id.value, log);
  }
  std::vector<Warehouse> list_warehouses() { return values_of(s_.warehouses); }
  const Location* get_location(LocationId id) { return s_.locations.find(id.value); }
  const Location* find_location(WarehouseId warehouse, std::string_view code) {
    return by_index(s_.location_by_code, NamedKey{warehouse.value, std::string(code)}, s_.locations);
  }
  void put(const Location& l) {
    auto& log = w();
    if (const Location* old = s_.locations.find(l.id.value)) {
      s_.location_by_code.erase({old->warehouse.value, old->code}, log);
    }
    s_.locations.put(l.id.value, l, log);
    s_.location_by_code.put({l.warehouse.value, l.code}, l.id.value, log);
  }

  const Lot* get_lot(LotId id) { return s_.lots.find(id.value); }
  const Lot* find_lot(ProductId product, std::string_view number) {
    return by_index(s_.lot_by_number, NamedKey{product.value, std::string(number)}, s_.lots);
  }
  std::vector<Lot> find_lots_by_number(std::string_view number) {
    std::vector<Lot> out;
    for (const auto& [id, lot] : s_.lots.all()) {
      if (lot.lot_number == number) out.push_back(lot);
    }
    return out;
  }
  void put(const Lot& lot) {
    auto& log = w();
    s_.lots.put(lot.id.value, lot, log);
    s_.lot_by_number.put({lot.product.value, lot.lot_number}, lot.id.value, log);
  }
  const SerialItem* find_serial(ProductId product, std::string_view serial) {
    return s_.serials.find({product.value, std::string(serial)});
  }
  std::vector<SerialItem> find_serials_by_code(std::string_view serial) {
    std::vector<SerialItem> out;
    for (const auto& [key, item] : s_.serials.all()) {
      if (item.serial == serial) out.push_back(item);
    }
    return out;
  }
  void put(const SerialItem& item) { s_.serials.put({item.product.value, item.serial}, item, w()); }

  void put(const StockMove& m) { s_.moves.put({m.product.value, m.id.value}, m, w()); }
  std::vector<StockMove> list_moves(ProductId product) {
    std::vector<StockMove> out;
    s_.moves.range({product.value, 0}, {product.value, kMaxKey}, [&](const auto& m) { out.push_back(m); });
    return out;
  }
  const StockQuant* get_quant(ProductId product, LocationId location, LotId lot) {
    return s_.quants.find({product.value, location.value, lot.value});
  }
  void put(const StockQuant& q) {
    s_.quants.put({q.product.value, q.location.value, q.lot.value}, q, w());
  }
  std::vector<StockQuant> list_quants(ProductId product) {
    std::vector<StockQuant> out;
    s_.quants.range({product.value, 0, 0}, {product.value, kMaxKey, 0}, [&](const auto& q) { out.push_back(q); });
    return out;
  }
  std::vector<StockQuant> list_quants_in_warehouse(WarehouseId warehouse) {
    std::vector<StockQuant> out;
    for (const auto& [key, q] : s_.quants.all()) {
      if (q.warehouse == warehouse) out.push_back(q);
    }
    return out;
  }
  const WarehouseStock* get_warehouse_stock(ProductId product, WarehouseId warehouse) {
    return s_.warehouse_stock.find({product.value, warehouse.value});
  }
  void put(const WarehouseStock& ws) {
    s_.warehouse_stock.put({ws.product.value, ws.warehouse.value}, ws, w());
  }
  std::vector<WarehouseStock> list_warehouse_stock(ProductId product) {
    std::vector<WarehouseStock> out;
    out.reserve(4);  // a product is stocked in a few warehouses: one allocation, not one per warehouse
    s_.warehouse_stock.range({product.value, 0}, {product.value, kMaxKey}, [&](const auto& x) { out.push_back(x); });
    return out;
  }
  const Valuation* get_valuation(ProductId product) { return s_.valuations.find(product.value); }
  void put(const Valuation& v) { s_.valuations.put(v.product.value, v, w()); }
  const Receipt* get_receipt(ReceiptId id) { return s_.receipts.find(id.value); }
  const Receipt* find_receipt(std::string_view number) {
    return by_index(s_.receipt_by_number, std::string(number), s_.receipts);
  }
  void put(const Receipt& r) {
    auto& log = w();
    s_.receipts.put(r.id.value, r, log);
    s_.receipt_by_number.put(r.number, r.id.value, log);
  }

  const Order* get_order(OrderId id) { return s_.orders.find(id.value); }
  const Order* find_order_by_number(std::string_view number) {
    return by_index(s_.order_by_number, std::string(number), s_.orders);
  }
  const Order* find_order_by_external(const ExternalRef& ref) {
    return by_index(s_.order_by_external, std::pair(ref.source, ref.id), s_.orders);
  }
  void put(const Order& o) {
    auto& log = w();
    const std::int64_t id = o.id.value;
    const Order* old = s_.orders.find(id);
    if (old) {
      for (const auto& l : old->lines) s_.open_orders_by_product.erase({l.product.value, id}, log);
    }
    if (!old || old->number != o.number) {
      if (old) s_.order_by_number.erase(old->number, log);
      s_.order_by_number.put(o.number, id, log);
    }
    if (!old || old->external != o.external) {
      if (old && !old->external.empty()) s_.order_by_external.erase({old->external.source, old->external.id}, log);
      if (!o.external.empty()) s_.order_by_external.put({o.external.source, o.external.id}, id, log);
    }
    if (!old || old->customer != o.customer) {
      if (old) s_.orders_by_customer.erase({old->customer.value, id}, log);
      s_.orders_by_customer.put({o.customer.value, id}, 1, log);
    }
    s_.orders.put(id, o, log);
    if (is_backordered(o)) {
      s_.backordered_orders.put(id, 1, log);
    } else {
      s_.backordered_orders.erase(id, log);
    }
    if (is_open_state(o.state)) {
      for (const auto& l : o.lines) s_.open_orders_by_product.put({l.product.value, id}, 1, log);
    }
  }
  std::vector<Order> list_orders(const OrderSelection& q) override {
    std::vector<Order> out;
    const auto full = [&] { return q.limit != 0 && out.size() >= q.limit; };
    auto consider = [&](const Order& o) {
      if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), o.state) == q.states.end()) return;
      if (q.from && std::chrono::sys_days(o.order_date) < std::chrono::sys_days(*q.from)) return;
      if (q.to && std::chrono::sys_days(o.order_date) > std::chrono::sys_days(*q.to)) return;
      out.push_back(o);
    };
    if (q.customer) {
      for (auto it = s_.orders_by_customer.all().lower_bound({q.customer->value, 0});
           it != s_.orders_by_customer.all().end() && it->first.first == q.customer->value && !full(); ++it) {
        consider(*s_.orders.find(it->first.second));
      }
    } else {
      for (auto it = s_.orders.all().begin(); it != s_.orders.all().end() && !full(); ++it) consider(it->second);
    }
    return out;
  }
  std::int64_t count_orders(CustomerId customer) override {
    std::int64_t n = 0;
    s_.orders_by_customer.range({customer.value, 0}, {customer.value, kMaxKey}, [&](char) { ++n; });
    return n;
  }
  std::vector<Order> list_backordered_orders() {
    std::vector<Order> out;
    for (const auto& [id, flag] : s_.backordered_orders.all()) out.push_back(*s_.orders.find(id));
    return out;
  }
  std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& query) override {
    return reports::summarize(
        [&](const std::function<void(const Order&)>& visit) {
          for (const auto& [id, o] : s_.orders.all()) visit(o);
        },
        query, [&](ProductId product) {
          const Product* p = s_.products.find(product.value);
          return p ? p->category : std::string();
        });
  }
  std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) override {
    std::map<std::int64_t, CustomerOrderTotals> sums;
    for (const auto& [id, o] : s_.orders.all()) {
      if (!counts_as_sale(o.state, o.held_from) || std::chrono::sys_days(o.order_date) < std::chrono::sys_days(from)) {
        continue;
      }
      CustomerOrderTotals& t = sums[o.customer.value];
      t.customer = o.customer;
      ++t.orders;
      if (o.currency == currency) t.total += o.totals.total.amount();
    }
    std::vector<CustomerOrderTotals> out;
    out.reserve(sums.size());
    for (const auto& [id, t] : sums) out.push_back(t);
    return out;
  }
  std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) override {
    std::map<std::pair<std::int64_t, int>, MoveSummary> sums;
    for (const auto& [key, m] : s_.moves.all()) {
      if (m.at < from || m.at >= to) continue;
      MoveSummary& sum = sums[{m.product.value, static_cast<int>(m.kind)}];
      sum.product = m.product;
      sum.kind = m.kind;
      sum.quantity += m.quantity;
      sum.value += m.quantity * m.unit_cost;
    }
    std::vector<MoveSummary> out;
    out.reserve(sums.size());
    for (const auto& [key, sum] : sums) out.push_back(sum);
    return out;
  }
  std::vector<Order> list_open_orders_with_product(ProductId product) {
    std::vector<Order> out;
    for (const std::int64_t id : second_keys(s_.open_orders_by_product, product.value)) out.push_back(*s_.orders.find(id));
    return out;
  }

  const Shipment* get_shipment(ShipmentId id) { return s_.shipments.find(id.value); }
  const Shipment* find_shipment(std::string_view number) { return s_.shipments.find(number); }
  void put(const Shipment& v) {
    auto& log = w();
    const std::int64_t id = v.id.value;
    // A shipment's lines are set when it is created, so the index changes only when it goes out
    // (or is cancelled), not at every pick and pack; the SQLite adapter does the same.
    const Shipment* old = s_.shipments.find(id);
    const bool listed = old && old->before_goods_issue();
    if (listed != v.before_goods_issue()) {
      for (const ProductId p : v.products()) {
        if (listed) {
          s_.unissued_shipments_by_product.erase({p.value, id}, log);
        } else {
          s_.unissued_shipments_by_product.put({p.value, id}, 1, log);
        }
      }
    }
    s_.shipments.put(v, log);
  }
  std::vector<Shipment> list_unissued_shipments_of(ProductId product) {
    std::vector<Shipment> out;
    for (const std::int64_t id : second_keys(s_.unissued_shipments_by_product, product.value)) {
      out.push_back(*s_.shipments.find(id));
    }
    return out;
  }
  std::vector<Shipment> list_shipments(const ShipmentSelection& q) override {
    return s_.shipments.list(q.customer ? q.customer->value : 0, q.states, q.limit, [&](const Shipment& v) {
      return state_in(q.states, v.state) && (!q.open_exceptions_only || v.has_open_exception());
    });
  }
  const Invoice* get_invoice(InvoiceId id) { return s_.invoices.find(id.value); }
  const Invoice* find_invoice(std::string_view number) { return s_.invoices.find(number); }
  void put(const Invoice& v) { s_.invoices.put(v, w()); }
  std::vector<Invoice> list_invoices(const InvoiceSelection& q) override {
    return s_.invoices.list(q.customer ? q.customer->value : 0, q.states, q.limit, [&](const Invoice& v) {
      return state_in(q.states, v.state) && (!q.open_only || (v.receivable() && !v.open().is_zero()));
    });
  }
  const Payment* find_payment(std::string_view number) { return s_.payments.find(number); }
  void put(const Payment& v) { s_.payments.put(v, w()); }
  std::vector<Payment> list_payments(CustomerId customer) {
    return s_.payments.list(customer.value, 0, [](const Payment&) { return true; });
  }
  const CreditNote* find_credit_note(std::string_view number) { return s_.credit_notes.find(number); }
  void put(const CreditNote& v) { s_.credit_notes.put(v, w()); }
  std::vector<CreditNote> list_credit_notes(CustomerId customer) {
    return s_.credit_notes.list(customer.value, 0, [](const CreditNote&) { return true; });
  }
  const Refund* find_refund(std::string_view number) { return s_.refunds.find(number); }
  void put(const Refund& v) { s_.refunds.put(v, w()); }
  std::vector<Refund> list_refunds(CustomerId customer) {
    return s_.refunds.list(customer.value, 0, [](const Refund&) { return true; });
  }
  const CustomerReturn* find_return(std::string_view number) { return s_.returns.find(number); }
  void put(const CustomerReturn& v) { s_.returns.put(v, w()); }

  void put(const DocumentLink& link) {
    auto& log = w();
    const std::int64_t n = s_.links.all().empty() ? 1 : s_.links.all().rbegin()->first + 1;
    s_.links.put(n, link, log);
    const DocumentLink& kept = *s_.links.find(n);
    s_.links_by_from.add(kept.from, n, log);
    s_.links_by_to.add(kept.to, n, log);
  }
  std::vector<DocumentLink> links_from(DocumentKind kind, std::string_view number) { return links_in(s_.links_by_from, kind, number); }
  std::vector<DocumentLink> links_to(DocumentKind kind, std::string_view number) { return links_in(s_.links_by_to, kind, number); }

  std::int64_t append_event(const Event& e) override {
    auto& log = w();
    const std::int64_t seq = s_.events.all().empty() ? 1 : s_.events.all().rbegin()->first + 1;
    Event copy = e;
    copy.sequence = seq;
    s_.events.put(seq, std::move(copy), log);
    return seq;
  }
  std::vector<Event> read_events(std::int64_t after, std::size_t limit) override {
    std::vector<Event> out;
    for (auto it = s_.events.all().upper_bound(after); it != s_.events.all().end(); ++it) {
      if (limit != 0 && out.size() >= limit) break;
      out.push_back(it->second);
    }
    return out;
  }

 private:
  UndoLog& w() {
    if (mode_ != TxMode::kWrite) throw Error(Status::Internal("write in a read transaction"));
    return log_;
  }
  template <class K, class V>
  static const V* by_index(const Table<K, std::int64_t>& index, const K& key, const Table<std::int64_t, V>& t) {
    const std::int64_t* id = index.find(key);
    return id ? t.find(*id) : nullptr;
  }

  std::vector<DocumentLink> links_in(const LinkIndex& index, DocumentKind kind, std::string_view number) const {
    std::vector<DocumentLink> out;
    if (const std::vector<std::int64_t>* links = index.find(kind, number)) {
      out.reserve(links->size());
      for (const std::int64_t n : *links) out.push_back(*s_.links.find(n));
    }
    return out;
  }

  State& s_;
  Lock lock_;
  TxMode mode_;
  internal::WriterThread* writer_;  // null for reads
  UndoLog log_;
  bool committed_ = false;
};

class MemoryStorage final : public Storage {
 public:
  std::unique_ptr<Transaction> begin(TxMode mode) override {
    // Reads wait for the writer too: this thread would wait for itself.
    writer_.refuse_if_held(name());
    if (mode == TxMode::kWrite) {
      if (mutex_.holds_shared()) {  // the writer would wait for this thread's own read to end
        throw Error(Status::FailedPrecondition(
            "this thread has a read transaction open on this memory storage, and a write transaction would wait for "
            "it forever: end the read first",
            "storage"));
      }
      return std::make_unique<MemoryTransaction>(state_, std::unique_lock(mutex_), mode, &writer_);
    }
    return std::make_unique<MemoryTransaction>(state_, std::shared_lock(mutex_), mode, nullptr);
  }
  std::string_view name() const noexcept override { return "memory"; }

 private:
  internal::FairSharedMutex mutex_;
  internal::WriterThread writer_;
  State state_;
};

}  // namespace

std::shared_ptr<Storage> make_memory_storage() { return std::make_shared<MemoryStorage>(); }

}  // namespace oms
