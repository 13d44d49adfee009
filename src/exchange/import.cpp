// CSV import (include/oms/import.h): read the rows, turn them into the engine's input types
// with an issue per bad cell, skip what is already in the book, and hand the rest to the
// engine's batch operations — one unit of work for kAllOrNothing, retried chunks for kGoodRows.
#include "oms/import.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "exchange/csv_reader.h"
#include "oms/schema/schema.h"
#include "oms/json_text.h"
#include "text/printable.h"

namespace oms {

std::string_view to_string(ImportKind kind) noexcept {
  switch (kind) {
    case ImportKind::kProducts: return "products";
    case ImportKind::kCustomers: return "customers";
    case ImportKind::kReceipts: return "receipts";
    case ImportKind::kOrders: return "orders";
  }
  return "unknown";
}

std::vector<ImportColumn> import_columns(ImportKind kind) {
  switch (kind) {
    case ImportKind::kProducts:
      return {{"sku", true, "unique product code"},
              {"name", false, "product name"},
              {"unit", false, "a defined unit code (default pcs)"},
              {"category", false, "category path, e.g. Tea/Green"},
              {"barcodes", false, "EAN-13/UPC-A or other codes, separated by ;"},
              {"tracking", false, "none, lot or serial"},
              {"list_price", false, "price when no price list applies"},
              {"list_price_includes_tax", false, "true or false"},
              {"standard_cost", false, "unit cost until stock is received"},
              {"currency", false, "of list_price and standard_cost (default: the import's)"},
              {"tax_class", false, "a defined tax class code"},
              {"low_stock_threshold", false, "alert below this available quantity"},
              {"active", false, "true or false (default true)"}};
    case ImportKind::kCustomers:
      return {{"code", true, "unique customer code"},
              {"name", true, "customer name"},
              {"nickname", false, "short name to find the customer by"},
              {"region", false, "sales region"},
              {"grade", false, "vip, regular or potential"},
              {"credit_limit", false, "empty: no credit check"},
              {"currency", false, "of credit_limit (default: the import's)"},
              {"payment_terms_days", false, "days until an invoice is due (default 30)"},
              {"salesperson", false, "the customer's salesperson"},
              {"birthday", false, "YYYY-MM-DD"},
              {"contact_name", false, "first contact"},
              {"contact_phone", false, ""},
              {"contact_email", false, ""},
              {"address", false, "street line of the default ship-to address"},
              {"city", false, ""},
              {"address_region", false, "region of the address (allocation prefers warehouses there)"},
              {"postal_code", false, ""},
              {"country", false, ""},
              {"notes", false, ""},
              {"preferences", false, "special needs and preferences"}};
    case ImportKind::kReceipts:
      return {{"number", true, "receipt number; rows with the same number are one receipt"},
              {"warehouse", true, "warehouse code"},
              {"sku", true, "product received"},
              {"quantity", true, "quantity received"},
              {"unit_cost", true, "in the engine's cost currency"},
              {"date", false, "YYYY-MM-DD (default today)"},
              {"supplier", false, ""},
              {"reference", false, "e.g. the purchase order"},
              {"location", false, "location code (default MAIN)"},
              {"lot_number", false, "required for lot-tracked products"},
              {"expiry", false, "YYYY-MM-DD, for a new lot"},
              {"serials", false, "serial numbers separated by ;"}};
    case ImportKind::kOrders:
      return {{"external_id", true, "the order's id in the source system; rows with the same id are one order"},
              {"customer_code", true, "an existing customer, or a new one with customer_name"},
              {"sku", true, "product ordered"},
              {"quantity", true, "quantity ordered"},
              {"source", false, "the source system (default: the import's)"},
              {"order_number", false, "empty: numbered by the order number rule"},
              {"customer_name", false, "creates the customer when the code is new"},
              {"channel", false, ""},
              {"salesperson", false, "default: the customer's"},
              {"order_date", false, "YYYY-MM-DD (default today)"},
              {"requested_delivery", false, "YYYY-MM-DD"},
              {"priority", false, "low, normal, high or urgent"},
              {"currency", false, "default: the import's"},
              {"prices_include_tax", false, "true or false, for unit_price"},
              {"notes", false, "order notes"},
              {"customer_reference", false, "the customer's own number for the order (their purchase order)"},
              {"unit_price", false, "overrides the price list"},
              {"discount_percent", false, "e.g. 5 for 5%"},
              {"discount_amount", false, "off the line"},
              {"gift", false, "true: a gift line at zero price"},
              {"line_note", false, ""}};
  }
  return {};
}

namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

// ---- Reading one row -------------------------------------------------------------------------

// The header: column name -> position.
class Header {
 public:
  std::optional<std::size_t> find(std::string_view column) const {
    auto it = positions_.find(column);
    if (it == positions_.end()) return std::nullopt;
    return it->second;
  }
  bool add(std::string name, std::size_t position) {
    if (names_.size() <= position) names_.resize(position + 1);
    names_[position] = name;
    return positions_.emplace(std::move(name), position).second;
  }
  // The column at a position; empty for a column without a name.
  std::string_view name(std::size_t position) const {
    if (position >= names_.size()) return {};
    return names_[position];
  }

 private:
  std::map<std::string, std::size_t, std::less<>> positions_;
  std::vector<std::string> names_;
};

// Reads typed cells of one row; each bad cell adds an issue and reads as empty.
class RowReader {
 public:
  RowReader(const Header& header, const CsvRow& row, std::vector<ImportIssue>& issues)
      : header_(header), row_(row), issues_(issues), issues_before_(issues.size()) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (!valid_utf8(row.cells[i])) {
        issue(header.name(i), "", "is not valid UTF-8 text (save the file as UTF-8, not GBK or Latin-1)");
      }
    }
  }

  std::int64_t row() const { return row_.number; }
  bool ok() const { return issues_.size() == issues_before_; }

  std::string text(std::string_view column, bool required = false) {
    std::string value = cell(column);
    if (required && value.empty()) issue(column, value, "is required");
    return value;
  }
  std::optional<Decimal> decimal(std::string_view column, bool required = false) {
    const std::string value = text(column, required);
    if (value.empty()) return std::nullopt;
    auto d = Decimal::parse(value, column);
    if (!d) return bad(column, value, "is not a decimal number (use . for the decimal point, no thousands separators)");
    return *d;
  }
  std::optional<Date> date(std::string_view column) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    auto d = parse_date(value, column);
    if (!d) return bad(column, value, "is not a date (YYYY-MM-DD)");
    return *d;
  }
  std::optional<int> integer(std::string_view column) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size()) return bad(column, value, "is not a whole number");
    return n;
  }
  std::optional<bool> flag(std::string_view column) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    static const std::set<std::string, std::less<>> yes = {"true", "yes", "1", "TRUE", "Yes", "YES", "True"};
    static const std::set<std::string, std::less<>> no = {"false", "no", "0", "FALSE", "No", "NO", "False"};
    if (yes.contains(value)) return true;
    if (no.contains(value)) return false;
    return bad(column, value, "is not true or false");
  }
  template <class E>
  std::optional<E> choice(std::string_view column) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    std::string names;
    for (int i = 0; i < fields::EnumInfo<E>::count; ++i) {
      const auto name = fields::EnumInfo<E>::name(static_cast<E>(i));
      if (name == value) return static_cast<E>(i);
      names += (i ? ", " : "") + std::string(name);
    }
    return bad(column, value, "is not one of " + names);
  }
  std::vector<std::string> list(std::string_view column) {
    std::vector<std::string> out;
    std::istringstream in(text(column));
    for (std::string item; std::getline(in, item, ';');) {
      const auto first = item.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      out.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
    }
    return out;
  }
  std::optional<Money> money(std::string_view column, const Currency* currency) {
    auto amount = decimal(column);
    if (!amount || !currency) return std::nullopt;
    return Money(*amount, *currency);
  }

  void issue(std::string_view column, std::string_view value, std::string_view reason,
             StatusCode code = StatusCode::kInvalidArgument) {
    issues_.push_back({row_.number, std::string(column), std::string(value), code, std::string(reason)});
  }

 private:
  std::string cell(std::string_view column) const {
    auto at = header_.find(column);
    if (!at || *at >= row_.cells.size()) return {};
    return trim(row_.cells[*at]);
  }
  std::nullopt_t bad(std::string_view column, std::string_view value, std::string_view reason) {
    issue(column, value, reason);
    return std::nullopt;
  }

  const Header& header_;
  const CsvRow& row_;
  std::vector<ImportIssue>& issues_;
  std::size_t issues_before_;
};

// ---- Records ---------------------------------------------------------------------------------

// A product, customer, receipt or order read from one or more rows.
template <class T>
struct Record {
  std::string key;
  T value;
  std::vector<std::int64_t> rows;  // rows[0]: the first row; for documents, rows[i]: line i
  std::map<std::string, std::string, std::less<>> cells;  // the first row's cells, for issues
  bool bad = false;
};

// Which column an engine field path ("lines[2].quantity", "external.id") came from.
struct FieldColumn {
  std::string_view member;
  std::string_view column;
};
constexpr FieldColumn kFieldColumns[] = {
    {"external.id", "external_id"}, {"external.source", "source"}, {"number", "order_number"},
    {"new_customer.name", "customer_name"}, {"new_customer.code", "customer_code"}, {"note", "line_note"},
    {"discount.value", "discount_percent"}, {"list_price.amount", "list_price"},
    {"standard_cost.amount", "standard_cost"}, {"credit_limit.amount", "credit_limit"}};

class Importer {
 public:
  Importer(Engine& engine, ImportKind kind, const ImportOptions& options, std::string_view actor)
      : engine_(engine), kind_(kind), options_(options), actor_(actor) {
    result_.kind = kind;
  }

  Result<ImportResult> run(std::string_view csv) {
    CsvRead read = read_csv(csv);
    if (read.error) {
      add_issue({read.error->row, "", "", StatusCode::kInvalidArgument, read.error->reason});
    }
    if (read.rows.empty()) {
      add_issue({1, "", "", StatusCode::kInvalidArgument, "the file has no header row"});
      return finish();
    }
    if (!read_header(read.rows.front())) return finish();
    rows_ = {read.rows.begin() + 1, read.rows.end()};
    result_.rows = static_cast<std::int64_t>(rows_.size());
    switch (kind_) {
      case ImportKind::kProducts: return import_records(read_products(), &Engine::create_products);
      case ImportKind::kCustomers: return import_records(read_customers(), &Engine::create_customers);
      case ImportKind::kReceipts: return import_records(read_receipts(), &Engine::receive_batch);
      case ImportKind::kOrders: return import_records(read_orders(), &Engine::create_orders);
    }
    return finish();
  }

 private:
  // ---- Header ----

  bool read_header(const CsvRow& row) {
    const auto columns = import_columns(kind_);
    std::string known;
    for (const auto& c : columns) known += (known.empty() ? "" : ", ") + std::string(c.name);
    bool ok = true;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const std::string& name = row.cells[i];
      if (name.empty()) continue;
      if (std::none_of(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; })) {
        add_issue({row.number, name, name, StatusCode::kInvalidArgument,
                   "is not a column of " + std::string(to_string(kind_)) + " (columns: " + known + ")"});
        ok = false;
      } else if (!header_.add(name, i)) {
        add_issue({row.number, name, name, StatusCode::kInvalidArgument, "appears twice in the header"});
        ok = false;
      }
    }
    for (const auto& c : columns) {
      if (c.required && !header_.find(c.name)) {
        add_issue({row.number, std::string(c.name), "", StatusCode::kInvalidArgument, "required column is missing"});
        ok = false;
      }
    }
    return ok;
  }

  // ---- Rows to records ----

  template <class T>
  Record<T>& record_for(std::vector<Record<T>>& records, std::map<std::string, std::size_t, std::less<>>& by_key,
                        const std::string& key, const CsvRow& row, bool& is_new) {
    auto [it, inserted] = by_key.emplace(key, records.size());
    is_new = inserted;
    if (inserted) {
      Record<T> r;
      r.key = key;
      for (const auto& c : import_columns(kind_)) {
        if (auto at = header_.find(c.name); at && *at < row.cells.size()) r.cells[std::string(c.name)] = trim(row.cells[*at]);
      }
      records.push_back(std::move(r));
    }
    Record<T>& r = records[it->second];
    r.rows.push_back(row.number);
    return r;
  }

  // One-row records (products, customers): the key may appear once.
  template <class T, class Read>
  std::vector<Record<T>> read_single(std::string_view key_column, Read&& read) {
    std::vector<Record<T>> records;
    std::map<std::string, std::size_t, std::less<>> by_key;
    for (const CsvRow& row : rows_) {
      RowReader in(header_, row, issues_);
      T value = read(in);
      std::string key = in.text(key_column);
      bool is_new = true;
      if (key.empty()) {
        if (in.ok()) in.issue(key_column, "", "is required");
        ++result_.records;
        ++result_.rejected;
        continue;
      }
      Record<T>& r = record_for(records, by_key, key, row, is_new);
      if (!is_new) {
        in.issue(key_column, key, "repeats row " + std::to_string(r.rows.front()) + ": neither row is imported");
        r.bad = true;
        continue;
      }
      r.value = std::move(value);
      r.bad = !in.ok();
    }
    return records;
  }

  std::optional<Currency> currency_of(RowReader& in) {
    std::string code = in.text("currency");
    if (code.empty()) code = options_.currency;
    auto c = Currency::of(code);
    if (!c) {
      in.issue("currency", code, "is not an ISO 4217 currency code");
      return std::nullopt;
    }
    return *c;
  }

  std::vector<Record<Product>> read_products() {
    return read_single<Product>("sku", [&](RowReader& in) {
      Product p;
      p.sku = in.text("sku", true);
      p.name = in.text("name");
      if (auto unit = in.text("unit"); !unit.empty()) p.unit = unit;
      p.category = in.text("category");
      p.barcodes = in.list("barcodes");
      p.tracking = in.choice<Tracking>("tracking").value_or(Tracking::kNone);
      const auto currency = currency_of(in);
      const Currency* cur = currency ? &*currency : nullptr;
      if (auto m = in.money("list_price", cur)) p.list_price = *m;
      p.list_price_includes_tax = in.flag("list_price_includes_tax").value_or(false);
      if (auto m = in.money("standard_cost", cur)) p.standard_cost = *m;
      p.tax_class = in.text("tax_class");
      p.low_stock_threshold = in.decimal("low_stock_threshold").value_or(Decimal());
      p.active = in.flag("active").value_or(true);
      return p;
    });
  }

  std::vector<Record<Customer>> read_customers() {
    return read_single<Customer>("code", [&](RowReader& in) {
      Customer c;
      c.code = in.text("code", true);
      c.name = in.text("name", true);
      c.nickname = in.text("nickname");
      c.region = in.text("region");
      c.grade = in.choice<CustomerGrade>("grade").value_or(CustomerGrade::kPotential);
      const auto currency = currency_of(in);
      c.credit_limit = in.money("credit_limit", currency ? &*currency : nullptr);
      c.payment_terms_days = in.integer("payment_terms_days").value_or(30);
      c.salesperson = in.text("salesperson");
      c.birthday = in.date("birthday");
      Contact contact{in.text("contact_name"), "", in.text("contact_phone"), in.text("contact_email")};
      if (!contact.name.empty() || !contact.phone.empty() || !contact.email.empty()) c.contacts.push_back(contact);
      Address address;
      address.line1 = in.text("address");
      address.city = in.text("city");
      address.region = in.text("address_region");
      address.postal_code = in.text("postal_code");
      address.country = in.text("country");
      if (address != Address{}) c.addresses.push_back(address);
      c.notes = in.text("notes");
      c.preferences = in.text("preferences");
      return c;
    });
  }

  // Documents (receipts, orders): rows with the same key are the lines of one document. The
  // document's own columns are read from its first row; a later row may leave them empty or
  // repeat them, not contradict them.
  template <class Doc, class ReadDoc, class ReadLine>
  std::vector<Record<Doc>> read_documents(std::span<const std::string_view> doc_columns, ReadDoc&& read_doc,
                                          ReadLine&& read_line) {
    std::vector<Record<Doc>> records;
    std::map<std::string, std::size_t, std::less<>> by_key;
    for (const CsvRow& row : rows_) {
      RowReader in(header_, row, issues_);
      const std::string key = read_doc.key(in);
      if (key.empty()) {
        ++result_.records;
        ++result_.rejected;
        continue;
      }
      bool is_new = true;
      Record<Doc>& r = record_for(records, by_key, key, row, is_new);
      if (is_new) {
        r.value = read_doc(in);
      } else {
        for (std::string_view column : doc_columns) {
          const std::string value = in.text(column);
          const auto first = r.cells.find(column);
          const std::string first_value = first == r.cells.end() ? "" : first->second;
          if (!value.empty() && value != first_value) {
            in.issue(column, value, "differs from row " + std::to_string(r.rows.front()) + " ('" + first_value +
                                        "') of the same document");
          }
        }
      }
      read_line(in, r.value);
      if (!in.ok()) r.bad = true;
    }
    return records;
  }

  struct ReceiptHeader {
    std::string key(RowReader& in) const { return in.text("number", true); }
    ReceiptSpec operator()(RowReader& in) const {
      ReceiptSpec s;
      s.number = in.text("number");
      s.warehouse = in.text("warehouse", true);
      s.date = in.date("date");
      s.supplier = in.text("supplier");
      s.reference = in.text("reference");
      return s;
    }
  };

  std::vector<Record<ReceiptSpec>> read_receipts() {
    static constexpr std::string_view kDocColumns[] = {"warehouse", "date", "supplier", "reference"};
    return read_documents<ReceiptSpec>(kDocColumns, ReceiptHeader{}, [](RowReader& in, ReceiptSpec& s) {
      ReceiptLineSpec l;
      l.sku = in.text("sku", true);
      l.quantity = in.decimal("quantity", true).value_or(Decimal());
      l.unit_cost = in.decimal("unit_cost", true).value_or(Decimal());
      l.location = in.text("location");
      l.lot_number = in.text("lot_number");
      l.expiry = in.date("expiry");
      l.serials = in.list("serials");
      s.lines.push_back(std::move(l));
    });
  }

  struct OrderHeader {
    Importer& self;
    std::string source(RowReader& in) const {
      std::string s = in.text("source");
      return s.empty() ? self.options_.source : s;
    }
    // The source and the external id, joined by a byte no text contains.
    std::string key(RowReader& in) const {
      const std::string id = in.text("external_id", true);
      return id.empty() ? "" : source(in) + '\x1f' + id;
    }
    NewOrder operator()(RowReader& in) const {
      NewOrder o;
      o.external = {source(in), in.text("external_id")};
      o.number = in.text("order_number");
      o.customer_code = in.text("customer_code", true);
      if (auto name = in.text("customer_name"); !name.empty()) {
        Customer c;
        c.code = o.customer_code;
        c.name = name;
        o.new_customer = c;
      }
      o.channel = in.text("channel");
      o.salesperson = in.text("salesperson");
      o.order_date = in.date("order_date");
      o.requested_delivery = in.date("requested_delivery");
      o.priority = in.choice<Priority>("priority").value_or(Priority::kNormal);
      if (auto currency = in.text("currency"); !currency.empty()) {
        o.currency = currency;
      } else {
        o.currency = self.options_.currency;
      }
      o.prices_include_tax = in.flag("prices_include_tax").value_or(false);
      o.notes = in.text("notes");
      o.customer_reference = in.text("customer_reference");
      return o;
    }
  };

  std::vector<Record<NewOrder>> read_orders() {
    static constexpr std::string_view kDocColumns[] = {
        "order_number", "customer_code", "customer_name",      "channel",  "salesperson",        "order_date",
        "requested_delivery", "priority", "currency", "prices_include_tax", "notes", "customer_reference"};
    auto records = read_documents<NewOrder>(kDocColumns, OrderHeader{*this}, [](RowReader& in, NewOrder& o) {
      NewOrderLine l;
      l.sku = in.text("sku", true);
      l.quantity = in.decimal("quantity", true).value_or(Decimal());
      l.unit_price = in.decimal("unit_price");
      const auto percent = in.decimal("discount_percent");
      const auto amount = in.decimal("discount_amount");
      if (percent && amount) {
        in.issue("discount_amount", amount->to_string(), "a line takes discount_percent or discount_amount, not both");
      } else if (percent) {
        l.discount = Discount::percent(*percent);
      } else if (amount) {
        l.discount = Discount::amount(*amount);
      }
      l.gift = in.flag("gift").value_or(false);
      l.note = in.text("line_note");
      o.lines.push_back(std::move(l));
    });
    // An order number, when given, belongs to one order.
    std::map<std::string, std::int64_t, std::less<>> numbers;
    for (auto& r : records) {
      if (r.value.number.empty()) continue;
      auto [it, inserted] = numbers.emplace(r.value.number, r.rows.front());
      if (!inserted) {
        add_issue({r.rows.front(), "order_number", r.value.number, StatusCode::kInvalidArgument,
                   "is also the number of the order in row " + std::to_string(it->second)});
        r.bad = true;
      }
    }
    return records;
  }

  // ---- Records to the engine ----

  bool exists(const Product& p) const { return engine_.product(p.sku).ok(); }
  bool exists(const Customer& c) const { return engine_.customer(c.code).ok(); }
  bool exists(const ReceiptSpec& r) const { return engine_.receipt(r.number).ok(); }
  bool exists(const NewOrder&) const { return false; }  // the engine knows: OrderIntake::created

  static bool created(const OrderIntake& intake) { return intake.created; }
  template <class T>
  static bool created(const T&) {
    return true;
  }

  template <class T, class R>
  Result<ImportResult> import_records(std::vector<Record<T>> records,
                                      Result<std::vector<R>> (Engine::*batch)(std::span<const T>, std::string_view)) {
    result_.records += static_cast<std::int64_t>(records.size());
    std::vector<Record<T>> todo;
    for (auto& r : records) {
      if (r.bad) {
        ++result_.rejected;
      } else if (exists(r.value)) {
        ++result_.existing;
      } else {
        todo.push_back(std::move(r));
      }
    }
    const bool all_or_nothing = options_.mode == ImportMode::kAllOrNothing;
    if (all_or_nothing && !issues_.empty()) {
      result_.rejected = result_.records - result_.existing;
      return finish();
    }
    const std::size_t chunk = all_or_nothing ? std::max<std::size_t>(todo.size(), 1)
                                             : std::max<std::size_t>(options_.batch_size, 1);
    for (std::size_t begin = 0; begin < todo.size(); begin += chunk) {
      std::vector<Record<T>*> part;
      for (std::size_t i = begin; i < std::min(todo.size(), begin + chunk); ++i) part.push_back(&todo[i]);
      while (!part.empty()) {
        std::vector<T> values;
        values.reserve(part.size());
        for (auto* r : part) values.push_back(r->value);
        auto out = (engine_.*batch)(values, actor_);
        if (out) {
          for (const auto& made : *out) ++(created(made) ? result_.created : result_.existing);
          break;
        }
        auto failed = failed_index(out.status(), part.size());
        if (!failed) return out.status();  // not about one record: the storage failed
        add_engine_issue(*part[*failed], out.status());
        ++result_.rejected;
        if (all_or_nothing) {
          result_.rejected = result_.records - result_.existing;
          return finish();
        }
        part.erase(part.begin() + static_cast<std::ptrdiff_t>(*failed));
      }
      const std::size_t done = std::min(todo.size(), begin + chunk);
      if (options_.progress) options_.progress(done, todo.size());
    }
    return finish();
  }

  // The index of the record a batch failure names ("orders[3].lines[0].sku" -> 3).
  std::optional<std::size_t> failed_index(const Status& status, std::size_t size) const {
    const std::string& field = status.field();
    const std::string prefix = std::string(to_string(kind_)) + "[";
    if (!field.starts_with(prefix)) return std::nullopt;
    std::size_t index = 0;
    const char* begin = field.data() + prefix.size();
    auto [end, ec] = std::from_chars(begin, field.data() + field.size(), index);
    if (ec != std::errc() || *end != ']' || index >= size) return std::nullopt;
    return index;
  }

  template <class T>
  void add_engine_issue(const Record<T>& r, const Status& status) {
    const std::string array = std::string(to_string(kind_)) + "[";
    std::string member = status.field().substr(status.field().find(']') + 1);
    if (member.starts_with(".")) member.erase(0, 1);
    std::int64_t row = r.rows.front();
    // "lines[2].quantity": the row of line 2.
    if (member.starts_with("lines[")) {
      std::size_t line = 0;
      auto [end, ec] = std::from_chars(member.data() + 6, member.data() + member.size(), line);
      if (ec == std::errc() && *end == ']' && line < r.rows.size()) {
        row = r.rows[line];
        member = member.substr(static_cast<std::size_t>(end - member.data()) + 1);
        if (member.starts_with(".")) member.erase(0, 1);
      }
    }
    std::string column = member;
    for (const auto& fc : kFieldColumns) {
      if (fc.member == member) column = fc.column;
    }
    std::string value;
    if (row == r.rows.front()) {
      if (auto it = r.cells.find(column); it != r.cells.end()) value = it->second;
    } else {
      value = cell_of(row, column);
    }
    // The engine's message starts with the batch position ("orders[3]: "), which means
    // nothing to whoever reads the file; the row number says it.
    std::string reason = status.message();
    if (reason.starts_with(array)) reason = reason.substr(std::min(reason.size(), reason.find(": ") + 2));
    add_issue({row, column, value, status.code(), reason});
  }

  std::string cell_of(std::int64_t row_number, std::string_view column) const {
    auto at = header_.find(column);
    for (const CsvRow& row : rows_) {
      if (row.number == row_number && at && *at < row.cells.size()) return row.cells[*at];
    }
    return {};
  }

  void add_issue(ImportIssue issue) { issues_.push_back(std::move(issue)); }

  Result<ImportResult> finish() {
    std::stable_sort(issues_.begin(), issues_.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
    for (ImportIssue& issue : issues_) {  // cells and header names as the file had them: shown as UTF-8
      for (std::string* text : {&issue.column, &issue.value, &issue.reason}) {
        if (!valid_utf8(*text)) *text = internal::printable(*text, false);
      }
    }
    result_.issues = std::move(issues_);
    result_.committed = options_.mode == ImportMode::kGoodRows || result_.issues.empty();
    if (!result_.committed) result_.created = 0;
    return std::move(result_);
  }

  Engine& engine_;
  ImportKind kind_;
  const ImportOptions& options_;
  std::string_view actor_;
  Header header_;
  std::vector<CsvRow> rows_;
  std::vector<ImportIssue> issues_;
  ImportResult result_;
};

}  // namespace

Result<ImportResult> import_csv(Engine& engine, ImportKind kind, std::string_view csv, const ImportOptions& options,
                                std::string_view actor) {
  try {
    return Importer(engine, kind, options, actor).run(csv);
  } catch (const Error& e) {
    return e.status();
  }
}

Result<ImportResult> import_csv_file(Engine& engine, ImportKind kind, const std::string& path,
                                     const ImportOptions& options, std::string_view actor) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("path", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::StorageError("cannot read '" + path + "'");
  return import_csv(engine, kind, text.str(), options, actor);
}

}  // namespace oms
