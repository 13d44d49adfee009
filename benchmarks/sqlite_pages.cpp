// sqlite_pages: which tables and indexes each operation of the standard workload writes to a
// SQLite file, counted in pages (write-ahead-log frames).
//
// The time of a SQLite commit is the pages it writes: each page an operation dirties is one
// 4 KB frame appended to the WAL, and later copied into the database by a checkpoint. This
// program runs lifecycles of the standard workload (benchmarks/workload.h) on a scratch file
// while a second connection holds a read transaction open, so that no checkpoint can start the
// WAL again past the frames it has read (tests/wal_frames.h). After each operation it reads the frames the operation appended and names the b-tree
// (table or index) of each page with SQLite's dbstat table. It prints the pages per lifecycle
// of every b-tree and of every operation.
//
//   build/benchmarks/oms_sqlite_pages [lifecycles]     (default 50, after 20 warm-up ones)
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wal_frames.h"  // tests/
#include "workload.h"

int main(int argc, char** argv) {
  using namespace oms;
  const int lifecycles = argc > 1 ? std::stoi(argv[1]) : 50;
  bench::ScratchFile file("oms_sqlite_pages.db");
  auto eng = bench::make_engine(bench::must(open_sqlite_storage(file.path(), bench::bench_sqlite_options()), "storage"));
  bench::Lifecycle lifecycle(*eng);
  for (int n = 0; n < 20; ++n) lifecycle.run(bench::order(n));

  // The reader pins the WAL: once it holds a snapshot, no checkpoint starts the log again.
  SQLite::Database reader(file.path(), SQLite::OPEN_READONLY);
  std::optional<SQLite::Transaction> pin(std::in_place, reader);
  reader.execAndGet("SELECT COUNT(*) FROM ids");
  const int page_size = reader.execAndGet("PRAGMA page_size").getInt();
  testing::WalReader wal(file.path() + "-wal", page_size);
  wal.new_frames();  // what the warm-up left

  constexpr const char* kOperations[] = {"create", "submit", "approve", "create_shipment", "ship",
                                         "invoice", "pay", "deliver", "complete"};
  std::vector<std::vector<std::uint32_t>> frames_by_operation(std::size(kOperations));
  std::size_t operation = 0;
  lifecycle.after_operation = [&] {
    auto frames = wal.new_frames();
    auto& into = frames_by_operation[operation];
    into.insert(into.end(), frames.begin(), frames.end());
    operation = (operation + 1) % std::size(kOperations);
  };
  for (int n = 0; n < lifecycles; ++n) lifecycle.run(bench::order(1000 + n));
  pin.reset();  // rolls back

  // Page number -> b-tree, as the file stands now (pages allocated during the run included).
  const std::map<std::uint32_t, std::string> owner = testing::page_owners(file.path());
  auto name_of = [&](std::uint32_t page) {
    const auto it = owner.find(page);
    return it == owner.end() ? std::string(page == 1 ? "(header)" : "(free)") : it->second;
  };

  std::map<std::string, std::vector<double>> per_tree;  // b-tree -> pages per lifecycle, by operation
  std::vector<double> per_operation(std::size(kOperations));
  for (std::size_t op = 0; op < std::size(kOperations); ++op) {
    for (auto page : frames_by_operation[op]) {
      auto& row = per_tree[name_of(page)];
      row.resize(std::size(kOperations));
      row[op] += 1.0 / lifecycles;
      per_operation[op] += 1.0 / lifecycles;
    }
  }
  std::printf("WAL frames (pages of %d bytes) per lifecycle, over %d lifecycles\n\n", page_size, lifecycles);
  std::printf("%-28s", "b-tree");
  for (const char* op : kOperations) std::printf(" %8.8s", op);
  std::printf(" %8s\n", "total");
  double all = 0;
  for (const auto& [tree, row] : per_tree) {
    double sum = 0;
    std::printf("%-28s", tree.c_str());
    for (double v : row) {
      std::printf(" %8.2f", v);
      sum += v;
    }
    std::printf(" %8.2f\n", sum);
    all += sum;
  }
  std::printf("%-28s", "total");
  for (double v : per_operation) std::printf(" %8.2f", v);
  std::printf(" %8.2f\n", all);
  return 0;
}
