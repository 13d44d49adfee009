// Internal: the JSON wire format of the C ABI (docs/c-api.md, "Wire format").
//
// Every public value type has one member list (include/oms/schema/); the same list drives printing
// (C++ -> JSON text, written straight out, members in list order) and decoding (JSON -> C++),
// so the two cannot drift apart. Printing is total: text that is not UTF-8 has its bad bytes
// replaced by U+FFFD. Decoding is strict and throws oms::Error with kInvalidArgument naming the
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

#include "oms/schema/schema.h"
#include "oms/sqlite_storage_schema.h"
#include "oms/json_text.h"
#include "oms/engine.h"
#include "oms/sqlite_storage.h"

namespace oms::wire {

using fields::EnumInfo;
using fields::Tag;

// Members keep the order include/oms/schema/ lists them in, so output reads like the headers.
using json = nlohmann::ordered_json;

// The deepest nesting of arrays and objects a JSON argument may have (docs/c-api.md). The wire
// format needs 5 levels; the limit keeps every recursive walk of a value (decoding, printing an
// error) far from the end of the stack.
inline constexpr std::size_t kMaxNesting = 64;
// Refuses `text` (the argument `what`) if its arrays and objects nest deeper than kMaxNesting,
// reading it once without recursion; text that is not JSON is left for the parser to refuse.
void require_nesting(std::string_view text, std::string_view what);
[[noreturn]] void refuse_nesting(std::string_view text, std::string_view what);
// Parses JSON text; nesting beyond kMaxNesting, a syntax error, or a number too large for a
// double is kInvalidArgument naming `what` (the argument).
json parse(const char* text, std::string_view what);
// The error of parse() for `text`, which is not JSON (`e` says why).
[[noreturn]] void refuse_text(const char* text, std::string_view what, const json::exception& e);
// Compact UTF-8 text; invalid UTF-8 in strings is replaced, never an error.
std::string dump(const json& j);
// Throws oms::Error(kInvalidArgument) for `path` holding `value` (ArgumentRefused for the
// empty path: the whole argument, which decode() names).
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

// Codec<T>::print(const T&, std::string& out) appends the JSON text;
// Codec<T>::decode(const json&, T&, path) reads it back.
template <class T, class = void>
struct Codec;

// Appends `text` as a JSON string; bytes that are not UTF-8 become U+FFFD.
void print_string(std::string_view text, std::string& out);

// Room taken at once for a printed value: a created order with 3 lines is 4 KB, written without
// the eight steps by which a string doubles from empty.
inline constexpr std::size_t kPrintBuffer = 4096;

// Walks the members of an object for printing.
template <class T>
class Printer {
 public:
  Printer(const T& obj, std::string& out) : obj_(obj), out_(out) {}
  template <class M>
  void operator()(const char* name, M T::*member) {
    key(name);
    Codec<M>::print(obj_.*member, out_);
  }
  // A value derived from the members (open quantity, unapplied amount): written, never read.
  template <class R>
  void computed(const char* name, R (T::*function)() const) {
    key(name);
    Codec<std::decay_t<R>>::print((obj_.*function)(), out_);
  }

 private:
  void key(const char* name) {  // member names are plain lower_snake_case
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\":";
  }
  const T& obj_;
  std::string& out_;
  bool first_ = true;
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
// A type whose members include/oms/schema/ lists.
template <class T>
concept Described = requires(Printer<T>& p) { fields::fields(p, Tag<T>{}); };

template <>
struct Codec<std::string> {
  static void print(const std::string& v, std::string& out) { print_string(v, out); }
  static void decode(const json& j, std::string& v, std::string_view path);
};
template <>
struct Codec<bool> {
  static void print(bool v, std::string& out) { out += v ? "true" : "false"; }
  static void decode(const json& j, bool& v, std::string_view path);
};
template <class I>
struct Codec<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static void print(I v, std::string& out) { append_json_integer(out, v); }
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
  static void print(E v, std::string& out) { print_string(EnumInfo<E>::name(v), out); }
  static void decode(const json& j, E& v, std::string_view path) {
    if (!j.is_string()) refuse(path, j, "must be one of: " + enum_choices<E>());
    v = enum_from_name<E>(j.get_ref<const std::string&>(), path);
  }
};
template <>
struct Codec<Decimal> {
  static void print(const Decimal& v, std::string& out) { print_string(v.to_string(), out); }
  static void decode(const json& j, Decimal& v, std::string_view path);
};
template <>
struct Codec<Currency> {
  static void print(const Currency& v, std::string& out) { print_string(v.code(), out); }
  static void decode(const json& j, Currency& v, std::string_view path);
};
template <>
struct Codec<Money> {
  static void print(const Money& v, std::string& out);
  static void decode(const json& j, Money& v, std::string_view path);
};
template <>
struct Codec<Date> {
  static void print(const Date& v, std::string& out) { print_string(to_string(v), out); }
  static void decode(const json& j, Date& v, std::string_view path);
};
template <>
struct Codec<Timestamp> {
  static void print(const Timestamp& v, std::string& out) { print_string(to_string(v), out); }
  static void decode(const json& j, Timestamp& v, std::string_view path);
};
template <class Tag>
struct Codec<Id<Tag>> {
  static void print(const Id<Tag>& v, std::string& out) { Codec<std::int64_t>::print(v.value, out); }
  static void decode(const json& j, Id<Tag>& v, std::string_view path) {
    Codec<std::int64_t>::decode(j, v.value, path);
  }
};
template <class T>
struct Codec<std::optional<T>> {
  static void print(const std::optional<T>& v, std::string& out) {
    if (v) {
      Codec<T>::print(*v, out);
    } else {
      out += "null";
    }
  }
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
  static void print(const std::vector<T>& v, std::string& out) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += ',';
      Codec<T>::print(v[i], out);
    }
    out += ']';
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
  static void print(const T& v, std::string& out) {
    out += '{';
    Printer<T> p(v, out);
    fields::fields(p, Tag<T>{});
    out += '}';
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
  static void print(const Event& e, std::string& out);
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

// The JSON text of a whole value.
template <class T>
std::string print(const T& value) {
  std::string out;
  out.reserve(kPrintBuffer);
  Codec<T>::print(value, out);
  return out;
}

// What refuse() throws for a whole argument (the empty path), which only decode() can name.
struct ArgumentRefused {
  std::string value;  // as shown in messages
  std::string why;
};

// Decodes the whole argument `argument`; member paths in errors are relative to it
// ("lines[0].sku"), and the argument itself is named as the caller knows it ("order").
template <class T>
T decode(const json& j, std::string_view argument) {
  T value{};
  try {
    Codec<T>::decode(j, value, "");
  } catch (const ArgumentRefused& refused) {
    throw Error(Status::InvalidArgument(argument, refused.value, refused.why));
  }
  return value;
}

}  // namespace oms::wire

#endif  // OMS_CAPI_WIRE_H_
