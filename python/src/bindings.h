// How the module oms._oms is put together, shared by its translation units.
//
// Binding happens in two passes so that every signature pybind11 writes into a docstring (and
// from there into the .pyi stubs) names the Python class, never a C++ type: first every value
// class is declared, then enums, then the members of every class, then the engine.
#ifndef OMS_PYTHON_BINDINGS_H_
#define OMS_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.h"
#include "rows.h"
#include "structs.h"

namespace oms::python {

void register_errors(py::module_& m);
void bind_enums(py::module_& m);
void declare_catalog_values(py::module_& m);
void declare_order_values(py::module_& m);
void declare_fulfilment_values(py::module_& m);
void define_catalog_values(py::module_& m);
void define_order_values(py::module_& m);
void define_fulfilment_values(py::module_& m);
void bind_engine(py::module_& m);
void bind_tables(py::module_& m);

// ---- Value types: attributes (lists of values as oms.Rows), derived values, constructor, repr, to_dict -----------------------

template <class T>
struct AttributeBinder {
  py::class_<T>& cls;
  template <class M>
  void operator()(const char* member_name, M T::*member) {
    const std::string name = python_name(member_name);
    if constexpr (IsRowVector<M>::value) {  // order.lines.to_pandas()
      cls.def_property(
          name.c_str(), [member](const T& v) { return Rows<typename M::value_type>{v.*member}; },
          [member](T& v, M value) { v.*member = std::move(value); });
    } else {
      cls.def_readwrite(name.c_str(), member);
    }
  }
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    cls.def_property_readonly(python_name(name).c_str(), function);
  }
};

// The first few members, enough to recognise a value at a glance in a REPL.
template <class T>
struct ReprWriter {
  static constexpr int kShown = 6;
  const T& value;
  std::string out;
  int seen = 0;
  template <class M>
  void operator()(const char* name, M T::*member) {
    if (seen++ >= kShown) return;
    out += (seen > 1 ? ", " : "") + python_name(name) + "=" +
           py::repr(py::cast(value.*member)).template cast<std::string>();
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
    out[python_name(name).c_str()] = py::cast(value.*member);
  }
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    out[python_name(name).c_str()] = py::cast((value.*function)());
  }
};

template <class T>
void declare_struct(py::module_& m, const char* name) {
  py::class_<T>(m, name);
}

template <class T>
void define_struct(py::module_& m, const char* name) {
  auto cls = py::reinterpret_borrow<py::class_<T>>(m.attr(name));
  cls.def(py::init([name](const py::kwargs& kw) { return from_keywords<T>(kw, name); }),
          "Members by keyword; the ones not given keep their defaults.");
  cls.def(py::init([name](const py::dict& d) { return from_keywords<T>(d, name); }), py::arg("members"),
          "Members from a dict.");
  AttributeBinder<T> binder{cls};
  fields::fields(binder, fields::Tag<T>{});
  cls.def("__repr__", [name](const T& v) {
    ReprWriter<T> w{v, {}, 0};
    fields::fields(w, fields::Tag<T>{});
    return std::string(name) + "(" + w.out + (w.seen > ReprWriter<T>::kShown ? ", ...)" : ")");
  });
  cls.def(
      "to_dict",
      [](const T& v) {
        DictWriter<T> w{v, {}};
        fields::fields(w, fields::Tag<T>{});
        return w.out;
      },
      "The members and derived values as a dict; nested values stay objects.");
}

}  // namespace oms::python

#endif  // OMS_PYTHON_BINDINGS_H_
