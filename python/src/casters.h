// pybind11 conversions of liboms's value types to Python's own:
//   oms::Decimal   <-> decimal.Decimal  (int and str accepted; float refused with a TypeError)
//   oms::Currency  <-> str ("CNY")
//   oms::Date      <-> datetime.date (a date never set, as in a default value, is None)
//   oms::Timestamp <-> datetime.datetime, timezone-aware UTC (naive datetimes are refused)
//   oms::Id<Tag>   <-> int
#ifndef OMS_PYTHON_CASTERS_H_
#define OMS_PYTHON_CASTERS_H_

#include <pybind11/pybind11.h>

#include <string>

#include "oms/decimal.h"
#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms::python {

namespace py = pybind11;

// Imported once (module init) and kept: decimal.Decimal, datetime.date, datetime.datetime,
// datetime.timezone.utc.
struct PyTypes {
  py::object decimal;
  py::object date;
  py::object datetime;
  py::object utc;
};
const PyTypes& py_types();

Decimal decimal_from_python(py::handle value, const char* what);

// A member's name in Python: the C++ name, with "_" appended to a Python keyword ("from_").
std::string python_name(const char* member);
py::object decimal_to_python(const Decimal& d);

}  // namespace oms::python

namespace pybind11::detail {

template <>
struct type_caster<oms::Decimal> {
  PYBIND11_TYPE_CASTER(oms::Decimal, const_name("decimal.Decimal"));
  bool load(handle src, bool) {
    // Another type is not ours to judge (a variant may try its next alternative); a float or a
    // malformed string is refused with a message saying why.
    if (!PyFloat_Check(src.ptr()) && !PyLong_Check(src.ptr()) && !PyUnicode_Check(src.ptr()) &&
        !isinstance(src, oms::python::py_types().decimal)) {
      return false;
    }
    value = oms::python::decimal_from_python(src, "value");
    return true;
  }
  static handle cast(const oms::Decimal& d, return_value_policy, handle) {
    return oms::python::decimal_to_python(d).release();
  }
};

template <>
struct type_caster<oms::Currency> {
  PYBIND11_TYPE_CASTER(oms::Currency, const_name("str"));
  bool load(handle src, bool);
  static handle cast(const oms::Currency& c, return_value_policy, handle) {
    return pybind11::str(std::string(c.code())).release();
  }
};

template <>
struct type_caster<oms::Date> {
  PYBIND11_TYPE_CASTER(oms::Date, const_name("datetime.date"));
  bool load(handle src, bool);
  static handle cast(const oms::Date& d, return_value_policy, handle);
};

template <>
struct type_caster<oms::Timestamp> {
  PYBIND11_TYPE_CASTER(oms::Timestamp, const_name("datetime.datetime"));
  bool load(handle src, bool);
  static handle cast(const oms::Timestamp& t, return_value_policy, handle);
};

template <class Tag>
struct type_caster<oms::Id<Tag>> {
  PYBIND11_TYPE_CASTER(oms::Id<Tag>, const_name("int"));
  bool load(handle src, bool convert) {
    make_caster<std::int64_t> inner;
    if (!inner.load(src, convert)) return false;
    value.value = cast_op<std::int64_t>(inner);
    return true;
  }
  static handle cast(const oms::Id<Tag>& id, return_value_policy, handle) { return PyLong_FromLongLong(id.value); }
};

}  // namespace pybind11::detail

#endif  // OMS_PYTHON_CASTERS_H_
