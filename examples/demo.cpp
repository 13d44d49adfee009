// The liboms demo: a small tea trading company runs a morning of orders through the engine.
//
// It runs on the embedded SQLite adapter: one database file (the first argument, default
// "oms-demo.db"), made fresh on every run.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "oms/engine.h"
#include "oms/sqlite_storage.h"

using namespace oms;
using namespace oms::literals;

namespace {

template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::cerr << what << ": " << r.status().to_string() << "\n";
    std::exit(1);
  }
  return std::move(r).value();
}

void must(const Status& s, const char* what) {
  if (!s.ok()) {
    std::cerr << what << ": " << s.to_string() << "\n";
    std::exit(1);
  }
}

Money cny(const char* amount) { return Money(Decimal::from_string(amount), Currency::of("CNY").value()); }

Product product(const char* sku, const char* name, const char* unit, const char* price, const char* cost,
                const char* threshold, const char* barcode) {
  Product p;
  p.sku = sku;
  p.name = name;
  p.unit = unit;
  p.category = "Tea";
  p.list_price = cny(price);
  p.standard_cost = cny(cost);
  p.tax_class = "VAT13";
  p.low_stock_threshold = Decimal::from_string(threshold);
  if (*barcode) p.barcodes.push_back(barcode);
  return p;
}

Customer customer(const char* code, const char* name, const char* nickname, const char* region, CustomerGrade grade) {
  Customer c;
  c.code = code;
  c.name = name;
  c.nickname = nickname;
  c.region = region;
  c.grade = grade;
  c.addresses.push_back({"HQ", "1 Main Rd", "", region, region, "", "CN"});
  return c;
}

NewOrderLine line(const char* sku, const char* qty) { return {sku, Decimal::from_string(qty), {}, {}, false, {}}; }

void print_orders(Engine& eng) {
  std::printf("\n%-19s %-8s %-18s %10s %10s %10s %8s %9s\n", "order", "customer", "state", "net", "tax", "total",
              "margin%", "backorder");
  for (const auto& o : must(eng.list_orders({}), "list orders")) {
    std::printf("%-19s %-8s %-18s %10s %10s %10s %8s %9s\n", o.number.c_str(), o.customer_code.c_str(),
                std::string(to_string(o.state)).c_str(), o.totals.net.amount().to_string().c_str(),
                o.totals.tax.amount().to_string().c_str(), o.totals.total.amount().to_string().c_str(),
                o.totals.margin_percent.to_string().c_str(), o.backordered().normalized().to_string().c_str());
  }
}

void print_stock(Engine& eng) {
  std::printf("\n%-8s %-4s %9s %9s %10s\n", "sku", "wh", "on hand", "reserved", "available");
  for (const auto& p : must(eng.products(), "products")) {
    for (const auto& w : must(eng.stock(p.sku), "stock").warehouses) {
      std::printf("%-8s %-4s %9s %9s %10s\n", p.sku.c_str(), w.warehouse_code.c_str(), w.on_hand.to_string().c_str(),
                  w.reserved.to_string().c_str(), w.available.to_string().c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "oms-demo.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::printf("liboms demo on the SQLite file %s\n", path.c_str());
  EngineOptions options;
  options.grading.vip_min_orders = 3;
  auto eng = must(Engine::open(must(open_sqlite_storage(path), "open database"), options), "open");
  int alerts = 0;
  eng->subscribe([&](const Event& e) {
    if (e.type.rfind("alert.", 0) == 0) {
      ++alerts;
      std::printf("  ! %s %s\n", e.type.c_str(), e.data.c_str());
    }
  });

  // Catalog, warehouses, customers.
  must(eng->define_tax_class({"VAT13", "VAT 13%", "0.13"_d}, "setup"), "tax");
  must(eng->create_warehouse({{}, "SH", "Shanghai DC", "east"}, "setup"), "warehouse");
  must(eng->create_warehouse({{}, "GZ", "Guangzhou DC", "south"}, "setup"), "warehouse");
  must(eng->create_product(product("LJ-250", "龙井 Longjing 250g", "pcs", "88.00", "52.00", "10", "6901234567892"), "setup"), "product");
  must(eng->create_product(product("PE-357", "普洱 Pu'er cake 357g", "pcs", "128.00", "70.00", "5", ""), "setup"), "product");
  Product loose = product("TGY-KG", "铁观音 Tieguanyin loose", "kg", "320.00", "190.00", "2", "");
  loose.tracking = Tracking::kLot;
  must(eng->create_product(loose, "setup"), "product");
  must(eng->create_customer(customer("C001", "上海茶行", "老李", "east", CustomerGrade::kVip), "crm"), "customer");
  must(eng->create_customer(customer("C002", "Canton Tea House", "canton", "south", CustomerGrade::kRegular), "crm"), "customer");
  Customer small = customer("C003", "Corner Shop", "corner", "east", CustomerGrade::kPotential);
  small.credit_limit = cny("500.00");
  must(eng->create_customer(small, "crm"), "customer");

  PriceList vip;
  vip.code = "VIP-2026";
  vip.name = "VIP prices";
  vip.currency = Currency::of("CNY").value();
  vip.scope = PriceScope::kGrade;
  vip.grade = CustomerGrade::kVip;
  must(eng->create_price_list(vip, "pricing"), "price list");
  must(eng->set_prices("VIP-2026", "LJ-250", {{0, "80.00"_d}, {20, "76.00"_d}}, "pricing"), "prices");
  Promotion gift;
  gift.code = "PE-5+1";
  gift.kind = PromotionKind::kBuyGetFree;
  gift.sku = "PE-357";
  gift.buy_quantity = 5;
  gift.free_quantity = 1;
  must(eng->create_promotion(gift, "marketing"), "promotion");

  // Receipts (入库单), one with a lot.
  ReceiptSpec r;
  r.warehouse = "SH";
  r.supplier = "West Lake Co-op";
  r.lines = {{"LJ-250", "", 40, "52.00"_d, "", std::nullopt, {}}, {"PE-357", "", 12, "70.00"_d, "", std::nullopt, {}}};
  const Receipt rec = must(eng->receive(r, "warehouse"), "receipt");
  r.warehouse = "GZ";
  r.supplier = "Anxi Farm";
  r.lines = {{"TGY-KG", "", "8.500"_d, "185.00"_d, "AX-2611", Date{std::chrono::year(2027), std::chrono::month(11), std::chrono::day(1)}, {}}};
  must(eng->receive(r, "warehouse"), "receipt");
  std::printf("received %s and a lot of Tieguanyin; scan 6901234567892 -> %s\n", rec.number.c_str(),
              must(eng->scan("6901234567892"), "scan").sku.c_str());

  // A batch from the web shop, imported twice: the second run creates nothing.
  std::vector<NewOrder> batch(2);
  batch[0].customer_code = "C001";
  batch[0].external = {"webshop", "W-1001"};
  batch[0].lines = {line("LJ-250", "24"), line("PE-357", "5")};
  batch[1].customer_code = "C002";
  batch[1].external = {"webshop", "W-1002"};
  batch[1].priority = Priority::kUrgent;
  batch[1].lines = {line("TGY-KG", "2.250"), line("PE-357", "6")};
  must(eng->create_orders(batch, "webshop-sync"), "import");
  int again = 0;
  for (const auto& in : must(eng->create_orders(batch, "webshop-sync"), "re-import")) again += in.created;
  std::printf("imported 2 web orders; re-import created %d more\n", again);

  // Review, approval and allocation.
  for (const auto& o : must(eng->list_orders({}), "list")) {
    const SubmitResult s = must(eng->submit(o.number, "sales"), "submit");
    for (const auto& f : s.review.findings) std::printf("  review %s: %s\n", o.number.c_str(), f.message.c_str());
    const Confirmation c = must(eng->approve(o.number, "manager"), "approve");
    std::printf("confirmed %s for %s: total %s\n", o.number.c_str(), c.customer_name.c_str(),
                c.order.totals.total.to_string().c_str());
  }

  // A hand-entered order over the customer's credit limit goes on credit hold.
  NewOrder phone;
  phone.customer_code = "C003";
  phone.lines = {line("LJ-250", "8")};
  const std::string held = must(eng->create_order(phone, "sales"), "create").order.number;
  const SubmitResult s = must(eng->submit(held, "sales"), "submit");
  std::printf("%s is %s (%s)\n", held.c_str(), std::string(to_string(s.order.state)).c_str(), s.order.hold_reason.c_str());
  must(eng->resume(held, "credit-manager"), "resume");
  must(eng->approve(held, "manager"), "approve");

  // The customer changes the order; then stock arrives for the backorders.
  Amendment a;
  a.changes.push_back({1, Decimal(4), {}, {}, false});
  a.reason = "customer reduced quantity";
  const Order amended = must(eng->amend(held, a, "sales"), "amend");
  std::printf("%s amended to revision %d, total %s\n", held.c_str(), amended.revision,
              amended.totals.total.to_string().c_str());
  r.warehouse = "SH";
  r.lines = {{"PE-357", "", 10, "72.00"_d, "", std::nullopt, {}}};
  must(eng->receive(r, "warehouse"), "receipt");
  const AllocationRun run = must(eng->allocate_backorders("planner"), "allocate");
  std::printf("backorder run reserved %zu lines\n", run.reserved.size());

  // Fulfilment (出库): the VIP order goes out in two shipments (拆分出库); the Canton order
  // leaves from both warehouses, each shipment carrying what is reserved there.
  const auto web = must(eng->list_orders({}), "list");
  const std::string vip_order = web.at(0).number, canton_order = web.at(1).number;
  ShipmentSpec first;
  first.lines.push_back({vip_order, 1, "12"_d, {}, {}});
  first.carrier = "SF Express";
  first.tracking_number = "SF1234567890";
  const Shipment sh1 = must(eng->ship_shipment(must(eng->create_shipment(first, "warehouse"), "shipment").number, "warehouse"), "ship");
  ShipmentSpec rest;
  rest.orders = {vip_order};
  const Shipment sh2 = must(eng->ship_shipment(must(eng->create_shipment(rest, "warehouse"), "shipment").number, "warehouse"), "ship");
  std::vector<std::string> canton_shipments;
  for (const char* wh : {"GZ", "SH"}) {
    ShipmentSpec part;
    part.warehouse = wh;
    part.orders = {canton_order};
    part.reserved_only = true;
    auto created = eng->create_shipment(part, "warehouse");
    if (created.ok()) canton_shipments.push_back(must(eng->ship_shipment(created->number, "warehouse"), "ship").number);
  }
  must(eng->record_tracking(sh1.number, {std::nullopt, TrackingStatus::kInTransit, "ARRIVED", "Hangzhou hub", ""}, "sf-feed"), "tracking");
  must(eng->record_tracking(sh1.number, {std::nullopt, TrackingStatus::kDelivered, "SIGNED", "Shanghai", "signed: 老李"}, "sf-feed"), "tracking");
  must(eng->record_tracking(sh2.number, {std::nullopt, TrackingStatus::kDamaged, "DMG", "Shanghai", "one carton crushed"}, "sf-feed"), "tracking");
  std::printf("\nshipped %s (cost of goods %s) and %s for %s; %s for %s; %zu open exception(s)\n", sh1.number.c_str(),
              sh1.lines[0].cost.to_string().c_str(), sh2.number.c_str(), vip_order.c_str(),
              std::to_string(canton_shipments.size()).c_str(), canton_order.c_str(),
              must(eng->open_exceptions(), "exceptions").size());

  // Settlement: invoices (the VIP order in one invoice, Canton per shipment), payments, a return.
  InvoiceSpec vip_invoice;
  vip_invoice.orders = {vip_order};
  const Invoice inv = must(eng->create_invoice(vip_invoice, "billing"), "invoice");
  for (const auto& shipment : canton_shipments) {
    InvoiceSpec per;
    per.shipment = shipment;
    must(eng->create_invoice(per, "billing"), "invoice");
  }
  PaymentSpec pay;
  pay.customer_code = "C001";
  pay.amount = "1500.00"_d;
  pay.method = "bank transfer";
  pay.reference = "ICBC 8812";
  const Payment received = must(eng->record_payment(pay, "cashier"), "payment");
  ReturnSpec back;
  back.shipment = sh2.number;
  back.lines.push_back({1, "2"_d, ReturnDisposition::kScrap, "", {}, "crushed in transit"});
  const CustomerReturn ret = must(eng->receive_return(back, "warehouse"), "return");
  std::printf("invoiced %s: %s; payment %s applied %s; return %s credited %s (%s)\n", inv.number.c_str(),
              inv.total.to_string().c_str(), received.number.c_str(), received.applied().to_string().c_str(),
              ret.number.c_str(), ret.credited.to_string().c_str(), ret.credit_note_number.c_str());

  const Date today = date_of(eng->options().clock->now());
  const Statement st = must(eng->statement("C001", "CNY", add_days(today, -30), today), "statement");
  std::printf("\n对账单 %s %s, opening %s\n", st.customer_code.c_str(), st.customer_name.c_str(), st.opening.to_string().c_str());
  for (const auto& i : st.items) {
    std::printf("  %s %-12s %-20s %12s %12s %12s\n", to_string(i.date).c_str(), std::string(to_string(i.kind)).c_str(),
                i.number.c_str(), i.debit.amount().to_string().c_str(), i.credit.amount().to_string().c_str(),
                i.balance.amount().to_string().c_str());
  }
  std::printf("  closing %s\n", st.closing.to_string().c_str());
  const AgeingReport ageing = must(eng->receivables_ageing("CNY", add_days(today, 45)), "ageing");
  std::printf("\nreceivables ageing as of %s (current / 1-30 / 31-60 / 61-90 / >90 / credit / total)\n",
              to_string(ageing.as_of).c_str());
  for (const auto& row : ageing.rows) {
    std::printf("  %-5s %10s %10s %10s %10s %10s %10s %10s\n", row.customer_code.c_str(), row.current.amount().to_string().c_str(),
                row.days_1_30.amount().to_string().c_str(), row.days_31_60.amount().to_string().c_str(),
                row.days_61_90.amount().to_string().c_str(), row.over_90.amount().to_string().c_str(),
                row.unapplied_credit.amount().to_string().c_str(), row.total.amount().to_string().c_str());
  }
  const DocumentFlow flow = must(eng->document_flow({DocumentKind::kOrder, vip_order}), "flow");
  std::printf("\ndocument flow of %s (%s):\n", vip_order.c_str(), flow.split() ? "split" : "single");
  for (const auto& l : flow.downstream) {
    std::printf("  %s %s -%s-> %s %s %s\n", std::string(to_string(l.from.kind)).c_str(), l.from.number.c_str(),
                l.relation.c_str(), std::string(to_string(l.to.kind)).c_str(), l.to.number.c_str(),
                l.amount ? l.amount->to_string().c_str() : l.quantity.to_string().c_str());
  }

  print_orders(*eng);
  print_stock(*eng);
  const auto events = must(eng->events(), "events");
  std::printf("\n%zu events in the journal, %d alerts; last: %s\n", events.size(), alerts, events.back().type.c_str());

  // Everything is in the file: a second engine on it sees the same book.
  eng.reset();
  auto reopened = must(Engine::open(must(open_sqlite_storage(path), "reopen database"), options), "reopen");
  std::printf("reopened %s: %zu orders, %zu events\n", path.c_str(), must(reopened->list_orders({}), "list").size(),
              must(reopened->events(), "events").size());
  return 0;
}
