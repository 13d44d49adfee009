// The storage interface: what a storage adapter (in-memory, SQLite, PostgreSQL) provides.
//
// The engine runs every public operation as one Transaction: it reads and writes entities
// through it and calls commit() once at the end. A Transaction destroyed without commit() rolls
// back everything it wrote. Adapters guarantee:
// - Atomicity: after commit() all writes are visible, after rollback none are.
// - Isolation: write transactions are serializable. An adapter either runs them one at a time
//   (in-memory, SQLite) or detects conflicts and throws oms::Error with kConflict, in which case
//   the engine retries the whole operation (PostgreSQL).
// - Durability as documented by the adapter.
// Reads inside a write transaction see the transaction's own writes.
//
// Errors: methods throw oms::Error (kStorage for I/O failures, kConflict for lost races). They
// never return partial results.
//
// Entities are written by value; a write inserts or replaces by the entity's key, every member,
// and keeps the adapter's indexes (the lookups of OMS_STORAGE_INDEXES) in step, also when it
// changes an indexed member. One exception: an order's `history` only grows, so writing an order
// may leave alone the entries already stored. Uniqueness is checked by the engine before
// writing; adapters may enforce it again.
//
// Single writer: an adapter that runs write transactions one at a time refuses, with
// kFailedPrecondition naming the cause, a transaction that the calling thread would wait for
// forever (any transaction begun while the thread holds the write one; in memory, also a write
// begun while it holds a read), rather than deadlock or time out.
//
// Thread safety: a Storage is safe for concurrent access from multiple threads without external
// synchronization. A Transaction belongs to the thread that began it.
#ifndef OMS_STORAGE_H_
#define OMS_STORAGE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "oms/billing.h"
#include "oms/catalog.h"
#include "oms/customer.h"
#include "oms/event.h"
#include "oms/export.h"
#include "oms/fulfilment.h"
#include "oms/inventory.h"
#include "oms/order.h"
#include "oms/reports.h"
#include "oms/types.h"

namespace oms {

// Stock moves of one product and kind over a period (Transaction::summarize_moves).
struct MoveSummary {
  ProductId product;
  MoveKind kind = MoveKind::kReceipt;
  Decimal quantity;  // signed, as the moves
  Decimal value;     // sum of quantity x unit cost
};

// A customer's orders that count as sales (counts_as_sale) since a date: how many, and the sum of
// the totals of those in one currency (Transaction::summarize_customer_orders).
struct CustomerOrderTotals {
  CustomerId customer;
  std::int64_t orders = 0;
  Decimal total;
};

// Transaction::list_orders: Engine::list_orders's OrderQuery with the customer found. Empty
// fields do not filter. Each filter has its index in the SQLite adapter, so a filtered listing
// reads only the orders it lists.
struct OrderSelection {
  std::optional<CustomerId> customer;
  std::vector<OrderState> states;
  std::optional<Date> from;  // order date, inclusive
  std::optional<Date> to;    // order date, inclusive
  std::size_t limit = 0;     // 0 = no limit; results are in id order
};

// Transaction::list_shipments's filters; empty fields do not filter. Results in id order.
struct ShipmentSelection {
  std::optional<CustomerId> customer;
  std::vector<ShipmentState> states;
  bool open_exceptions_only = false;
  std::size_t limit = 0;  // 0 = no limit
};

// Transaction::list_invoices's filters; empty fields do not filter. Results in id order.
struct InvoiceSelection {
  std::optional<CustomerId> customer;
  std::vector<InvoiceState> states;
  bool open_only = false;  // receivable with an open amount
  std::size_t limit = 0;   // 0 = no limit
};

// ---- The seam: generic, typed reads and writes ------------------------------------------------
//
// An adapter stores the kinds of entity below and answers the lookups after them. Reads and
// writes go through two virtual methods, `find` and `write`, and the engine calls them through
// the typed templates of Transaction (`tx.get(by::kProductSku, "TEA")`, `tx.list(by::kAllUnits)`,
// `tx.put(product)`). A new kind of entity or a new lookup is a line in these lists and a case in
// each adapter, never a new virtual method.

// Every kind of entity stored through `write` (the event journal has methods of its own). The
// order is not stored anywhere and may change.
#define OMS_STORED_ENTITIES(X)                                                                          \
  X(Unit) X(TaxClass) X(Product) X(PriceList) X(PriceListEntry) X(Promotion) X(Customer) X(CreditAccount) \
  X(Warehouse) X(Location) X(Lot) X(SerialItem) X(StockMove) X(StockQuant) X(WarehouseStock) X(Valuation) \
  X(Receipt) X(Order) X(Shipment) X(Invoice) X(Payment) X(CreditNote) X(Refund) X(CustomerReturn)         \
  X(DocumentLink)

// Every lookup: ONE(name, entity, key parts...) finds at most one entity, MANY(name, entity, key
// parts...) lists every entity that matches, in the order given in its comment. Key parts are
// passed in a Key, numbers (ids, enums) and texts each in the order listed.
#define OMS_STORAGE_INDEXES(ONE, MANY)                                                                   \
  ONE(UnitCode, Unit, std::string_view)                                                                   \
  MANY(AllUnits, Unit) /* by code */                                                                      \
  ONE(TaxClassCode, TaxClass, std::string_view)                                                           \
  MANY(AllTaxClasses, TaxClass) /* by code */                                                             \
  ONE(ProductId, Product, ProductId)                                                                      \
  ONE(ProductSku, Product, std::string_view)                                                              \
  ONE(ProductBarcode, Product, std::string_view)                                                          \
  MANY(AllProducts, Product) /* by id */                                                                  \
  ONE(PriceListId, PriceList, PriceListId)                                                                \
  ONE(PriceListCode, PriceList, std::string_view)                                                         \
  MANY(AllPriceLists, PriceList) /* by id */                                                              \
  MANY(PriceEntriesOfProduct, PriceListEntry, ProductId) /* by price list */                              \
  ONE(PromotionCode, Promotion, std::string_view)                                                         \
  MANY(AllPromotions, Promotion) /* by code */                                                            \
  ONE(CustomerId, Customer, CustomerId)                                                                   \
  ONE(CustomerCode, Customer, std::string_view)                                                           \
  MANY(AllCustomers, Customer) /* by id */                                                                \
  ONE(CreditAccount, CreditAccount, CustomerId, Currency)                                                 \
  ONE(WarehouseId, Warehouse, WarehouseId)                                                                \
  ONE(WarehouseCode, Warehouse, std::string_view)                                                         \
  MANY(AllWarehouses, Warehouse) /* by id */                                                              \
  ONE(LocationId, Location, LocationId)                                                                   \
  ONE(LocationCode, Location, WarehouseId, std::string_view)                                              \
  ONE(LotId, Lot, LotId)                                                                                  \
  ONE(LotNumber, Lot, ProductId, std::string_view)                                                        \
  MANY(LotsNumbered, Lot, std::string_view) /* every product's lot of that number, by id */               \
  ONE(Serial, SerialItem, ProductId, std::string_view)                                                    \
  MANY(SerialsCoded, SerialItem, std::string_view) /* every product's item of that serial, by product */  \
  MANY(MovesOfProduct, StockMove, ProductId) /* by id */                                                  \
  ONE(Quant, StockQuant, ProductId, LocationId, LotId)                                                    \
  MANY(QuantsOfProduct, StockQuant, ProductId) /* by location, lot */                                     \
  MANY(QuantsInWarehouse, StockQuant, WarehouseId) /* by product, location, lot */                        \
  ONE(WarehouseStock, WarehouseStock, ProductId, WarehouseId)                                             \
  MANY(WarehouseStockOfProduct, WarehouseStock, ProductId) /* by warehouse */                             \
  ONE(ValuationOfProduct, Valuation, ProductId)                                                           \
  ONE(ReceiptId, Receipt, ReceiptId)                                                                      \
  ONE(ReceiptNumber, Receipt, std::string_view)                                                           \
  ONE(OrderId, Order, OrderId)                                                                            \
  ONE(OrderNumber, Order, std::string_view)                                                               \
  ONE(OrderExternal, Order, ExternalRef)                                                                  \
  /* Confirmed, partially shipped or held orders with open quantity not covered by reservations. */      \
  MANY(BackorderedOrders, Order) /* by id */                                                              \
  MANY(OpenOrdersWithProduct, Order, ProductId) /* in an open state (is_open_state), by id */             \
  ONE(ShipmentId, Shipment, ShipmentId)                                                                   \
  ONE(ShipmentNumber, Shipment, std::string_view)                                                         \
  /* Shipments with a line of the product that have not gone out (Shipment::before_goods_issue):     */  \
  /* those whose picks may hold its stock. Indexed by product, so that picking reads only the        */  \
  /* shipments competing for its products' bins.                                                     */  \
  MANY(UnissuedShipmentsOfProduct, Shipment, ProductId) /* by id */                                       \
  ONE(InvoiceId, Invoice, InvoiceId)                                                                      \
  ONE(InvoiceNumber, Invoice, std::string_view)                                                           \
  ONE(PaymentNumber, Payment, std::string_view)                                                           \
  MANY(PaymentsOfCustomer, Payment, CustomerId) /* by id */                                               \
  ONE(CreditNoteNumber, CreditNote, std::string_view)                                                     \
  MANY(CreditNotesOfCustomer, CreditNote, CustomerId) /* by id */                                         \
  ONE(RefundNumber, Refund, std::string_view)                                                             \
  MANY(RefundsOfCustomer, Refund, CustomerId) /* by id */                                                 \
  ONE(ReturnNumber, CustomerReturn, std::string_view)                                                     \
  MANY(LinksFrom, DocumentLink, DocumentRef) /* in the order they were written */                         \
  MANY(LinksTo, DocumentLink, DocumentRef) /* in the order they were written */

enum class Stored : std::uint8_t {
#define OMS_STORED_ENUMERATOR(T) k##T,
  OMS_STORED_ENTITIES(OMS_STORED_ENUMERATOR)
#undef OMS_STORED_ENUMERATOR
};

enum class Index : std::uint8_t {
#define OMS_INDEX_ENUMERATOR(name, ...) k##name,
  OMS_STORAGE_INDEXES(OMS_INDEX_ENUMERATOR, OMS_INDEX_ENUMERATOR)
#undef OMS_INDEX_ENUMERATOR
};

// StoredKind<T>::value: the Stored of entity type T (no such member for other types).
template <class T>
struct StoredKind {};
#define OMS_STORED_KIND(T) \
  template <>              \
  struct StoredKind<T> : std::integral_constant<Stored, Stored::k##T> {};
OMS_STORED_ENTITIES(OMS_STORED_KIND)
#undef OMS_STORED_KIND

// The key of a lookup: its parts as listed, ids and enums in `numbers`, texts (a currency's code,
// both halves of an ExternalRef, a DocumentRef's number after its kind) in `texts`. The texts view
// the caller's values for the duration of the call.
struct Key {
  std::array<std::int64_t, 3> numbers{};
  std::array<std::string_view, 2> texts{};
};

struct Lookup {
  Index index;
  Key key;
};

// The typed names of the lookups: by::kProductSku is a One<Product, std::string_view>.
template <class T, class... Parts>
struct One {
  Index index;
};
template <class T, class... Parts>
struct Many {
  Index index;
};
namespace by {
// (The entity and the key parts are the arguments after the name, in that order.)
#define OMS_INDEX_ONE(name, ...) inline constexpr One<__VA_ARGS__> k##name{Index::k##name};
#define OMS_INDEX_MANY(name, ...) inline constexpr Many<__VA_ARGS__> k##name{Index::k##name};
OMS_STORAGE_INDEXES(OMS_INDEX_ONE, OMS_INDEX_MANY)
#undef OMS_INDEX_ONE
#undef OMS_INDEX_MANY
}  // namespace by

// Where `find` puts what it found: an optional entity for a lookup of one, a vector for a lookup
// of many. Setting the wrong type (an adapter bug) throws kInternal.
class OMS_API Found {
 public:
  template <class T>
  explicit Found(std::optional<T>& one) noexcept : kind_(StoredKind<T>::value), many_(false), slot_(&one) {}
  template <class T>
  explicit Found(std::vector<T>& many) noexcept : kind_(StoredKind<T>::value), many_(true), slot_(&many) {}

  template <class T>
  void set(std::optional<T>&& one) {
    check(StoredKind<T>::value, false);
    *static_cast<std::optional<T>*>(slot_) = std::move(one);
  }
  // The entity as the adapter keeps it (none: null), copied into the result.
  template <class T>
  void set(const T* one) {
    check(StoredKind<T>::value, false);
    if (one) static_cast<std::optional<T>*>(slot_)->emplace(*one);
  }
  template <class T>
  void set(std::vector<T>&& many) {
    check(StoredKind<T>::value, true);
    *static_cast<std::vector<T>*>(slot_) = std::move(many);
  }

 private:
  void check(Stored kind, bool many) const {
    if (kind != kind_ || many != many_) mismatch(kind, many);
  }
  [[noreturn]] void mismatch(Stored kind, bool many) const;
  Stored kind_;
  bool many_;
  void* slot_;
};

// An entity to write, of any stored kind. `visit(f)` calls f with it as its own type.
class EntityRef {
 public:
  template <class T>
  EntityRef(const T& entity) noexcept : kind_(StoredKind<T>::value), entity_(&entity) {}  // NOLINT(google-explicit-constructor)

  Stored kind() const noexcept { return kind_; }
  template <class F>
  decltype(auto) visit(F&& f) const {
    switch (kind_) {
#define OMS_VISIT_CASE(T) \
  case Stored::k##T:      \
    return f(*static_cast<const T*>(entity_));
      OMS_STORED_ENTITIES(OMS_VISIT_CASE)
#undef OMS_VISIT_CASE
    }
    return f(*static_cast<const Unit*>(entity_));  // not reached: every kind has its case
  }

 private:
  Stored kind_;
  const void* entity_;
};

namespace internal {
struct KeyBuilder {
  Key key;
  std::size_t numbers = 0;
  std::size_t texts = 0;
  template <class Tag>
  void add(Id<Tag> id) { key.numbers[numbers++] = id.value; }
  void add(std::string_view text) { key.texts[texts++] = text; }
  void add(const Currency& currency) { add(currency.code()); }
  void add(const ExternalRef& ref) {
    add(std::string_view(ref.source));
    add(std::string_view(ref.id));
  }
  void add(const DocumentRef& ref) {
    key.numbers[numbers++] = static_cast<std::int64_t>(ref.kind);
    add(std::string_view(ref.number));
  }
};
template <class... Parts>
Key make_key(const Parts&... parts) {
  KeyBuilder b;
  (b.add(parts), ...);
  return b.key;
}
}  // namespace internal

class OMS_API Transaction {
 public:
  virtual ~Transaction() = default;

  // Makes every write of this transaction durable and visible. Called at most once.
  virtual void commit() = 0;

  // A new id for an entity of `kind`: 1, 2, 3, ... per kind, never reused (also not after a
  // rollback is an acceptable gap).
  virtual std::int64_t next_id(EntityKind kind) = 0;
  // The next value of a named counter, starting at 1 (order numbers per prefix and date).
  virtual std::int64_t next_sequence(std::string_view key) = 0;

  // Answers `lookup` into `found`: the entity it names, or none, for an index of one; every
  // entity it matches, in the index's order, for an index of many.
  virtual void find(const Lookup& lookup, Found found) = 0;
  // Inserts or replaces `entity` by its key (see the file comment). Stock moves and document
  // links are only ever appended: a move is written once with a new id, a link once.
  virtual void write(EntityRef entity) = 0;

  // Queries with filters, and the aggregates reports need.
  //
  // Customers whose code equals `text`, or whose name or nickname contains it (ASCII letters
  // compared case-insensitively), by id.
  virtual std::vector<Customer> search_customers(std::string_view text) = 0;
  virtual std::vector<Order> list_orders(const OrderSelection& selection) = 0;
  virtual std::int64_t count_orders(CustomerId customer) = 0;
  virtual std::vector<Shipment> list_shipments(const ShipmentSelection& query) = 0;
  virtual std::vector<Invoice> list_invoices(const InvoiceSelection& query) = 0;
  // The order lines of the orders that count as sales, filtered and grouped by `query.by` and
  // currency, summed by the rules of include/oms/reports.h, sorted by key and currency. Adapters
  // compute it where the data is (SQL for SQLite) rather than loading the orders; `name` and
  // `margin_percent` are left to the engine.
  virtual std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& query) = 0;
  // The stock moves of [from, to) summed per product and kind: quantity and value (quantity x
  // unit cost, exact), sorted by product and kind. Computed where the moves are.
  virtual std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) = 0;
  // Per customer with such orders: the orders dated `from` or later that count as sales, and the
  // sum of the totals of those in `currency` (customer grading). Sorted by customer id.
  virtual std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) = 0;

  // The event journal. append_event assigns and returns the sequence number.
  virtual std::int64_t append_event(const Event& event) = 0;
  virtual std::vector<Event> read_events(std::int64_t after_sequence, std::size_t limit) = 0;

  // The typed face of find and write.
  template <class T, class... Parts>
  std::optional<T> get(One<T, Parts...> by, const std::type_identity_t<Parts>&... key) {
    std::optional<T> out;
    find(Lookup{by.index, internal::make_key(key...)}, Found(out));
    return out;
  }
  template <class T, class... Parts>
  std::vector<T> list(Many<T, Parts...> by, const std::type_identity_t<Parts>&... key) {
    std::vector<T> out;
    find(Lookup{by.index, internal::make_key(key...)}, Found(out));
    return out;
  }
  template <class T>
  void put(const T& entity) {
    write(EntityRef(entity));
  }
};

enum class TxMode { kRead, kWrite };

class OMS_API Storage {
 public:
  virtual ~Storage() = default;
  // A new transaction. Read transactions must not write.
  virtual std::unique_ptr<Transaction> begin(TxMode mode) = 0;
  // A short name for messages and tests: "memory", "sqlite".
  virtual std::string_view name() const noexcept = 0;
};

// The in-memory adapter: everything in process memory, gone when the last reference is dropped.
// Write transactions run one at a time; reads run concurrently with each other. Rollback
// restores every write from an undo log.
OMS_API std::shared_ptr<Storage> make_memory_storage();

}  // namespace oms

#endif  // OMS_STORAGE_H_
