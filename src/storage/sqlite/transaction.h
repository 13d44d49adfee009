// Internal: a transaction of the SQLite adapter. Its typed methods, which src/storage/dispatch.h
// maps the seam's lookups onto, are defined by area: catalog.cpp (units, tax classes, products,
// price lists, promotions, customers), inventory.cpp (warehouses, bins, lots, serials, the ledger
// and its balances, receipts), orders.cpp (orders and the report aggregates) and documents.cpp
// (shipments, invoices, payments, credit notes, refunds, returns, links, events); storage.cpp
// begins and ends it.
#ifndef OMS_SRC_STORAGE_SQLITE_TRANSACTION_H_
#define OMS_SRC_STORAGE_SQLITE_TRANSACTION_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "oms/storage.h"
#include "storage/body_json.h"
#include "storage/dispatch.h"
#include "storage/fair_shared_mutex.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/row_cache.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/schema.h"
#include "storage/sqlite/statements.h"
#include "storage/sqlite/tables.h"

namespace oms::sqlite {

class SqliteStorage;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteStorage& owner, TxMode mode);
  ~SqliteTransaction() override;

  void commit() override {
    write_counters();
    try {
      c_->prepare("COMMIT").exec();  // prepared once per connection, like BEGIN
      done_ = true;
    } catch (const SQLite::Exception& e) {
      storage_error(e, "commit");
    }
  }

  std::int64_t next_id(EntityKind kind) override {
    return ++counter(ids_, static_cast<int>(kind), known().ids, "SELECT value FROM ids WHERE kind = ?");
  }
  void find(const Lookup& lookup, Found found) override { internal::find_in(*this, lookup, found); }
  void write(EntityRef entity) override { internal::write_to(*this, entity); }

  std::int64_t next_sequence(std::string_view key) override {
    return ++counter(sequences_, std::string(key), known().sequences, "SELECT value FROM sequences WHERE key = ?");
  }

  // Units and tax classes
  std::optional<Unit> get_unit(std::string_view code);
  void put(const Unit& u);
  std::vector<Unit> list_units();
  std::optional<TaxClass> get_tax_class(std::string_view code);
  void put(const TaxClass& t);
  std::vector<TaxClass> list_tax_classes();

  // Products
  std::optional<Product> get_product(ProductId id);
  std::optional<Product> find_product_by_sku(std::string_view sku);
  std::optional<Product> find_product_by_barcode(std::string_view code);
  void put(const Product& p);
  std::vector<Product> list_products();

  // Price lists and promotions
  std::optional<PriceList> get_price_list(PriceListId id);
  std::optional<PriceList> find_price_list(std::string_view code);
  void put(const PriceList& l);
  std::vector<PriceList> list_price_lists();
  void put(const PriceListEntry& e);
  std::vector<PriceListEntry> price_entries_for_product(ProductId product);
  std::optional<Promotion> find_promotion(std::string_view code);
  void put(const Promotion& p);
  std::vector<Promotion> list_promotions();

  // Customers
  std::optional<Customer> get_customer(CustomerId id);
  std::optional<Customer> find_customer_by_code(std::string_view code);
  void put(const Customer& c);
  std::vector<Customer> search_customers(std::string_view text) override;
  std::vector<Customer> list_customers();
  std::optional<CreditAccount> get_credit_account(CustomerId customer, std::string_view currency);
  void put(const CreditAccount& a);

  // Warehouses and locations
  std::optional<Warehouse> get_warehouse(WarehouseId id);
  std::optional<Warehouse> find_warehouse(std::string_view code);
  void put(const Warehouse& w);
  std::vector<Warehouse> list_warehouses();
  std::optional<Location> get_location(LocationId id);
  std::optional<Location> find_location(WarehouseId warehouse, std::string_view code);
  void put(const Location& l);

  // Lots and serials
  std::optional<Lot> get_lot(LotId id);
  std::optional<Lot> find_lot(ProductId product, std::string_view number);
  std::vector<Lot> find_lots_by_number(std::string_view number);
  void put(const Lot& l);
  std::optional<SerialItem> find_serial(ProductId product, std::string_view serial);
  std::vector<SerialItem> find_serials_by_code(std::string_view serial);
  void put(const SerialItem& s);

  // Ledger and balances
  void put(const StockMove& m);
  std::vector<StockMove> list_moves(ProductId product);
  std::optional<StockQuant> get_quant(ProductId product, LocationId location, LotId lot);
  void put(const StockQuant& q);
  std::vector<StockQuant> list_quants(ProductId product);
  std::vector<StockQuant> list_quants_in_warehouse(WarehouseId warehouse);
  std::optional<WarehouseStock> get_warehouse_stock(ProductId product, WarehouseId warehouse);
  void put(const WarehouseStock& w);
  std::vector<WarehouseStock> list_warehouse_stock(ProductId product);
  std::optional<Valuation> get_valuation(ProductId product);
  void put(const Valuation& v);

  // Receipts
  std::optional<Receipt> get_receipt(ReceiptId id);
  std::optional<Receipt> find_receipt(std::string_view number);
  void put(const Receipt& r);

  // Orders
  std::optional<Order> get_order(OrderId id);
  std::optional<Order> find_order_by_number(std::string_view number);
  std::optional<Order> find_order_by_external(const ExternalRef& ref);
  void put(const Order& o);
  // The lines and allocations of `o`: against `stored` (the order as the file holds it), only
  // those that changed; without it (a new order), all of them.
  void write_lines(const Order& o, const Order* stored);
  // The allocations of line `l` over `stored`, those the file holds: only the positions that
  // changed.
  void write_allocations(OrderId order, const OrderLine& l, const std::vector<Allocation>& stored);
  std::vector<Order> list_orders(const OrderSelection& q) override;
  std::int64_t count_orders(CustomerId customer) override;
  std::vector<Order> list_backordered_orders();
  std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& q) override;
  std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) override;
  std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) override;
  std::vector<Order> list_open_orders_with_product(ProductId product);

  // Fulfilment and settlement documents
  std::optional<Shipment> get_shipment(ShipmentId id);
  std::optional<Shipment> find_shipment(std::string_view number);
  void put(const Shipment& v);
  std::vector<Shipment> list_shipments(const ShipmentSelection& q) override;
  std::vector<Shipment> list_unissued_shipments_of(ProductId product);
  std::optional<Invoice> get_invoice(InvoiceId id);
  std::optional<Invoice> find_invoice(std::string_view number);
  void put(const Invoice& v);
  std::vector<Invoice> list_invoices(const InvoiceSelection& q) override;
  std::optional<Payment> find_payment(std::string_view number);
  void put(const Payment& v);
  std::vector<Payment> list_payments(CustomerId customer);
  std::optional<CreditNote> find_credit_note(std::string_view number);
  void put(const CreditNote& v);
  std::vector<CreditNote> list_credit_notes(CustomerId customer);
  std::optional<Refund> find_refund(std::string_view number);
  void put(const Refund& v);
  std::vector<Refund> list_refunds(CustomerId customer);
  std::optional<CustomerReturn> find_return(std::string_view number);
  void put(const CustomerReturn& v);

  void put(const DocumentLink& l);
  std::vector<DocumentLink> links_from(DocumentKind kind, std::string_view number);
  std::vector<DocumentLink> links_to(DocumentKind kind, std::string_view number);

  // Events
  std::int64_t append_event(const Event& e) override;
  std::vector<Event> read_events(std::int64_t after, std::size_t limit) override;

 private:
  // ---- statement helpers ----
  template <class... A>
  void exec(const char* sql, const A&... args) {
    try {
      Binder b(c_->prepare(sql), sizeof...(A));
      (b(args), ...);
      b.statement().exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  template <class F, class... A>
  void query(const char* sql, F&& each, const A&... args) {
    try {
      Binder b(c_->prepare(sql), sizeof...(A));
      (b(args), ...);
      SQLite::Statement& s = b.statement();
      while (s.executeStep()) {
        Row r(s);
        each(r);
      }
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  template <class T, class F, class... A>
  std::optional<T> one(const char* sql, F&& read, const A&... args) {
    std::optional<T> out;
    query(sql, [&](Row& r) { if (!out) out = read(r); }, args...);
    return out;
  }
  template <class T, class F, class... A>
  std::vector<T> all(const char* sql, F&& read, const A&... args) {
    std::vector<T> out;
    query(sql, [&](Row& r) { out.push_back(read(r)); }, args...);
    return out;
  }
  template <class... A>
  std::int64_t scalar(const char* sql, const A&... args) {
    std::int64_t v = 0;
    query(sql, [&](Row& r) { v = r.i64(); }, args...);
    return v;
  }
  template <class... A>
  std::vector<std::int64_t> ids(const char* sql, const A&... args) {
    std::vector<std::int64_t> out;
    query(sql, [&](Row& r) { out.push_back(r.i64()); }, args...);
    return out;
  }
  // The id that `sql` selects first, if any (a look-up by a unique key).
  template <class... A>
  std::optional<std::int64_t> first_id(const char* sql, const A&... args) {
    return one<std::int64_t>(sql, [](Row& r) { return r.i64(); }, args...);
  }
  // Writes `row` over `stored`, the same row as the file holds it, by an UPDATE that names only
  // the values that differ, and those whose bits are set in `always` without comparing them (a
  // document's body); nothing when there are none. `key` binds the WHERE.
  template <class... T, class... K>
  void update_changed(PartialUpdates& table, const std::tuple<T...>& row, const std::tuple<T...>& stored,
                      std::uint64_t always, const K&... key) {
    static_assert(sizeof...(T) <= 64, "one bit per value");
    static constexpr std::array<int, sizeof...(T)> kWidths = {kColumnsOf<T>...};
    std::uint64_t changed = always;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((changed |= (always >> I & 1) || same(std::get<I>(row), std::get<I>(stored)) ? 0 : std::uint64_t{1} << I), ...);
    }(std::index_sequence_for<T...>{});
    if (changed == 0) return;
    const char* sql = table.sql(changed, kWidths);
    try {
      SQLite::Statement& s = c_->prepare(sql);
      Binder b(s, sizeof...(T) + sizeof...(K));
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((changed >> I & 1 ? void(b(std::get<I>(row))) : void()), ...);
      }(std::index_sequence_for<T...>{});
      (b(key), ...);
      s.exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }

  // ---- rows made from the schema (codec.h, tables.h) ----
  // Makes the row of `v` after its parents' key (`statement`: the plan's insert), or writes it
  // over the stored row of the same key (the plan's upsert).
  template <class T, class... P>
  void write_row(const std::string& statement, const T& v, const P&... parents) {
    const char* sql = statement.c_str();
    try {
      Binder b(c_->prepare(sql), sizeof...(P) + codec::plan<T>().columns.size() + codec::plan<T>().derived.size());
      (b(parents), ...);
      codec::bind_row(b, v);
      b.statement().exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  template <class T, class... P>
  void insert_row(const T& v, const P&... parents) { write_row(codec::plan<T>().insert, v, parents...); }
  template <class T, class... P>
  void upsert_row(const T& v, const P&... parents) { write_row(codec::plan<T>().upsert, v, parents...); }
  // Writes `v` over `stored`, the same row as the file holds it, by an UPDATE that names only the
  // values that differ (nothing when none do); `key` binds the WHERE.
  template <class T, class... K>
  void update_row(const T& v, const T& stored, const K&... key) {
    codec::Changes changes = codec::changes(v, stored);
    if (changes.bits == 0) return;
    const char* sql = codec::update_sql<T>(changes.bits);
    try {
      Binder b(c_->prepare(sql), codec::plan<T>().columns.size() + codec::plan<T>().derived.size() + sizeof...(K));
      codec::bind_changes(b, v, changes);
      (b(key), ...);
      b.statement().exec();
    } catch (const SQLite::Exception& e) {
      storage_error(e, sql);
    }
  }
  // The rows of T that `sql` (made by select<T>) selects, read by the codec.
  template <class T, class... A>
  std::optional<T> row_of(const std::string& sql, const A&... args) {
    return one<T>(sql.c_str(), [](Row& r) { return codec::read_row<T>(r); }, args...);
  }
  template <class T, class... A>
  std::vector<T> rows_of(const std::string& sql, const A&... args) {
    return all<T>(sql.c_str(), [](Row& r) { return codec::read_row<T>(r); }, args...);
  }
  // "SELECT <leading>, <T's columns> FROM <T's table> <rest>": the rows of T, after columns of the
  // caller's (`leading`, none by default) that the caller reads first. Kept in a static by the
  // caller, since connections cache prepared statements by the address of their SQL.
  template <class T>
  static std::string select(std::string_view rest, std::string_view leading = {}) {
    const codec::Plan& p = codec::plan<T>();
    std::string sql = "SELECT ";
    if (!leading.empty()) sql.append(leading).append(", ");
    sql.append(p.column_names).append(" FROM ").append(p.table).append(" ").append(rest);
    return sql;
  }

  // The id of the row whose unique text `key` the statement `sql` looks up, remembered in `ids`.
  template <class... A>
  std::optional<std::int64_t> id_by_key(Remembered<std::int64_t, std::string>& ids, std::string_view key, const char* sql,
                                        const A&... args) {
    std::string k(key);
    if (const std::int64_t* id = ids.find(k)) return *id;
    const auto id = first_id(sql, args...);
    if (id) ids.keep(k, *id);
    return id;
  }

  // ---- documents: key columns + JSON body ----
  template <class D>
  Remembered<D>& remembered() {
    return std::get<Remembered<D>>(known().documents);
  }
  // A document from a row of (id, body): the remembered one when this transaction has it, so
  // that its JSON body is parsed once per transaction.
  template <class D>
  D document(Row& r) {
    if (const D* known = remembered<D>().find(r.i64())) return *known;
    D d = body::from_text<D>(r.text());
    remembered<D>().keep(d);
    return d;
  }
  template <class D>
  std::optional<D> doc_by_id(EntityKind kind, std::int64_t id) {
    return remembered<D>().get(id, [&] {
      return one<D>("SELECT body FROM documents WHERE kind = ? AND id = ?", [](Row& r) { return body::from_text<D>(r.text()); }, kind,
                    id);
    });
  }
  template <class D>
  std::optional<D> doc_by_number(EntityKind kind, std::string_view number) {
    const auto id = id_by_key(std::get<DocumentIds<D>>(known().document_ids), number,
                              "SELECT id FROM documents WHERE kind = ? AND number = ?", kind, number);
    return id ? doc_by_id<D>(kind, *id) : std::nullopt;
  }
  // Documents of a kind, flagged only or all, of one customer or all, in the given states.
  template <class D, class State>
  std::vector<D> docs_where(EntityKind kind, bool flagged_only, const std::optional<CustomerId>& customer,
                            const std::vector<State>& states, std::size_t limit) {
    const std::optional<json> wanted = numbers_of(states);
    const std::int64_t most = sql_limit(limit);
    // One statement per combination of filters, each naming only the filters it has, so that
    // SQLite can use the index that fits (documents_state, documents_customer, documents_flagged).
    // A single statement with "(?2 IS NULL OR customer_id = ?2)" cannot use those indexes and
    // walked every document of the kind (picking slowed linearly with the shipments stored).
#define OMS_DOCS_WHERE "SELECT id, body FROM documents WHERE kind = ?1"
#define OMS_DOCS_FLAGGED " AND flagged = 1"
#define OMS_DOCS_CUSTOMER " AND customer_id = ?2"
#define OMS_DOCS_STATES " AND state IN (SELECT value FROM json_each(?3))"
#define OMS_DOCS_ORDER " ORDER BY id LIMIT ?4"
    static constexpr const char* kSql[2][2][2] = {  // [flagged][customer][states]
        {{OMS_DOCS_WHERE OMS_DOCS_ORDER,
          // Without the hint SQLite walks the primary key to save sorting the few open documents.
          "SELECT id, body FROM documents INDEXED BY documents_state WHERE kind = ?1" OMS_DOCS_STATES OMS_DOCS_ORDER},
         {OMS_DOCS_WHERE OMS_DOCS_CUSTOMER OMS_DOCS_ORDER, OMS_DOCS_WHERE OMS_DOCS_CUSTOMER OMS_DOCS_STATES OMS_DOCS_ORDER}},
        {{OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_ORDER, OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_STATES OMS_DOCS_ORDER},
         {OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_CUSTOMER OMS_DOCS_ORDER,
          OMS_DOCS_WHERE OMS_DOCS_FLAGGED OMS_DOCS_CUSTOMER OMS_DOCS_STATES OMS_DOCS_ORDER}}};
#undef OMS_DOCS_WHERE
#undef OMS_DOCS_FLAGGED
#undef OMS_DOCS_CUSTOMER
#undef OMS_DOCS_STATES
#undef OMS_DOCS_ORDER
    const char* sql = kSql[flagged_only][customer.has_value()][wanted.has_value()];
    return all<D>(sql, [this](Row& r) { return document<D>(r); }, kind, customer, wanted, most);
  }
  template <class D>
  std::vector<D> docs_of(EntityKind kind, CustomerId customer) {
    return all<D>("SELECT id, body FROM documents WHERE kind = ? AND customer_id = ? ORDER BY id",
                  [this](Row& r) { return document<D>(r); }, kind, customer);
  }
  // Against the stored version only the changed keys and figures are written with the body, so
  // that a document which changes without changing state leaves the state index alone.
  template <class D>
  void put_doc(EntityKind kind, const D& d) {
    const auto row = document_row(kind, d, body::text(d));
    if (const D* stored = remembered<D>().find(d.id.value)) {
      update_changed(document_updates(), row, document_row(kind, *stored, std::string()), kDocumentBody, kind, d.id);
    } else {
      std::apply([&](const auto&... value) { exec(schema::upsert_documents(), value...); }, row);
    }
    remembered<D>().keep(d);
    std::get<DocumentIds<D>>(known().document_ids).keep(d.number, d.id.value);
  }

  template <class K>
  std::optional<Product> product_where(const std::string& sql, const K& key) {
    auto p = row_of<Product>(sql, key);
    if (p) {
      p->barcodes = all<std::string>("SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY position",
                                     [](Row& r) { return r.text(); }, p->id);
    }
    return p;
  }
  template <class K>
  std::optional<Receipt> receipt_where(const std::string& sql, const K& key) {
    auto rec = row_of<Receipt>(sql, key);
    if (rec) {
      static const std::string kLines = select<ReceiptLine>("WHERE receipt_id = ? ORDER BY position");
      rec->lines = rows_of<ReceiptLine>(kLines, rec->id);
    }
    return rec;
  }
  std::optional<Order> order_by_id(std::int64_t id);
  std::vector<Order> orders_of(const std::vector<std::int64_t>& order_ids) {
    std::vector<Order> out;
    out.reserve(order_ids.size());
    for (auto id : order_ids) out.push_back(*get_order(OrderId{id}));
    return out;
  }

  // Orders, documents, products, their stock and the reference data are read several times per
  // operation (and per batch), and put_order and put_doc write only what changed from the stored
  // version: the connection remembers them, within this transaction and from the ones before.
  KnownRows& known() { return c_->known(); }

  // The counters behind next_id and next_sequence: the last value handed out, by key. The
  // transaction counts in memory (the write lock keeps every other writer out) and writes each
  // counter it moved once, at commit: an INSERT ... RETURNING per new id made SQLite build and
  // drop a temporary table each time, about 7 % of a lifecycle's instructions. The first use of a
  // key in a transaction takes the value the connection remembers, or reads it.
  template <class K>
  using Counters = std::vector<std::pair<K, std::int64_t>>;
  // `sql` reads the stored value of `key`.
  template <class K>
  std::int64_t& counter(Counters<K>& counters, const K& key, Remembered<std::int64_t, K>& remembered, const char* sql) {
    for (auto& [k, value] : counters) {
      if (k == key) return value;
    }
    const std::optional<std::int64_t> stored = remembered.get(key, [&] { return first_id(sql, key); });
    return counters.emplace_back(key, stored.value_or(0)).second;
  }
  void write_counters() {
    for (const auto& [kind, value] : ids_) {
      exec("INSERT INTO ids(kind, value) VALUES(?, ?) ON CONFLICT(kind) DO UPDATE SET value = excluded.value", kind, value);
      known().ids.keep(kind, value);
    }
    for (const auto& [key, value] : sequences_) {
      exec("INSERT INTO sequences(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
      known().sequences.keep(key, value);
    }
  }

  SqliteStorage& owner_;
  // A write transaction's turn at owner_.writers(), let go last (after c_ is given back or
  // dropped); a transaction with one has the writers' connection.
  std::unique_lock<internal::FairSharedMutex> turn_;
  std::unique_ptr<Connection> c_;
  bool done_ = false;
  bool writes_ = false;  // a write transaction: holds owner_.writer() until it ends
  Counters<int> ids_;                 // by EntityKind
  Counters<std::string> sequences_;  // by key
};

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_TRANSACTION_H_
