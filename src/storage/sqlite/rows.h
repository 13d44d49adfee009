// Internal: the rows of documents (shipments, invoices, ...) as tuples of column values: their
// keys, the figures listings filter on, and their JSON body; and the UPDATEs that write only
// what changed from the stored version. Values kept in columns of their own members have rows
// made from the schema instead (codec.h, tables.h).
#ifndef OMS_SRC_STORAGE_SQLITE_ROWS_H_
#define OMS_SRC_STORAGE_SQLITE_ROWS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "oms/storage.h"
#include "storage/sqlite/codec.h"
#include "storage/sqlite/schema.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite {

// ---- Rows written as the changes to their stored version ---------------------------------------

using codec::same;

// How many columns a value of a row fills: a Money two (amount, currency), any other value one.
template <class T>
inline constexpr int kColumnsOf = 1;
template <>
inline constexpr int kColumnsOf<Money> = 2;

// The UPDATE statements that write part of a table's row. SQLite rewrites every index on a
// column that an UPDATE (or an upsert's DO UPDATE) names, even to the value it had, so a row
// written over its stored version names only the values that changed: an order that moves on
// leaves its number, customer and date indexes alone. One statement per set of changed values,
// made once and kept for the life of the process, since connections cache a prepared statement
// by the address of its SQL. Safe for concurrent access from multiple threads.
class PartialUpdates {
 public:
  // `columns` in the order of the row's values; `key` the columns of its WHERE ("id").
  PartialUpdates(const char* table, const std::vector<std::string>& columns, std::string key)
      : table_(table), columns_(columns), key_(std::move(key)) {}

  // The statement setting the values whose bits are set in `changed`, then binding the key;
  // value i of the row fills `widths[i]` columns.
  template <std::size_t N>
  const char* sql(std::uint64_t changed, const std::array<int, N>& widths) {
    std::lock_guard lock(mutex_);
    auto [it, added] = statements_.try_emplace(changed);
    if (added) {
      std::vector<std::string> set;
      std::size_t column = 0;
      for (std::size_t i = 0; i < N; ++i) {
        for (int k = 0; k < widths[i]; ++k, ++column) {
          if (changed >> i & 1) set.push_back(columns_.at(column));
        }
      }
      if (column != columns_.size()) throw std::logic_error(std::string("row values do not match the columns of ") + table_);
      it->second = schema::make_update(table_, set, key_);
    }
    return it->second.c_str();
  }

 private:
  const char* table_;
  const std::vector<std::string>& columns_;
  const std::string key_;
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::string> statements_;  // nodes do not move: the SQL outlives connections
};

// What the documents table files of each kind of document besides its keys: state, flagged
// (open exceptions, an open amount), date, due date, currency, total and open amount.
using Filed = std::tuple<int, bool, std::optional<Date>, std::optional<Date>, std::optional<Currency>,
                         std::optional<Decimal>, std::optional<Decimal>>;
inline Filed filed(const Shipment& v) {
  return {static_cast<int>(v.state), v.has_open_exception(), std::nullopt, v.promised_date, std::nullopt, std::nullopt,
          std::nullopt};
}
inline Filed filed(const Invoice& v) {
  return {static_cast<int>(v.state), v.receivable() && !v.open().is_zero(), v.date, v.due_date, v.currency,
          v.total.amount(), v.open().amount()};
}
inline Filed filed(const Payment& v) {
  return {0, !v.unapplied().is_zero(), v.date, std::nullopt, v.amount.currency(), v.amount.amount(), v.unapplied().amount()};
}
inline Filed filed(const CreditNote& v) {
  return {static_cast<int>(v.kind), !v.unapplied().is_zero(), v.date, std::nullopt, v.total.currency(), v.total.amount(),
          v.unapplied().amount()};
}
inline Filed filed(const Refund& v) {
  return {0, false, v.date, std::nullopt, v.amount.currency(), v.amount.amount(), std::nullopt};
}
inline Filed filed(const CustomerReturn& v) {
  return {static_cast<int>(v.settlement), false, v.date, std::nullopt, v.credited.currency(), v.credited.amount(),
          std::nullopt};
}

// The values of a document's row, in the column order of schema::document_columns(): its
// 12th and last value is the body.
template <class D>
inline auto document_row(EntityKind kind, const D& d, std::string body) {
  auto row = std::tuple_cat(std::make_tuple(kind, d.id, d.number, d.customer), filed(d), std::make_tuple(std::move(body)));
  static_assert(std::tuple_size<decltype(row)>::value == 12);
  return row;
}
// The bit of a document row's body for update_changed.
inline constexpr std::uint64_t kDocumentBody = std::uint64_t{1} << 11;

inline PartialUpdates& document_updates() {
  static PartialUpdates updates("documents", schema::document_columns(), "kind, id");
  return updates;
}

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_ROWS_H_
