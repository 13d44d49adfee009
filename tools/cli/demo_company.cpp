// The sample company of `oms demo`. Everything goes through the public Engine API, day by day
// on a manual clock, so the book holds what a real quarter of trading would: the journal, the
// document flow, the stock ledger and the receivables all come from the real operations.
#include "demo_company.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <ostream>
#include <random>
#include <set>

#include "commands.h"
#include "oms/sqlite_storage.h"
#include "oms/table.h"
#include "terminal.h"

namespace oms::cli {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct Category {
  const char* path;
  const char* name;
  const char* unit;
  int min_price, max_price;
  bool lots;  // lot-tracked with an expiry date
};
constexpr Category kCategories[] = {
    {"茶/绿茶 Green tea", "龙井", "pcs", 60, 680, true},    {"茶/乌龙 Oolong", "铁观音", "pcs", 80, 900, true},
    {"茶/红茶 Black tea", "祁门红茶", "pcs", 40, 400, true}, {"茶/普洱 Pu-erh", "普洱饼", "pcs", 120, 1800, false},
    {"茶具 Teaware", "紫砂壶", "pcs", 90, 2600, false},      {"茶点 Snacks", "绿豆糕", "pcs", 12, 68, true},
    {"散茶 Loose tea", "茉莉花茶", "kg", 80, 520, true},
};
constexpr const char* kRegions[] = {"north", "east", "south"};
constexpr const char* kCities[] = {"北京", "上海", "广州"};
constexpr const char* kSalespeople[] = {"li.na", "wang.wei", "zhang.min", "chen.jie", "liu.yang", "zhao.lei"};
constexpr const char* kChannels[] = {"web", "shop", "phone", "dealer", "wechat"};
constexpr const char* kCustomerNames[] = {"茶社", "茶馆", "商贸", "超市", "酒店", "食品", "礼品", "茶庄"};
constexpr const char* kCityNames[] = {"西湖", "外滩", "珠江", "长安", "鼓浪屿", "黄山", "洞庭", "太湖", "峨眉", "蓬莱"};

class Company {
 public:
  Company(const DemoOptions& options, std::ostream& out) : opt_(options), out_(out), rng_(options.seed) {
    // The demo builds a fresh book; it never deletes one by accident (OMS_DB may name a real one).
    if (std::filesystem::exists(options.db) && !options.replace) {
      throw CommandError(Status(StatusCode::kAlreadyExists,
                                "db '" + options.db + "' already exists: pass --replace to build the demo over it", "db"));
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(options.db + suffix);
    today_ = Date{std::chrono::floor<days>(std::chrono::system_clock::now())};
    start_ = Date{sys_days(today_) - days(options.days)};
    clock_ = std::make_shared<ManualClock>(at(start_, 8));
    EngineOptions engine_options;
    engine_options.clock = clock_;
    SqliteOptions sqlite;
    sqlite.durability = Durability::kNormal;  // a demo: an OS crash may lose the last moments
    eng_ = must(Engine::open(must(open_sqlite_storage(options.db, sqlite)), engine_options));
  }

  void build() {
    const auto began = std::chrono::steady_clock::now();
    setup_catalog();
    setup_customers();
    receive_initial_stock();
    for (int d = 0; d <= opt_.days; ++d) trade_one_day(Date{sys_days(start_) + days(d)}, d);
    clock_->set(at(today_, 18));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    out_ << "built in " << static_cast<int>(seconds) << " s: " << products_.size() << " products, "
         << customers_.size() << " customers, " << counts_["orders"] << " orders (" << counts_["cancelled"]
         << " cancelled, " << counts_["draft"] << " left in draft, " << counts_["held"] << " held), "
         << counts_["shipments"] << " shipments (" << counts_["merged shipments"] << " merged, "
         << counts_["split"] << " orders split), " << counts_["invoices"] << " invoices (" << counts_["merged invoices"]
         << " merged, " << counts_["instalments"] << " instalments), " << counts_["payments"] << " payments, "
         << counts_["returns"] << " returns\n";
  }

  void report() {
    const std::vector<std::pair<std::string, ReportDimension>> sections = {
        {"Sales by month", ReportDimension::kMonth},
        {"Sales by salesperson", ReportDimension::kSalesperson},
        {"Margin by category", ReportDimension::kCategory},
        {"Sales by channel", ReportDimension::kChannel},
    };
    std::vector<Table> sheets;
    for (const auto& [title, by] : sections) {
      ReportFilter filter;
      sheets.push_back(line_summary_table(must(eng_->order_line_report(filter, by)), title));
      section(title);
      print_table(out_, sheets.back(),
                  {"key", "orders", "lines", "net", "cost", "margin", "margin_percent", "open_amount"});
    }

    ReportFilter all;
    auto customers = must(eng_->order_line_report(all, ReportDimension::kCustomer));
    std::sort(customers.begin(), customers.end(),
              [](const auto& a, const auto& b) { return a.net.amount() > b.net.amount(); });
    sheets.push_back(line_summary_table(customers, "Sales by customer"));
    customers.resize(std::min<std::size_t>(customers.size(), 10));
    section("Top 10 customers");
    print_table(out_, line_summary_table(customers, ""), {"key", "name", "orders", "net", "margin", "last_order"});

    ReportFilter open;
    open.open_only = true;
    sheets.push_back(line_summary_table(must(eng_->order_line_report(open, ReportDimension::kCustomer)),
                                        "Outstanding by customer"));
    const auto outstanding = must(eng_->order_line_report(open, ReportDimension::kSalesperson));
    section("Outstanding orders by salesperson (ordered, shipped, open, overdue)");
    print_table(out_, line_summary_table(outstanding, ""),
                {"key", "orders", "ordered", "shipped", "open", "open_amount", "overdue", "overdue_amount"});

    auto products = must(eng_->order_line_report(all, ReportDimension::kProduct));
    sheets.push_back(line_summary_table(products, "Ordered shipped returned"));
    std::erase_if(products, [](const LineSummary& s) { return s.returned.is_zero(); });
    section("Products with returns: ordered vs shipped vs returned");
    products.resize(std::min<std::size_t>(products.size(), 8));
    print_table(out_, line_summary_table(products, ""), {"key", "name", "ordered", "shipped", "returned", "unshipped", "kept"});

    const AgeingReport ageing = must(eng_->receivables_ageing("CNY"));
    sheets.push_back(ageing_table(ageing));
    section("Receivables ageing (CNY) as of " + to_string(ageing.as_of));
    Table ageing_total = ageing_table(ageing);
    ageing_total.rows.erase(ageing_total.rows.begin(), ageing_total.rows.end() - 1);
    print_table(out_, ageing_total);

    const InventoryReport inventory = must(eng_->inventory_report({}));
    for (Table& t : inventory_tables(inventory)) sheets.push_back(std::move(t));
    section("Inventory structure (ABC by value) and turnover over the last 90 days");
    Table abc;
    abc.columns = {{"class", ColumnKind::kText},   {"products", ColumnKind::kInteger}, {"value", ColumnKind::kDecimal},
                   {"share", ColumnKind::kDecimal}, {"cogs", ColumnKind::kDecimal},    {"below_threshold", ColumnKind::kInteger}};
    for (const char* cls : {"A", "B", "C"}) {
      std::int64_t count = 0, below = 0;
      Decimal value, share, cogs;
      for (const ProductInventory& p : inventory.products) {
        if (p.abc != cls) continue;
        ++count;
        value += p.value.amount();
        share += p.value_share;
        cogs += p.cogs.amount();
        below += p.below_threshold ? 1 : 0;
      }
      abc.rows.push_back({std::string(cls), count, value, share, cogs, below});
    }
    print_table(out_, abc);
    section("Lots expiring within 30 days (of " + std::to_string(inventory.expiring.size()) + ")");
    Table expiring = inventory_tables(inventory)[3];
    if (expiring.rows.size() > 5) expiring.rows.resize(5);
    print_table(out_, expiring, {"sku", "warehouse", "lot_number", "expiry", "days_to_expiry", "on_hand", "value"});

    const auto today_stats = must(eng_->daily_product_stats(today_, "CNY"));
    sheets.push_back(product_day_table(today_stats, "Daily " + to_string(today_)));
    auto busiest = today_stats;
    std::sort(busiest.begin(), busiest.end(),
              [](const auto& a, const auto& b) { return b.amount.amount() < a.amount.amount(); });
    if (busiest.size() > 5) busiest.resize(5);
    section("Today's busiest products (每日统计)");
    print_table(out_, product_day_table(busiest, ""),
                {"sku", "name", "outbound", "awaiting_outbound", "available", "sold", "amount", "profit"});

    const auto value = must(eng_->customer_value({}));
    sheets.push_back(customer_value_table(value, "Customer value"));
    section("Customer value: grade now -> suggested by the grading policy (`oms regrade` applies it)");
    std::map<std::pair<std::string, std::string>, int> moves;
    for (const CustomerValue& v : value) ++moves[{std::string(to_string(v.grade)), std::string(to_string(v.suggested_grade))}];
    for (const auto& [grades, count] : moves) {
      out_ << "  " << grades.first << " -> " << grades.second << ": " << count << "\n";
    }
    sheets.push_back(stock_levels_table(all_stock_levels(*eng_, {}), "Stock"));
    if (!customers.empty()) {
      const Statement st = must(eng_->statement(customers.front().key, "CNY", start_, today_));
      Table t = statement_table(st);
      t.title = "Statement " + customers.front().key;
      sheets.push_back(t);
      section("对账单 Statement of " + st.customer_code + " " + st.customer_name + " (last 5 items)");
      if (t.rows.size() > 6) t.rows.erase(t.rows.begin() + 1, t.rows.end() - 5);
      print_table(out_, t, {"date", "kind", "number", "due_date", "debit", "credit", "balance"});
    }
    if (!merged_order_.empty()) {
      section("Document flow of " + merged_order_ + ", shipped together with other orders of its customer");
      print_flow({opt_.db, "demo"}, DocumentKind::kOrder, merged_order_, out_);
    }
    must(write_xlsx(sheets, opt_.xlsx));
    out_ << "\nwrote " << sheets.size() << " sheets to " << opt_.xlsx << "; the order book is " << opt_.db
         << " (try: oms --db " << opt_.db << " orders --state confirmed)\n";
  }

 private:
  // ---- Set-up ----

  void setup_catalog() {
    must(eng_->define_tax_class({"VAT13", "增值税 13%", Decimal::from_string("0.13")}, "setup"));
    must(eng_->define_tax_class({"VAT9", "增值税 9%", Decimal::from_string("0.09")}, "setup"));
    const std::string codes[] = {"BJ", "SH", "GZ"};
    for (int w = 0; w < 3; ++w) {
      must(eng_->create_warehouse({{}, codes[w], std::string(kCities[w]) + "仓", kRegions[w]}, "setup"));
      must(eng_->create_location(codes[w], {{}, {}, "A-01", "Aisle A"}, "setup"));
      warehouses_.push_back(codes[w]);
    }
    std::vector<Product> products;
    for (int i = 0; i < opt_.products; ++i) {
      const Category& c = kCategories[i % std::size(kCategories)];
      Product p;
      p.sku = "P" + std::to_string(10000 + i);
      p.name = std::string(c.name) + " " + std::to_string(i / std::size(kCategories) + 1) + "号";
      p.unit = c.unit;
      p.category = c.path;
      p.tracking = c.lots ? Tracking::kLot : Tracking::kNone;
      const Decimal price = cents(uniform(c.min_price * 100, c.max_price * 100));
      p.list_price = Money(price, cny());
      p.standard_cost = Money(percent_of(price, uniform(45, 70)), cny());
      p.tax_class = c.unit == std::string("kg") ? "VAT9" : "VAT13";
      p.low_stock_threshold = Decimal(uniform(0, 3) == 0 ? 20 : 0);
      products.push_back(p);
    }
    products_ = must(eng_->create_products(products, "setup"));
  }

  void setup_customers() {
    std::vector<Customer> customers;
    for (int i = 0; i < opt_.customers; ++i) {
      Customer c;
      const int region = i % 3;
      c.code = "C" + std::to_string(1000 + i);
      c.name = std::string(kCityNames[i % std::size(kCityNames)]) + kCustomerNames[(i / 3) % std::size(kCustomerNames)] +
               std::to_string(i / 30 + 1) + "号店";
      c.nickname = "cust" + std::to_string(i);
      c.region = kRegions[region];
      c.salesperson = kSalespeople[i % std::size(kSalespeople)];
      c.grade = i % 7 == 0 ? CustomerGrade::kVip : i % 3 == 0 ? CustomerGrade::kRegular : CustomerGrade::kPotential;
      c.payment_terms_days = i % 4 == 0 ? 60 : 30;
      if (i % 10 == 3) c.credit_limit = Money(Decimal(30000), cny());  // tight limits: some orders go on credit hold
      c.addresses.push_back({"HQ", std::to_string(i + 1) + " 号", "", kCities[region], kRegions[region], "100000", "CN"});
      c.contacts.push_back({"联系人 " + std::to_string(i), "buyer", "1380000" + std::to_string(1000 + i), ""});
      customers.push_back(c);
    }
    customers_ = must(eng_->create_customers(customers, "setup"));
    // A few customers buy most: their weight in the draw.
    for (std::size_t i = 0; i < customers_.size(); ++i) weights_.push_back(i % 7 == 0 ? 8.0 : i % 3 == 0 ? 3.0 : 1.0);
  }

  void receive_initial_stock() {
    std::vector<ReceiptSpec> receipts;
    for (std::size_t w = 0; w < warehouses_.size(); ++w) {
      ReceiptSpec r;
      r.warehouse = warehouses_[w];
      r.date = start_;
      r.supplier = "杭州茶厂";
      r.reference = "opening stock";
      for (std::size_t i = 0; i < products_.size(); ++i) {
        if ((i + w) % 3 == 2) continue;  // each product in two of the three warehouses
        r.lines.push_back(receipt_line(products_[i], uniform(40, 260), start_));
      }
      receipts.push_back(std::move(r));
    }
    must(eng_->receive_batch(receipts, "wh"));
  }

  ReceiptLineSpec receipt_line(const Product& p, int quantity, const Date& date) {
    ReceiptLineSpec l;
    l.sku = p.sku;
    l.location = "A-01";
    l.quantity = Decimal(quantity);
    l.unit_cost = percent_of(p.standard_cost.amount(), uniform(90, 110));
    if (p.tracking == Tracking::kLot) {
      l.lot_number = "L" + to_string(date).substr(2, 2) + to_string(date).substr(5, 2) + to_string(date).substr(8, 2);
      // One lot per product and day, in every warehouse; some expire within weeks.
      l.expiry = Date{sys_days(date) + days(opt_.days + 20 + std::stoi(p.sku.substr(1)) * 37 % 380)};
    }
    return l;
  }

  // ---- A day of trading ----

  void trade_one_day(const Date& date, int d) {
    clock_->set(at(date, 9));
    const int per_day = opt_.orders / (opt_.days + 1) + (d < opt_.orders % (opt_.days + 1) ? 1 : 0);
    std::vector<NewOrder> orders;
    orders.reserve(per_day);
    for (int i = 0; i < per_day; ++i) orders.push_back(new_order(date));
    for (const OrderIntake& intake : must(eng_->create_orders(orders, "web"))) decide(intake.order, date);
    clock_->set(at(date, 14));
    if (d % 14 == 13) replenish(date);  // the buyer's fortnightly reorder
    ship_due(date);
    clock_->set(at(date, 17));
    deliver_due(date);
    invoice_due(date);
    collect_due(date);
  }

  NewOrder new_order(const Date& date) {
    std::discrete_distribution<std::size_t> pick_customer(weights_.begin(), weights_.end());
    const Customer& c = customers_[pick_customer(rng_)];
    NewOrder o;
    o.customer_code = c.code;
    o.channel = kChannels[uniform(0, std::size(kChannels) - 1)];
    if (o.channel == "web") o.external = {"tmall", "TM" + std::to_string(100000 + counts_["orders"])};
    o.requested_delivery = Date{sys_days(date) + days(uniform(2, 10))};
    o.priority = uniform(0, 19) == 0 ? Priority::kUrgent : Priority::kNormal;
    const int lines = uniform(1, 4);
    std::set<std::size_t> used;
    for (int l = 0; l < lines; ++l) {
      // Popular products sell more: the square of a uniform draw favours low indexes.
      const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
      const std::size_t p = static_cast<std::size_t>(u * u * static_cast<double>(products_.size()));
      if (!used.insert(p).second) continue;
      NewOrderLine line;
      line.sku = products_[p].sku;
      line.quantity = Decimal(uniform(1, 12));
      if (uniform(0, 9) == 0) line.discount = Discount::percent(Decimal(5));
      o.lines.push_back(line);
    }
    ++counts_["orders"];
    return o;
  }

  // What becomes of a new order: most are confirmed; some stay drafts, wait for review, are
  // cancelled or put on hold.
  void decide(const Order& o, const Date& date) {
    const int fate = uniform(0, 99);
    if (fate < 3) {
      ++counts_["draft"];
      return;
    }
    const SubmitResult submitted = must(eng_->submit(o.number, "sales"));
    if (fate < 6) return;  // awaiting review
    if (submitted.order.state != OrderState::kSubmitted) {
      ++counts_["held"];  // credit hold
      return;
    }
    must(eng_->approve(o.number, "manager"));
    if (fate < 9) {
      must(eng_->cancel(o.number, "customer changed their mind", "sales"));
      ++counts_["cancelled"];
      return;
    }
    if (fate < 10) {
      must(eng_->hold(o.number, "address to be confirmed", "sales"));
      ++counts_["held"];
      return;
    }
    ship_on_[Date{sys_days(date) + days(uniform(1, 3))}].push_back(o.number);
  }

  // Every two weeks the buyer reorders what ran low: a product whose available stock in a
  // warehouse fell below its reorder point gets a delivery there; then the backorders are served.
  void replenish(const Date& date) {
    std::vector<ReceiptSpec> receipts(warehouses_.size());
    for (std::size_t w = 0; w < warehouses_.size(); ++w) {
      receipts[w].warehouse = warehouses_[w];
      receipts[w].supplier = "杭州茶厂";
      receipts[w].reference = "reorder " + to_string(date);
    }
    for (std::size_t i = 0; i < products_.size(); ++i) {
      const StockReport stock = must(eng_->stock(products_[i].sku));
      for (std::size_t w = 0; w < warehouses_.size(); ++w) {
        if ((i + w) % 3 == 2) continue;  // not stocked there
        Decimal available;
        for (const StockPosition& p : stock.warehouses) {
          if (p.warehouse_code == warehouses_[w]) available = p.available;
        }
        if (Decimal(40) <= available) continue;
        receipts[w].lines.push_back(receipt_line(products_[i], uniform(60, 200), date));
      }
    }
    std::erase_if(receipts, [](const ReceiptSpec& r) { return r.lines.empty(); });
    if (!receipts.empty()) must(eng_->receive_batch(receipts, "wh"));
    must(eng_->allocate_backorders("planner"));
  }

  // Ships what is reserved for the orders due today: one shipment per customer and warehouse
  // (so a customer's orders travel together), and now and then only part of a line (the rest
  // goes later: a split).
  void ship_due(const Date& date) {
    auto due = ship_on_.find(date);
    if (due == ship_on_.end()) return;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_customer_and_warehouse;
    std::map<std::int64_t, std::string> warehouse_code;
    for (const Warehouse& w : must(eng_->warehouses())) warehouse_code[w.id.value] = w.code;
    for (const std::string& number : due->second) {
      const Order o = must(eng_->order(number));
      if (o.state != OrderState::kConfirmed && o.state != OrderState::kPartiallyShipped) continue;
      std::set<std::string> where;
      for (const OrderLine& l : o.lines) {
        for (const Allocation& a : l.allocations) where.insert(warehouse_code[a.warehouse.value]);
      }
      for (const std::string& w : where) by_customer_and_warehouse[{o.customer_code, w}].push_back(number);
      if (o.backordered().is_positive()) ship_on_[Date{sys_days(date) + days(7)}].push_back(number);
    }
    for (const auto& [key, numbers] : by_customer_and_warehouse) {
      ShipmentSpec spec;
      spec.warehouse = key.second;
      spec.reserved_only = true;
      spec.carrier = uniform(0, 1) ? "SF Express" : "JD Logistics";
      spec.tracking_number = "T" + std::to_string(1000000 + counts_["shipments"]);
      const bool split = numbers.size() == 1 && uniform(0, 9) == 0;
      if (split) {
        const Order o = must(eng_->order(numbers.front()));
        for (const OrderLine& l : o.lines) {
          const Decimal half = Decimal::divide(l.reserved(), Decimal(2), 0, RoundingMode::kDown);
          if (half.is_positive()) spec.lines.push_back({o.number, l.line_no, half, {}, {}});
        }
        if (spec.lines.empty()) spec.orders = numbers;
      } else {
        spec.orders = numbers;
      }
      auto created = eng_->create_shipment(spec, "wh");
      if (!created) continue;  // nothing reserved there any more
      const Shipment s = must(eng_->ship_shipment(created->number, "wh"));
      ++counts_["shipments"];
      if (numbers.size() > 1) {
        ++counts_["merged shipments"];
        if (merged_order_.empty()) merged_order_ = numbers.front();
      }
      if (split && !spec.lines.empty()) {
        ++counts_["split"];
        ship_on_[Date{sys_days(date) + days(2)}].push_back(numbers.front());
      }
      deliver_on_[Date{sys_days(date) + days(uniform(1, 4))}].push_back(s.number);
      invoice_on_[Date{sys_days(date) + days(1)}].push_back(s.number);
    }
  }

  void deliver_due(const Date& date) {
    auto due = deliver_on_.find(date);
    if (due == deliver_on_.end()) return;
    for (const std::string& number : due->second) {
      if (uniform(0, 49) == 0) {
        must(eng_->flag_exception(number, ExceptionKind::kDelayed, "stuck at the hub", "carrier"));
        continue;
      }
      const Shipment s = must(eng_->deliver_shipment(number, "carrier"));
      if (uniform(0, 59) == 0) return_one(s, date);
    }
  }

  void return_one(const Shipment& s, const Date& date) {
    ReturnSpec r;
    r.shipment = s.number;
    r.date = date;
    r.reason = "damaged in transit";
    r.lines.push_back({s.lines.front().line_no, Decimal(1), ReturnDisposition::kRestock, "", {}, "broken box"});
    if (eng_->receive_return(r, "wh")) ++counts_["returns"];
  }

  // Invoices what shipped: mostly one invoice per shipment; a customer's shipments of the same
  // day on one invoice (merged) when there are several; one order in five billed in two
  // instalments (50 % now, the rest later: a split invoice).
  void invoice_due(const Date& date) {
    auto due = invoice_on_.find(date);
    if (due == invoice_on_.end()) return;
    std::map<std::string, std::vector<std::string>> orders_of_customer;
    for (const std::string& number : due->second) {
      const Shipment s = must(eng_->shipment(number));
      std::set<std::string> orders;
      for (const ShipmentLine& l : s.lines) orders.insert(l.order_number);
      for (const std::string& o : orders) orders_of_customer[s.customer_code].push_back(o);
    }
    for (auto& [customer, orders] : orders_of_customer) {
      std::sort(orders.begin(), orders.end());
      orders.erase(std::unique(orders.begin(), orders.end()), orders.end());
      if (orders.size() == 1 && uniform(0, 4) == 0) {
        InvoiceSpec first;
        first.orders = orders;
        first.percent = Decimal(50);
        if (eng_->create_invoice(first, "billing")) {
          ++counts_["invoices"];
          ++counts_["instalments"];
          if (merged_order_.empty()) merged_order_ = orders.front();
          continue;
        }
      }
      InvoiceSpec spec;
      spec.orders = orders;
      if (eng_->create_invoice(spec, "billing")) {
        ++counts_["invoices"];
        if (orders.size() > 1) ++counts_["merged invoices"];
      }
    }
  }

  // Customers pay their open invoices around the due date: most on time, some late, a few not
  // yet (the ageing report shows them).
  void collect_due(const Date& date) {
    if (sys_days(date).time_since_epoch().count() % 7 != 0) return;  // the bank statement comes weekly
    for (std::size_t i = 0; i < customers_.size(); ++i) {
      const Customer& c = customers_[i];
      if (i % 11 == 5) continue;  // slow payers
      Decimal amount;
      for (const Invoice& inv : must(eng_->customer_invoices(c.code, true))) {
        const int lateness = i % 5 == 0 ? 20 : 0;
        if (sys_days(inv.due_date) + days(lateness) <= sys_days(date) + days(7)) amount += inv.open().amount();
      }
      if (!amount.is_positive()) continue;
      PaymentSpec p;
      p.customer_code = c.code;
      p.amount = amount;
      p.method = "bank transfer";
      must(eng_->record_payment(p, "cashier"));
      ++counts_["payments"];
    }
  }

  // ---- Helpers ----

  void section(const std::string& title) { out_ << "\n== " << title << " ==\n"; }

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  static Decimal cents(std::int64_t n) { return Decimal::from_mantissa(n, 2); }
  // `percent` % of `amount`, to the cent (half-up).
  static Decimal percent_of(const Decimal& amount, int percent) {
    return Decimal::divide(amount * Decimal(percent), Decimal(100), 2, RoundingMode::kHalfUp);
  }
  static Currency cny() { return Currency::of("CNY").value(); }
  static Timestamp at(const Date& d, int hour) { return Timestamp(sys_days(d) + std::chrono::hours(hour)); }

  const DemoOptions& opt_;
  std::ostream& out_;
  std::mt19937 rng_;
  Date today_, start_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> eng_;
  std::vector<std::string> warehouses_;
  std::vector<Product> products_;
  std::vector<Customer> customers_;
  std::vector<double> weights_;
  std::map<Date, std::vector<std::string>> ship_on_, deliver_on_, invoice_on_;
  std::map<std::string, int> counts_;
  std::string merged_order_;
};

}  // namespace

void run_demo(const DemoOptions& options, std::ostream& out) {
  Company company(options, out);
  out << "liboms demo: a tea trading company, " << options.days << " days of trading into " << options.db << "\n";
  company.build();
  company.report();
}

}  // namespace oms::cli
