// The value types bound as Python classes, and how a dict becomes one of them.
//
// Wherever the engine expects a value type, Python may pass the bound object or a dict of its
// members (nested: lists of dicts for lines). The dict is converted member by member, so an
// unknown key or a float for a decimal raises a TypeError naming it, never pybind's generic
// "incompatible function arguments".
#ifndef OMS_PYTHON_STRUCTS_H_
#define OMS_PYTHON_STRUCTS_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "casters.h"
#include "oms/schema/schema.h"
#include "oms/sqlite_storage_schema.h"

// Every value type and enum of the schema is bound, the value types in three groups bound by
// three translation units (values_*.cpp) so that the module compiles in parallel. Each group
// expands OMS_SCHEMA_<AREA>(S, E, N) entries with S(Type, members...), the enums with E and N.
#define OMS_PY_STRUCTS_CATALOG(S, E, N)                                                            \
  OMS_SCHEMA_CATALOG(S, E, N) OMS_SCHEMA_CUSTOMERS(S, E, N) OMS_SCHEMA_INVENTORY(S, E, N)         \
  OMS_SCHEMA_ENGINE(S, E, N) OMS_SCHEMA_SQLITE_OPTIONS(S, E, N)
#define OMS_PY_STRUCTS_ORDERS(S, E, N) OMS_SCHEMA_ORDERS(S, E, N) OMS_SCHEMA_REPORTS(S, E, N)
#define OMS_PY_STRUCTS_FULFILMENT(S, E, N) OMS_SCHEMA_FULFILMENT(S, E, N) OMS_SCHEMA_BILLING(S, E, N)
#define OMS_PY_ALL(S, E, N) OMS_PY_STRUCTS_CATALOG(S, E, N) OMS_PY_STRUCTS_ORDERS(S, E, N) OMS_PY_STRUCTS_FULFILMENT(S, E, N)

namespace oms::python {

using fields::Tag;

// An enum value from its label (the wire name); an unknown label is an InvalidArgumentError
// naming the member and listing the labels.
template <class E>
E enum_from_label(const std::string& member, const std::string& label) {
  std::string known;
  for (int i = 0; i < fields::EnumInfo<E>::count; ++i) {
    const std::string_view name = fields::EnumInfo<E>::name(static_cast<E>(i));
    if (name == label) return static_cast<E>(i);
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  throw Error(Status::InvalidArgument(member, label, "is not one of: " + known));
}

// Sets members from keyword arguments (or a dict); an unknown name is a TypeError naming it.
template <class T>
struct KeywordSetter {
  T& value;
  const py::dict& given;
  std::vector<std::string> known;
  template <class M>
  void operator()(const char* member_name, M T::*member) {
    const std::string name = python_name(member_name);
    known.push_back(name);
    if (!given.contains(name)) return;
    try {
      py::handle item = given[name.c_str()];
      if constexpr (std::is_enum_v<M>) {
        if (PyUnicode_Check(item.ptr())) {  // an enum by its label: "refund", "partially_shipped"
          value.*member = enum_from_label<M>(name, item.template cast<std::string>());
          return;
        }
      }
      if constexpr (std::is_same_v<M, Decimal>) {  // says what a decimal accepts
        value.*member = decimal_from_python(item, "value");
        return;
      }
      value.*member = item.template cast<M>();
    } catch (const Error& e) {  // a value the engine refuses: the field becomes "lines.quantity"
      const Status& s = e.status();
      const bool anonymous = s.field().empty() || s.field() == "value";
      std::string message = s.message();
      if (anonymous && message.starts_with("value ")) message = name + message.substr(5);
      throw Error(Status(s.code(), std::move(message), anonymous ? name : name + "." + s.field()));
    } catch (const py::type_error& e) {  // name the member: "lines: quantity: a float ..."
      throw py::type_error(name + ": " + e.what());
    } catch (const py::cast_error&) {
      throw py::type_error(name + ": cannot take a " +
                           py::str(py::type::handle_of(given[name.c_str()])).template cast<std::string>());
    }
  }
  template <class F>
  void computed(const char*, F) {}
};

template <class T>
T from_keywords(const py::dict& given, const char* type_name) {
  T value{};
  KeywordSetter<T> setter{value, given, {}};
  fields::fields(setter, Tag<T>{});
  for (const auto& [key, v] : given) {
    const std::string k = py::str(key).cast<std::string>();
    if (std::find(setter.known.begin(), setter.known.end(), k) == setter.known.end()) {
      std::string names;
      for (const auto& n : setter.known) names += (names.empty() ? "" : ", ") + n;
      throw py::type_error(std::string(type_name) + "() got an unexpected keyword '" + k + "' (known: " + names + ")");
    }
  }
  return value;
}

}  // namespace oms::python

namespace pybind11::detail {

// The bound class's own caster, plus: a dict is converted with from_keywords.
template <class T, const char* Name>
struct dict_or_instance_caster : type_caster_base<T> {
  T converted{};
  bool load(handle src, bool convert) {
    if (isinstance<dict>(src)) {
      converted = oms::python::from_keywords<T>(reinterpret_borrow<dict>(src), Name);
      this->value = &converted;
      return true;
    }
    return type_caster_base<T>::load(src, convert);
  }
};

// The bound enum's own caster, plus: a str is the value's label ("partially_shipped"); an
// unknown label is an InvalidArgumentError listing the labels.
template <class E, const char* Name>
struct label_or_enum_caster : type_caster_base<E> {
  E converted{};
  bool load(handle src, bool convert) {
    if (PyUnicode_Check(src.ptr())) {
      converted = oms::python::enum_from_label<E>(Name, src.cast<std::string>());
      this->value = &converted;
      return true;
    }
    return type_caster_base<E>::load(src, convert);
  }
};

#define OMS_PY_ENUM_CASTER(E)                                                   \
  inline constexpr char oms_py_name_##E[] = #E;                                 \
  template <>                                                                   \
  struct type_caster<oms::E> : label_or_enum_caster<oms::E, oms_py_name_##E> {};
#define OMS_PY_NAMED_ENUM_CASTER(E, ...) OMS_PY_ENUM_CASTER(E)
OMS_PY_ALL(OMS_SCHEMA_IGNORE, OMS_PY_ENUM_CASTER, OMS_PY_NAMED_ENUM_CASTER)
#undef OMS_PY_NAMED_ENUM_CASTER
#undef OMS_PY_ENUM_CASTER

#define OMS_PY_DICT_CASTER(T, ...)                                             \
  inline constexpr char oms_py_name_##T[] = #T;                                \
  template <>                                                                  \
  struct type_caster<oms::T> : dict_or_instance_caster<oms::T, oms_py_name_##T> {};
OMS_PY_ALL(OMS_PY_DICT_CASTER, OMS_SCHEMA_IGNORE, OMS_SCHEMA_IGNORE)
#undef OMS_PY_DICT_CASTER

}  // namespace pybind11::detail

#endif  // OMS_PYTHON_STRUCTS_H_
