// Internal: the engine's unit-of-work plumbing and the helpers shared by its operation files.
//
// Every public Engine operation becomes a lambda run by Engine::Impl::write (or read) with an
// Op (or Ctx): the transaction, the options, the time of the operation and, for writes, the
// actor and the events collected so far. Domain code throws oms::Error on bad input; write()
// turns that into the returned Status after the transaction has rolled back.
#ifndef OMS_SRC_ENGINE_IMPL_H_
#define OMS_SRC_ENGINE_IMPL_H_

#include <map>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <string>
#include <vector>

#include "text/json_writer.h"
#include "text/text_check.h"
#include "oms/engine.h"

namespace oms {
namespace internal {

[[noreturn]] inline void fail(Status status) { throw Error(std::move(status)); }

// A read context: one transaction, the options, the instant of the operation.
struct Ctx {
  Transaction& tx;
  const EngineOptions& opt;
  Timestamp now;
  Date today() const { return date_of(now); }
};

// A write context: also who acts and the events the operation produces.
struct Op : Ctx {
  std::string actor;
  std::vector<Event> events;
  // Available-to-sell of every product whose stock this operation touched, as it was before.
  std::map<std::int64_t, Decimal> available_before;

  void emit(std::string entity, std::int64_t entity_id, std::string type, const JsonObject& data);
  // Call before changing a product's on-hand or reserved quantity (low-stock alerts).
  void touch_stock(ProductId product);
  // Runs at the end of every write, before commit: raises the alerts that depend on the
  // operation's net effect.
  void finalize();
};

// Look-ups that fail with kNotFound naming the field and the key.
Product must_product(Ctx& c, std::string_view sku, std::string_view field = "sku");
Customer must_customer(Ctx& c, std::string_view code, std::string_view field = "customer_code");
Warehouse must_warehouse(Ctx& c, std::string_view code, std::string_view field = "warehouse");
// An empty code means the warehouse's default location "MAIN".
Location must_location(Ctx& c, const Warehouse& wh, std::string_view code, std::string_view field = "location");
Order must_order(Ctx& c, std::string_view number, std::string_view field = "order_number");
Unit unit_of(Ctx& c, const Product& p);

inline constexpr std::string_view kDefaultLocation = "MAIN";

// Validation helpers: throw kInvalidArgument naming `field` and the value.
void require_nonempty(std::string_view field, std::string_view value);
void require_positive(std::string_view field, const Decimal& value);
void require_non_negative(std::string_view field, const Decimal& value);
void require_unit_precision(std::string_view field, const Decimal& quantity, const Unit& unit);
// Every quantity of a product an operation is given passes here: kInvalidArgument naming
// `field` unless it is positive (kNonNegative: or zero, as a count) and has no more decimal
// places than the product's unit allows (1.5 pieces is refused). The stock ledger checks the
// unit again on every move (post_move), so a quantity that missed this could not reach stock.
enum class QuantitySign { kPositive, kNonNegative };
void require_quantity(Ctx& c, std::string_view field, const Decimal& quantity, const Product& product,
                      QuantitySign sign = QuantitySign::kPositive);
void require_valid_dates(std::string_view field, const std::optional<Date>& from, const std::optional<Date>& to);
bool in_validity(const std::optional<Date>& from, const std::optional<Date>& to, const Date& d);

std::string field_at(std::string_view array, std::size_t index, std::string_view member);

// Runs `fn` on every item, inside the caller's unit of work, and collects the results; a failure
// names the item: "quantity" becomes "<array>[i].quantity".
template <class T, class Fn>
auto for_each_item(std::string_view array, std::span<const T> items, Fn&& fn) {
  std::vector<std::invoke_result_t<Fn&, const T&>> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    try {
      out.push_back(fn(items[i]));
    } catch (const Error& e) {
      throw Error(e.status().with_field_prefix(field_at(array, i, "")));
    }
  }
  return out;
}

// ---- Catalog (engine_catalog.cpp) ----
// The price of `quantity` of `p` for `customer` (may be null) on `date` in `currency`: the most
// specific valid price list (customer, then grade, then everyone; then priority), else the
// product's list price in that currency, else kNone with a zero price.
PriceQuote resolve_price(Ctx& c, const Product& p, const Customer* customer, const Currency& currency,
                         const Date& date, const Decimal& quantity, bool fallback_includes_tax);
Decimal tax_rate_of(Ctx& c, const Product& p);

// ---- Stock (engine_inventory.cpp) ----
// Writes a move and updates its quant and warehouse balance; refuses to take a quant below zero
// and a quantity finer than the product's unit.
StockMove post_move(Op& op, StockMove move);
// Moving average after `qty` came in at `unit_cost`.
void value_receipt(Op& op, ProductId product, const Decimal& qty, const Decimal& unit_cost);
// Quantity change at the current average (issues, adjustments).
void value_quantity_change(Op& op, ProductId product, const Decimal& qty);
Decimal available_total(Ctx& c, ProductId product);
Money current_unit_cost(Ctx& c, const Product& p);
void reserve_stock(Op& op, ProductId product, WarehouseId warehouse, const Decimal& qty);
void release_stock(Op& op, ProductId product, WarehouseId warehouse, const Decimal& qty);
// The next document number by `rule` (prefix, today's date part, per-stem sequence).
std::string next_number(Op& op, const NumberRule& rule);
// A document's number: `requested` if given (kAlreadyExists when `taken`), else the next number
// by `rule` that is not taken (numbers entered by hand may sit in the generated range).
template <class Taken>
std::string assign_number(Op& op, const NumberRule& rule, const std::string& requested, Taken&& taken) {
  if (!requested.empty()) {
    if (taken(requested)) fail(Status::AlreadyExists("number", requested));
    return requested;
  }
  std::string number;
  do {
    number = next_number(op, rule);
  } while (taken(number));
  return number;
}

// ---- Orders (engine_orders.cpp) ----
// The review of `order`; `stored_contribution` is its credit contribution as stored, which the
// credit check takes out of the customer's account before adding the order as it is now.
Review review_order(Ctx& c, const Order& order, const Money& stored_contribution);
void reprice(Ctx& c, Order& order);
// The state `action` leads to; kFailedPrecondition naming the order, its state and the action
// if the transition table has no such transition.
OrderState require_transition(const Order& order, OrderAction action);
// Applies a transition and records it in the order history (who, when, why).
void change_state(Op& op, Order& order, OrderAction action, std::string_view reason);
JsonObject order_summary(const Order& order);
// What an order adds to its customer's credit exposure: the larger of its billable value and
// what has been invoiced, less what has been paid; nothing as a draft or cancelled.
Money credit_contribution(const Order& order);
// The value of the order's billable quantities (ordered - closed - returned), line by line.
Money billable_value(const Order& order, RoundingMode mode);
// Every order write goes through here: stores the order and moves the customer's credit
// account by the change in the order's contribution. `stored_contribution` is
// credit_contribution() of the order as this operation read it (zero for a new order), so the
// stored version is not read again. Sets order.billable. Refuses (kFailedPrecondition) to leave an
// order invoiced beyond its invoice limit, whatever the operation.
void store_order(Op& op, Order& order, const Money& stored_contribution);
// Emits the order event of a transition just applied by change_state.
void emit_transition(Op& op, const Order& order, OrderAction action, std::string_view reason,
                     const JsonObject& extra = {});

// ---- Allocation (engine_allocation.cpp) ----
// Reserves the unreserved open quantity of `order` by the partial policy; returns what it
// reserved. The caller stores the order.
std::vector<AllocationResult> allocate_order(Op& op, Order& order, PartialPolicy policy);
// Releases every reservation of `line` beyond its open quantity (all of it if `all`).
void release_line(Op& op, Order& order, OrderLine& line, bool all);
// Brings reservations in line with the order after a change: lines gone or reduced give stock
// back; for confirmed orders, grown lines try to reserve more.
void sync_reservations(Op& op, const Order& before, Order& after);
// Takes `excess` reserved stock of a product in a warehouse back from the least urgent, most
// recent orders (they become backorders).
void shrink_reservations(Op& op, ProductId product, WarehouseId warehouse, Decimal excess);

// ---- Fulfilment and settlement (engine_shipments.cpp, engine_returns.cpp, engine_billing.cpp) ----
inline DocumentRef order_ref(const std::string& number) { return {DocumentKind::kOrder, number}; }
inline DocumentRef shipment_ref(const std::string& number) { return {DocumentKind::kShipment, number}; }
// The order a document refers to; its absence is an internal error (documents keep their orders).
Order load_order(Op& op, OrderId id);
Shipment must_shipment(Ctx& c, std::string_view number, std::string_view field = "shipment");
Invoice must_invoice(Ctx& c, std::string_view number, std::string_view field = "invoice");
// The most an order may be billed in total under its invoice policy (line by line, cumulative).
Money invoice_limit(const Order& order, RoundingMode mode);
// Open receivable invoices of a customer in a currency, oldest due date first.
std::vector<Invoice> open_invoices(Ctx& c, CustomerId customer, const Currency& currency);
// Records a document-flow link, stamped with the operation's time.
void link(Op& op, DocumentRef from, DocumentRef to, std::string relation, int from_line = 0, int to_line = 0,
          std::string sku = {}, Decimal quantity = {}, std::optional<Money> amount = std::nullopt);
// Issues a credit note for returned goods of `orders` (each with its amount, already taken off
// the orders' invoiced amounts by the caller) and applies it to
// the orders' open invoices. Where an order's invoices are already paid, the credit note takes
// the place of payments there, and those payments' amounts become the customer's credit
// (`freed`: payment number and amount), so that an order is never paid beyond what it bills.
CreditNote credit_for_return(Op& op, const Customer& customer, const std::string& return_number,
                             const std::vector<CreditedOrder>& orders, const std::string& reason,
                             std::vector<std::pair<std::string, Money>>& freed);
// Refunds `amount` of the unapplied credit of a payment or credit note.
Refund refund_credit(Op& op, const RefundSpec& spec);

// ---- Inventory (engine_inventory.cpp) ----
Receipt receive_in(Op& op, const ReceiptSpec& spec);

// ---- Customers (engine_customers.cpp) ----
Customer create_customer_in(Op& op, const Customer& spec);
// The grade the grading policy gives every customer today, by customer id: from = its grade,
// to = the policy's (orders that count as sales within the window, totals in its currency).
std::map<std::int64_t, GradeChange> assess_grades(Ctx& c);

// ---- Units of work spanning several operations (Engine::batch) ----
// The transaction a batch's operations share, the events they journalled (published after the
// commit) and the first failure of a change, which spoils the batch. Batches are bound to the
// thread that runs them: current_batch() is the innermost on this thread, `outer` the one it runs
// inside (a batch of another engine, called from within this one's work).
struct Batch {
  const Engine::Impl* owner;
  Transaction& tx;
  Batch* outer;
  std::vector<Event> events;
  Status failure;

  Status spoilt() const {
    return Status::FailedPrecondition(
        "an earlier operation of this batch failed, so none of it will be committed: " + failure.message(), "batch");
  }
};
Batch*& current_batch() noexcept;

inline std::string str(const Decimal& d) { return d.to_string(); }

}  // namespace internal

class Engine::Impl {
 public:
  Impl(std::shared_ptr<Storage> storage, EngineOptions options)
      : storage_(std::move(storage)), options_(std::move(options)) {}

  const EngineOptions& options() const { return options_; }

  // Runs `f(Op&)` as one atomic unit of work and publishes its events after the commit.
  // Inside a batch of this engine on this thread, `f` joins the batch's transaction instead.
  template <class F>
  auto write(std::string_view actor, F&& f) -> Result<std::invoke_result_t<F, internal::Op&>> {
    using R = std::invoke_result_t<F, internal::Op&>;
    if (internal::Batch* batch = joined_batch()) return write_in(*batch, actor, f);
    for (int attempt = 0;; ++attempt) {
      std::vector<Event> committed;
      Result<R> result = guarded<R>([&]() -> R {
        internal::require_text("actor", actor);
        auto tx = storage_->begin(TxMode::kWrite);
        internal::Op op{{*tx, options_, options_.clock->now()}, std::string(actor), {}, {}};
        R value = f(op);
        op.finalize();
        for (auto& e : op.events) e.sequence = tx->append_event(e);
        tx->commit();
        committed = std::move(op.events);
        return value;
      });
      if (!result.ok() && result.status().code() == StatusCode::kConflict && attempt < options_.conflict_retries) {
        continue;
      }
      if (result.ok()) publish(committed);
      return result;
    }
  }

  // Runs `f(Ctx&)` in a read transaction (inside a batch: in the batch's, seeing its changes).
  template <class F>
  auto read(F&& f) const -> Result<std::invoke_result_t<F, internal::Ctx&>> {
    using R = std::invoke_result_t<F, internal::Ctx&>;
    if (const internal::Batch* batch = joined_batch()) {
      if (!batch->failure.ok()) return batch->spoilt();
      return guarded<R>([&]() -> R {
        internal::Ctx ctx{batch->tx, options_, options_.clock->now()};
        return f(ctx);
      });
    }
    return guarded<R>([&]() -> R {
      auto tx = storage_->begin(TxMode::kRead);
      internal::Ctx ctx{*tx, options_, options_.clock->now()};
      return f(ctx);
    });
  }

  // Engine::batch: runs `work` with every operation of this engine on this thread joining one
  // transaction; commits if work and every change in it succeeded.
  Status batch(const std::function<Status()>& work);

  SubscriptionId subscribe(EventHandler handler);
  void unsubscribe(SubscriptionId id);

 private:
  template <class R, class F>
  static Result<R> guarded(F&& f) {
    try {
      return f();
    } catch (const Error& e) {
      return e.status();
    } catch (const std::overflow_error& e) {
      return Status::Overflow(e.what());
    } catch (const std::bad_alloc&) {
      return Status::Internal("out of memory");
    } catch (const std::exception& e) {
      return Status::Internal(e.what());
    }
  }

  // The batch of this engine running on this thread, if any.
  internal::Batch* joined_batch() const noexcept {
    for (internal::Batch* b = internal::current_batch(); b; b = b->outer) {
      if (b->owner == this) return b;
    }
    return nullptr;
  }

  // One operation of a batch: its events are journalled now and published with the batch's; its
  // failure spoils the batch, whose transaction may hold part of it.
  template <class F>
  auto write_in(internal::Batch& batch, std::string_view actor, F& f) -> Result<std::invoke_result_t<F, internal::Op&>> {
    using R = std::invoke_result_t<F, internal::Op&>;
    if (!batch.failure.ok()) return batch.spoilt();
    Result<R> result = guarded<R>([&]() -> R {
      internal::require_text("actor", actor);
      internal::Op op{{batch.tx, options_, options_.clock->now()}, std::string(actor), {}, {}};
      R value = f(op);
      op.finalize();
      for (auto& e : op.events) e.sequence = batch.tx.append_event(e);
      batch.events.insert(batch.events.end(), std::make_move_iterator(op.events.begin()),
                          std::make_move_iterator(op.events.end()));
      return value;
    });
    if (!result.ok()) batch.failure = result.status();
    return result;
  }

  // One attempt at a whole batch; on success `committed` holds its events.
  Status run_batch(const std::function<Status()>& work, std::vector<Event>& committed);

  // `f()` (returning nothing) with its exceptions as a Status, as guarded does.
  template <class F>
  static Status guarded_status(F&& f) {
    return guarded<bool>([&] {
      f();
      return true;
    }).status();
  }

  void publish(const std::vector<Event>& events);

  std::shared_ptr<Storage> storage_;
  EngineOptions options_;
  std::mutex subscribers_mutex_;
  // Each subscriber has a queue. A publishing thread appends its events and, unless some thread
  // is already delivering to that subscriber, delivers the queue itself, calling the handler
  // without holding any lock. So calls of one handler never overlap or nest, a handler that makes
  // changes never waits on another subscriber (no deadlock), and unsubscribe can wait for the
  // delivery in flight so that nothing runs after it returns.
  struct Subscriber {
    explicit Subscriber(EventHandler h) : handler(std::move(h)) {}
    std::mutex mutex;
    std::condition_variable idle;  // signalled when delivery stops
    bool active = true;
    bool delivering = false;
    std::thread::id deliverer;
    std::deque<Event> pending;
    EventHandler handler;
  };
  std::map<SubscriptionId, std::shared_ptr<Subscriber>> subscribers_;
  SubscriptionId next_subscription_ = 1;
};

}  // namespace oms

#endif  // OMS_SRC_ENGINE_IMPL_H_
