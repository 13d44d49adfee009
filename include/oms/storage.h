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
// Entities are passed by value; `put_*` inserts or replaces by the entity's key, every member,
// and keeps the adapter's indexes (SKU, barcode, order number, external reference, customer,
// ...) in step, also when a put changes an indexed member. One exception: an order's `history`
// only grows, so put_order may leave alone the entries it has already stored. Uniqueness is
// checked by the engine before writing; adapters may enforce it again.
//
// Thread safety: a Storage is safe for concurrent access from multiple threads without external
// synchronization. A Transaction belongs to the thread that began it.
#ifndef OMS_STORAGE_H_
#define OMS_STORAGE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// Filters for listing orders; empty fields do not filter. Each filter has its index in the
// SQLite adapter, so a filtered listing reads only the orders it lists.
struct OrderQuery {
  std::optional<CustomerId> customer;
  std::vector<OrderState> states;
  std::optional<Date> from;  // order date, inclusive
  std::optional<Date> to;    // order date, inclusive
  std::size_t limit = 0;     // 0 = no limit; results are in id order
};

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

  // Catalog
  virtual std::optional<Unit> get_unit(std::string_view code) = 0;
  virtual void put_unit(const Unit& unit) = 0;
  virtual std::vector<Unit> list_units() = 0;
  virtual std::optional<TaxClass> get_tax_class(std::string_view code) = 0;
  virtual void put_tax_class(const TaxClass& tax_class) = 0;
  virtual std::vector<TaxClass> list_tax_classes() = 0;
  virtual std::optional<Product> get_product(ProductId id) = 0;
  virtual std::optional<Product> find_product_by_sku(std::string_view sku) = 0;
  virtual std::optional<Product> find_product_by_barcode(std::string_view code) = 0;
  virtual void put_product(const Product& product) = 0;
  virtual std::vector<Product> list_products() = 0;

  virtual std::optional<PriceList> get_price_list(PriceListId id) = 0;
  virtual std::optional<PriceList> find_price_list(std::string_view code) = 0;
  virtual void put_price_list(const PriceList& list) = 0;
  virtual std::vector<PriceList> list_price_lists() = 0;
  virtual void put_price_entry(const PriceListEntry& entry) = 0;
  virtual std::vector<PriceListEntry> price_entries_for_product(ProductId product) = 0;

  virtual std::optional<Promotion> find_promotion(std::string_view code) = 0;
  virtual void put_promotion(const Promotion& promotion) = 0;
  virtual std::vector<Promotion> list_promotions() = 0;

  // Customers
  virtual std::optional<Customer> get_customer(CustomerId id) = 0;
  virtual std::optional<Customer> find_customer_by_code(std::string_view code) = 0;
  virtual void put_customer(const Customer& customer) = 0;
  // Customers whose code equals `text`, or whose name or nickname contains it (ASCII letters
  // compared case-insensitively).
  virtual std::vector<Customer> search_customers(std::string_view text) = 0;
  virtual std::vector<Customer> list_customers() = 0;
  virtual std::optional<CreditAccount> get_credit_account(CustomerId customer, const Currency& currency) = 0;
  virtual void put_credit_account(const CreditAccount& account) = 0;

  // Warehouses and bins
  virtual std::optional<Warehouse> get_warehouse(WarehouseId id) = 0;
  virtual std::optional<Warehouse> find_warehouse(std::string_view code) = 0;
  virtual void put_warehouse(const Warehouse& warehouse) = 0;
  virtual std::vector<Warehouse> list_warehouses() = 0;
  virtual std::optional<Location> get_location(LocationId id) = 0;
  virtual std::optional<Location> find_location(WarehouseId warehouse, std::string_view code) = 0;
  virtual void put_location(const Location& location) = 0;

  // Lots and serial numbers
  virtual std::optional<Lot> get_lot(LotId id) = 0;
  virtual std::optional<Lot> find_lot(ProductId product, std::string_view lot_number) = 0;
  virtual std::vector<Lot> find_lots_by_number(std::string_view lot_number) = 0;
  virtual void put_lot(const Lot& lot) = 0;
  virtual std::optional<SerialItem> find_serial(ProductId product, std::string_view serial) = 0;
  virtual std::vector<SerialItem> find_serials_by_code(std::string_view serial) = 0;
  virtual void put_serial(const SerialItem& item) = 0;

  // The stock ledger and its balances
  virtual void append_move(const StockMove& move) = 0;
  virtual std::vector<StockMove> list_moves(ProductId product) = 0;
  virtual std::optional<StockQuant> get_quant(ProductId product, LocationId location, LotId lot) = 0;
  virtual void put_quant(const StockQuant& quant) = 0;
  virtual std::vector<StockQuant> list_quants(ProductId product) = 0;
  virtual std::vector<StockQuant> list_quants_in_warehouse(WarehouseId warehouse) = 0;
  virtual std::optional<WarehouseStock> get_warehouse_stock(ProductId product, WarehouseId warehouse) = 0;
  virtual void put_warehouse_stock(const WarehouseStock& stock) = 0;
  virtual std::vector<WarehouseStock> list_warehouse_stock(ProductId product) = 0;
  virtual std::optional<Valuation> get_valuation(ProductId product) = 0;
  virtual void put_valuation(const Valuation& valuation) = 0;
  virtual std::optional<Receipt> get_receipt(ReceiptId id) = 0;
  virtual std::optional<Receipt> find_receipt(std::string_view number) = 0;
  virtual void put_receipt(const Receipt& receipt) = 0;

  // Orders
  virtual std::optional<Order> get_order(OrderId id) = 0;
  virtual std::optional<Order> find_order_by_number(std::string_view number) = 0;
  virtual std::optional<Order> find_order_by_external(const ExternalRef& ref) = 0;
  virtual void put_order(const Order& order) = 0;
  virtual std::vector<Order> list_orders(const OrderQuery& query) = 0;
  virtual std::int64_t count_orders(CustomerId customer) = 0;
  // Confirmed, partially shipped or held orders with open quantity not covered by reservations.
  virtual std::vector<Order> list_backordered_orders() = 0;
  // Orders in an open state (is_open_state) with a line for `product`.
  virtual std::vector<Order> list_open_orders_with_product(ProductId product) = 0;
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

  // Fulfilment and settlement documents. Numbers are unique per kind.
  virtual std::optional<Shipment> get_shipment(ShipmentId id) = 0;
  virtual std::optional<Shipment> find_shipment(std::string_view number) = 0;
  virtual void put_shipment(const Shipment& shipment) = 0;
  virtual std::vector<Shipment> list_shipments(const ShipmentQuery& query) = 0;
  // The shipments with a line of `product` that have not gone out yet (Shipment::before_goods_issue), in
  // id order: those whose picks may hold its stock. Adapters keep them indexed by product, so
  // that picking reads the shipments competing for its products' bins, not every open one.
  virtual std::vector<Shipment> list_unissued_shipments_of(ProductId product) = 0;
  virtual std::optional<Invoice> get_invoice(InvoiceId id) = 0;
  virtual std::optional<Invoice> find_invoice(std::string_view number) = 0;
  virtual void put_invoice(const Invoice& invoice) = 0;
  virtual std::vector<Invoice> list_invoices(const InvoiceQuery& query) = 0;
  virtual std::optional<Payment> find_payment(std::string_view number) = 0;
  virtual void put_payment(const Payment& payment) = 0;
  virtual std::vector<Payment> list_payments(CustomerId customer) = 0;
  virtual std::optional<CreditNote> find_credit_note(std::string_view number) = 0;
  virtual void put_credit_note(const CreditNote& note) = 0;
  virtual std::vector<CreditNote> list_credit_notes(CustomerId customer) = 0;
  virtual std::optional<Refund> find_refund(std::string_view number) = 0;
  virtual void put_refund(const Refund& refund) = 0;
  virtual std::vector<Refund> list_refunds(CustomerId customer) = 0;
  virtual std::optional<CustomerReturn> find_return(std::string_view number) = 0;
  virtual void put_return(const CustomerReturn& customer_return) = 0;

  // Document links (document flow), in the order they were appended.
  virtual void append_link(const DocumentLink& link) = 0;
  virtual std::vector<DocumentLink> links_from(const DocumentRef& document) = 0;
  virtual std::vector<DocumentLink> links_to(const DocumentRef& document) = 0;

  // The event journal. append_event assigns and returns the sequence number.
  virtual std::int64_t append_event(const Event& event) = 0;
  virtual std::vector<Event> read_events(std::int64_t after_sequence, std::size_t limit) = 0;
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
