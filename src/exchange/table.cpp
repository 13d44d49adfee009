// Reports as tables (include/oms/table.h): columns come from the member lists of include/oms/schema/,
// so a table has the same names as the C ABI's JSON and the Python attributes; and CSV.
#include "oms/table.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <type_traits>

#include "oms/schema/schema.h"
#include "exchange/table_internal.h"

namespace oms {
namespace {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// The column kind of a member type, or nullopt for what does not fit in a cell (lists, nested
// values).
template <class M>
constexpr std::optional<ColumnKind> kind_of() {
  if constexpr (IsOptional<M>::value) {
    return kind_of<typename M::value_type>();
  } else if constexpr (std::is_same_v<M, bool>) {
    return ColumnKind::kBool;
  } else if constexpr (std::is_integral_v<M> || requires(M m) { m.value; }) {
    return ColumnKind::kInteger;  // counts and ids
  } else if constexpr (std::is_same_v<M, Decimal> || std::is_same_v<M, Money>) {
    return ColumnKind::kDecimal;
  } else if constexpr (std::is_same_v<M, Date>) {
    return ColumnKind::kDate;
  } else if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, Currency> || std::is_enum_v<M>) {
    return ColumnKind::kText;
  } else {
    return std::nullopt;
  }
}

template <class M>
Cell cell_of(const M& v) {
  if constexpr (IsOptional<M>::value) {
    return v ? cell_of(*v) : Cell{};
  } else if constexpr (std::is_same_v<M, bool>) {
    return v;
  } else if constexpr (std::is_integral_v<M>) {
    return static_cast<std::int64_t>(v);
  } else if constexpr (requires { v.value; }) {
    return static_cast<std::int64_t>(v.value);
  } else if constexpr (std::is_same_v<M, Money>) {
    return v.amount();
  } else if constexpr (std::is_same_v<M, Currency>) {
    return std::string(v.code());
  } else if constexpr (std::is_enum_v<M>) {
    return std::string(fields::EnumInfo<M>::name(v));
  } else {
    return Cell(v);
  }
}

// Columns of T: its members and derived values that fit in a cell.
template <class T>
struct ColumnLister {
  std::vector<Column> columns;
  template <class M>
  void operator()(const char* name, M T::*) {
    if (auto kind = kind_of<M>()) columns.push_back({name, *kind});
  }
  template <class R>
  void computed(const char* name, R (T::*)() const) {
    if (auto kind = kind_of<std::decay_t<R>>()) columns.push_back({name, *kind});
  }
};

template <class T>
struct RowWriter {
  const T& value;
  std::vector<Cell> cells;
  template <class M>
  void operator()(const char*, M T::*member) {
    if constexpr (kind_of<M>().has_value()) cells.push_back(cell_of(value.*member));
  }
  template <class R>
  void computed(const char*, R (T::*function)() const) {
    if constexpr (kind_of<std::decay_t<R>>().has_value()) cells.push_back(cell_of((value.*function)()));
  }
};

template <class T>
Table table_of(const std::vector<T>& items, std::string title) {
  Table t;
  t.title = std::move(title);
  ColumnLister<T> lister;
  fields::fields(lister, fields::Tag<T>{});
  t.columns = std::move(lister.columns);
  for (const T& item : items) {
    RowWriter<T> writer{item, {}};
    fields::fields(writer, fields::Tag<T>{});
    t.rows.push_back(std::move(writer.cells));
  }
  return t;
}

// Adds a constant column at the end (the currency of a single-currency report).
void add_column(Table& t, Column column, const Cell& value) {
  t.columns.push_back(std::move(column));
  for (auto& row : t.rows) row.push_back(value);
}

std::string csv_field(const Cell& cell) {
  std::string text = std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) return "";
        else if constexpr (std::is_same_v<V, std::string>) return v;
        else if constexpr (std::is_same_v<V, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<V, Decimal>) return v.to_string();
        else return to_string(v);  // Date
      },
      cell);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

Table line_summary_table(const std::vector<LineSummary>& rows, std::string title) {
  return table_of(rows, std::move(title));
}

Table stock_levels_table(const std::vector<StockLevel>& levels, std::string title) {
  return table_of(levels, std::move(title));
}

std::vector<Table> inventory_tables(const InventoryReport& report) {
  const Cell currency = std::string(report.currency.code());
  std::vector<Table> out = {table_of(report.products, "Inventory"), table_of(report.positions, "Stock by warehouse"),
                            table_of(report.lots, "Lots"), table_of(report.expiring, "Expiring lots")};
  for (Table& t : out) add_column(t, {"currency", ColumnKind::kText}, currency);
  return out;
}

Table product_day_table(const std::vector<ProductDay>& days, std::string title) {
  Table t = table_of(days, std::move(title));
  add_column(t, {"currency", ColumnKind::kText},
             days.empty() ? Cell{} : Cell{std::string(days.front().amount.currency().code())});
  return t;
}

Table customer_value_table(const std::vector<CustomerValue>& customers, std::string title) {
  Table t = table_of(customers, std::move(title));
  add_column(t, {"currency", ColumnKind::kText},
             customers.empty() ? Cell{} : Cell{std::string(customers.front().amount.currency().code())});
  return t;
}

Table statement_table(const Statement& s) {
  std::vector<StatementItem> items;
  StatementItem opening;
  opening.date = s.from;
  opening.description = "opening balance";
  opening.balance = s.opening;
  items.push_back(opening);
  items.insert(items.end(), s.items.begin(), s.items.end());
  Table t = table_of(items, "Statement " + s.customer_code);
  // The opening row is no document: no kind, and neither a debit nor a credit (a zero would
  // read as a movement of nothing, and without the currency's decimals).
  for (std::string_view empty : {"kind", "debit", "credit"}) {
    const auto at = std::find_if(t.columns.begin(), t.columns.end(), [&](const Column& c) { return c.name == empty; });
    t.rows.front()[static_cast<std::size_t>(at - t.columns.begin())] = Cell{};
  }
  std::vector<Cell> closing(t.columns.size());
  closing[0] = Cell(s.to);
  closing[3] = Cell(std::string("closing balance"));
  closing.back() = Cell(s.closing.amount());
  t.rows.push_back(std::move(closing));
  add_column(t, {"currency", ColumnKind::kText}, Cell(std::string(s.currency.code())));
  return t;
}

Table ageing_table(const AgeingReport& report) {
  std::vector<AgeingRow> rows = report.rows;
  rows.push_back(report.total);
  Table t = table_of(rows, "Ageing " + to_string(report.as_of));
  add_column(t, {"currency", ColumnKind::kText}, Cell(std::string(report.currency.code())));
  return t;
}

std::string to_csv(const Table& table, const CsvOptions& options) {
  std::string out = options.byte_order_mark ? "\xEF\xBB\xBF" : "";
  auto line = [&out](const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  std::vector<Cell> header;
  for (const Column& c : table.columns) header.emplace_back(c.name);
  line(header);
  for (const auto& row : table.rows) line(row);
  return out;
}

Status write_csv(const Table& table, const std::string& path, const CsvOptions& options) {
  const std::string text = to_csv(table, options);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file) {
      (void)std::remove(temporary.c_str());  // best effort: the write has already failed
      return Status::StorageError("writing '" + path + "': cannot write the file");
    }
  }
  return internal::move_into_place(temporary, path);
}

namespace internal {

Status move_into_place(const std::string& temporary, const std::string& path) {
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    (void)std::remove(temporary.c_str());  // best effort: the rename has already failed
    return Status::StorageError("writing '" + path + "': " + ec.message());
  }
  return Status::Ok();
}

}  // namespace internal

}  // namespace oms
