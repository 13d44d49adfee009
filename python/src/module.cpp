// oms._oms: the pybind11 module under the pure-Python package `oms`.
//
// Value types and enums are bound from the member lists of src/fields.h (the same lists that
// drive the C ABI's wire format), so every public member is an attribute with the C++ name.
// Engine operations release the GIL while they run and raise oms.Error subclasses, one per
// status code. WORK IN PROGRESS (issue 6): see python/README.md on the branch.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cctype>
#include <vector>
#include <memory>
#include <string>

#include "casters.h"
#include "structs.h"
#include "fields.h"
#include "oms/engine.h"
#include "oms/sqlite_storage.h"

namespace oms::python {
namespace {

using fields::EnumInfo;
using fields::Tag;

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
}

// ---- Value types -----------------------------------------------------------------------------

template <class T>
struct AttributeBinder {
  py::class_<T>& cls;
  template <class M>
  void operator()(const char* name, M T::*member) {
    cls.def_readwrite(name, member);
  }
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    cls.def_property_readonly(name, function);
  }
};

template <class T>
struct ReprWriter {
  const T& value;
  std::string out;
  int shown = 0;
  template <class M>
  void operator()(const char* name, M T::*member) {
    if (shown++ >= 6) return;
    out += (shown > 1 ? ", " : "") + std::string(name) + "=" + py::repr(py::cast(value.*member)).template cast<std::string>();
  }
  template <class F>
  void computed(const char*, F) {}
};

template <class T>
struct DictWriter {
  const T& value;
  py::dict out;
  template <class M>
  void operator()(const char* name, M T::*member) {
    out[name] = py::cast(value.*member);
  }
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    out[name] = py::cast((value.*function)());
  }
};

template <class T>
py::class_<T> bind_struct(py::module_& m, const char* name) {
  py::class_<T> cls(m, name);
  cls.def(py::init([name](const py::kwargs& kw) { return from_keywords<T>(kw, name); }));
  cls.def(py::init([name](const py::dict& d) { return from_keywords<T>(d, name); }), py::arg("members"));
  AttributeBinder<T> binder{cls};
  fields::fields(binder, Tag<T>{});
  cls.def("__repr__", [name](const T& v) {
    ReprWriter<T> w{v, {}, 0};
    fields::fields(w, Tag<T>{});
    return std::string(name) + "(" + w.out + (w.shown > 6 ? ", ...)" : ")");
  });
  cls.def("to_dict", [](const T& v) {
    DictWriter<T> w{v, {}};
    fields::fields(w, Tag<T>{});
    return w.out;
  }, "The members (and derived values) as a dict; nested values stay objects.");
  return cls;
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
      .def("__eq__", [](const Money& a, const Money& b) { return a == b; })
      .def("__hash__", [](const Money& v) { return py::hash(py::str(v.amount().normalized().to_string() + std::string(v.currency().code()))); });
}

void bind_values(py::module_& m) {
  bind_money(m);
#define OMS_BIND_ENUM(E) bind_enum<E>(m, #E);
  OMS_BIND_ENUM(OrderState) OMS_BIND_ENUM(OrderAction) OMS_BIND_ENUM(Priority) OMS_BIND_ENUM(Progress)
  OMS_BIND_ENUM(CustomerGrade) OMS_BIND_ENUM(Tracking) OMS_BIND_ENUM(PriceSourceKind) OMS_BIND_ENUM(SerialStatus)
  OMS_BIND_ENUM(MoveKind) OMS_BIND_ENUM(InvoicePolicy) OMS_BIND_ENUM(ShipmentState) OMS_BIND_ENUM(ShipmentAction)
  OMS_BIND_ENUM(PickingRule) OMS_BIND_ENUM(TrackingStatus) OMS_BIND_ENUM(ExceptionKind)
  OMS_BIND_ENUM(ReturnDisposition) OMS_BIND_ENUM(ReturnSettlement) OMS_BIND_ENUM(InvoiceState)
  OMS_BIND_ENUM(CreditNoteKind) OMS_BIND_ENUM(StatementItemKind) OMS_BIND_ENUM(DocumentKind)
  OMS_BIND_ENUM(DiscountKind) OMS_BIND_ENUM(BreakRule) OMS_BIND_ENUM(PriceScope) OMS_BIND_ENUM(PromotionKind)
  OMS_BIND_ENUM(HoldKind) OMS_BIND_ENUM(Severity) OMS_BIND_ENUM(DatePart) OMS_BIND_ENUM(PartialPolicy)
  OMS_BIND_ENUM(TaxMode) OMS_BIND_ENUM(RoundingMode) OMS_BIND_ENUM(Durability)
#undef OMS_BIND_ENUM
#define OMS_BIND(T) bind_struct<T>(m, #T);
  OMS_PY_STRUCTS(OMS_BIND)
#undef OMS_BIND
}

}  // namespace

void bind_engine(py::module_& m);

}  // namespace oms::python

PYBIND11_MODULE(_oms, m) {
  m.doc() = "liboms, an embeddable order-management engine (compiled part of the `oms` package)";
  oms::python::register_errors(m);
  oms::python::bind_values(m);
  oms::python::bind_engine(m);
}
