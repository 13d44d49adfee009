// Values made and compared by walking the member lists of the schema (include/oms/schema/), so that a
// member added to a public type is filled and compared by every test that uses these, with no
// list of members here to forget.
//
//   Filler f(1);  Order o = f.make<Order>();   every member set, none to its default
//   dump(o)                                     "lines[0].shipped = 3.5\n..." one line per value
#ifndef OMS_TESTS_SCHEMA_VALUES_H_
#define OMS_TESTS_SCHEMA_VALUES_H_

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <typeindex>
#include <vector>

#include "oms/schema/schema.h"

namespace oms::testing {

using fields::IsId;
using fields::IsOptional;
using fields::IsVector;

// Calls `f(name, member)` for every listed member of an object (values derived from them are
// left out).
template <class T, class F>
struct MemberCaller {
  T& obj;
  F& f;
  template <class M>
  void operator()(const char* name, M std::remove_const_t<T>::*member) {
    f(name, obj.*member);
  }
  template <class R>
  void computed(const char*, R (std::remove_const_t<T>::*)() const) {}
};
template <class T, class F>
void for_each_member(T& obj, F&& f) {
  MemberCaller<T, std::remove_reference_t<F>> v{obj, f};
  fields::fields(v, fields::Tag<std::remove_const_t<T>>{});
}

// Fills values so that every member differs from its default and from every other member of
// the same type: each leaf takes the next number of a counter that starts at 1000 x seed (an
// enum another value than its default, chosen by the seed; a bool the other value).
// Two exceptions keep the values a consistent book: every id of one kind is the same number
// (an order's customer is the customer that exists, whatever the seed), and every currency is
// the same (an order's amounts are in the order's currency).
class Filler {
 public:
  explicit Filler(int seed, Currency currency = Currency::of("EUR").value())
      : seed_(seed), next_(1000 * seed), currency_(currency) {}

  template <class T>
  T make() {
    T v{};
    fill(v);
    return v;
  }

  template <class T>
  void fill(T& x) {
    const int n = ++next_;
    if constexpr (std::is_same_v<T, std::string>) {
      x = "s" + std::to_string(n);
    } else if constexpr (std::is_same_v<T, bool>) {
      x = !x;
    } else if constexpr (std::is_enum_v<T>) {  // another value than the default, by seed
      const int count = fields::EnumInfo<T>::count;
      const int was = static_cast<int>(x);
      const int v = (was + seed_) % count;
      x = static_cast<T>(v == was ? (v + 1) % count : v);
    } else if constexpr (std::is_integral_v<T>) {
      x = static_cast<T>(n);
    } else if constexpr (std::is_same_v<T, Decimal>) {
      x = decimal(n);
    } else if constexpr (std::is_same_v<T, Currency>) {
      x = currency_;
    } else if constexpr (std::is_same_v<T, Money>) {
      x = Money(decimal(n), currency_);
    } else if constexpr (std::is_same_v<T, Date>) {
      x = Date{std::chrono::sys_days(Date{std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1)}) +
               std::chrono::days(n % 3000)};
    } else if constexpr (std::is_same_v<T, Timestamp>) {
      x = Timestamp(std::chrono::seconds(1'780'000'000LL + n));
    } else if constexpr (IsId<T>::value) {
      x.value = id_of(typeid(T));
    } else if constexpr (IsOptional<T>::value) {
      x.emplace();
      fill(*x);
    } else if constexpr (IsVector<T>::value) {
      x.resize(1);
      fill(x[0]);
    } else {
      for_each_member(x, [this](const char*, auto& member) { fill(member); });
    }
  }

 private:
  static Decimal decimal(int n) { return Decimal::from_string(std::to_string(n) + ".25"); }
  std::int64_t id_of(std::type_index kind) {
    const auto [it, added] = ids_.try_emplace(kind, 0);
    if (added) it->second = 101 + static_cast<std::int64_t>(ids_.size());
    return it->second;
  }

  int seed_;
  int next_;
  Currency currency_;
  static inline std::map<std::type_index, std::int64_t> ids_;  // one number per kind of id
};

// One line "path = value" per value, in the order the schema lists the members.
template <class T>
void dump(const T& x, const std::string& path, std::string& out) {
  auto line = [&](const std::string& text) { out += path + " = " + text + "\n"; };
  if constexpr (std::is_same_v<T, std::string>) {
    line('"' + x + '"');
  } else if constexpr (std::is_same_v<T, bool>) {
    line(x ? "true" : "false");
  } else if constexpr (std::is_enum_v<T>) {
    line(std::string(fields::EnumInfo<T>::name(x)));
  } else if constexpr (std::is_integral_v<T>) {
    line(std::to_string(x));
  } else if constexpr (std::is_same_v<T, Decimal>) {
    line(x.to_string());
  } else if constexpr (std::is_same_v<T, Currency>) {
    line(std::string(x.code()));
  } else if constexpr (std::is_same_v<T, Money>) {
    line(x.amount().to_string() + " " + std::string(x.currency().code()));
  } else if constexpr (std::is_same_v<T, Date>) {
    line(to_string(x));
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    line(std::to_string(x.time_since_epoch().count()));
  } else if constexpr (IsId<T>::value) {
    line("#" + std::to_string(x.value));
  } else if constexpr (IsOptional<T>::value) {
    if (x) {
      dump(*x, path, out);
    } else {
      line("null");
    }
  } else if constexpr (IsVector<T>::value) {
    line("[" + std::to_string(x.size()) + "]");
    for (std::size_t i = 0; i < x.size(); ++i) dump(x[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    for_each_member(x, [&](const char* name, const auto& member) {
      dump(member, path.empty() ? name : path + "." + name, out);
    });
  }
}

// The lines of a dump, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1) {
    out.push_back(text.substr(at, end - at));
  }
  return out;
}

template <class T>
std::string dump(const T& x) {
  std::string out;
  dump(x, "", out);
  return out;
}

}  // namespace oms::testing

#endif  // OMS_TESTS_SCHEMA_VALUES_H_
