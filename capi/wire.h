// Internal: the JSON wire format of the C ABI (docs/c-api.md, "Wire format").
//
// Every public value type has one member list (src/fields.h); the same list drives encoding
// (C++ -> JSON) and decoding (JSON -> C++), so the two cannot drift apart.
// Encoding is total. Decoding is strict and throws oms::Error with kInvalidArgument naming the
// member's path ("lines[2].quantity") and the value: unknown members, wrong JSON types, bad
// decimals, dates, currencies and enum names are all refused. Missing members keep the C++
// default.
//
// Scalars: Decimal <-> "12.50" (a JSON integer is accepted too; a JSON number with a fraction
// or exponent is refused: it has already been through binary floating point), Money <->
// {"amount": "12.50", "currency": "CNY"}, Currency <-> "CNY", Date <-> "2026-11-23",
// Timestamp <-> "2026-11-23T08:15:00.000000Z", ids <-> integers, enums <-> lower_snake_case
// names, std::optional <-> value or null.
#ifndef OMS_CAPI_WIRE_H_
#define OMS_CAPI_WIRE_H_

#include <concepts>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "fields.h"
#include "oms/engine.h"
#include "oms/sqlite_storage.h"

namespace oms::wire {

using fields::EnumInfo;
using fields::Tag;

// Members keep the order src/fields.h lists them in, so output reads like the headers.
using json = nlohmann::ordered_json;

// Parses JSON text; a syntax error is kInvalidArgument naming `what` (the argument).
json parse(const char* text, std::string_view what);
// Compact UTF-8 text; invalid UTF-8 in strings is replaced, never an error.
std::string dump(const json& j);
// Throws oms::Error(kInvalidArgument) for `path` holding `value`.
[[noreturn]] void refuse(std::string_view path, const json& value, std::string_view why);
std::string member_path(std::string_view parent, std::string_view name);

// Every enum name in one place, for error messages: "draft, submitted, ...".
template <class E>
std::string enum_choices() {
  std::string out;
  for (int i = 0; i < EnumInfo<E>::count; ++i) {
    if (i) out += ", ";
    out += EnumInfo<E>::name(static_cast<E>(i));
  }
  return out;
}

template <class E>
E enum_from_name(std::string_view name, std::string_view path) {
  for (int i = 0; i < EnumInfo<E>::count; ++i) {
    if (EnumInfo<E>::name(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  refuse(path, json(name), "is not one of: " + enum_choices<E>());
}


// ---- Codecs ----------------------------------------------------------------------------------

// Codec<T>::encode(const T&) -> json and Codec<T>::decode(const json&, T&, path).
template <class T, class = void>
struct Codec;

// Walks the members of an object for encoding.
template <class T>
class Writer {
 public:
  Writer(const T& obj, json& out) : obj_(obj), out_(out) {}
  template <class M>
  void operator()(const char* name, M T::*member) {
    out_[name] = Codec<M>::encode(obj_.*member);
  }
  // A value derived from the members (open quantity, unapplied amount): written, never read.
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    out_[name] = Codec<std::decay_t<R>>::encode((obj_.*function)());
  }

 private:
  const T& obj_;
  json& out_;
};

// The member names of an object, for decoding.
class Names {
 public:
  void add(const char* name) { names_.emplace_back(name); }
  bool contains(std::string_view name) const;
  std::string list() const;  // "a, b, c"

 private:
  std::vector<std::string_view> names_;
};

// Refuses the first member of `in` that is not `known`, listing the known ones.
void refuse_unknown(const json& in, std::string_view path, const Names& known);

// Walks the members of an object for decoding; finish() refuses members nobody asked for.
template <class T>
class Reader {
 public:
  Reader(T& obj, const json& in, std::string_view path) : obj_(obj), in_(in), path_(path) {}
  template <class M>
  void operator()(const char* name, M T::*member) {
    names_.add(name);
    const auto it = in_.find(name);
    if (it != in_.end()) Codec<M>::decode(*it, obj_.*member, member_path(path_, name));
  }
  template <class F>
  void computed(const char* name, F) {
    names_.add(name);  // accepted (so an output can be sent back) and ignored
  }
  // Refuses the first member no visitor asked for, listing the known ones.
  void finish() const { refuse_unknown(in_, path_, names_); }

 private:
  T& obj_;
  const json& in_;
  std::string_view path_;
  Names names_;
};
// A type whose members src/fields.h lists.
template <class T>
concept Described = requires(Writer<T>& w) { fields::fields(w, Tag<T>{}); };

template <>
struct Codec<std::string> {
  static json encode(const std::string& v) { return v; }
  static void decode(const json& j, std::string& v, std::string_view path);
};
template <>
struct Codec<bool> {
  static json encode(bool v) { return v; }
  static void decode(const json& j, bool& v, std::string_view path);
};
template <class I>
struct Codec<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static json encode(I v) { return v; }
  static void decode(const json& j, I& v, std::string_view path) {
    if (!j.is_number_integer()) refuse(path, j, "must be a whole number");
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<I>::max())) refuse(path, j, "is out of range");
      v = static_cast<I>(u);
      return;
    }
    const auto s = j.get<std::int64_t>();
    if (s < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        (s > 0 && static_cast<std::uint64_t>(s) > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))) {
      refuse(path, j, "is out of range");
    }
    v = static_cast<I>(s);
  }
};
template <class E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
  static json encode(E v) { return std::string(EnumInfo<E>::name(v)); }
  static void decode(const json& j, E& v, std::string_view path) {
    if (!j.is_string()) refuse(path, j, "must be one of: " + enum_choices<E>());
    v = enum_from_name<E>(j.get_ref<const std::string&>(), path);
  }
};
template <>
struct Codec<Decimal> {
  static json encode(const Decimal& v) { return v.to_string(); }
  static void decode(const json& j, Decimal& v, std::string_view path);
};
template <>
struct Codec<Currency> {
  static json encode(const Currency& v) { return std::string(v.code()); }
  static void decode(const json& j, Currency& v, std::string_view path);
};
template <>
struct Codec<Money> {
  static json encode(const Money& v);
  static void decode(const json& j, Money& v, std::string_view path);
};
template <>
struct Codec<Date> {
  static json encode(const Date& v) { return to_string(v); }
  static void decode(const json& j, Date& v, std::string_view path);
};
template <>
struct Codec<Timestamp> {
  static json encode(const Timestamp& v) { return to_string(v); }
  static void decode(const json& j, Timestamp& v, std::string_view path);
};
template <class Tag>
struct Codec<Id<Tag>> {
  static json encode(const Id<Tag>& v) { return v.value; }
  static void decode(const json& j, Id<Tag>& v, std::string_view path) {
    Codec<std::int64_t>::decode(j, v.value, path);
  }
};
template <class T>
struct Codec<std::optional<T>> {
  static json encode(const std::optional<T>& v) { return v ? Codec<T>::encode(*v) : json(nullptr); }
  static void decode(const json& j, std::optional<T>& v, std::string_view path) {
    if (j.is_null()) {
      v.reset();
      return;
    }
    T value{};
    Codec<T>::decode(j, value, path);
    v = std::move(value);
  }
};
template <class T>
struct Codec<std::vector<T>> {
  static json encode(const std::vector<T>& v) {
    json out = json::array();
    for (const auto& e : v) out.push_back(Codec<T>::encode(e));
    return out;
  }
  static void decode(const json& j, std::vector<T>& v, std::string_view path) {
    if (!j.is_array()) refuse(path, j, "must be an array");
    v.clear();
    v.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
      T value{};
      Codec<T>::decode(j[i], value, std::string(path) + "[" + std::to_string(i) + "]");
      v.push_back(std::move(value));
    }
  }
};
template <class T>
struct Codec<T, std::enable_if_t<Described<T>>> {
  static json encode(const T& v) {
    json out = json::object();
    Writer<T> w(v, out);
    fields::fields(w, Tag<T>{});
    return out;
  }
  static void decode(const json& j, T& v, std::string_view path) {
    if (!j.is_object()) refuse(path, j, "must be a JSON object");
    Reader<T> r(v, j, path);
    fields::fields(r, Tag<T>{});
    r.finish();
  }
};

// An event's data is JSON text in the journal; on the wire it is the object itself.
template <>
struct Codec<Event> {
  static json encode(const Event& e);
};

// What oms_engine_open accepts: the engine options, flattened, plus storage and clock.
struct OpenOptions {
  EngineOptions engine;
  SqliteOptions sqlite;
  std::optional<Timestamp> manual_clock;
};
template <>
struct Codec<OpenOptions> {
  static void decode(const json& j, OpenOptions& v, std::string_view path);
};

template <class T>
json encode(const T& value) {
  return Codec<T>::encode(value);
}

// Decodes a whole argument; member paths in errors are relative to it ("lines[0].sku").
template <class T>
T decode(const json& j) {
  T value{};
  Codec<T>::decode(j, value, "");
  return value;
}

}  // namespace oms::wire

#endif  // OMS_CAPI_WIRE_H_
