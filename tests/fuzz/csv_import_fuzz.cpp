// The CSV importer on any bytes, into a small company. The first byte chooses what the file
// holds (products, customers, receipts, orders) and the mode; the import runs inside a batch
// that is then rolled back, so every input meets the same company. A refusal is clean; every
// issue reported names its row and column in UTF-8.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "check.h"
#include "oms/import.h"

namespace {

using namespace oms;

Engine& company() {
  static const std::unique_ptr<Engine> engine = [] {
    auto e = Engine::open_in_memory().value();
    Product tea;
    tea.sku = "TEA";
    tea.name = "Oolong";
    tea.list_price = Money::parse("12.50", "CNY").value();
    (void)e->create_product(tea, "fuzz").value();
    (void)e->create_warehouse({{}, "W1", "Shanghai", "east"}, "fuzz").value();
    Customer c;
    c.code = "C1";
    c.name = "Acme";
    (void)e->create_customer(c, "fuzz").value();
    return e;
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto kind = static_cast<ImportKind>(data[0] % kImportKindCount);
  ImportOptions options;
  options.mode = (data[0] / kImportKindCount) % 2 ? ImportMode::kGoodRows : ImportMode::kAllOrNothing;
  const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);
  // At most one row per line ("\r\n", "\n" and "\r" each end one).
  const auto lines = static_cast<std::int64_t>(std::count(csv.begin(), csv.end(), '\n') + std::count(csv.begin(), csv.end(), '\r')) + 1;
  Engine& engine = company();
  const Status rolled_back = engine.batch([&](Engine& e) {
    const auto result = import_csv(e, kind, csv, options, "fuzz");
    fuzz::require_clean(result.status());
    if (result.ok()) {
      fuzz::require(result->created + result->existing + result->rejected <= result->records, "records add up");
      for (const ImportIssue& issue : result->issues) {
        fuzz::require(valid_utf8(issue.column) && valid_utf8(issue.value) && valid_utf8(issue.reason), "issues are UTF-8");
        fuzz::require(issue.row >= 0 && issue.row <= lines, "an issue names a row of the file");
      }
    }
    return Status::FailedPrecondition("rolled back by the fuzz target");
  });
  fuzz::require(rolled_back.code() != StatusCode::kOk, "the batch never commits");
  return 0;
}
