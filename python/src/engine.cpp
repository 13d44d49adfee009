// oms._oms.Engine: every oms::Engine operation, with the GIL released while it runs.
//
// The Python object holds the engine through a shared_ptr that close() drops: a call already
// running on another thread keeps the engine alive until it returns, and a call after close()
// raises FailedPreconditionError naming "engine".
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>

#include "bindings.h"
#include "oms/engine.h"
#include "oms/sqlite_storage.h"
#include "rows.h"

namespace oms::python {
namespace {

class EngineHandle {
 public:
  explicit EngineHandle(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}

  // Called with the GIL held, so close() on another thread cannot interleave.
  std::shared_ptr<Engine> get() const {
    if (!engine_) throw Error(Status::FailedPrecondition("the engine is closed", "engine"));
    return engine_;
  }
  bool closed() const { return !engine_; }

  void close() {
    std::shared_ptr<Engine> last = std::move(engine_);
    py::gil_scoped_release release;  // the engine may wait for subscribers that take the GIL
    last.reset();
  }

 private:
  std::shared_ptr<Engine> engine_;
};

template <class T>
T unwrap(Result<T> r) {
  if (!r.ok()) throw Error(r.status());
  return std::move(r).value();
}
inline void unwrap(const Status& s) {
  if (!s.ok()) throw Error(s);
}

// Calls an engine operation without the GIL; failures raise, lists of values become oms.Rows.
template <class Fn>
auto call_released(const EngineHandle& h, Fn&& fn) {
  std::shared_ptr<Engine> engine = h.get();
  py::gil_scoped_release release;  // taken back before the result is converted or raised
  using R = decltype(fn(*engine));
  if constexpr (std::is_same_v<R, Status>) {
    unwrap(fn(*engine));
  } else {
    return as_python_result(unwrap(fn(*engine)));
  }
}

template <class R, class... A>
auto released(R (Engine::*fn)(A...)) {
  return [fn](const EngineHandle& h, A... a) {
    return call_released(h, [&](Engine& e) { return (e.*fn)(std::forward<A>(a)...); });
  };
}
template <class R, class... A>
auto released(R (Engine::*fn)(A...) const) {
  return [fn](const EngineHandle& h, A... a) {
    return call_released(h, [&](Engine& e) { return (e.*fn)(std::forward<A>(a)...); });
  };
}

std::unique_ptr<EngineHandle> open_engine(std::optional<std::string> path, EngineOptions options, SqliteOptions sqlite,
                                          std::optional<Timestamp> manual_clock) {
  py::gil_scoped_release release;
  if (manual_clock) options.clock = std::make_shared<ManualClock>(*manual_clock);
  if (!path || path->empty() || *path == ":memory:") {
    return std::make_unique<EngineHandle>(unwrap(Engine::open_in_memory(std::move(options))));
  }
  return std::make_unique<EngineHandle>(
      unwrap(Engine::open(unwrap(open_sqlite_storage(*path, sqlite)), std::move(options))));
}

}  // namespace

void bind_engine(py::module_& m) {
  py::class_<Event>(m, "Event", "One journal entry; `data` is a JSON object as text.")
      .def_readonly("sequence", &Event::sequence)
      .def_readonly("at", &Event::at)
      .def_readonly("actor", &Event::actor)
      .def_readonly("entity", &Event::entity)
      .def_readonly("entity_id", &Event::entity_id)
      .def_readonly("type", &Event::type)
      .def_readonly("data", &Event::data)
      .def("__repr__",
           [](const Event& e) {
             return "Event(sequence=" + std::to_string(e.sequence) + ", type='" + e.type + "', entity='" + e.entity +
                    "', entity_id=" + std::to_string(e.entity_id) + ")";
           })
      .def(
          "to_dict",
          [](const Event& e) {
            py::dict d;
            d["sequence"] = e.sequence;
            d["at"] = py::cast(e.at);
            d["actor"] = e.actor;
            d["entity"] = e.entity;
            d["entity_id"] = e.entity_id;
            d["type"] = e.type;
            d["data"] = e.data;
            return d;
          },
          "The members as a dict.");

  using E = Engine;
  py::class_<EngineHandle> cls(m, "Engine",
                               "The order-management engine; safe from many threads. Open it with oms.open().");
  m.def("open", &open_engine, py::arg("path") = std::nullopt, py::kw_only(), py::arg("options") = EngineOptions{},
        py::arg("sqlite") = SqliteOptions{}, py::arg("manual_clock") = std::nullopt,
        "Opens an engine in memory (path None or ':memory:') or on a SQLite file (created or migrated).\n"
        "manual_clock: an aware datetime the engine's clock stands still at (for tests and replays).");
  cls.def("close", &EngineHandle::close, "Closes the engine; calls running on other threads finish first.")
      .def_property_readonly("closed", &EngineHandle::closed)
      .def("__enter__", [](EngineHandle& h) -> EngineHandle& { return h; }, py::return_value_policy::reference)
      .def("__exit__", [](EngineHandle& h, const py::args&) { h.close(); })
      .def_property_readonly("options", [](const EngineHandle& h) { return h.get()->options(); })
      // Catalog
      .def("define_unit", released(&E::define_unit), py::arg("unit"), py::arg("actor"))
      .def("define_tax_class", released(&E::define_tax_class), py::arg("tax_class"), py::arg("actor"))
      .def("create_product", released(&E::create_product), py::arg("product"), py::arg("actor"))
      .def("update_product", released(&E::update_product), py::arg("product"), py::arg("actor"))
      .def("product", released(&E::product), py::arg("sku"))
      .def("product_by_barcode", released(&E::product_by_barcode), py::arg("code"))
      .def("products", released(&E::products))
      .def("scan", released(&E::scan), py::arg("code"))
      .def("create_price_list", released(&E::create_price_list), py::arg("price_list"), py::arg("actor"))
      .def("set_prices", released(&E::set_prices), py::arg("price_list_code"), py::arg("sku"), py::arg("breaks"),
           py::arg("actor"))
      .def("create_promotion", released(&E::create_promotion), py::arg("promotion"), py::arg("actor"))
      .def("quote_price", released(&E::quote_price), py::arg("customer_code"), py::arg("sku"), py::arg("quantity"),
           py::arg("currency"), py::arg("date") = std::nullopt)
      // Customers
      .def("create_customer", released(&E::create_customer), py::arg("customer"), py::arg("actor"))
      .def("update_customer", released(&E::update_customer), py::arg("customer"), py::arg("actor"))
      .def("customer", released(&E::customer), py::arg("code"))
      .def("customers", released(&E::customers))
      .def("find_customers", released(&E::find_customers), py::arg("text"))
      .def("customer_orders", released(&E::customer_orders), py::arg("code"))
      .def("count_customer_orders", released(&E::count_customer_orders), py::arg("code"))
      .def("credit_exposure", released(&E::credit_exposure), py::arg("code"), py::arg("currency"))
      .def("regrade_customers", released(&E::regrade_customers), py::arg("actor"))
      // Stock
      .def("create_warehouse", released(&E::create_warehouse), py::arg("warehouse"), py::arg("actor"))
      .def("update_warehouse", released(&E::update_warehouse), py::arg("warehouse"), py::arg("actor"))
      .def("warehouses", released(&E::warehouses))
      .def("create_location", released(&E::create_location), py::arg("warehouse_code"), py::arg("location"),
           py::arg("actor"))
      .def("receive", released(&E::receive), py::arg("receipt"), py::arg("actor"))
      .def("transfer", released(&E::transfer), py::arg("transfer"), py::arg("actor"))
      .def("stocktake", released(&E::stocktake), py::arg("stocktake"), py::arg("actor"))
      .def("stock", released(&E::stock), py::arg("sku"))
      .def("stock_levels", released(&E::stock_levels), py::arg("query"))
      .def("available_to_sell", released(&E::available_to_sell), py::arg("sku"))
      .def("moves", released(&E::moves), py::arg("sku"))
      .def("valuation", released(&E::valuation), py::arg("sku"))
      // Orders
      .def("create_order", released(&E::create_order), py::arg("order"), py::arg("actor"))
      .def(
          "create_orders",
          [](const EngineHandle& h, const std::vector<NewOrder>& orders, std::string_view actor) {
            return call_released(h, [&](Engine& e) { return e.create_orders(orders, actor); });
          },
          py::arg("orders"), py::arg("actor"))
      .def("order", released(static_cast<Result<Order> (E::*)(std::string_view) const>(&E::order)), py::arg("number"))
      .def("list_orders", released(&E::list_orders), py::arg("query") = OrderQuery{})
      .def("review", released(&E::review), py::arg("number"))
      .def("submit", released(&E::submit), py::arg("number"), py::arg("actor"))
      .def("reject", released(&E::reject), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("approve", released(&E::approve), py::arg("number"), py::arg("actor"))
      .def("hold", released(&E::hold), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("resume", released(&E::resume), py::arg("number"), py::arg("actor"))
      .def("cancel", released(&E::cancel), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("short_close", released(&E::short_close), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("complete", released(&E::complete), py::arg("number"), py::arg("actor"))
      .def("amend", released(&E::amend), py::arg("number"), py::arg("amendment"), py::arg("actor"))
      .def("allocate_backorders", released(&E::allocate_backorders), py::arg("actor"))
      // Shipments and returns
      .def("create_shipment", released(&E::create_shipment), py::arg("shipment"), py::arg("actor"))
      .def("pick_shipment", released(&E::pick_shipment), py::arg("number"), py::arg("actor"))
      .def("pack_shipment", released(&E::pack_shipment), py::arg("number"), py::arg("actor"))
      .def("ship_shipment", released(&E::ship_shipment), py::arg("number"), py::arg("actor"))
      .def("cancel_shipment", released(&E::cancel_shipment), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("set_carrier", released(&E::set_carrier), py::arg("number"), py::arg("carrier"),
           py::arg("tracking_number"), py::arg("actor"))
      .def("deliver_shipment", released(&E::deliver_shipment), py::arg("number"), py::arg("actor"))
      .def("record_tracking", released(&E::record_tracking), py::arg("number"), py::arg("update"), py::arg("actor"))
      .def("flag_exception", released(&E::flag_exception), py::arg("number"), py::arg("kind"), py::arg("detail"),
           py::arg("actor"))
      .def("resolve_exception", released(&E::resolve_exception), py::arg("number"), py::arg("exception_number"),
           py::arg("resolution"), py::arg("actor"))
      .def("check_delays", released(&E::check_delays), py::arg("actor"))
      .def("open_exceptions", released(&E::open_exceptions))
      .def("shipment", released(&E::shipment), py::arg("number"))
      .def("order_shipments", released(&E::order_shipments), py::arg("order_number"))
      .def("receive_return", released(&E::receive_return), py::arg("customer_return"), py::arg("actor"))
      .def("customer_return", released(&E::customer_return), py::arg("number"))
      // Settlement
      .def("create_invoice", released(&E::create_invoice), py::arg("invoice"), py::arg("actor"))
      .def("issue_invoice", released(&E::issue_invoice), py::arg("number"), py::arg("actor"))
      .def("cancel_invoice", released(&E::cancel_invoice), py::arg("number"), py::arg("reason"), py::arg("actor"))
      .def("discard_invoice", released(&E::discard_invoice), py::arg("number"), py::arg("actor"))
      .def("invoice", released(&E::invoice), py::arg("number"))
      .def("customer_invoices", released(&E::customer_invoices), py::arg("customer_code"), py::arg("open_only") = false)
      .def("record_payment", released(&E::record_payment), py::arg("payment"), py::arg("actor"))
      .def("apply_credit", released(&E::apply_credit), py::arg("application"), py::arg("actor"))
      .def("refund", released(&E::refund), py::arg("refund"), py::arg("actor"))
      .def("payment", released(&E::payment), py::arg("number"))
      .def("credit_note", released(&E::credit_note), py::arg("number"))
      .def("refund_document", released(&E::refund_document), py::arg("number"))
      .def("customer_credit", released(&E::customer_credit), py::arg("customer_code"), py::arg("currency"))
      .def("statement", released(&E::statement), py::arg("customer_code"), py::arg("currency"), py::arg("date_from"),
           py::arg("date_to"))
      .def("receivables_ageing", released(&E::receivables_ageing), py::arg("currency"), py::arg("as_of") = std::nullopt)
      .def("document_flow", released(&E::document_flow), py::arg("document"))
      // Events
      .def("events", released(&E::events), py::arg("after_sequence") = 0, py::arg("limit") = 0)
      .def(
          "subscribe",
          [](const EngineHandle& h, py::function callback) {
            // The callable is released with the GIL held, whichever thread drops the last copy.
            auto held = std::shared_ptr<py::function>(new py::function(std::move(callback)), [](py::function* f) {
              py::gil_scoped_acquire gil;
              delete f;
            });
            return h.get()->subscribe([held](const Event& event) {
              py::gil_scoped_acquire gil;
              try {
                (*held)(event);
              } catch (py::error_already_set& err) {
                err.discard_as_unraisable("oms subscriber");
              }
            });
          },
          py::arg("callback"), "Calls callback(event) after every committed change; returns the subscription id.")
      .def(
          "unsubscribe",
          [](const EngineHandle& h, SubscriptionId id) {
            std::shared_ptr<Engine> engine = h.get();
            py::gil_scoped_release release;  // may wait for a call in flight on another thread
            engine->unsubscribe(id);
          },
          py::arg("subscription"));
}

}  // namespace oms::python
