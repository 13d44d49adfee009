// `oms demo`: a sample tea trading company built in a fresh SQLite file through the real
// lifecycle operations — warehouses, products with lots, customers of every grade, a few
// thousand orders over a quarter in every state, merged and split shipments and invoices,
// payments (some late), returns — then the key reports on the terminal and in an xlsx workbook.
#ifndef OMS_TOOLS_CLI_DEMO_COMPANY_H_
#define OMS_TOOLS_CLI_DEMO_COMPANY_H_

#include <iosfwd>
#include <string>

namespace oms::cli {

struct DemoOptions {
  std::string db = "oms-demo.db";
  bool replace = false;  // an existing file is refused unless this is set: then it is replaced
  std::string xlsx = "oms-demo.xlsx";
  int products = 300;
  int customers = 150;
  int orders = 3000;
  int days = 90;  // the orders spread over the days up to today
  unsigned seed = 20261124;  // the same seed builds the same company
};

void run_demo(const DemoOptions& options, std::ostream& out);

}  // namespace oms::cli

#endif  // OMS_TOOLS_CLI_DEMO_COMPANY_H_
