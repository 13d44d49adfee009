// Engine: opening, the unit-of-work plumbing, events and subscribers, shared helpers.
// The operations themselves live in engine_catalog.cpp, engine_customers.cpp,
// engine_inventory.cpp, engine_orders.cpp and engine_allocation.cpp.
#include "engine/engine_impl.h"

namespace oms {
namespace internal {

void Op::emit(std::string entity, std::int64_t entity_id, std::string type, const JsonObject& data) {
  Event e;
  e.at = now;
  e.actor = actor;
  e.entity = std::move(entity);
  e.entity_id = entity_id;
  e.type = std::move(type);
  e.data = data.text();
  events.push_back(std::move(e));
}

void Op::touch_stock(ProductId product) {
  if (!available_before.contains(product.value)) available_before.emplace(product.value, available_total(*this, product));
}

void Op::finalize() {
  for (const auto& [id, before] : available_before) {
    const auto p = tx.get(by::kProductId, ProductId{id});
    if (!p || !p->low_stock_threshold.is_positive()) continue;
    const Decimal after = available_total(*this, p->id);
    if (before >= p->low_stock_threshold && after < p->low_stock_threshold) {
      emit("product", id, "alert.low_stock",
           {{"sku", p->sku}, {"available", str(after)}, {"threshold", str(p->low_stock_threshold)}});
    }
  }
}

Product must_product(Ctx& c, std::string_view sku, std::string_view field) {
  auto p = c.tx.get(by::kProductSku, sku);
  if (!p) fail(Status::NotFound(field, sku));
  return *std::move(p);
}

Customer must_customer(Ctx& c, std::string_view code, std::string_view field) {
  auto x = c.tx.get(by::kCustomerCode, code);
  if (!x) fail(Status::NotFound(field, code));
  return *std::move(x);
}

Warehouse must_warehouse(Ctx& c, std::string_view code, std::string_view field) {
  auto x = c.tx.get(by::kWarehouseCode, code);
  if (!x) fail(Status::NotFound(field, code));
  return *std::move(x);
}

Location must_location(Ctx& c, const Warehouse& wh, std::string_view code, std::string_view field) {
  const std::string_view key = code.empty() ? kDefaultLocation : code;
  auto x = c.tx.get(by::kLocationCode, wh.id, key);
  if (!x) {
    fail(Status(StatusCode::kNotFound,
                std::string(field) + " '" + std::string(key) + "' not found in warehouse '" + wh.code + "'",
                std::string(field)));
  }
  return *std::move(x);
}

Order must_order(Ctx& c, std::string_view number, std::string_view field) {
  auto x = c.tx.get(by::kOrderNumber, number);
  if (!x) fail(Status::NotFound(field, number));
  return *std::move(x);
}

Unit unit_of(Ctx& c, const Product& p) {
  auto u = c.tx.get(by::kUnitCode, p.unit);
  if (!u) fail(Status::Internal("product '" + p.sku + "' has undefined unit '" + p.unit + "'"));
  return *std::move(u);
}

void require_nonempty(std::string_view field, std::string_view value) {
  if (value.empty()) fail(Status::InvalidArgument(field, value, "is required"));
}

void require_positive(std::string_view field, const Decimal& value) {
  if (!value.is_positive()) fail(Status::InvalidArgument(field, value.to_string(), "must be positive"));
}

void require_non_negative(std::string_view field, const Decimal& value) {
  if (value.is_negative()) fail(Status::InvalidArgument(field, value.to_string(), "must not be negative"));
}

void require_unit_precision(std::string_view field, const Decimal& quantity, const Unit& unit) {
  if (!quantity.fits_scale(unit.decimals)) {
    fail(Status::InvalidArgument(field, quantity.to_string(),
                                 "is finer than unit '" + unit.code + "' allows (" + std::to_string(unit.decimals) +
                                     " decimal places)"));
  }
}

void require_quantity(Ctx& c, std::string_view field, const Decimal& quantity, const Product& product,
                      QuantitySign sign) {
  if (sign == QuantitySign::kPositive) {
    require_positive(field, quantity);
  } else {
    require_non_negative(field, quantity);
  }
  if (quantity.scale() > 0) require_unit_precision(field, quantity, unit_of(c, product));  // "2" fits any unit
}

void require_valid_dates(std::string_view field, const std::optional<Date>& from, const std::optional<Date>& to) {
  if (from && to && std::chrono::sys_days(*to) < std::chrono::sys_days(*from)) {
    fail(Status::InvalidArgument(field, to_string(*to), "is before valid_from '" + to_string(*from) + "'"));
  }
}

bool in_validity(const std::optional<Date>& from, const std::optional<Date>& to, const Date& d) {
  const auto day = std::chrono::sys_days(d);
  return (!from || std::chrono::sys_days(*from) <= day) && (!to || day <= std::chrono::sys_days(*to));
}

std::string field_at(std::string_view array, std::size_t index, std::string_view member) {
  std::string f(array);
  f += "[" + std::to_string(index) + "]";
  if (!member.empty()) {
    f += ".";
    f += member;
  }
  return f;
}

Batch*& current_batch() noexcept {
  thread_local Batch* innermost = nullptr;
  return innermost;
}

namespace {

// Makes `batch` the innermost of this thread for the life of the scope, however it ends.
class BatchScope {
 public:
  explicit BatchScope(Batch& batch) : batch_(batch) { current_batch() = &batch; }
  ~BatchScope() { current_batch() = batch_.outer; }
  BatchScope(const BatchScope&) = delete;
  BatchScope& operator=(const BatchScope&) = delete;

 private:
  Batch& batch_;
};

}  // namespace
}  // namespace internal

using internal::Ctx;
using internal::Op;

Status Engine::Impl::batch(const std::function<Status()>& work) {
  if (internal::Batch* joined = joined_batch()) {  // a batch inside a batch is part of it
    if (!joined->failure.ok()) return joined->spoilt();
    Status status = work();
    if (!status.ok() && joined->failure.ok()) joined->failure = status;
    return status;
  }
  for (int attempt = 0;; ++attempt) {
    std::vector<Event> committed;
    Status status = run_batch(work, committed);
    if (status.code() == StatusCode::kConflict && attempt < options_.conflict_retries) continue;
    if (status.ok()) publish(committed);
    return status;
  }
}

Status Engine::Impl::run_batch(const std::function<Status()>& work, std::vector<Event>& committed) {
  std::unique_ptr<Transaction> tx;
  if (Status begun = guarded_status([&] { tx = storage_->begin(TxMode::kWrite); }); !begun.ok()) return begun;
  // Declared after `tx`, so that however work ends (an exception included) the batch is left
  // before its transaction rolls back.
  internal::Batch batch{this, *tx, internal::current_batch(), {}, {}};
  {
    internal::BatchScope scope(batch);
    Status status = work();
    if (!status.ok() && batch.failure.ok()) batch.failure = std::move(status);
  }
  if (!batch.failure.ok()) return batch.failure;
  if (Status done = guarded_status([&] { tx->commit(); }); !done.ok()) return done;
  committed = std::move(batch.events);
  return Status::Ok();
}

SubscriptionId Engine::Impl::subscribe(EventHandler handler) {
  std::lock_guard lock(subscribers_mutex_);
  const SubscriptionId id = next_subscription_++;
  subscribers_.emplace(id, std::make_shared<Subscriber>(std::move(handler)));
  return id;
}

void Engine::Impl::unsubscribe(SubscriptionId id) {
  std::shared_ptr<Subscriber> subscriber;
  {
    std::lock_guard lock(subscribers_mutex_);
    const auto it = subscribers_.find(id);
    if (it == subscribers_.end()) return;
    subscriber = std::move(it->second);
    subscribers_.erase(it);
  }
  std::unique_lock lock(subscriber->mutex);
  subscriber->active = false;
  subscriber->pending.clear();
  // Waits for a delivery in flight on another thread (not for one further up this thread's
  // stack: a handler may unsubscribe itself).
  const auto self = std::this_thread::get_id();
  subscriber->idle.wait(lock, [&] { return !subscriber->delivering || subscriber->deliverer == self; });
}

void Engine::Impl::publish(const std::vector<Event>& events) {
  if (events.empty()) return;
  std::vector<std::shared_ptr<Subscriber>> subscribers;
  {
    std::lock_guard lock(subscribers_mutex_);
    for (const auto& [id, s] : subscribers_) subscribers.push_back(s);
  }
  for (const auto& s : subscribers) {
    {
      std::lock_guard lock(s->mutex);
      if (!s->active) continue;
      s->pending.insert(s->pending.end(), events.begin(), events.end());
      if (s->delivering) continue;  // that delivery (here or on another thread) takes these too
      s->delivering = true;
      s->deliverer = std::this_thread::get_id();
    }
    while (true) {
      Event e;
      {
        std::lock_guard lock(s->mutex);
        if (!s->active || s->pending.empty()) {
          s->delivering = false;
          s->deliverer = {};
          s->idle.notify_all();
          break;
        }
        e = std::move(s->pending.front());
        s->pending.pop_front();
      }
      try {
        s->handler(e);
      } catch (...) {
        // A subscriber's failure never undoes a committed change; see event.h.
      }
    }
  }
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const EngineOptions& Engine::options() const noexcept { return impl_->options(); }

// Options that would make bad numbers or stored text: kInvalidArgument naming the option.
Status Engine::check_options(const EngineOptions& o) {
  const std::pair<std::string_view, const NumberRule*> rules[] = {
      {"order_numbers", &o.order_numbers},           {"receipt_numbers", &o.receipt_numbers},
      {"shipment_numbers", &o.shipment_numbers},     {"invoice_numbers", &o.invoice_numbers},
      {"payment_numbers", &o.payment_numbers},       {"credit_note_numbers", &o.credit_note_numbers},
      {"refund_numbers", &o.refund_numbers},         {"return_numbers", &o.return_numbers}};
  for (const auto& [name, rule] : rules) {
    if (rule->sequence_width < 1 || rule->sequence_width > 18) {
      return Status::InvalidArgument(std::string(name) + ".sequence_width", std::to_string(rule->sequence_width),
                                     "must be between 1 and 18");
    }
  }
  if (o.conflict_retries < 0) {
    return Status::InvalidArgument("conflict_retries", std::to_string(o.conflict_retries), "must not be negative");
  }
  try {
    internal::require_text(o);
  } catch (const Error& e) {
    return e.status();
  }
  return Status();
}

Result<std::unique_ptr<Engine>> Engine::open(std::shared_ptr<Storage> storage, EngineOptions options) {
  if (!storage) return Status::InvalidArgument("storage", "null", "is required");
  if (!options.clock) options.clock = std::make_shared<SystemClock>();
  if (Status bad = check_options(options); !bad.ok()) return bad;
  std::unique_ptr<Engine> engine(new Engine(std::make_unique<Impl>(std::move(storage), std::move(options))));

  // The built-in units, defined once per store.
  auto seeded = engine->impl_->write("system", [](Op& op) {
    static const Unit kBuiltIn[] = {{"pcs", "pieces", 0}, {"box", "boxes", 0}, {"kg", "kilograms", 3},
                                    {"g", "grams", 0},    {"m", "metres", 3},  {"l", "litres", 3}};
    for (const auto& u : kBuiltIn) {
      if (op.tx.get(by::kUnitCode, u.code)) continue;
      op.tx.put(u);
      op.emit("unit", 0, "unit.defined", {{"code", u.code}, {"decimals", u.decimals}});
    }
    return true;
  });
  if (!seeded.ok()) return seeded.status();
  return engine;
}

Result<std::unique_ptr<Engine>> Engine::open_in_memory(EngineOptions options) {
  return open(make_memory_storage(), std::move(options));
}

Result<std::vector<Event>> Engine::events(std::int64_t after_sequence, std::size_t limit) const {
  return impl_->read([&](Ctx& c) { return c.tx.read_events(after_sequence, limit); });
}

Status Engine::batch(const std::function<Status(Engine&)>& work) {
  if (!work) return Status::InvalidArgument("work", "null", "is required");
  return impl_->batch([&] { return work(*this); });
}

SubscriptionId Engine::subscribe(EventHandler handler) { return impl_->subscribe(std::move(handler)); }
void Engine::unsubscribe(SubscriptionId id) { impl_->unsubscribe(id); }

}  // namespace oms
