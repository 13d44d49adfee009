// Lists of value types reach Python as oms.Rows: a list that also turns into a list of flat
// dicts or a pandas DataFrame (python/oms/_rows.py). The engine's query results are wrapped in
// Rows<T> by engine.cpp; the caster builds the Python list.
#ifndef OMS_PYTHON_ROWS_H_
#define OMS_PYTHON_ROWS_H_

#include <pybind11/pybind11.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "casters.h"

namespace oms::python {

template <class T>
struct Rows {
  std::vector<T> items;
};

// oms.Rows(items, item_type): item_type names the columns when there are no rows.
py::object make_rows(py::list items, py::handle item_type);

template <class T>
py::object to_rows(const std::vector<T>& items) {
  py::list list(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) list[i] = py::cast(items[i]);
  return make_rows(std::move(list), py::type::of<T>());
}

// A vector of bound classes becomes Rows; every other result stays as it is.
template <class V>
struct IsRowVector : std::false_type {};
template <class T>
struct IsRowVector<std::vector<T>> : std::bool_constant<std::is_class_v<T> && !std::is_same_v<T, std::string>> {};

template <class R>
auto as_python_result(R&& result) {
  using V = std::decay_t<R>;
  if constexpr (IsRowVector<V>::value) {
    return Rows<typename V::value_type>{std::forward<R>(result)};
  } else {
    return V(std::forward<R>(result));
  }
}

}  // namespace oms::python

namespace pybind11::detail {

template <class T>
struct type_caster<oms::python::Rows<T>> {
  PYBIND11_TYPE_CASTER(oms::python::Rows<T>, const_name("oms.Rows[") + make_caster<T>::name + const_name("]"));
  bool load(handle, bool) { return false; }  // results only
  static handle cast(const oms::python::Rows<T>& rows, return_value_policy, handle) {
    return oms::python::to_rows(rows.items).release();
  }
};

}  // namespace pybind11::detail

#endif  // OMS_PYTHON_ROWS_H_
