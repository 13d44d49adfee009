// Internal: the JSON form in which storage adapters keep the nested parts of an entity as one
// text (a document's lines, picks and applications, an order's revisions, a customer's
// contacts). Written and read by walking the member lists of the schema (include/oms/schema/), so a
// member added there is stored with no change here.
//
// The form is compact and stable, not the C ABI's wire form: decimals and money amounts are
// exact strings, money is [amount, currency], dates ISO text, instants integer microseconds,
// enumerations and ids their numbers (frozen, as the headers say), absent optionals null, and
// objects name their members as the schema does. Writing goes straight into text, members in
// schema order, without building a tree (a tree cost more than the statement that stores the
// text). Reading goes through nlohmann and tolerates missing members, which keep their default,
// so a newer library reads what an older one wrote.
#ifndef OMS_SRC_STORAGE_BODY_JSON_H_
#define OMS_SRC_STORAGE_BODY_JSON_H_

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "text/json_writer.h"
#include "oms/schema/schema.h"

namespace oms::body {

using json = nlohmann::json;

using fields::IsId;
using fields::IsOptional;
using fields::IsVector;

// A stored currency code; "XXX" (no currency) is the default Currency.
inline Currency currency_of(const std::string& code) {
  return code == "XXX" ? Currency() : Currency::of(code).value();
}

template <class T>
void write(std::string& out, const T& v, std::string_view key);
template <class T>
void read(const json& j, T& v);

// Writes each member of an object after its name; `separator` is '{' until the first.
template <class T>
struct MemberWriter {
  const T& obj;
  std::string& out;
  char separator = '{';
  template <class M>
  void operator()(const char* name, M T::*member) {
    out += separator;
    separator = ',';
    out += '"';
    out += name;  // plain lower_snake_case
    out += "\":";
    write(out, obj.*member, name);
  }
  template <class R>
  void computed(const char*, R (T::*)() const) {}
};

// Reads each member an object names; the others keep their value.
template <class T>
struct MemberReader {
  const json& j;
  T& obj;
  template <class M>
  void operator()(const char* name, M T::*member) {
    const auto it = j.find(name);
    if (it != j.end()) read(*it, obj.*member);
  }
  template <class R>
  void computed(const char*, R (T::*)() const) {}
};

// Appends the JSON text of `v`. `key` names the member in the error for text that is not UTF-8
// (kInvalidArgument).
template <class T>
void write(std::string& out, const T& v, std::string_view key) {
  if constexpr (std::is_same_v<T, std::string>) {
    internal::write_json_string(out, v, key);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_enum_v<T>) {
    append_json_integer(out, static_cast<std::underlying_type_t<T>>(v));
  } else if constexpr (std::is_integral_v<T>) {
    append_json_integer(out, v);
  } else if constexpr (IsId<T>::value) {
    append_json_integer(out, v.value);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    append_json_string(out, v.to_string());
  } else if constexpr (std::is_same_v<T, Currency>) {
    append_json_string(out, v.code());
  } else if constexpr (std::is_same_v<T, Money>) {
    out += '[';
    append_json_string(out, v.amount().to_string());
    out += ',';
    append_json_string(out, v.currency().code());
    out += ']';
  } else if constexpr (std::is_same_v<T, Date>) {
    append_json_string(out, to_string(v));
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    append_json_integer(out, v.time_since_epoch().count());
  } else if constexpr (IsOptional<T>::value) {
    if (v) {
      write(out, *v, key);
    } else {
      out += "null";
    }
  } else if constexpr (IsVector<T>::value) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += ',';
      write(out, v[i], key);
    }
    out += ']';
  } else {
    MemberWriter<T> members{v, out};
    fields::fields(members, fields::Tag<T>{});
    if (members.separator == '{') out += '{';
    out += '}';
  }
}

// The JSON text of `v`.
template <class T>
std::string text(const T& v) {
  std::string out;
  out.reserve(1024);
  write(out, v, "body");
  return out;
}

// Reads `j` into `v`. Throws nlohmann's exceptions for a value of the wrong JSON type.
template <class T>
void read(const json& j, T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    v = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    v = j.get<bool>();
  } else if constexpr (std::is_enum_v<T>) {
    v = static_cast<T>(j.get<std::underlying_type_t<T>>());
  } else if constexpr (std::is_integral_v<T>) {
    v = j.get<T>();
  } else if constexpr (IsId<T>::value) {
    v.value = j.get<std::int64_t>();
  } else if constexpr (std::is_same_v<T, Decimal>) {
    v = Decimal::from_string(j.get_ref<const std::string&>());
  } else if constexpr (std::is_same_v<T, Currency>) {
    v = currency_of(j.get<std::string>());
  } else if constexpr (std::is_same_v<T, Money>) {
    v = Money(Decimal::from_string(j.at(0).get_ref<const std::string&>()), currency_of(j.at(1).get<std::string>()));
  } else if constexpr (std::is_same_v<T, Date>) {
    v = parse_date(j.get_ref<const std::string&>()).value();
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    v = Timestamp(std::chrono::microseconds(j.get<std::int64_t>()));
  } else if constexpr (IsOptional<T>::value) {
    if (j.is_null()) {
      v.reset();
    } else {
      read(j, v.emplace());
    }
  } else if constexpr (IsVector<T>::value) {
    v.clear();
    v.reserve(j.size());
    for (const json& item : j) read(item, v.emplace_back());
  } else {
    MemberReader<T> members{j, v};
    fields::fields(members, fields::Tag<T>{});
  }
}

template <class T>
T parse(const json& j) {
  T v{};
  read(j, v);
  return v;
}

template <class T>
T from_text(std::string_view text) {
  return parse<T>(json::parse(text));
}

}  // namespace oms::body

#endif  // OMS_SRC_STORAGE_BODY_JSON_H_
