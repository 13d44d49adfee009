// Internal: the rows of the SQLite tables, made from the schema's member lists
// (include/oms/schema/), so that no table has a hand-written list of its columns, its values or
// its reader to keep in step with the others.
//
// A stored value's row is its members in schema order, each kept by the rule of its type:
//   - text, a number, a flag, an enum (its frozen number), a date, an instant (microseconds), a
//     decimal or a currency: one column named as the member;
//   - an id: one column, "<member>_id" (the member `id` itself: "id");
//   - a Money: two columns, "<member>" (the amount) and "<member>_currency";
//   - an optional one of those: the same columns, NULL when it is absent;
//   - anything else (a list, a nested value): one column of JSON text (storage/body_json.h).
// Its table (Table<T>, tables.h) names the table and its key, and may keep a member otherwise
// (a Rule): flattened into columns of its own members, as a Money's amount alone in the
// currency of the row, in a table of its own, written only when the row is made, assigned by
// SQLite, or under another name. A table may also have columns before the members (the key of
// the parent a line belongs to: kParents, bound by the caller) and columns after them that are
// derived from the value for an index and never read back (kDerived).
//
// Binding, reading and comparing walk the members at compile time; the per-member decisions
// (a Plan, one per type) are made once, from the rules, the first time a type is used.
#ifndef OMS_SRC_STORAGE_SQLITE_CODEC_H_
#define OMS_SRC_STORAGE_SQLITE_CODEC_H_

#include <cstdint>
#include <iterator>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "oms/schema/schema.h"
#include "storage/body_json.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite::codec {

using fields::IsId;
using fields::IsOptional;
using fields::IsVector;

// How a table keeps a member when not by the rule of its type.
enum class Keep : std::uint8_t {
  kByType,     // by the rule of its type (with the column names and flags of the Rule)
  kFlat,       // a nested value: its members, each by these rules, in columns "<prefix><member>"
  kElsewhere,  // not in this row: a table of its own that the adapter writes (an order's lines)
  kOnInsert,   // written when the row is made and never updated (a bin's warehouse)
  kAssigned,   // assigned by SQLite when the row is made (an event's sequence), read back
};

struct Rule {
  std::string_view member;          // "totals", or a member of a flattened one: "price_source.reference"
  Keep keep = Keep::kByType;
  const char* column = nullptr;     // its column, or its columns' prefix when flattened ("" for none)
  const char* currency = nullptr;   // a Money's currency column
  bool amount_only = false;         // Money kept as its amount alone, in the currency of the row
  bool empty_is_null = false;       // empty text and id 0 kept as NULL (that unique indexes skip)
};

template <class T>
struct Table;  // tables.h: kName, kKey, and optionally kRules, kParents, kDerived/derived(), row_currency()

// ---- What a member's type is stored as -------------------------------------------------------

template <class T>
concept Listed = requires(T& v) { fields::fields(v, fields::Tag<T>{}); } && !IsVector<T>::value;

template <class T>
struct Unwrapped { using type = T; };
template <class T>
struct Unwrapped<std::optional<T>> { using type = T; };

// A value kept in columns (1, or 2 for a Money), not as JSON.
template <class T>
constexpr bool kScalar = [] {
  using U = typename Unwrapped<T>::type;
  return std::is_same_v<U, std::string> || std::is_arithmetic_v<U> || std::is_enum_v<U> || IsId<U>::value ||
         std::is_same_v<U, Decimal> || std::is_same_v<U, Currency> || std::is_same_v<U, Money> ||
         std::is_same_v<U, Date> || std::is_same_v<U, Timestamp>;
}();
template <class T>
constexpr bool kMoney = std::is_same_v<typename Unwrapped<T>::type, Money>;

// ---- The plan of a type: one slot per member, in the order the walks below visit them ----------

struct Slot {
  enum class Kind : std::uint8_t { kSkip, kFlat, kValue, kBody } kind = Kind::kSkip;
  bool amount_only = false;
  bool empty_is_null = false;
  bool on_insert = false;
  bool assigned = false;
  int bit = -1;  // its bit in a set of changed values (kValue and kBody), -1 for none
};

struct Plan {
  std::vector<Slot> slots;
  std::vector<std::string> columns;       // every column of the members, in slot order
  std::vector<std::size_t> first_column;  // per bit: the index of its first column in `columns`
  std::vector<std::size_t> width;         // per bit: how many columns
  std::vector<std::string> parents;       // the columns before the members
  std::vector<std::string> derived;       // the columns after them
  std::vector<std::string> key;           // the columns of the key
  std::string table;
  std::string column_names;               // "<the members' columns>", comma-separated
  std::string insert;                     // "INSERT INTO <table>(<every column>) VALUES(?, ...)"
  std::string upsert;                     // the insert, "ON CONFLICT(<key>) DO UPDATE SET" the rest
  int bits = 0;                           // changed-value bits of the members; derived columns follow
};

// The columns of a comma-separated list ("order_id, line_no").
std::vector<std::string> column_list(std::string_view text);

// Builds the plan of T by walking its members with the rules of Table<T>.
template <class Root>
class Planner {
 public:
  explicit Planner(Plan& plan) : plan_(plan) {}

  template <class T>
  void walk(std::string_view path, std::string_view prefix, const Rule& inherited) {
    path_ = path;
    prefix_ = prefix;
    inherited_ = inherited;
    Visitor<T> v{*this};
    fields::fields(v, fields::Tag<T>{});
  }

 private:
  template <class T>
  struct Visitor {
    Planner& p;
    template <class M>
    void operator()(const char* name, M T::*) {
      p.member<M>(name);
    }
    template <class R>
    void computed(const char*, R (T::*)() const) {}
  };

  const Rule* rule_for(const std::string& path) {
    if constexpr (requires { Table<Root>::kRules; }) {
      for (const Rule& r : Table<Root>::kRules) {
        if (r.member == path) {
          ++rules_used_;
          return &r;
        }
      }
    }
    return nullptr;
  }

  template <class M>
  void member(const char* name) {
    const std::string path = path_.empty() ? std::string(name) : path_ + "." + name;
    const Rule* rule = rule_for(path);
    Rule r = rule ? *rule : Rule{};
    r.amount_only = r.amount_only || inherited_.amount_only;
    r.empty_is_null = r.empty_is_null || inherited_.empty_is_null;
    const bool on_insert = r.keep == Keep::kOnInsert || inherited_.keep == Keep::kOnInsert;
    Slot slot;
    slot.amount_only = r.amount_only;
    slot.empty_is_null = r.empty_is_null;
    slot.on_insert = on_insert;
    slot.assigned = r.keep == Keep::kAssigned;
    std::string column = prefix_ + (r.column ? std::string(r.column) : default_column<M>(name));
    if (r.keep == Keep::kElsewhere) {
      plan_.slots.push_back(slot);
      return;
    }
    if (r.keep == Keep::kFlat) {
      if constexpr (Listed<M>) {
        slot.kind = Slot::Kind::kFlat;
        plan_.slots.push_back(slot);
        const std::string saved_path = path_, saved_prefix = prefix_;
        const Rule saved = inherited_;
        Rule inherit = r;
        if (on_insert) inherit.keep = Keep::kOnInsert;
        walk<M>(path, prefix_ + (r.column ? std::string(r.column) : std::string(name) + "_"), inherit);
        path_ = saved_path;
        prefix_ = saved_prefix;
        inherited_ = saved;
        return;
      } else {
        throw std::logic_error(plan_.table + ": " + path + " is not a value with members to flatten");
      }
    }
    slot.kind = kScalar<M> ? Slot::Kind::kValue : Slot::Kind::kBody;
    const std::size_t width = kMoney<M> && !r.amount_only ? 2 : 1;
    if (!slot.assigned) {
      slot.bit = plan_.bits++;
      plan_.first_column.push_back(plan_.columns.size());
      plan_.width.push_back(width);
    }
    plan_.columns.push_back(column);
    if (width == 2) plan_.columns.push_back(r.currency ? std::string(r.currency) : column + "_currency");
    plan_.slots.push_back(slot);
  }

  template <class M>
  static std::string default_column(const char* name) {
    using U = typename Unwrapped<M>::type;
    if constexpr (IsId<U>::value) {
      return std::string_view(name) == "id" ? "id" : std::string(name) + "_id";
    } else {
      return name;
    }
  }

  Plan& plan_;
  std::string path_;
  std::string prefix_;
  Rule inherited_;

 public:
  // Whether every rule of the table named a member it has (a misspelt one would be ignored).
  bool used_every_rule() const {
    if constexpr (requires { Table<Root>::kRules; }) {
      return rules_used_ == std::size(Table<Root>::kRules);
    } else {
      return true;
    }
  }

 private:
  std::size_t rules_used_ = 0;
};

void finish(Plan& plan);  // the statements, once the columns are known

// The table's columns before the members, and after them ("" for none).
template <class T>
constexpr const char* parent_columns() {
  if constexpr (requires { Table<T>::kParents; }) {
    return Table<T>::kParents;
  } else {
    return "";
  }
}
template <class T>
constexpr const char* derived_columns() {
  if constexpr (requires { Table<T>::kDerived; }) {
    return Table<T>::kDerived;
  } else {
    return "";
  }
}

template <class T>
const Plan& plan() {
  static const Plan p = [] {
    Plan out;
    out.table = Table<T>::kName;
    out.key = column_list(Table<T>::kKey);
    out.parents = column_list(parent_columns<T>());
    out.derived = column_list(derived_columns<T>());
    Planner<T> planner(out);
    planner.template walk<T>("", "", Rule{});
    if (!planner.used_every_rule()) throw std::logic_error(out.table + ": a rule names a member the value does not have");
    finish(out);
    return out;
  }();
  return p;
}

// ---- Binding ----------------------------------------------------------------------------------

template <class M>
void bind_value(Binder& b, const M& v, const Slot& s) {
  if constexpr (IsOptional<M>::value) {
    if (v) {
      bind_value(b, *v, s);
    } else {
      for (int i = 0; i < (kMoney<M> && !s.amount_only ? 2 : 1); ++i) b.null();
    }
  } else if constexpr (std::is_same_v<M, Money>) {
    if (s.amount_only) {
      b(v.amount());
    } else {
      b(v);
    }
  } else if constexpr (std::is_enum_v<M>) {
    b(static_cast<int>(v));
  } else if constexpr (std::is_same_v<M, std::string>) {
    if (s.empty_is_null && v.empty()) {
      b.null();
    } else {
      b(v);
    }
  } else if constexpr (IsId<M>::value) {
    if (s.empty_is_null && v.value == 0) {
      b.null();
    } else {
      b(v);
    }
  } else {
    b(v);
  }
}

// What writing a value over its stored version (the same row as the file holds it) must set.
struct Changes {
  std::uint64_t bits = 0;
  std::vector<std::string> texts;  // the new JSON of the kept-as-JSON members that changed, in order
  std::size_t bound = 0;           // how many of `texts` have been bound
};

// Binds the columns of the members of `obj` whose bits are in `wanted`; the JSON of a
// kept-as-JSON member is taken from `changes`, when given.
template <class T>
class BindWalk {
 public:
  BindWalk(Binder& b, const std::vector<Slot>& slots, std::size_t& at, std::uint64_t wanted, Changes* changes)
      : b_(b), slots_(slots), at_(at), wanted_(wanted), changes_(changes) {}

  void run(const T& obj) {
    obj_ = &obj;
    fields::fields(*this, fields::Tag<T>{});
  }

  template <class M>
  void operator()(const char*, M T::*member) {
    const Slot& s = slots_[at_++];
    if (s.kind == Slot::Kind::kFlat) {
      if constexpr (Listed<M>) BindWalk<M>(b_, slots_, at_, wanted_, changes_).run(obj_->*member);
      return;
    }
    if (s.bit < 0 || !(wanted_ >> s.bit & 1) || (changes_ && s.on_insert)) return;
    if (s.kind == Slot::Kind::kBody) {
      if (changes_) {
        b_.keep(std::move(changes_->texts.at(changes_->bound++)));
      } else {
        b_.keep(body::text(obj_->*member));
      }
    } else if constexpr (kScalar<M>) {
      bind_value(b_, obj_->*member, s);
    }
  }
  template <class R>
  void computed(const char*, R (T::*)() const) {}

 private:
  Binder& b_;
  const std::vector<Slot>& slots_;
  std::size_t& at_;
  const std::uint64_t wanted_;
  Changes* changes_;  // an update's, or none for a whole row
  const T* obj_ = nullptr;
};

template <class T>
void bind_derived(Binder& b, const T& obj, std::uint64_t wanted, int first_bit) {
  if constexpr (requires { Table<T>::derived(obj); }) {
    int bit = first_bit;
    std::apply([&](const auto&... value) { ((wanted >> bit++ & 1 ? void(b(value)) : void()), ...); },
               Table<T>::derived(obj));
  }
}

// Binds the row of `obj` after its parents' key, as plan<T>().insert and .upsert name them.
template <class T>
void bind_row(Binder& b, const T& obj) {
  const Plan& p = plan<T>();
  std::size_t at = 0;
  BindWalk<T>(b, p.slots, at, ~std::uint64_t{0}, nullptr).run(obj);
  bind_derived(b, obj, ~std::uint64_t{0}, p.bits);
}

// ---- Comparing with the stored version ---------------------------------------------------------

// Whether two values would be stored as the same text: decimals by digits and scale, not only
// by value ("1.50" is not stored as "1.5").
inline bool same(const Decimal& a, const Decimal& b) { return a.scale() == b.scale() && a == b; }
inline bool same(const Money& a, const Money& b) { return a.currency() == b.currency() && same(a.amount(), b.amount()); }
template <class T>
bool same(const T& a, const T& b) {
  return a == b;
}
template <class T>
bool same(const std::optional<T>& a, const std::optional<T>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// Sets the bit of each member whose stored form differs; keeps the JSON of the new value of
// each kept-as-JSON member that differs in `texts`, in member order, for the update to bind.
template <class T>
class CompareWalk {
 public:
  CompareWalk(const std::vector<Slot>& slots, std::size_t& at, std::uint64_t& changed, std::vector<std::string>& texts)
      : slots_(slots), at_(at), changed_(changed), texts_(texts) {}

  void run(const T& now, const T& stored) {
    now_ = &now;
    stored_ = &stored;
    fields::fields(*this, fields::Tag<T>{});
  }

  template <class M>
  void operator()(const char*, M T::*member) {
    const Slot& s = slots_[at_++];
    if (s.kind == Slot::Kind::kFlat) {
      if constexpr (Listed<M>) CompareWalk<M>(slots_, at_, changed_, texts_).run(now_->*member, stored_->*member);
      return;
    }
    if (s.bit < 0 || s.on_insert) return;
    bool differs = false;
    if (s.kind == Slot::Kind::kBody) {
      std::string text = body::text(now_->*member);
      differs = text != body::text(stored_->*member);
      if (differs) texts_.push_back(std::move(text));
    } else if constexpr (kScalar<M>) {
      differs = !same(now_->*member, stored_->*member);
    }
    if (differs) changed_ |= std::uint64_t{1} << s.bit;
  }
  template <class R>
  void computed(const char*, R (T::*)() const) {}

 private:
  const std::vector<Slot>& slots_;
  std::size_t& at_;
  std::uint64_t& changed_;
  std::vector<std::string>& texts_;
  const T* now_ = nullptr;
  const T* stored_ = nullptr;
};

// The UPDATE statement setting the columns of the bits in `changed`, then binding the key. One
// per set of bits, made once and kept for the life of the process (connections cache prepared
// statements by the address of their SQL). Safe for concurrent use.
std::string make_update_sql(const Plan& plan, std::uint64_t changed);
template <class T>
const char* update_sql(std::uint64_t changed) {
  static std::mutex mutex;
  static std::unordered_map<std::uint64_t, std::string> made;  // nodes do not move: the SQL outlives connections
  std::lock_guard lock(mutex);
  auto [it, added] = made.try_emplace(changed);
  if (added) it->second = make_update_sql(plan<T>(), changed);
  return it->second.c_str();
}

template <class T>
Changes changes(const T& now, const T& stored) {
  const Plan& p = plan<T>();
  Changes c;
  std::size_t at = 0;
  CompareWalk<T>(p.slots, at, c.bits, c.texts).run(now, stored);
  if constexpr (requires { Table<T>::derived(now); }) {
    int bit = p.bits;
    std::apply(
        [&](const auto&... a) {
          std::apply([&](const auto&... b) { ((c.bits |= same(a, b) ? 0 : std::uint64_t{1} << bit, ++bit), ...); },
                     Table<T>::derived(stored));
        },
        Table<T>::derived(now));
  }
  return c;
}

// Binds the values the UPDATE of `changes` sets, in column order.
template <class T>
void bind_changes(Binder& b, const T& obj, Changes& changes) {
  const Plan& p = plan<T>();
  std::size_t at = 0;
  BindWalk<T>(b, p.slots, at, changes.bits, &changes).run(obj);
  bind_derived(b, obj, changes.bits, p.bits);
}

// ---- Reading -------------------------------------------------------------------------------

template <class M>
void read_value(Row& r, M& v, const Slot& s, const Currency* currency) {
  if constexpr (IsOptional<M>::value) {
    if (r.null()) {
      r.skip(kMoney<M> && !s.amount_only ? 2 : 1);
      v.reset();
    } else {
      read_value(r, v.emplace(), s, currency);
    }
  } else if constexpr (std::is_same_v<M, Money>) {
    if (s.amount_only) {
      if (!currency) throw std::logic_error("an amount read without the currency of its row");
      v = Money(r.dec(), *currency);
    } else {
      v = r.money();
    }
  } else if constexpr (std::is_same_v<M, std::string>) {
    v = r.text();
  } else if constexpr (std::is_same_v<M, bool>) {
    v = r.boolean();
  } else if constexpr (std::is_enum_v<M>) {
    v = static_cast<M>(r.i32());
  } else if constexpr (std::is_integral_v<M>) {
    v = static_cast<M>(r.i64());
  } else if constexpr (IsId<M>::value) {
    v = r.id<M>();
  } else if constexpr (std::is_same_v<M, Decimal>) {
    v = r.dec();
  } else if constexpr (std::is_same_v<M, Currency>) {
    v = r.currency();
  } else if constexpr (std::is_same_v<M, Date>) {
    v = r.date();
  } else if constexpr (std::is_same_v<M, Timestamp>) {
    v = r.time();
  }
}

// Reads the members of `obj` from the columns of plan<Root>().column_names, in order. Amounts kept
// alone take `currency`, or the currency Table<Root>::row_currency gives of the value read so
// far (members are read in schema order, so the row's currency is read before its amounts).
template <class T, class Root>
class ReadWalk {
 public:
  ReadWalk(Row& r, const std::vector<Slot>& slots, std::size_t& at, const Root& root, const Currency* currency)
      : r_(r), slots_(slots), at_(at), root_(root), currency_(currency) {}

  void run(T& obj) {
    obj_ = &obj;
    fields::fields(*this, fields::Tag<T>{});
  }

  template <class M>
  void operator()(const char*, M T::*member) {
    const Slot& s = slots_[at_++];
    if (s.kind == Slot::Kind::kFlat) {
      if constexpr (Listed<M>) ReadWalk<M, Root>(r_, slots_, at_, root_, currency_).run(obj_->*member);
    } else if (s.kind == Slot::Kind::kBody) {
      obj_->*member = body::from_text<M>(r_.text());
    } else if (s.kind == Slot::Kind::kValue) {
      if constexpr (kScalar<M>) read_value(r_, obj_->*member, s, s.amount_only ? row_currency() : nullptr);
    }
  }
  template <class R>
  void computed(const char*, R (T::*)() const) {}

 private:
  const Currency* row_currency() const {
    if (currency_) return currency_;
    if constexpr (requires { Table<Root>::row_currency(root_); }) {
      return &Table<Root>::row_currency(root_);
    } else {
      return nullptr;
    }
  }

  Row& r_;
  const std::vector<Slot>& slots_;
  std::size_t& at_;
  const Root& root_;
  const Currency* currency_;
  T* obj_ = nullptr;
};

// Reads a row of plan<T>().column_names into `obj`; `currency` is that of amounts kept alone when the
// row does not hold it itself (an order line's, which is its order's).
template <class T>
void read_row(Row& r, T& obj, const Currency* currency = nullptr) {
  std::size_t at = 0;
  ReadWalk<T, T>(r, plan<T>().slots, at, obj, currency).run(obj);
}
template <class T>
T read_row(Row& r) {
  T obj;
  read_row(r, obj);
  return obj;
}

}  // namespace oms::sqlite::codec

#endif  // OMS_SRC_STORAGE_SQLITE_CODEC_H_
