// How the schema lists things (include/oms/schema/schema.h says what the schema is).
//
//   fields(v, Tag<T>{})  calls  v("sku", &Product::sku), ... for every member of T in order, and
//                                v.computed("open", &Invoice::open) for values derived from them.
//   EnumInfo<E>::count / name(e)  the lower_snake_case names of E's values 0..count-1.
#ifndef OMS_SCHEMA_CORE_H_
#define OMS_SCHEMA_CORE_H_

#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "oms/types.h"

namespace oms::fields {

// ---- Enums -----------------------------------------------------------------------------------

// Whether V is one of its enum's declared enumerators. GCC and Clang print a declared
// enumerator by its name in __PRETTY_FUNCTION__ ("V = oms::Priority::kUrgent") and any other
// value as a cast ("V = (oms::Priority)4").
template <auto V>
constexpr bool is_enumerator() {
  constexpr std::string_view signature = __PRETTY_FUNCTION__;
  constexpr std::size_t value = signature.rfind("V = ");
  static_assert(value != std::string_view::npos, "the compiler does not name template arguments as expected");
  return signature[value + 4] != '(';
}

// How many enumerators E declares, counted from 0 up to the first number it does not declare:
// the enums of the public headers are contiguous from 0, so this is all of them, and a value
// added to an enum is counted with no count to update by hand.
template <class E, int I = 0>
constexpr int enum_count() {
  if constexpr (I < 256 && is_enumerator<static_cast<E>(I)>()) {
    return enum_count<E, I + 1>();
  } else {
    return I;
  }
}

// Names of an enum's values 0..count-1.
template <class E>
struct EnumInfo;

// An enum whose names are its to_string().
#define OMS_ENUM(E)                                                 \
  template <>                                                       \
  struct EnumInfo<E> {                                              \
    static constexpr int count = enum_count<E>();                   \
    static std::string_view name(E e) { return to_string(e); }      \
  };

// An enum the C++ API has no names for; the names live here, one per enumerator.
#define OMS_NAMED_ENUM(E, ...)                                                              \
  template <>                                                                               \
  struct EnumInfo<E> {                                                                      \
    static constexpr std::string_view names[] = {__VA_ARGS__};                              \
    static constexpr int count = static_cast<int>(std::size(names));                       \
    static_assert(count == enum_count<E>(), #E ": one name for each of its enumerators");   \
    static std::string_view name(E e) { return names[static_cast<int>(e)]; }                \
  };

// ---- The shapes a member takes besides the scalars and the listed types ----------------------

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsId : std::false_type {};
template <class Tag>
struct IsId<Id<Tag>> : std::true_type {};

// ---- Members ---------------------------------------------------------------------------------

template <class T>
struct Tag {};

// Values derived from the members of T (const member functions), listed after them: none unless
// OMS_COMPUTED names some.
template <class V, class T>
void computed_fields(V&, Tag<T>) {}

#define OMS_FIELD(member) v(#member, &Self::member);
#define OMS_COMPUTED_FIELD(function) v.computed(#function, &Self::function);
// OMS_FOR_EACH(m, a, b, c) is m(a) m(b) m(c), for up to 64 arguments: each step leaves the next
// one behind a macro name that only the following rescan expands, and OMS_EXPAND rescans 64
// times. A longer list fails to compile rather than losing members.
#define OMS_FOR_EACH(macro, ...) __VA_OPT__(OMS_EXPAND(OMS_FOR_EACH_STEP(macro, __VA_ARGS__)))
#define OMS_FOR_EACH_STEP(macro, first, ...) macro(first) __VA_OPT__(OMS_FOR_EACH_AGAIN OMS_PARENS(macro, __VA_ARGS__))
#define OMS_FOR_EACH_AGAIN() OMS_FOR_EACH_STEP
#define OMS_PARENS ()
#define OMS_EXPAND(...) OMS_EXPAND16(OMS_EXPAND16(OMS_EXPAND16(OMS_EXPAND16(__VA_ARGS__))))
#define OMS_EXPAND16(...) OMS_EXPAND4(OMS_EXPAND4(OMS_EXPAND4(OMS_EXPAND4(__VA_ARGS__))))
#define OMS_EXPAND4(...) OMS_EXPAND1(OMS_EXPAND1(OMS_EXPAND1(OMS_EXPAND1(__VA_ARGS__))))
#define OMS_EXPAND1(...) __VA_ARGS__

// fields(v, Tag<Type>{}): the members of Type, in order, then its computed values.
#define OMS_STRUCT(Type, ...)                 \
  template <class V>                          \
  void fields(V& v, Tag<Type> tag) {          \
    using Self = Type;                        \
    OMS_FOR_EACH(OMS_FIELD, __VA_ARGS__)      \
    computed_fields(v, tag);                  \
  }

// The computed values of Type: its const member functions named here.
#define OMS_COMPUTED(Type, ...)                     \
  template <class V>                                \
  void computed_fields(V& v, Tag<Type>) {           \
    using Self = Type;                              \
    OMS_FOR_EACH(OMS_COMPUTED_FIELD, __VA_ARGS__)   \
  }

// For the X-macros of the areas, in a place that wants only some kinds of entry.
#define OMS_SCHEMA_IGNORE(...)

}  // namespace oms::fields

#endif  // OMS_SCHEMA_CORE_H_
