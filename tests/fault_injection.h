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

  // Writes: each counts as one step and may fail.
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
  void write(EntityRef entity) override {
    step();
    inner_->write(entity);
  }
  std::int64_t append_event(const Event& event) override {
    step();
    return inner_->append_event(event);
  }

  // Reads pass through.
  void find(const Lookup& lookup, Found found) override { inner_->find(lookup, found); }
  std::vector<Customer> search_customers(std::string_view text) override { return inner_->search_customers(text); }
  std::vector<Order> list_orders(const OrderSelection& query) override { return inner_->list_orders(query); }
  std::int64_t count_orders(CustomerId customer) override { return inner_->count_orders(customer); }
  std::vector<Shipment> list_shipments(const ShipmentSelection& query) override { return inner_->list_shipments(query); }
  std::vector<Invoice> list_invoices(const InvoiceSelection& query) override { return inner_->list_invoices(query); }
  std::vector<LineSummary> summarize_order_lines(const LineSummaryQuery& query) override {
    return inner_->summarize_order_lines(query);
  }
  std::vector<MoveSummary> summarize_moves(Timestamp from, Timestamp to) override {
    return inner_->summarize_moves(from, to);
  }
  std::vector<CustomerOrderTotals> summarize_customer_orders(Date from, const Currency& currency) override {
    return inner_->summarize_customer_orders(from, currency);
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
