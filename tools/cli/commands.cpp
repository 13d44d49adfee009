#include "commands.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "oms/sqlite_storage.h"
#include "oms/table.h"
#include "terminal.h"

namespace oms::cli {
namespace {

std::string money(const Money& m) { return m.amount().to_string() + " " + std::string(m.currency().code()); }

// The columns each report shows on the terminal; files get every column.
const std::map<std::string, std::vector<std::string>, std::less<>>& report_columns() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> columns = {
      {"sales", {"key", "name", "orders", "lines", "ordered", "net", "currency", "first_order", "last_order"}},
      {"outstanding",
       {"key", "name", "orders", "ordered", "shipped", "closed", "open", "open_amount", "overdue", "overdue_amount"}},
      {"margin", {"key", "name", "orders", "net", "cost", "margin", "margin_percent", "currency"}},
      {"shipped", {"key", "name", "ordered", "shipped", "returned", "unshipped", "kept"}},
      {"stock", {}},
      {"statement", {}},
      {"ageing", {}},
      {"inventory",
       {"sku", "name", "abc", "on_hand", "reserved", "available", "value", "value_share", "outbound", "turnover",
        "days_of_cover", "below_threshold"}},
      {"expiring", {"sku", "warehouse", "location", "lot_number", "expiry", "days_to_expiry", "on_hand", "value"}},
      {"daily", {"sku", "name", "outbound", "awaiting_outbound", "available", "sold", "amount", "profit"}},
      {"customers",
       {"code", "name", "grade", "suggested_grade", "orders", "amount", "margin", "last_order", "rfm"}},
  };
  return columns;
}

// The first sheet goes to the terminal (those columns) or to CSV; every sheet to xlsx.
void emit(const std::vector<Table>& sheets, const std::vector<std::string>& columns, const Output& output,
          std::ostream& out) {
  const Table& first = sheets.front();
  if (!output.csv.empty()) {
    must(write_csv(first, output.csv, {true}));
    out << "wrote " << first.rows.size() << " rows to " << output.csv << "\n";
  }
  if (!output.xlsx.empty()) {
    must(write_xlsx(sheets, output.xlsx));
    out << "wrote " << sheets.size() << (sheets.size() == 1 ? " sheet" : " sheets") << " to " << output.xlsx << "\n";
  }
  if (output.csv.empty() && output.xlsx.empty()) print_table(out, first, columns);
}
void emit(const Table& table, const std::vector<std::string>& columns, const Output& output, std::ostream& out) {
  emit(std::vector<Table>{table}, columns, output, out);
}

Date today() { return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}; }

Order must_order(Engine& eng, const std::string& number) { return must(eng.order(number)); }

void print_order_line(const Order& o, std::ostream& out) {
  out << o.number << "  " << o.customer_code << "  " << to_string(o.state) << "  " << money(o.totals.total) << "\n";
}

}  // namespace

std::unique_ptr<Engine> open_book(const std::string& path, bool create) {
  SqliteOptions options;
  options.create = create;
  return must(Engine::open(must(open_sqlite_storage(path, options))));
}

void init_book(const Where& where, std::ostream& out) {
  const bool existed = std::filesystem::exists(where.db);
  open_book(where.db, true);
  out << (existed ? "opened the existing order book " : "created the order book ") << where.db << "\n";
}

void add_warehouse(const Where& where, const Warehouse& warehouse, const std::vector<std::string>& locations,
                   std::ostream& out) {
  auto eng = open_book(where.db, false);
  const Warehouse w = must(eng->create_warehouse(warehouse, where.actor));
  for (const std::string& code : locations) must(eng->create_location(w.code, {{}, {}, code, code}, where.actor));
  out << "added warehouse " << w.code << " with " << locations.size() + 1 << " locations\n";
}

bool import_file(const Where& where, ImportKind kind, const std::string& path, const ImportOptions& options,
                 std::ostream& out, std::ostream& err) {
  auto eng = open_book(where.db, false);
  const ImportResult r = must(import_csv_file(*eng, kind, path, options, where.actor));
  for (const ImportIssue& i : r.issues) {
    err << path << ": row " << i.row;
    if (!i.column.empty()) err << ", column " << i.column;
    if (!i.value.empty()) err << ", value '" << i.value << "'";
    err << ": " << i.reason << "\n";
  }
  out << to_string(kind) << ": " << r.rows << " rows, " << r.records << " records: " << r.created << " created, "
      << r.existing << " already there, " << r.rejected << " rejected"
      << (r.committed ? "" : " - nothing imported (all or nothing; --good-rows imports the good ones)") << "\n";
  return r.issues.empty();
}

void list_orders(const Where& where, const std::string& state, const std::string& customer, std::size_t limit,
                 std::ostream& out) {
  auto eng = open_book(where.db, false);
  OrderQuery query;
  query.limit = limit;
  query.customer_code = customer;
  if (!state.empty()) {
    for (int s = 0; s < kOrderStateCount; ++s) {
      if (to_string(static_cast<OrderState>(s)) == state) query.states.push_back(static_cast<OrderState>(s));
    }
    if (query.states.empty()) throw CommandError(Status::InvalidArgument("state", state, "is not an order state"));
  }
  Table t;
  t.columns = {{"number", ColumnKind::kText},   {"date", ColumnKind::kDate},      {"customer", ColumnKind::kText},
               {"state", ColumnKind::kText},    {"lines", ColumnKind::kInteger},  {"total", ColumnKind::kDecimal},
               {"currency", ColumnKind::kText}, {"shipped", ColumnKind::kText},   {"invoiced", ColumnKind::kText}};
  static constexpr const char* kProgress[] = {"none", "partial", "full"};
  for (const Order& o : must(eng->list_orders(query))) {
    t.rows.push_back({o.number, o.order_date, o.customer_code, std::string(to_string(o.state)),
                      static_cast<std::int64_t>(o.lines.size()), o.totals.total.amount(),
                      std::string(o.currency.code()), std::string(kProgress[static_cast<int>(o.shipment_progress())]),
                      std::string(kProgress[static_cast<int>(o.invoice_progress())])});
  }
  print_table(out, t);
}

void show_order(const Where& where, const std::string& number, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const Order o = must_order(*eng, number);
  out << "order     " << o.number << (o.external.empty() ? "" : "  (" + o.external.source + " " + o.external.id + ")")
      << "\ncustomer  " << o.customer_code << "\nstate     " << to_string(o.state)
      << (o.hold_reason.empty() ? "" : " (" + o.hold_reason + ")") << "\ndate      " << to_string(o.order_date);
  if (o.requested_delivery) out << ", wanted by " << to_string(*o.requested_delivery);
  out << "\nchannel   " << o.channel << "\nsales     " << o.salesperson << "\n";
  if (!o.notes.empty()) out << "notes     " << o.notes << "\n";
  out << "\n";
  Table t;
  t.columns = {{"line", ColumnKind::kInteger},       {"sku", ColumnKind::kText},        {"quantity", ColumnKind::kDecimal},
               {"unit_price", ColumnKind::kDecimal}, {"net", ColumnKind::kDecimal},     {"reserved", ColumnKind::kDecimal},
               {"shipped", ColumnKind::kDecimal},    {"returned", ColumnKind::kDecimal}, {"invoiced", ColumnKind::kDecimal}};
  for (const OrderLine& l : o.lines) {
    t.rows.push_back({static_cast<std::int64_t>(l.line_no), l.sku, l.quantity, l.unit_price.amount(), l.amounts.net.amount(),
                      l.reserved(), l.shipped, l.returned, l.invoiced});
  }
  print_table(out, t);
  out << "\nnet " << money(o.totals.net) << "   tax " << money(o.totals.tax) << "   total " << money(o.totals.total)
      << "\nmargin " << money(o.totals.margin) << " (" << o.totals.margin_percent.to_string() << " %)"
      << "   invoiced " << money(o.invoiced) << "   paid " << money(o.paid) << "\n";
  out << "\nhistory\n";
  for (const StateChange& h : o.history) {
    out << "  " << to_string(h.at) << "  " << to_string(h.from) << " -> " << to_string(h.to) << "  by " << h.actor;
    if (!h.reason.empty()) out << ": " << h.reason;
    out << "\n";
  }
}

void print_flow(const Where& where, DocumentKind kind, const std::string& number, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const DocumentFlow flow = must(eng->document_flow({kind, number}));
  out << to_string(kind) << " " << number << (flow.merged() ? "  (merged with others)" : "")
      << (flow.split() ? "  (split)" : "") << "\n";
  auto print = [&](const char* title, const std::vector<DocumentLink>& links) {
    if (links.empty()) return;
    out << title << "\n";
    for (const DocumentLink& l : links) {
      out << "  " << to_string(l.from.kind) << " " << l.from.number;
      if (l.from_line) out << " #" << l.from_line;
      out << "  -" << l.relation << "->  " << to_string(l.to.kind) << " " << l.to.number;
      if (l.to_line) out << " #" << l.to_line;
      if (!l.sku.empty()) out << "  " << l.sku << " x " << l.quantity.to_string();
      if (l.amount) out << "  " << money(*l.amount);
      out << "\n";
    }
  };
  print("upstream", flow.upstream);
  print("downstream", flow.downstream);
}

void order_step(const Where& where, Step step, const std::string& number, const std::string& reason, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const std::string& a = where.actor;
  switch (step) {
    case Step::kSubmit: {
      const SubmitResult r = must(eng->submit(number, a));
      for (const auto& f : r.review.findings) {
        out << "  " << (f.severity == Severity::kError ? "error" : "warning") << ": " << f.message << "\n";
      }
      print_order_line(r.order, out);
      return;
    }
    case Step::kApprove: print_order_line(must(eng->approve(number, a)).order, out); return;
    case Step::kHold: print_order_line(must(eng->hold(number, reason, a)), out); return;
    case Step::kResume: print_order_line(must(eng->resume(number, a)), out); return;
    case Step::kCancel: print_order_line(must(eng->cancel(number, reason, a)), out); return;
    case Step::kComplete: print_order_line(must(eng->complete(number, a)), out); return;
    case Step::kShortClose: print_order_line(must(eng->short_close(number, reason, a)), out); return;
  }
}

void allocate(const Where& where, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const AllocationRun run = must(eng->allocate_backorders(where.actor));
  out << "examined " << run.orders_examined << " backordered orders, reserved " << run.reserved.size() << " lines\n";
}

void regrade(const Where& where, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const auto changes = must(eng->regrade_customers(where.actor));
  for (const GradeChange& c : changes) {
    out << c.code << ": " << to_string(c.from) << " -> " << to_string(c.to) << " (" << c.order_count << " orders, "
        << money(c.amount) << ")\n";
  }
  out << changes.size() << " customers changed grade\n";
}

void ship(const Where& where, const std::string& order, const std::string& warehouse, std::ostream& out) {
  auto eng = open_book(where.db, false);
  ShipmentSpec spec;
  spec.orders = {order};
  spec.warehouse = warehouse;
  spec.reserved_only = true;
  const Shipment created = must(eng->create_shipment(spec, where.actor));
  const Shipment s = must(eng->ship_shipment(created.number, where.actor));
  out << "shipped " << s.number << " from " << warehouse << ": " << s.lines.size() << " lines\n";
}

void deliver(const Where& where, const std::string& shipment, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const Shipment s = must(eng->deliver_shipment(shipment, where.actor));
  out << s.number << " " << to_string(s.state) << "\n";
}

void invoice(const Where& where, const std::vector<std::string>& orders, const std::string& shipment, std::ostream& out) {
  auto eng = open_book(where.db, false);
  InvoiceSpec spec;
  spec.orders = orders;
  spec.shipment = shipment;
  const Invoice inv = must(eng->create_invoice(spec, where.actor));
  out << "invoice " << inv.number << ": " << money(inv.total) << ", due " << to_string(inv.due_date) << "\n";
}

void pay(const Where& where, const PaymentSpec& payment, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const Payment p = must(eng->record_payment(payment, where.actor));
  out << "payment " << p.number << ": " << money(p.amount) << ", unapplied " << money(p.unapplied()) << "\n";
  for (const auto& a : p.applications) out << "  applied " << money(a.amount) << " to " << a.invoice_number << "\n";
}

void return_goods(const Where& where, const ReturnSpec& spec, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const CustomerReturn r = must(eng->receive_return(spec, where.actor));
  out << "return " << r.number << " of " << r.shipment_number << ": " << r.lines.size() << " lines";
  if (!r.credit_note_number.empty()) out << ", credit note " << r.credit_note_number;
  out << "\n";
}

std::vector<StockLevel> all_stock_levels(const Engine& eng, const StockQuery& query) {
  if (!query.sku.empty() || !query.warehouse.empty()) return must(eng.stock_levels(query));
  std::vector<StockLevel> out;
  for (const Warehouse& w : must(eng.warehouses())) {
    StockQuery in_warehouse = query;
    in_warehouse.warehouse = w.code;
    auto levels = must(eng.stock_levels(in_warehouse));
    out.insert(out.end(), levels.begin(), levels.end());
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sku < b.sku; });
  return out;
}

std::vector<std::string> report_names() {
  std::vector<std::string> names;
  for (const auto& [name, columns] : report_columns()) names.push_back(name);
  return names;
}

void report(const Where& where, const ReportRequest& request, const Output& output, std::ostream& out) {
  auto eng = open_book(where.db, false);
  const auto& columns = report_columns().at(request.name);
  if (request.name == "stock") {
    StockQuery query;
    query.sku = request.filter.sku;
    query.warehouse = request.warehouse;
    emit(stock_levels_table(all_stock_levels(*eng, query), "Stock"), columns, output, out);
  } else if (request.name == "statement") {
    if (request.customer.empty()) {
      throw CommandError(Status::InvalidArgument("customer", "", "is required for the statement (--customer)"));
    }
    const Date to = request.filter.to.value_or(today());
    const Date from = request.filter.from.value_or(Date{std::chrono::sys_days(to) - std::chrono::days(365)});
    emit(statement_table(must(eng->statement(request.customer, request.currency, from, to))), columns, output, out);
  } else if (request.name == "inventory" || request.name == "expiring") {
    InventoryQuery query;
    query.from = request.filter.from;
    query.to = request.filter.to;
    query.sku = request.filter.sku;
    query.category = request.filter.category;
    query.warehouse = request.warehouse;
    query.expiring_within_days = request.days;
    std::vector<Table> sheets = inventory_tables(must(eng->inventory_report(query)));
    if (request.name == "expiring") sheets.erase(sheets.begin(), sheets.end() - 1);  // the last: expiring lots
    emit(sheets, columns, output, out);
  } else if (request.name == "daily") {
    const Date day = request.filter.as_of.value_or(today());
    emit(product_day_table(must(eng->daily_product_stats(day, request.currency)), "Daily " + to_string(day)), columns,
         output, out);
  } else if (request.name == "customers") {
    CustomerValueQuery query;
    query.from = request.filter.from;
    query.to = request.filter.to;
    query.currency = request.currency;
    query.salesperson = request.filter.salesperson;
    emit(customer_value_table(must(eng->customer_value(query)), "Customer value"), columns, output, out);
  } else if (request.name == "ageing") {
    emit(ageing_table(must(eng->receivables_ageing(request.currency, request.filter.as_of))), columns, output, out);
  } else {
    ReportFilter filter = request.filter;
    filter.open_only = request.name == "outstanding";
    const auto rows = must(eng->order_line_report(filter, request.by));
    const std::string title = request.name + " by " + std::string(to_string(request.by));
    emit(line_summary_table(rows, title), columns, output, out);
  }
}

}  // namespace oms::cli
