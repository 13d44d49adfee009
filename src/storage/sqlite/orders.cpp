// The SQLite adapter's orders: the order row, its lines and allocations written as the changes
// to their stored version, the listings, and the aggregates reports need, computed in SQL.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Order> SqliteTransaction::get_order(OrderId id) {
  return known().orders.get(id.value, [&] { return order_by_id(id.value); });
}

std::optional<Order> SqliteTransaction::find_order_by_number(std::string_view number) {
  const auto id = id_by_key(known().order_ids, number, "SELECT id FROM orders WHERE number = ?", number);
  return id ? get_order(OrderId{*id}) : std::nullopt;
}

std::optional<Order> SqliteTransaction::find_order_by_external(const ExternalRef& ref) {
  const auto id = first_id("SELECT id FROM orders WHERE external_source = ? AND external_id = ?", ref.source, ref.id);
  return id ? get_order(OrderId{*id}) : std::nullopt;
}

std::vector<Order> SqliteTransaction::list_orders(const OrderSelection& q) {
  // The filters and the limit are applied in SQL, so that only the orders listed are loaded,
  // with one statement per kind of filter so that each can use its index: "(?1 IS NULL OR
  // customer_id = ?1)" could use none and would walk every order of the book. A customer's
  // orders are read through orders_customer, orders in some states through orders_state,
  // orders of a period through orders_date; only a listing with no filter reads them all.
  // Every statement names ?5, so that ?1..?5 can always be bound.
#define OMS_ORDER_DATES "order_date >= coalesce(?2, '') AND order_date <= coalesce(?3, '9999-12-31')"
#define OMS_ORDER_STATES "state IN (SELECT value FROM json_each(?4))"
  static constexpr const char* kOfCustomer =
      "SELECT id FROM orders WHERE customer_id = ?1 AND " OMS_ORDER_DATES
      " AND (?4 IS NULL OR " OMS_ORDER_STATES ") ORDER BY id LIMIT ?5";
  static constexpr const char* kInStates =
      "SELECT id FROM orders WHERE " OMS_ORDER_STATES " AND " OMS_ORDER_DATES " ORDER BY id LIMIT ?5";
  static constexpr const char* kInPeriod = "SELECT id FROM orders WHERE " OMS_ORDER_DATES " ORDER BY id LIMIT ?5";
  static constexpr const char* kEvery = "SELECT id FROM orders ORDER BY id LIMIT ?5";  // ?1..?4 unused
#undef OMS_ORDER_STATES
#undef OMS_ORDER_DATES
  const char* sql = q.customer          ? kOfCustomer
                    : !q.states.empty() ? kInStates
                    : q.from || q.to    ? kInPeriod
                                        : kEvery;
  return orders_of(ids(sql, q.customer, q.from, q.to, numbers_of(q.states), sql_limit(q.limit)));
}

std::int64_t SqliteTransaction::count_orders(CustomerId customer) {
  return scalar("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer);
}

std::vector<Order> SqliteTransaction::list_backordered_orders() {
  return orders_of(ids("SELECT id FROM orders WHERE backordered = 1 ORDER BY id"));
}

std::vector<LineSummary> SqliteTransaction::summarize_order_lines(const LineSummaryQuery& q) {
  // One pass over the lines of the counted orders, grouped in SQL; the oms_* functions are the
  // rules of include/oms/reports.h (storage/sqlite/report_functions.h), so the figures are
  // those of every other adapter, exact.
  static constexpr const char* kSql = R"sql(
SELECT key, currency, count(DISTINCT order_id), count(*),
     oms_dec_sum(quantity), oms_dec_sum(shipped), oms_dec_sum(returned), oms_dec_sum(closed), oms_dec_sum(open),
     oms_dec_sum(net), oms_dec_sum(cost), oms_dec_sum(margin), oms_dec_sum(open_amount),
     oms_dec_sum(CASE WHEN overdue THEN open END), oms_dec_sum(CASE WHEN overdue THEN open_amount END),
     min(order_date), max(order_date)
FROM (
SELECT *, oms_open_amount(net, quantity, open, currency, ?2) AS open_amount,
       (oms_positive(open) AND requested_delivery IS NOT NULL AND requested_delivery < ?3) AS overdue
FROM (
  SELECT CASE ?1 WHEN 0 THEN o.customer_code WHEN 1 THEN l.sku WHEN 2 THEN p.category WHEN 3 THEN o.salesperson
                 WHEN 4 THEN o.channel WHEN 5 THEN o.number ELSE oms_period(o.order_date, ?1) END AS key,
         o.currency AS currency, o.id AS order_id, o.order_date AS order_date,
         o.requested_delivery AS requested_delivery, l.quantity AS quantity, l.shipped AS shipped,
         l.returned AS returned, l.closed AS closed, oms_open(l.quantity, l.shipped, l.closed) AS open,
         l.net AS net, l.cost AS cost, l.margin AS margin
  FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
  WHERE oms_counts(o.state, o.held_from)
    AND (?4 IS NULL OR o.order_date >= ?4) AND (?5 IS NULL OR o.order_date <= ?5)
    AND (?6 = '' OR o.customer_code = ?6) AND (?7 = '' OR l.sku = ?7) AND (?8 = '' OR p.category = ?8)
    AND (?9 = '' OR o.salesperson = ?9) AND (?10 = '' OR o.channel = ?10) AND (?11 = '' OR o.currency = ?11))
WHERE ?12 = 0 OR oms_positive(open))
GROUP BY key, currency ORDER BY key, currency)sql";
  const ReportFilter& f = q.filter;
  return all<LineSummary>(
      kSql,
      [](Row& r) {
        LineSummary s;
        s.key = r.text();
        s.currency = r.currency();
        s.orders = r.i64();
        s.lines = r.i64();
        s.ordered = r.dec();
        s.shipped = r.dec();
        s.returned = r.dec();
        s.closed = r.dec();
        s.open = r.dec();
        for (Money* m : {&s.net, &s.cost, &s.margin, &s.open_amount}) *m = Money(r.dec(), s.currency);
        s.overdue = r.dec();
        s.overdue_amount = Money(r.dec(), s.currency);
        s.first_order = r.opt_date();
        s.last_order = r.opt_date();
        return s;
      },
      static_cast<int>(q.by), static_cast<int>(q.rounding), *f.as_of, f.from, f.to, f.customer_code, f.sku,
      f.category, f.salesperson, f.channel, f.currency, f.open_only);
}

std::vector<CustomerOrderTotals> SqliteTransaction::summarize_customer_orders(Date from, const Currency& currency) {
  return all<CustomerOrderTotals>(
      "SELECT customer_id, count(*), oms_dec_sum(CASE WHEN currency = ?2 THEN total END) FROM orders "
      "WHERE oms_counts(state, held_from) AND order_date >= ?1 GROUP BY customer_id ORDER BY customer_id",
      [](Row& r) {
        CustomerOrderTotals t;
        t.customer = CustomerId{r.i64()};
        t.orders = r.i64();
        t.total = r.dec();
        return t;
      },
      from, std::string(currency.code()));
}

std::vector<MoveSummary> SqliteTransaction::summarize_moves(Timestamp from, Timestamp to) {
  return all<MoveSummary>(
      "SELECT product_id, kind, oms_dec_sum(quantity), oms_dec_sum(oms_dec_mul(quantity, unit_cost)) FROM moves "
      "WHERE at >= ? AND at < ? GROUP BY product_id, kind ORDER BY product_id, kind",
      [](Row& r) {
        MoveSummary m;
        m.product = ProductId{r.i64()};
        m.kind = static_cast<MoveKind>(r.i64());
        m.quantity = r.dec();
        m.value = r.dec();
        return m;
      },
      from, to);
}

std::vector<Order> SqliteTransaction::list_open_orders_with_product(ProductId product) {
  return orders_of(ids("SELECT DISTINCT o.id FROM order_lines l JOIN orders o ON o.id = l.order_id "
                       "WHERE l.product_id = ? AND o.open = 1 ORDER BY o.id",
                       product));
}

std::optional<Order> SqliteTransaction::order_by_id(std::int64_t id) {
  static const std::string kOrder = select<Order>("WHERE id = ?");
  static const std::string kHistory = select<StateChange>("WHERE order_id = ? ORDER BY position");
  static const std::string kLines = select<OrderLine>("WHERE order_id = ? ORDER BY line_no");
  static const std::string kAllocations = select<Allocation>("WHERE order_id = ? ORDER BY line_no, position", "line_no");
  auto order = row_of<Order>(kOrder, id);
  if (!order) return order;
  order->history = rows_of<StateChange>(kHistory, id);
  query(kLines.c_str(), [&](Row& r) { codec::read_row(r, order->lines.emplace_back(), &order->currency); }, id);
  query(kAllocations.c_str(), [&](Row& r) { codec::read_row(r, order->line(r.i32())->allocations.emplace_back()); }, id);
  return order;
}

void SqliteTransaction::put(const Order& o) {
  // Against the stored version only the values that changed are written, so an order that moves
  // on does not rewrite the indexes on its number, customer or date. An order the connection
  // does not remember is read first; one the file does not hold is new.
  const Order* stored = known().orders.find(o.id.value);
  std::optional<Order> read;
  if (!stored && (read = order_by_id(o.id.value))) stored = &*read;
  if (stored) {
    update_row(o, *stored, o.id);
  } else {
    upsert_row(o);
  }
  // History is append-only: write only the changes this version adds.
  for (std::size_t i = stored ? stored->history.size() : 0; i < o.history.size(); ++i) {
    insert_row(o.history[i], o.id, static_cast<int>(i));
  }
  write_lines(o, stored);
  known().orders.keep(o);
  known().order_ids.keep(o.number, o.id.value);
}

void SqliteTransaction::write_lines(const Order& o, const Order* stored) {
  // Against the stored version, only what changed is written: an operation that moves the
  // order's state or totals leaves its lines alone, and a line that changes names only its
  // changed columns. Deleting a line deletes its allocations (cascade). Rows are deleted by
  // their whole key: with foreign keys on, SQLite deletes the rows a partial key matches in two
  // passes, through a temporary table.
  if (stored) {
    for (const auto& gone : stored->lines) {
      if (!o.line(gone.line_no)) exec("DELETE FROM order_lines WHERE order_id = ? AND line_no = ?", o.id, gone.line_no);
    }
  }
  for (const auto& l : o.lines) {
    const OrderLine* before = stored ? stored->line(l.line_no) : nullptr;
    if (before) {
      update_row(l, *before, o.id, l.line_no);
    } else {
      upsert_row(l, o.id);
    }
    write_allocations(o.id, l, before ? before->allocations : std::vector<Allocation>{});
  }
}

void SqliteTransaction::write_allocations(OrderId order, const OrderLine& l, const std::vector<Allocation>& stored) {
  const std::vector<Allocation>& now = l.allocations;
  for (std::size_t i = now.size(); i < stored.size(); ++i) {
    exec("DELETE FROM line_allocations WHERE order_id = ? AND line_no = ? AND position = ?", order, l.line_no,
         static_cast<int>(i));
  }
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (i >= stored.size()) {
      insert_row(now[i], order, l.line_no, static_cast<int>(i));
    } else {
      update_row(now[i], stored[i], order, l.line_no, static_cast<int>(i));
    }
  }
}

}  // namespace oms::sqlite
