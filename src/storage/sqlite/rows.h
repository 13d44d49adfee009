// Internal: the rows of orders, lines and documents as tuples of column values, and the UPDATEs
// that write only what changed from the stored version.
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
#include "storage/sqlite/schema.h"
#include "storage/sqlite/statements.h"

namespace oms::sqlite {

// ---- Rows written as the changes to their stored version ---------------------------------------

// Whether two values would be stored as the same text: decimals by digits and scale, not only
// by value ("1.50" is not stored as "1.5").
inline bool same(const Decimal& a, const Decimal& b) { return a.scale() == b.scale() && a == b; }  // at one scale, by mantissa
inline bool same(const Money& a, const Money& b) { return a.currency() == b.currency() && same(a.amount(), b.amount()); }
inline bool same(const Allocation& a, const Allocation& b) { return a.warehouse == b.warehouse && same(a.quantity, b.quantity); }
template <class T>
inline bool same(const T& a, const T& b) {
  return a == b;
}
template <class T>
inline bool same(const std::optional<T>& a, const std::optional<T>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}
template <class T>
inline bool same(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const T& x, const T& y) { return same(x, y); });
}

// How many columns a value of a row fills: a Money two (amount, currency), any other value one.
template <class T>
inline constexpr int kColumnsOf = 1;
template <>
inline constexpr int kColumnsOf<Money> = 2;
// No row holds an optional Money today; the binder fills two columns for one, so its width stays.
template <>
inline constexpr int kColumnsOf<std::optional<Money>> = 2;  // NOLINT(clang-diagnostic-unused-const-variable)

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

inline PartialUpdates& order_updates() {
  static PartialUpdates updates("orders", schema::order_columns(), "id");
  return updates;
}
inline PartialUpdates& order_line_updates() {
  static PartialUpdates updates("order_lines", schema::order_line_columns(), "order_id, line_no");
  return updates;
}
inline PartialUpdates& document_updates() {
  static PartialUpdates updates("documents", schema::document_columns(), "kind, id");
  return updates;
}

// The values of an order's row, in the column order of schema::order_columns().
inline auto order_row(const Order& o) {
  const OrderTotals& t = o.totals;
  return std::make_tuple(
      o.id, o.number, o.external.empty() ? std::nullopt : std::optional(o.external.source),
      o.external.empty() ? std::nullopt : std::optional(o.external.id),
      o.customer.value ? std::optional(o.customer) : std::nullopt, o.customer_code, o.channel, o.salesperson,
      o.order_date, o.requested_delivery, static_cast<int>(o.priority), o.currency, o.notes,
      body::text(o.ship_to), o.prices_include_tax, static_cast<int>(o.state),
      static_cast<int>(o.held_from), static_cast<int>(o.hold_kind), o.hold_reason, body::text(o.promotions), t.gross.amount(),
      t.discount.amount(), t.order_discount.amount(), t.net.amount(), t.tax.amount(), t.total.amount(), t.cost.amount(),
      t.margin.amount(), t.margin_percent, o.invoiced, o.paid, o.revision, body::text(o.revisions), o.created_by,
      o.created_at, o.approved_by, o.approved_at, o.next_line_no, is_backordered(o), is_open_state(o.state),
      static_cast<int>(o.invoice_policy), o.billable.amount());
}

// The values of an order line's row, in the column order of schema::order_line_columns().
inline auto line_row(OrderId order, const OrderLine& l) {
  const LineAmounts& m = l.amounts;
  return std::make_tuple(order, l.line_no, l.product, l.sku, l.description, l.quantity, l.unit, l.unit_price,
                         static_cast<int>(l.price_source.kind), l.price_source.reference, l.price_overridden,
                         l.price_includes_tax, static_cast<int>(l.discount.kind), l.discount.value, l.tax_class,
                         l.tax_rate, l.gift, l.gift_for_line, l.unit_cost, m.gross.amount(), m.discount.amount(),
                         m.order_discount.amount(), m.net.amount(), m.tax.amount(), m.total.amount(), m.cost.amount(),
                         m.margin.amount(), l.shipped, l.closed, l.note, l.in_shipment, l.returned, l.invoiced);
}

}  // namespace oms::sqlite

#endif  // OMS_SRC_STORAGE_SQLITE_ROWS_H_
