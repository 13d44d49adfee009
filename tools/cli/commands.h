// The commands of the `oms` tool, on the public C++ API. Each prints to `out` and throws
// CommandError when the engine refuses; main.cpp turns that into a message and an exit code.
#ifndef OMS_TOOLS_CLI_COMMANDS_H_
#define OMS_TOOLS_CLI_COMMANDS_H_

#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "oms/engine.h"
#include "oms/import.h"

namespace oms::cli {

class CommandError : public std::runtime_error {
 public:
  explicit CommandError(Status status) : std::runtime_error(status.to_string()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

// The value of a Result, or CommandError.
template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw CommandError(r.status());
  return std::move(r).value();
}
inline void must(const Status& s) {
  if (!s.ok()) throw CommandError(s);
}

// The order book in a SQLite file. `create`: make the file if it does not exist; otherwise a
// missing file is kNotFound (a typo must not start an empty book).
std::unique_ptr<Engine> open_book(const std::string& path, bool create);

struct Where {
  std::string db;
  std::string actor;
};

// Where a report goes: the terminal (both empty), a CSV file, an xlsx file.
struct Output {
  std::string csv;
  std::string xlsx;
};

void init_book(const Where& where, std::ostream& out);
void add_warehouse(const Where& where, const Warehouse& warehouse, const std::vector<std::string>& locations,
                   std::ostream& out);
// Returns false when there were issues (printed).
bool import_file(const Where& where, ImportKind kind, const std::string& path, const ImportOptions& options,
                 std::ostream& out, std::ostream& err);
void list_orders(const Where& where, const std::string& state, const std::string& customer, std::size_t limit,
                 std::ostream& out);
void show_order(const Where& where, const std::string& number, std::ostream& out);
void print_flow(const Where& where, DocumentKind kind, const std::string& number, std::ostream& out);

// Lifecycle steps.
enum class Step { kSubmit, kApprove, kHold, kResume, kCancel, kComplete, kShortClose };
void order_step(const Where& where, Step step, const std::string& number, const std::string& reason, std::ostream& out);
void allocate(const Where& where, std::ostream& out);
void regrade(const Where& where, std::ostream& out);
void ship(const Where& where, const std::string& order, const std::string& warehouse, std::ostream& out);
void deliver(const Where& where, const std::string& shipment, std::ostream& out);
void invoice(const Where& where, const std::vector<std::string>& orders, const std::string& shipment, std::ostream& out);
void pay(const Where& where, const PaymentSpec& payment, std::ostream& out);
void return_goods(const Where& where, const ReturnSpec& spec, std::ostream& out);

// Reports: sales / outstanding / margin / shipped (by a dimension), stock, statement, ageing,
// inventory, expiring (lots), daily (per product), customers (value, RFM, suggested grade).
struct ReportRequest {
  std::string name;
  ReportDimension by = ReportDimension::kCustomer;
  ReportFilter filter;
  std::string customer;  // statement
  std::string currency = "CNY";
  std::string warehouse;  // stock, inventory
  int days = 30;          // expiring: lots expiring within this many days
};
void report(const Where& where, const ReportRequest& request, const Output& output, std::ostream& out);
std::vector<std::string> report_names();
// Stock levels; with neither a SKU nor a warehouse, of every warehouse (sorted by SKU).
std::vector<StockLevel> all_stock_levels(const Engine& eng, const StockQuery& query);

}  // namespace oms::cli

#endif  // OMS_TOOLS_CLI_COMMANDS_H_
