// oms._oms: the pybind11 module under the pure-Python package `oms`.
//
// Value types and enums are bound from the member lists of include/oms/schema/ (the same lists that
// drive the C ABI's wire format), so every public member is an attribute with the C++ name.
// Engine operations release the GIL while they run and raise oms.Error subclasses, one per
// status code. This file: errors, enums, Money, report frames and the module's entry point.
#include <cctype>
#include <string>
#include <vector>

#include "bindings.h"
#include "oms/version.h"
#include "rows.h"

namespace oms::python {

using fields::EnumInfo;

namespace {

// ---- Errors --------------------------------------------------------------------------------

struct ErrorClasses {
  py::object base;
  std::vector<py::object> by_code;  // index: StatusCode
};
ErrorClasses* error_classes = nullptr;  // set at module init, lives as long as the interpreter

std::string camel(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace

void register_errors(py::module_& m) {
  error_classes = new ErrorClasses();
  error_classes->base = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "oms._oms.Error", "Base of every liboms error: .code (int), .name, .field and the message.", PyExc_Exception,
      nullptr));
  m.attr("Error") = error_classes->base;
  for (int code = 0; code <= static_cast<int>(StatusCode::kInternal); ++code) {
    if (code == 0) {
      error_classes->by_code.push_back(error_classes->base);
      continue;
    }
    const std::string_view name = status_code_name(static_cast<StatusCode>(code));
    std::string cls = camel(name) + "Error";
    if (cls == "OverflowError") cls = "DecimalOverflowError";  // never shadow the builtin
    const std::string qualified = "oms._oms." + cls;
    auto type = py::reinterpret_steal<py::object>(
        PyErr_NewException(qualified.c_str(), error_classes->base.ptr(), nullptr));
    type.attr("code") = code;
    m.attr(cls.c_str()) = type;
    error_classes->by_code.push_back(type);
  }
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      const Status& s = e.status();
      const int code = static_cast<int>(s.code());
      py::object cls = error_classes->by_code.at(code >= 0 && code < static_cast<int>(error_classes->by_code.size())
                                                     ? static_cast<std::size_t>(code)
                                                     : static_cast<std::size_t>(StatusCode::kInternal));
      py::object instance = cls(s.message());
      instance.attr("code") = code;
      instance.attr("name") = std::string(status_code_name(s.code()));
      instance.attr("field") = s.field();
      PyErr_SetObject(cls.ptr(), instance.ptr());
    }
  });
}

// For tests of the exception mapping: raises the oms.Error subclass of `code`.
void raise_status(int code, std::string message, std::string field) {
  if (code <= 0 || code > static_cast<int>(StatusCode::kInternal)) {
    throw py::value_error("code: " + std::to_string(code) + " is not an error status code");
  }
  throw Error(Status(static_cast<StatusCode>(code), std::move(message), std::move(field)));
}

namespace {

// ---- Enums ---------------------------------------------------------------------------------

template <class E>
void bind_enum(py::module_& m, const char* name) {
  py::enum_<E> e(m, name);
  for (int i = 0; i < EnumInfo<E>::count; ++i) {
    std::string value(EnumInfo<E>::name(static_cast<E>(i)));
    for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    e.value(value.c_str(), static_cast<E>(i));
  }
  // The wire name ("partially_shipped"), as used in the C ABI, events and reports.
  e.def_property_readonly("label", [](E v) { return std::string(EnumInfo<E>::name(v)); });
  // From a label too: OrderState("partially_shipped"). (Arguments take labels through the
  // caster in structs.h.)
  e.def(py::init([name](const std::string& label) { return enum_from_label<E>(name, label); }), py::arg("label"));
}

void bind_money(py::module_& m) {
  py::class_<Money>(m, "Money", "An exact amount in one currency.")
      .def(py::init([](py::handle amount, const Currency& currency) {
             return Money(decimal_from_python(amount, "amount"), currency);
           }),
           py::arg("amount"), py::arg("currency"))
      .def_property_readonly("amount", &Money::amount)
      .def_property_readonly("currency", &Money::currency)
      .def("__repr__", [](const Money& v) { return "Money('" + v.amount().to_string() + "', '" + std::string(v.currency().code()) + "')"; })
      .def("__str__", &Money::to_string)
      .def("__eq__", [](const Money& a, const py::object& b) { return py::isinstance<Money>(b) && a == b.cast<Money>(); })
      .def("__hash__", [](const Money& v) { return py::hash(py::str(v.amount().normalized().to_string() + std::string(v.currency().code()))); });
}

}  // namespace

void bind_enums(py::module_& m) {
#define OMS_BIND_ENUM(E) bind_enum<E>(m, #E);
#define OMS_BIND_NAMED_ENUM(E, ...) bind_enum<E>(m, #E);
  OMS_PY_ALL(OMS_SCHEMA_IGNORE, OMS_BIND_ENUM, OMS_BIND_NAMED_ENUM)
#undef OMS_BIND_NAMED_ENUM
#undef OMS_BIND_ENUM
}

// ---- Reports as DataFrames -------------------------------------------------------------------

py::object make_rows(py::list items, py::handle item_type) {
  // Leaked on purpose, like py_types(): no Python object outlives the interpreter.
  static const py::object* rows_class = new py::object(py::module_::import("oms._rows").attr("Rows"));
  return (*rows_class)(std::move(items), item_type);
}

namespace {

// report.to_pandas(): the DataFrame of the report's lines.
template <class T, class Row>
void def_report_rows(py::module_& m, const char* name, std::vector<Row> T::*rows) {
  auto cls = py::reinterpret_borrow<py::class_<T>>(m.attr(name));
  cls.def(
      "to_pandas", [rows](const T& report) { return to_rows(report.*rows).attr("to_pandas")(); },
      "The report's lines as a pandas DataFrame (pandas must be installed).");
}

}  // namespace

void bind_reports(py::module_& m) {
  def_report_rows(m, "Statement", &Statement::items);
  def_report_rows(m, "AgeingReport", &AgeingReport::rows);
  def_report_rows(m, "StockReport", &StockReport::warehouses);
}

}  // namespace oms::python

PYBIND11_MODULE(_oms, m) {
  using namespace oms::python;
  m.doc() = "liboms, an embeddable order-management engine (compiled part of the `oms` package)";
  m.attr("__version__") = OMS_VERSION_STRING;
  register_errors(m);
  m.def("_raise_status", &raise_status, py::arg("code"), py::arg("message"), py::arg("field") = "",
        "For tests: raises the oms.Error subclass of a status code.");
  declare_catalog_values(m);
  declare_order_values(m);
  declare_fulfilment_values(m);
  bind_enums(m);
  bind_money(m);
  define_catalog_values(m);
  define_order_values(m);
  define_fulfilment_values(m);
  bind_reports(m);
  bind_tables(m);
  bind_engine(m);
}
