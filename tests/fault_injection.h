// A storage decorator that fails the N-th write of a transaction with kStorage (or another code,
// such as kConflict for a lost race), to prove that
// every engine operation is all-or-nothing: whatever write fails, nothing of the operation
// remains. It wraps any adapter, so the same atomicity tests run on each of them.
#ifndef OMS_TESTS_FAULT_INJECTION_H_
#define OMS_TESTS_FAULT_INJECTION_H_

#include <atomic>
#include <memory>

#include "oms/storage.h"

namespace oms::testing {

class FaultInjectingStorage final : public Storage {
 public:
  explicit FaultInjectingStorage(std::shared_ptr<Storage> inner) : inner_(std::move(inner)) {}

  // The next write transaction fails at its n-th write (1-based) with `code`; 0 disarms.
  void fail_at_write(int n, StatusCode code = StatusCode::kStorage) {
    code_ = code;
    fail_at_ = n;
  }
  // Whether the armed fault fired.
  bool fired() const { return fired_; }

  std::unique_ptr<Transaction> begin(TxMode mode) override;
  std::string_view name() const noexcept override { return inner_->name(); }

 private:
  friend class FaultInjectingTransaction;
  std::shared_ptr<Storage> inner_;
  std::atomic<int> fail_at_{0};
  std::atomic<bool> fired_{false};
  std::atomic<StatusCode> code_{StatusCode::kStorage};
};

class FaultInjectingTransaction final : public Transaction {
 public:
  FaultInjectingTransaction(std::unique_ptr<Transaction> inner, FaultInjectingStorage& owner, int fail_at)
      : inner_(std::move(inner)), owner_(owner), fail_at_(fail_at) {}

  void commit() override {
    step();
    inner_->commit();
  }

  std::int64_t next_id(EntityKind kind) override {
    step();
    return inner_->next_id(kind);
  }
  std::int64_t next_sequence(std::string_view key) override {
    step();
    return inner_->next_sequence(key);
  }
  std::optional<Unit> get_unit(std::string_view code) override {
    return inner_->get_unit(code);
  }
  void put_unit(const Unit& unit) override {
    step();
    inner_->put_unit(unit);
  }
  std::vector<Unit> list_units() override {
    return inner_->list_units();
  }
  std::optional<TaxClass> get_tax_class(std::string_view code) override {
    return inner_->get_tax_class(code);
  }
  void put_tax_class(const TaxClass& tax_class) override {
    step();
    inner_->put_tax_class(tax_class);
  }
  std::vector<TaxClass> list_tax_classes() override {
    return inner_->list_tax_classes();
  }
  std::optional<Product> get_product(ProductId id) override {
    return inner_->get_product(id);
  }
  std::optional<Product> find_product_by_sku(std::string_view sku) override {
    return inner_->find_product_by_sku(sku);
  }
  std::optional<Product> find_product_by_barcode(std::string_view code) override {
    return inner_->find_product_by_barcode(code);
  }
  void put_product(const Product& product) override {
    step();
    inner_->put_product(product);
  }
  std::vector<Product> list_products() override {
    return inner_->list_products();
  }
  std::optional<PriceList> get_price_list(PriceListId id) override {
    return inner_->get_price_list(id);
  }
  std::optional<PriceList> find_price_list(std::string_view code) override {
    return inner_->find_price_list(code);
  }
  void put_price_list(const PriceList& list) override {
    step();
    inner_->put_price_list(list);
  }
  std::vector<PriceList> list_price_lists() override {
    return inner_->list_price_lists();
  }
  void put_price_entry(const PriceListEntry& entry) override {
    step();
    inner_->put_price_entry(entry);
  }
  std::vector<PriceListEntry> price_entries_for_product(ProductId product) override {
    return inner_->price_entries_for_product(product);
  }
  std::optional<Promotion> find_promotion(std::string_view code) override {
    return inner_->find_promotion(code);
  }
  void put_promotion(const Promotion& promotion) override {
    step();
    inner_->put_promotion(promotion);
  }
  std::vector<Promotion> list_promotions() override {
    return inner_->list_promotions();
  }
  std::optional<Customer> get_customer(CustomerId id) override {
    return inner_->get_customer(id);
  }
  std::optional<Customer> find_customer_by_code(std::string_view code) override {
    return inner_->find_customer_by_code(code);
  }
  void put_customer(const Customer& customer) override {
    step();
    inner_->put_customer(customer);
  }
  std::vector<Customer> search_customers(std::string_view text) override {
    return inner_->search_customers(text);
  }
  std::vector<Customer> list_customers() override {
    return inner_->list_customers();
  }
  std::optional<CreditAccount> get_credit_account(CustomerId customer, const Currency& currency) override {
    return inner_->get_credit_account(customer, currency);
  }
  void put_credit_account(const CreditAccount& account) override {
    step();
    inner_->put_credit_account(account);
  }
  std::optional<Warehouse> get_warehouse(WarehouseId id) override {
    return inner_->get_warehouse(id);
  }
  std::optional<Warehouse> find_warehouse(std::string_view code) override {
    return inner_->find_warehouse(code);
  }
  void put_warehouse(const Warehouse& warehouse) override {
    step();
    inner_->put_warehouse(warehouse);
  }
  std::vector<Warehouse> list_warehouses() override {
    return inner_->list_warehouses();
  }
  std::optional<Location> get_location(LocationId id) override {
    return inner_->get_location(id);
  }
  std::optional<Location> find_location(WarehouseId warehouse, std::string_view code) override {
    return inner_->find_location(warehouse, code);
  }
  void put_location(const Location& location) override {
    step();
    inner_->put_location(location);
  }
  std::optional<Lot> get_lot(LotId id) override {
    return inner_->get_lot(id);
  }
  std::optional<Lot> find_lot(ProductId product, std::string_view lot_number) override {
    return inner_->find_lot(product, lot_number);
  }
  std::vector<Lot> find_lots_by_number(std::string_view lot_number) override {
    return inner_->find_lots_by_number(lot_number);
  }
  void put_lot(const Lot& lot) override {
    step();
    inner_->put_lot(lot);
  }
  std::optional<SerialItem> find_serial(ProductId product, std::string_view serial) override {
    return inner_->find_serial(product, serial);
  }
  std::vector<SerialItem> find_serials_by_code(std::string_view serial) override {
    return inner_->find_serials_by_code(serial);
  }
  void put_serial(const SerialItem& item) override {
    step();
    inner_->put_serial(item);
  }
  void append_move(const StockMove& move) override {
    step();
    inner_->append_move(move);
  }
  std::vector<StockMove> list_moves(ProductId product) override {
    return inner_->list_moves(product);
  }
  std::optional<StockQuant> get_quant(ProductId product, LocationId location, LotId lot) override {
    return inner_->get_quant(product, location, lot);
  }
  void put_quant(const StockQuant& quant) override {
    step();
    inner_->put_quant(quant);
  }
  std::vector<StockQuant> list_quants(ProductId product) override {
    return inner_->list_quants(product);
  }
  std::vector<StockQuant> list_quants_in_warehouse(WarehouseId warehouse) override {
    return inner_->list_quants_in_warehouse(warehouse);
  }
  std::optional<WarehouseStock> get_warehouse_stock(ProductId product, WarehouseId warehouse) override {
    return inner_->get_warehouse_stock(product, warehouse);
  }
  void put_warehouse_stock(const WarehouseStock& stock) override {
    step();
    inner_->put_warehouse_stock(stock);
  }
  std::vector<WarehouseStock> list_warehouse_stock(ProductId product) override {
    return inner_->list_warehouse_stock(product);
  }
  std::optional<Valuation> get_valuation(ProductId product) override {
    return inner_->get_valuation(product);
  }
  void put_valuation(const Valuation& valuation) override {
    step();
    inner_->put_valuation(valuation);
  }
  std::optional<Receipt> get_receipt(ReceiptId id) override {
    return inner_->get_receipt(id);
  }
  std::optional<Receipt> find_receipt(std::string_view number) override {
    return inner_->find_receipt(number);
  }
  void put_receipt(const Receipt& receipt) override {
    step();
    inner_->put_receipt(receipt);
  }
  std::optional<Order> get_order(OrderId id) override {
    return inner_->get_order(id);
  }
  std::optional<Order> find_order_by_number(std::string_view number) override {
    return inner_->find_order_by_number(number);
  }
  std::optional<Order> find_order_by_external(const ExternalRef& ref) override {
    return inner_->find_order_by_external(ref);
  }
  void put_order(const Order& order) override {
    step();
    inner_->put_order(order);
  }
  std::vector<Order> list_orders(const OrderQuery& query) override {
    return inner_->list_orders(query);
  }
  std::int64_t count_orders(CustomerId customer) override {
    return inner_->count_orders(customer);
  }
  std::vector<Order> list_backordered_orders() override {
    return inner_->list_backordered_orders();
  }
  std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& query) override {
    return inner_->summarize_order_lines(query);
  }
  std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) override {
    return inner_->summarize_customer_orders(from, currency);
  }
  std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) override {
    return inner_->summarize_moves(from, to);
  }
  std::vector<Order> list_open_orders_with_product(ProductId product) override {
    return inner_->list_open_orders_with_product(product);
  }
  std::optional<Shipment> get_shipment(ShipmentId id) override {
    return inner_->get_shipment(id);
  }
  std::optional<Shipment> find_shipment(std::string_view number) override {
    return inner_->find_shipment(number);
  }
  void put_shipment(const Shipment& shipment) override {
    step();
    inner_->put_shipment(shipment);
  }
  std::vector<Shipment> list_shipments(const ShipmentQuery& query) override {
    return inner_->list_shipments(query);
  }
  std::vector<Shipment> list_unissued_shipments_of(ProductId product) override {
    return inner_->list_unissued_shipments_of(product);
  }
  std::optional<Invoice> get_invoice(InvoiceId id) override {
    return inner_->get_invoice(id);
  }
  std::optional<Invoice> find_invoice(std::string_view number) override {
    return inner_->find_invoice(number);
  }
  void put_invoice(const Invoice& invoice) override {
    step();
    inner_->put_invoice(invoice);
  }
  std::vector<Invoice> list_invoices(const InvoiceQuery& query) override {
    return inner_->list_invoices(query);
  }
  std::optional<Payment> find_payment(std::string_view number) override {
    return inner_->find_payment(number);
  }
  void put_payment(const Payment& payment) override {
    step();
    inner_->put_payment(payment);
  }
  std::vector<Payment> list_payments(CustomerId customer) override {
    return inner_->list_payments(customer);
  }
  std::optional<CreditNote> find_credit_note(std::string_view number) override {
    return inner_->find_credit_note(number);
  }
  void put_credit_note(const CreditNote& note) override {
    step();
    inner_->put_credit_note(note);
  }
  std::vector<CreditNote> list_credit_notes(CustomerId customer) override {
    return inner_->list_credit_notes(customer);
  }
  std::optional<Refund> find_refund(std::string_view number) override {
    return inner_->find_refund(number);
  }
  void put_refund(const Refund& refund) override {
    step();
    inner_->put_refund(refund);
  }
  std::vector<Refund> list_refunds(CustomerId customer) override {
    return inner_->list_refunds(customer);
  }
  std::optional<CustomerReturn> find_return(std::string_view number) override {
    return inner_->find_return(number);
  }
  void put_return(const CustomerReturn& customer_return) override {
    step();
    inner_->put_return(customer_return);
  }
  void append_link(const DocumentLink& link) override {
    step();
    inner_->append_link(link);
  }
  std::vector<DocumentLink> links_from(const DocumentRef& document) override {
    return inner_->links_from(document);
  }
  std::vector<DocumentLink> links_to(const DocumentRef& document) override {
    return inner_->links_to(document);
  }
  std::int64_t append_event(const Event& event) override {
    step();
    return inner_->append_event(event);
  }
  std::vector<Event> read_events(std::int64_t after_sequence, std::size_t limit) override {
    return inner_->read_events(after_sequence, limit);
  }

 private:
  void step() {
    if (fail_at_ > 0 && ++writes_ == fail_at_) {
      owner_.fired_ = true;
      throw Error(Status(owner_.code_, "injected failure at write " + std::to_string(writes_)));
    }
  }

  std::unique_ptr<Transaction> inner_;
  FaultInjectingStorage& owner_;
  int fail_at_;
  int writes_ = 0;
};

inline std::unique_ptr<Transaction> FaultInjectingStorage::begin(TxMode mode) {
  int n = 0;
  if (mode == TxMode::kWrite) n = fail_at_.exchange(0);
  fired_ = false;
  return std::make_unique<FaultInjectingTransaction>(inner_->begin(mode), *this, n);
}

// A test fixture (EngineTest or one derived from it) whose storage is the adapter under test
// wrapped in a FaultInjectingStorage, reachable as `faulty`.
template <class Fixture>
class WithFaults : public Fixture {
 protected:
  std::shared_ptr<Storage> make_storage() override {
    faulty = std::make_shared<FaultInjectingStorage>(Fixture::make_storage());
    return faulty;
  }
  std::shared_ptr<FaultInjectingStorage> faulty;
};

}  // namespace oms::testing

#endif  // OMS_TESTS_FAULT_INJECTION_H_
