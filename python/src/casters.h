// pybind11 conversions of liboms's value types to Python's own:
//   oms::Decimal   <-> decimal.Decimal  (int and str accepted; float refused with a TypeError)
//   oms::Currency  <-> str ("CNY")
//   oms::Date      <-> datetime.date (a date never set, as in a default value, is None)
//   oms::Timestamp <-> datetime.datetime, timezone-aware UTC (naive datetimes are refused)
//   oms::Id<Tag>   <-> int
//   std::string    <-  str only (bytes are refused rather than stored in an unknown encoding)
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

// A decimal argument of a bound function, whose errors name it as Python callers know it
// (`Argument` is its name): "quantity '1.2.3' is not a decimal number", not "value ...".
template <const char* Argument>
struct DecimalArgument {
  Decimal value;
};

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

// Text: a str only. pybind11 would also take bytes (and store whatever encoding they were in);
// a bytes or bytearray where text is expected is an oms.InvalidArgumentError saying so, and so
// is a str that cannot be written as UTF-8.
[[noreturn]] void refuse_bytes();
[[noreturn]] void refuse_unencodable();
template <class S>
struct str_only_caster : string_caster<S, std::is_same_v<S, std::string_view>> {
  bool load(handle src, bool convert) {
    if (PyBytes_Check(src.ptr()) || PyByteArray_Check(src.ptr())) refuse_bytes();
    if (string_caster<S, std::is_same_v<S, std::string_view>>::load(src, convert)) return true;
    if (PyUnicode_Check(src.ptr())) refuse_unencodable();  // a lone surrogate ("\udcff") has no UTF-8
    return false;
  }
};
template <>
struct type_caster<std::string> : str_only_caster<std::string> {};
template <>
struct type_caster<std::string_view> : str_only_caster<std::string_view> {};

template <const char* Argument>
struct type_caster<oms::python::DecimalArgument<Argument>> {
  PYBIND11_TYPE_CASTER(oms::python::DecimalArgument<Argument>, const_name("decimal.Decimal"));
  bool load(handle src, bool) {
    if (!PyFloat_Check(src.ptr()) && !PyLong_Check(src.ptr()) && !PyUnicode_Check(src.ptr()) &&
        !isinstance(src, oms::python::py_types().decimal)) {
      return false;
    }
    value.value = oms::python::decimal_from_python(src, Argument);
    return true;
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
