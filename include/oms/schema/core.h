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
// OMS_FOR_EACH(m, a, b, c) is m(a) m(b) m(c), for 1 to 64 arguments: the arguments are counted
// and OMS_EACH_<count> peels them one by one. A longer list fails to compile rather than losing
// members. (Written without __VA_OPT__, which the static analysis cannot read yet.)
#define OMS_FOR_EACH(macro, ...) OMS_EACH_CAT(OMS_EACH_, OMS_EACH_COUNT(__VA_ARGS__))(macro, __VA_ARGS__)
#define OMS_EACH_CAT(a, b) OMS_EACH_CAT2(a, b)
#define OMS_EACH_CAT2(a, b) a##b
#define OMS_EACH_COUNT(...) OMS_EACH_NTH(__VA_ARGS__, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define OMS_EACH_NTH(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, _33, _34, _35, _36, _37, _38, _39, _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, _50, _51, _52, _53, _54, _55, _56, _57, _58, _59, _60, _61, _62, _63, _64, n, ...) n
#define OMS_EACH_1(m, a) m(a)
#define OMS_EACH_2(m, a, ...) m(a) OMS_EACH_1(m, __VA_ARGS__)
#define OMS_EACH_3(m, a, ...) m(a) OMS_EACH_2(m, __VA_ARGS__)
#define OMS_EACH_4(m, a, ...) m(a) OMS_EACH_3(m, __VA_ARGS__)
#define OMS_EACH_5(m, a, ...) m(a) OMS_EACH_4(m, __VA_ARGS__)
#define OMS_EACH_6(m, a, ...) m(a) OMS_EACH_5(m, __VA_ARGS__)
#define OMS_EACH_7(m, a, ...) m(a) OMS_EACH_6(m, __VA_ARGS__)
#define OMS_EACH_8(m, a, ...) m(a) OMS_EACH_7(m, __VA_ARGS__)
#define OMS_EACH_9(m, a, ...) m(a) OMS_EACH_8(m, __VA_ARGS__)
#define OMS_EACH_10(m, a, ...) m(a) OMS_EACH_9(m, __VA_ARGS__)
#define OMS_EACH_11(m, a, ...) m(a) OMS_EACH_10(m, __VA_ARGS__)
#define OMS_EACH_12(m, a, ...) m(a) OMS_EACH_11(m, __VA_ARGS__)
#define OMS_EACH_13(m, a, ...) m(a) OMS_EACH_12(m, __VA_ARGS__)
#define OMS_EACH_14(m, a, ...) m(a) OMS_EACH_13(m, __VA_ARGS__)
#define OMS_EACH_15(m, a, ...) m(a) OMS_EACH_14(m, __VA_ARGS__)
#define OMS_EACH_16(m, a, ...) m(a) OMS_EACH_15(m, __VA_ARGS__)
#define OMS_EACH_17(m, a, ...) m(a) OMS_EACH_16(m, __VA_ARGS__)
#define OMS_EACH_18(m, a, ...) m(a) OMS_EACH_17(m, __VA_ARGS__)
#define OMS_EACH_19(m, a, ...) m(a) OMS_EACH_18(m, __VA_ARGS__)
#define OMS_EACH_20(m, a, ...) m(a) OMS_EACH_19(m, __VA_ARGS__)
#define OMS_EACH_21(m, a, ...) m(a) OMS_EACH_20(m, __VA_ARGS__)
#define OMS_EACH_22(m, a, ...) m(a) OMS_EACH_21(m, __VA_ARGS__)
#define OMS_EACH_23(m, a, ...) m(a) OMS_EACH_22(m, __VA_ARGS__)
#define OMS_EACH_24(m, a, ...) m(a) OMS_EACH_23(m, __VA_ARGS__)
#define OMS_EACH_25(m, a, ...) m(a) OMS_EACH_24(m, __VA_ARGS__)
#define OMS_EACH_26(m, a, ...) m(a) OMS_EACH_25(m, __VA_ARGS__)
#define OMS_EACH_27(m, a, ...) m(a) OMS_EACH_26(m, __VA_ARGS__)
#define OMS_EACH_28(m, a, ...) m(a) OMS_EACH_27(m, __VA_ARGS__)
#define OMS_EACH_29(m, a, ...) m(a) OMS_EACH_28(m, __VA_ARGS__)
#define OMS_EACH_30(m, a, ...) m(a) OMS_EACH_29(m, __VA_ARGS__)
#define OMS_EACH_31(m, a, ...) m(a) OMS_EACH_30(m, __VA_ARGS__)
#define OMS_EACH_32(m, a, ...) m(a) OMS_EACH_31(m, __VA_ARGS__)
#define OMS_EACH_33(m, a, ...) m(a) OMS_EACH_32(m, __VA_ARGS__)
#define OMS_EACH_34(m, a, ...) m(a) OMS_EACH_33(m, __VA_ARGS__)
#define OMS_EACH_35(m, a, ...) m(a) OMS_EACH_34(m, __VA_ARGS__)
#define OMS_EACH_36(m, a, ...) m(a) OMS_EACH_35(m, __VA_ARGS__)
#define OMS_EACH_37(m, a, ...) m(a) OMS_EACH_36(m, __VA_ARGS__)
#define OMS_EACH_38(m, a, ...) m(a) OMS_EACH_37(m, __VA_ARGS__)
#define OMS_EACH_39(m, a, ...) m(a) OMS_EACH_38(m, __VA_ARGS__)
#define OMS_EACH_40(m, a, ...) m(a) OMS_EACH_39(m, __VA_ARGS__)
#define OMS_EACH_41(m, a, ...) m(a) OMS_EACH_40(m, __VA_ARGS__)
#define OMS_EACH_42(m, a, ...) m(a) OMS_EACH_41(m, __VA_ARGS__)
#define OMS_EACH_43(m, a, ...) m(a) OMS_EACH_42(m, __VA_ARGS__)
#define OMS_EACH_44(m, a, ...) m(a) OMS_EACH_43(m, __VA_ARGS__)
#define OMS_EACH_45(m, a, ...) m(a) OMS_EACH_44(m, __VA_ARGS__)
#define OMS_EACH_46(m, a, ...) m(a) OMS_EACH_45(m, __VA_ARGS__)
#define OMS_EACH_47(m, a, ...) m(a) OMS_EACH_46(m, __VA_ARGS__)
#define OMS_EACH_48(m, a, ...) m(a) OMS_EACH_47(m, __VA_ARGS__)
#define OMS_EACH_49(m, a, ...) m(a) OMS_EACH_48(m, __VA_ARGS__)
#define OMS_EACH_50(m, a, ...) m(a) OMS_EACH_49(m, __VA_ARGS__)
#define OMS_EACH_51(m, a, ...) m(a) OMS_EACH_50(m, __VA_ARGS__)
#define OMS_EACH_52(m, a, ...) m(a) OMS_EACH_51(m, __VA_ARGS__)
#define OMS_EACH_53(m, a, ...) m(a) OMS_EACH_52(m, __VA_ARGS__)
#define OMS_EACH_54(m, a, ...) m(a) OMS_EACH_53(m, __VA_ARGS__)
#define OMS_EACH_55(m, a, ...) m(a) OMS_EACH_54(m, __VA_ARGS__)
#define OMS_EACH_56(m, a, ...) m(a) OMS_EACH_55(m, __VA_ARGS__)
#define OMS_EACH_57(m, a, ...) m(a) OMS_EACH_56(m, __VA_ARGS__)
#define OMS_EACH_58(m, a, ...) m(a) OMS_EACH_57(m, __VA_ARGS__)
#define OMS_EACH_59(m, a, ...) m(a) OMS_EACH_58(m, __VA_ARGS__)
#define OMS_EACH_60(m, a, ...) m(a) OMS_EACH_59(m, __VA_ARGS__)
#define OMS_EACH_61(m, a, ...) m(a) OMS_EACH_60(m, __VA_ARGS__)
#define OMS_EACH_62(m, a, ...) m(a) OMS_EACH_61(m, __VA_ARGS__)
#define OMS_EACH_63(m, a, ...) m(a) OMS_EACH_62(m, __VA_ARGS__)
#define OMS_EACH_64(m, a, ...) m(a) OMS_EACH_63(m, __VA_ARGS__)

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
