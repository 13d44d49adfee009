#include "casters.h"

#include <chrono>

namespace oms::python {

const PyTypes& py_types() {
  // Leaked on purpose: Python objects must not be released after the interpreter is gone.
  static const PyTypes* types = [] {
    auto* t = new PyTypes();
    t->decimal = py::module_::import("decimal").attr("Decimal");
    auto datetime = py::module_::import("datetime");
    t->date = datetime.attr("date");
    t->datetime = datetime.attr("datetime");
    t->utc = datetime.attr("timezone").attr("utc");
    return t;
  }();
  return *types;
}

Decimal decimal_from_python(py::handle value, const char* what) {
  if (PyFloat_Check(value.ptr())) {
    throw py::type_error(std::string("a float is binary floating point and never exact; pass ") +
                         "decimal.Decimal('" + py::str(value).cast<std::string>() + "') or a str instead");
  }
  if (PyBool_Check(value.ptr())) throw py::type_error("a bool is not a decimal");
  std::string text;
  if (py::isinstance(value, py_types().decimal) || PyLong_Check(value.ptr())) {
    text = py::str(value).cast<std::string>();
  } else if (PyUnicode_Check(value.ptr())) {
    text = value.cast<std::string>();
  } else {
    throw py::type_error("expected decimal.Decimal, int or str, got " +
                         py::str(py::type::handle_of(value)).cast<std::string>());
  }
  auto d = Decimal::parse(text, what);
  if (!d.ok()) throw Error(d.status());
  return *d;
}

std::string python_name(const char* member) {
  static const py::object* is_keyword = new py::object(py::module_::import("keyword").attr("iskeyword"));
  std::string name(member);
  if ((*is_keyword)(name).cast<bool>()) name += '_';
  return name;
}

py::object decimal_to_python(const Decimal& d) { return py_types().decimal(d.to_string()); }

}  // namespace oms::python

namespace pybind11::detail {

using oms::python::py_types;

void refuse_unencodable() {
  PyErr_Clear();  // the UnicodeEncodeError of the failed conversion
  throw oms::Error(oms::Status(oms::StatusCode::kInvalidArgument,
                               "text is not valid Unicode (it holds a lone surrogate, which UTF-8 cannot carry)"));
}

void refuse_bytes() {
  throw oms::Error(oms::Status(oms::StatusCode::kInvalidArgument,
                               "bytes given where text is expected: pass a str (decode the bytes first, e.g. "
                               "data.decode('utf-8'))"));
}

bool type_caster<oms::Currency>::load(handle src, bool) {
  if (!PyUnicode_Check(src.ptr())) return false;
  auto c = oms::Currency::of(src.cast<std::string>());
  if (!c.ok()) throw oms::Error(c.status());
  value = *c;
  return true;
}

bool type_caster<oms::Date>::load(handle src, bool) {
  if (!isinstance(src, py_types().date) || isinstance(src, py_types().datetime)) return false;
  value = oms::Date{std::chrono::year(src.attr("year").cast<int>()),
                    std::chrono::month(src.attr("month").cast<unsigned>()),
                    std::chrono::day(src.attr("day").cast<unsigned>())};
  return true;
}

handle type_caster<oms::Date>::cast(const oms::Date& d, return_value_policy, handle) {
  if (!d.ok() || static_cast<int>(d.year()) < 1) return none().release();  // a date never set
  return py_types()
      .date(static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()))
      .release();
}

bool type_caster<oms::Timestamp>::load(handle src, bool) {
  if (!isinstance(src, py_types().datetime)) return false;
  if (src.attr("tzinfo").is_none()) {
    throw type_error("a naive datetime has no time zone; pass an aware one, e.g. datetime.now(timezone.utc)");
  }
  auto utc = src.attr("astimezone")(py_types().utc);
  const oms::Date day{std::chrono::year(utc.attr("year").cast<int>()),
                      std::chrono::month(utc.attr("month").cast<unsigned>()),
                      std::chrono::day(utc.attr("day").cast<unsigned>())};
  value = oms::Timestamp(std::chrono::sys_days(day)) + std::chrono::hours(utc.attr("hour").cast<int>()) +
          std::chrono::minutes(utc.attr("minute").cast<int>()) + std::chrono::seconds(utc.attr("second").cast<int>()) +
          std::chrono::microseconds(utc.attr("microsecond").cast<int>());
  return true;
}

handle type_caster<oms::Timestamp>::cast(const oms::Timestamp& t, return_value_policy, handle) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const oms::Date d{days};
  const auto micros = (t - days).count();
  const long long secs = micros / 1000000;
  return py_types()
      .datetime(static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                secs / 3600, (secs / 60) % 60, secs % 60, micros % 1000000, py_types().utc)
      .release();
}

}  // namespace pybind11::detail
