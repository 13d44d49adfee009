// `oms`: the order book in a SQLite file from the command line (docs/cli.md).
//
// Exit codes: 0 done; 1 the engine refused (the message names the field and the value);
// 2 the command line is wrong; 3 an import found bad rows.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <map>

#include "commands.h"
#include "demo_company.h"
#include "oms/version.h"

namespace {

using namespace oms;       // NOLINT(google-build-using-namespace): a program, not a header
using namespace oms::cli;  // NOLINT(google-build-using-namespace)

// An option taking one of an enum's names (its to_string), listed in --help.
template <class E>
CLI::Option* enum_option(CLI::App* app, const std::string& name, E& into, int count, const std::string& help) {
  std::string names;
  for (int i = 0; i < count; ++i) names += (i ? "|" : "") + std::string(to_string(static_cast<E>(i)));
  return app
      ->add_option_function<std::string>(
          name,
          [&into, name, count, names](const std::string& text) {
            for (int i = 0; i < count; ++i) {
              if (to_string(static_cast<E>(i)) == text) {
                into = static_cast<E>(i);
                return;
              }
            }
            throw CLI::ValidationError(name, "'" + text + "' is not one of " + names);
          },
          help)
      ->type_name(names);
}

// A YYYY-MM-DD option into an optional Date; a bad date is a usage error naming the option.
void date_option(CLI::App* app, const std::string& name, std::optional<Date>& into, const std::string& help) {
  app->add_option_function<std::string>(
         name,
         [&into, name](const std::string& text) {
           auto d = parse_date(text, name);
           if (!d) throw CLI::ValidationError(name, "'" + text + "' is not a date (YYYY-MM-DD)");
           into = *d;
         },
         help)
      ->type_name("DATE");
}

Decimal decimal_arg(const std::string& text, const std::string& field) {
  auto d = Decimal::parse(text, field);
  if (!d) throw CommandError(d.status());
  return *d;
}

// The program, less the last resort of main().
int run_cli(int argc, char** argv) {
  CLI::App app{"oms - the liboms order book in a SQLite file: import, run the order lifecycle, report, export"};
  app.set_version_flag("--version", std::string(OMS_VERSION_STRING));
  app.require_subcommand(1);
  Where where;
  const char* env_db = std::getenv("OMS_DB");  // NOLINT(concurrency-mt-unsafe): no other thread runs yet
  where.db = env_db ? env_db : "oms.db";
  const char* user = std::getenv("USER");  // NOLINT(concurrency-mt-unsafe): no other thread runs yet
  where.actor = user ? user : "cli";
  app.add_option("--db", where.db, "the SQLite file of the order book (default: $OMS_DB, else oms.db)")
      ->capture_default_str();
  app.add_option("--actor", where.actor, "who is acting, recorded with every change (default: $USER)");

  std::function<void()> run;  // set by the chosen subcommand
  int exit_code = 0;

  // ---- init, import ----
  app.add_subcommand("init", "create an empty order book (or open an existing one)")->callback([&] {
    run = [&] { init_book(where, std::cout); };
  });

  auto* import = app.add_subcommand("import", "import products, customers, receipts or orders from a CSV file");
  ImportKind kind = ImportKind::kOrders;
  std::string import_path;
  ImportOptions import_options;
  bool good_rows = false;
  enum_option(import, "kind", kind, kImportKindCount, "what the file holds")->required();
  import->add_option("file", import_path, "CSV file, UTF-8 with a header row (columns: docs/IMPORT.md)")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--good-rows", good_rows, "import the good rows and report the bad ones (default: all or nothing)");
  import->add_option("--source", import_options.source, "orders: the source system when the file has no source column")
      ->capture_default_str();
  import->add_option("--currency", import_options.currency, "prices and limits: the currency when the file has none")
      ->capture_default_str();
  import->callback([&] {
    run = [&] {
      import_options.mode = good_rows ? ImportMode::kGoodRows : ImportMode::kAllOrNothing;
      import_options.progress = [](std::size_t done, std::size_t total) {
        std::cerr << "\rimported " << done << " of " << total << " records" << (done == total ? "\n" : "") << std::flush;
      };
      if (!import_file(where, kind, import_path, import_options, std::cout, std::cerr)) exit_code = 3;
    };
  });

  Warehouse new_warehouse;
  std::vector<std::string> locations;
  auto* warehouse_cmd = app.add_subcommand("warehouse", "add a warehouse (with its MAIN location and any others)");
  warehouse_cmd->add_option("code", new_warehouse.code, "warehouse code")->required();
  warehouse_cmd->add_option("name", new_warehouse.name, "warehouse name")->required();
  warehouse_cmd->add_option("--region", new_warehouse.region, "region (allocation prefers the customer's)");
  warehouse_cmd->add_option("--location", locations, "more bin locations, e.g. A-01");
  warehouse_cmd->callback([&] { run = [&] { add_warehouse(where, new_warehouse, locations, std::cout); }; });

  // ---- orders ----
  auto* orders = app.add_subcommand("orders", "list orders");
  std::string state, customer;
  std::size_t limit = 0;
  orders->add_option("--state", state, "only orders in this state (draft, submitted, confirmed, ...)");
  orders->add_option("--customer", customer, "only this customer's orders (customer code)");
  orders->add_option("--limit", limit, "at most this many (0: all)");
  orders->callback([&] { run = [&] { list_orders(where, state, customer, limit, std::cout); }; });

  std::string number, reason;
  auto* show = app.add_subcommand("show", "show an order: header, lines, totals, history");
  show->add_option("order", number, "order number")->required();
  show->callback([&] { run = [&] { show_order(where, number, std::cout); }; });

  auto* flow = app.add_subcommand("flow", "the document flow of an order (or another document)");
  DocumentKind flow_kind = DocumentKind::kOrder;
  flow->add_option("number", number, "document number")->required();
  enum_option(flow, "--kind", flow_kind, 7, "the kind of document (default: order)");
  flow->callback([&] { run = [&] { print_flow(where, flow_kind, number, std::cout); }; });

  // ---- lifecycle steps ----
  const std::vector<std::tuple<const char*, const char*, Step, bool>> steps = {
      {"submit", "submit a draft for review (prints the findings)", Step::kSubmit, false},
      {"approve", "approve a submitted order: reserves stock", Step::kApprove, false},
      {"hold", "put an order on hold", Step::kHold, true},
      {"resume", "resume a held order", Step::kResume, false},
      {"cancel", "cancel an order: releases its stock", Step::kCancel, true},
      {"short-close", "close the unshipped remainder of an order", Step::kShortClose, true},
      {"complete", "complete a delivered order", Step::kComplete, false},
  };
  for (const auto& [name, help, step, needs_reason] : steps) {
    auto* cmd = app.add_subcommand(name, help);
    cmd->add_option("order", number, "order number")->required();
    if (needs_reason) cmd->add_option("--reason", reason, "why (recorded in the history)")->required();
    cmd->callback([&, s = step] { run = [&, s] { order_step(where, s, number, reason, std::cout); }; });
  }
  app.add_subcommand("allocate", "reserve stock for backordered orders")->callback([&] {
    run = [&] { allocate(where, std::cout); };
  });
  app.add_subcommand("regrade", "re-grade every customer by the grading policy (VIP / regular / potential)")
      ->callback([&] { run = [&] { regrade(where, std::cout); }; });

  std::string warehouse;
  auto* ship_cmd = app.add_subcommand("ship", "ship what is reserved for an order in one warehouse");
  ship_cmd->add_option("order", number, "order number")->required();
  ship_cmd->add_option("--warehouse", warehouse, "warehouse code (default: the one holding the reservations)");
  ship_cmd->callback([&] { run = [&] { ship(where, number, warehouse, std::cout); }; });

  std::string shipment;
  auto* deliver_cmd = app.add_subcommand("deliver", "record a shipment as delivered (signed for)");
  deliver_cmd->add_option("shipment", shipment, "shipment number")->required();
  deliver_cmd->callback([&] { run = [&] { deliver(where, shipment, std::cout); }; });

  std::vector<std::string> invoice_orders;
  auto* invoice_cmd = app.add_subcommand("invoice", "invoice orders (what shipped, by the invoice policy) or a shipment");
  invoice_cmd->add_option("orders", invoice_orders, "order numbers (several: one merged invoice)");
  invoice_cmd->add_option("--shipment", shipment, "invoice this shipment's lines instead");
  invoice_cmd->callback([&] { run = [&] { invoice(where, invoice_orders, shipment, std::cout); }; });

  PaymentSpec payment;
  std::string amount_text;
  auto* pay_cmd = app.add_subcommand("pay", "record a payment; applied to the oldest open invoices");
  pay_cmd->add_option("customer", payment.customer_code, "customer code")->required();
  pay_cmd->add_option("amount", amount_text, "amount received, e.g. 1280.50")->required();
  pay_cmd->add_option("--currency", payment.currency, "currency")->capture_default_str();
  pay_cmd->add_option("--method", payment.method, "bank transfer, cash, ...");
  pay_cmd->add_option("--reference", payment.reference, "the bank's reference");
  pay_cmd->callback([&] {
    run = [&] {
      payment.amount = decimal_arg(amount_text, "amount");
      pay(where, payment, std::cout);
    };
  });

  ReturnSpec ret;
  int return_line = 0;
  std::string return_quantity;
  bool refund = false;
  auto* return_cmd = app.add_subcommand("return", "receive goods back from a shipment: restock and credit (or refund)");
  return_cmd->add_option("shipment", ret.shipment, "shipment number")->required();
  return_cmd->add_option("line", return_line, "shipment line number")->required();
  return_cmd->add_option("quantity", return_quantity, "quantity returned")->required();
  return_cmd->add_option("--reason", ret.reason, "why it came back");
  return_cmd->add_flag("--refund", refund, "refund the money (default: a credit note)");
  return_cmd->callback([&] {
    run = [&] {
      ret.lines.push_back({return_line, decimal_arg(return_quantity, "quantity"), ReturnDisposition::kRestock, "", {},
                           ret.reason});
      if (refund) ret.settlement = ReturnSettlement::kRefund;
      return_goods(where, ret, std::cout);
    };
  });

  // ---- reports ----
  ReportRequest request;
  Output output;
  auto* report_cmd = app.add_subcommand(
      "report",
      "a report on the terminal, or to --csv / --xlsx:\n"
      "  sales, outstanding, margin, shipped (ordered vs shipped vs returned) --by a dimension;\n"
      "  stock; statement --customer C (对账单); ageing (receivables);\n"
      "  inventory (value, turnover, days of cover, ABC; xlsx: also warehouses, lots, expiring lots);\n"
      "  expiring [--days N] (lots); daily [--as-of DAY] (per product); customers (value, RFM, suggested grade)");
  report_cmd->add_option("name", request.name, "the report")->required()->transform(CLI::IsMember(report_names()));
  enum_option(report_cmd, "--by", request.by, kReportDimensionCount, "group by (default: customer)");
  date_option(report_cmd, "--from", request.filter.from, "order date (statement: item date) from, inclusive");
  date_option(report_cmd, "--to", request.filter.to, "order date (statement: item date) to, inclusive");
  date_option(report_cmd, "--as-of", request.filter.as_of,
              "overdue and ageing as of this date; daily: the day (default: today)");
  report_cmd->add_option("--customer", request.filter.customer_code, "only this customer");
  report_cmd->add_option("--sku", request.filter.sku, "only this product");
  report_cmd->add_option("--category", request.filter.category, "only this category");
  report_cmd->add_option("--salesperson", request.filter.salesperson, "only this salesperson");
  report_cmd->add_option("--channel", request.filter.channel, "only this channel");
  report_cmd->add_option("--warehouse", request.warehouse, "stock, inventory: only this warehouse");
  report_cmd->add_option("--days", request.days, "expiring: lots expiring within this many days")
      ->capture_default_str()
      ->check(CLI::Range(0, 36500));
  report_cmd->add_option("--currency", request.currency, "statement, ageing: the currency")->capture_default_str();
  report_cmd->add_option("--csv", output.csv, "write CSV (UTF-8 with a byte-order mark, for Excel) to this file");
  report_cmd->add_option("--xlsx", output.xlsx, "write an Excel workbook to this file");
  report_cmd->callback([&] {
    run = [&] {
      request.customer = request.filter.customer_code;
      if (request.name == "statement") request.filter.customer_code.clear();
      report(where, request, output, std::cout);
    };
  });

  // ---- demo ----
  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "build a sample company in a fresh file and print the key reports");
  demo_cmd->add_option("--xlsx", demo.xlsx, "the workbook of reports to write")->capture_default_str();
  demo_cmd->add_option("--orders", demo.orders, "orders to take")->capture_default_str()->check(CLI::Range(1, 1000000));
  demo_cmd->add_option("--products", demo.products, "products")->capture_default_str()->check(CLI::Range(10, 100000));
  demo_cmd->add_option("--customers", demo.customers, "customers")->capture_default_str()->check(CLI::Range(10, 100000));
  demo_cmd->add_option("--days", demo.days, "days of trading")->capture_default_str()->check(CLI::Range(7, 3650));
  demo_cmd->add_option("--seed", demo.seed, "random seed: the same seed builds the same company")->capture_default_str();
  demo_cmd->add_flag("--replace", demo.replace, "replace the file if it exists (default: refuse)");
  demo_cmd->callback([&] {
    run = [&] {
      demo.db = where.db == "oms.db" ? "oms-demo.db" : where.db;
      run_demo(demo, std::cout);
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    run();
  } catch (const CommandError& e) {
    std::cerr << "oms: " << e.status().to_string() << "\n";
    return 1;
  } catch (const Error& e) {
    std::cerr << "oms: " << e.status().to_string() << "\n";
    return 1;
  }
  return exit_code;
}

}  // namespace

// Anything else that escapes (no memory, a file system failure outside the engine) is reported,
// not left to std::terminate's abort.
int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "oms: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "oms: internal error\n";
  }
  return 70;  // EX_SOFTWARE
}
