// Internal: binding values to SQLite statements and reading rows back, and the adapter's errors.
#ifndef OMS_SRC_STORAGE_SQLITE_STATEMENTS_H_
#define OMS_SRC_STORAGE_SQLITE_STATEMENTS_H_

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "oms/storage.h"
#include "storage/body_json.h"

namespace oms::sqlite {

using json = nlohmann::json;

// Enum values as a JSON array of their numbers, bound to `IN (SELECT value FROM json_each(?))`;
// none (NULL) when the list is empty, which statements read as "do not filter".
template <class E>
std::optional<json> numbers_of(const std::vector<E>& values) {
  if (values.empty()) return std::nullopt;
  json out = json::array();
  for (const E v : values) out.push_back(static_cast<int>(v));
  return out;
}

// A query's limit for SQL's LIMIT: 0 (no limit) becomes -1.
inline std::int64_t sql_limit(std::size_t limit) { return limit == 0 ? -1 : static_cast<std::int64_t>(limit); }


inline constexpr std::string_view kBusy = "database is busy (another writer held it past the busy timeout)";

[[noreturn]] inline void storage_error(const SQLite::Exception& e, std::string_view what) {
  const int code = e.getErrorCode();
  std::string message = std::string(what) + ": ";
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    message += kBusy;
  } else if (code == SQLITE_FULL) {
    message += "disk full";
  } else if (code == SQLITE_READONLY) {
    message += "database is read-only";
  } else {
    message += e.what();
  }
  throw Error(Status::StorageError(std::move(message)));
}

// ---- Column binding and reading -------------------------------------------------------------

// Binds values to a statement's parameters, in order. Text is bound without a copy (SQLite
// copied each bound text into memory of its own: a malloc, a copy and a free per value): a
// caller's string is bound where it is, and the text made for a value (a decimal's digits, a
// date, JSON) is kept by the Binder, which must therefore live until the statement has run.
class Binder {
 public:
  // `values`: how many values will be bound at most (a Money counts once).
  Binder(SQLite::Statement& s, std::size_t values) : s_(s), room_(2 * values) {}
  Binder(const Binder&) = delete;
  Binder& operator=(const Binder&) = delete;

  SQLite::Statement& statement() noexcept { return s_; }

  Binder& null() { s_.bind(++i_); return *this; }
  // Binds text made for this statement (JSON, say), kept until the statement has run.
  Binder& keep(std::string v) { return text(std::move(v)); }

  Binder& operator()(std::int64_t v) { s_.bind(++i_, v); return *this; }
  Binder& operator()(int v) { s_.bind(++i_, v); return *this; }
  Binder& operator()(bool v) { s_.bind(++i_, v ? 1 : 0); return *this; }
  Binder& operator()(const std::string& v) { s_.bindNoCopy(++i_, v); return *this; }
  Binder& operator()(std::string_view v) { return text(std::string(v)); }
  Binder& operator()(const char* v) { s_.bindNoCopy(++i_, v); return *this; }
  Binder& operator()(const Decimal& v) { return text(v.to_string()); }
  Binder& operator()(const Currency& c) { return text(std::string(c.code())); }
  Binder& operator()(const Money& m) { return (*this)(m.amount())(m.currency()); }
  Binder& operator()(const Date& d) { return text(to_string(d)); }
  Binder& operator()(const Timestamp& t) { s_.bind(++i_, static_cast<std::int64_t>(t.time_since_epoch().count())); return *this; }
  Binder& operator()(const json& j) { return text(j.dump()); }
  Binder& operator()(EntityKind k) { s_.bind(++i_, static_cast<int>(k)); return *this; }
  Binder& operator()(DocumentKind k) { s_.bind(++i_, static_cast<int>(k)); return *this; }
  template <class Tag>
  Binder& operator()(Id<Tag> id) { s_.bind(++i_, id.value); return *this; }
  // An absent Money still fills its two columns (amount, currency).
  Binder& operator()(const std::optional<Money>& m) {
    if (m) return (*this)(*m);
    s_.bind(++i_);
    s_.bind(++i_);
    return *this;
  }
  template <class T>
  Binder& operator()(const std::optional<T>& v) {
    if (v) return (*this)(*v);
    s_.bind(++i_);
    return *this;
  }

 private:
  // Keeps `v` (the strings never move: their room is taken once) and binds it.
  Binder& text(std::string v) {
    if (made_.capacity() < room_) made_.reserve(room_);
    if (made_.size() == room_) throw std::logic_error("more text values bound than the Binder was made for");
    s_.bindNoCopy(++i_, made_.emplace_back(std::move(v)));
    return *this;
  }

  SQLite::Statement& s_;
  int i_ = 0;
  const std::size_t room_;
  std::vector<std::string> made_;
};

class Row {
 public:
  explicit Row(SQLite::Statement& s) : s_(s) {}
  bool null() { return s_.getColumn(i_).isNull(); }  // the next column, which stays next
  void skip(int columns) { i_ += columns; }
  std::int64_t i64() { return s_.getColumn(i_++).getInt64(); }
  int i32() { return s_.getColumn(i_++).getInt(); }
  bool boolean() { return i64() != 0; }
  std::string text() { return s_.getColumn(i_++).getString(); }
  Decimal dec() { return Decimal::from_string(text()); }
  Currency currency() {
    return body::currency_of(text());
  }
  Money money() {
    Decimal amount = dec();
    return Money(std::move(amount), currency());
  }
  Date date() { return parse_date(text()).value(); }
  std::optional<Date> opt_date() {
    if (s_.getColumn(i_).isNull()) {
      ++i_;
      return std::nullopt;
    }
    return date();
  }
  std::optional<Money> opt_money() {
    if (s_.getColumn(i_).isNull()) {
      i_ += 2;
      return std::nullopt;
    }
    return money();
  }
  std::optional<Timestamp> opt_time() {
    if (s_.getColumn(i_).isNull()) {
      ++i_;
      return std::nullopt;
    }
    return time();
  }
  Timestamp time() { return Timestamp(std::chrono::microseconds(i64())); }
  template <class IdT>
  IdT id() { return IdT{i64()}; }

 private:
  SQLite::Statement& s_;
  int i_ = 0;
};

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_STATEMENTS_H_
