// lifecycle_instructions: the standard workload's lifecycles, for counting the instructions one
// of them executes under callgrind.
//
// Wall-clock times on this kind of machine move by 20 % from one hour to the next, which hides
// the effect of a change worth a few per cent. The number of instructions a lifecycle executes
// does not move: it is the figure to compare before and after such a change (docs/PERFORMANCE.md).
// The program builds the standard catalog, runs 200 warm-up lifecycles, then `n` measured ones
// inside measured_lifecycles(), the only function callgrind is told to count:
//
//   valgrind --tool=callgrind --toggle-collect=measured_lifecycles build/benchmarks/oms_lifecycle_instructions 1000
//
// and the instructions per lifecycle are the "I refs" callgrind prints, divided by `n`.
// callgrind_annotate on its output file then says where they go.
//
// A second argument picks the storage: `memory` (the default); `sqlite`, a scratch file with
// one transaction per operation; `sqlite-batched`, the same file with the measured lifecycles in
// one Engine::batch. On SQLite the count is the work in this process (the engine, the adapter
// and SQLite itself), not the time the kernel spends writing the file.
#include <cstdio>
#include <cstring>
#include <string>

#include "workload.h"

// Not inlined, and with C linkage, so that callgrind finds it by this name.
extern "C" __attribute__((noinline)) void measured_lifecycles(oms::Engine& eng, oms::bench::Lifecycle& lifecycle, int first, int n,
                                                                 bool batched) {
  const auto run = [&] {
    for (int i = first; i < first + n; ++i) lifecycle.run(oms::bench::order(i));
  };
  if (!batched) return run();
  oms::bench::must(eng.batch([&](oms::Engine&) {
    run();
    return oms::Status::Ok();
  }),
                   "batch");
}

int main(int argc, char** argv) {
  using namespace oms;
  const int n = argc > 1 ? std::stoi(argv[1]) : 1000;
  const std::string storage = argc > 2 ? argv[2] : "memory";
  if (storage != "memory" && storage != "sqlite" && storage != "sqlite-batched") {
    std::fprintf(stderr, "usage: %s [lifecycles] [memory|sqlite|sqlite-batched]\n", argv[0]);
    return 2;
  }
  constexpr int kWarmUp = 200;
  bench::ScratchFile file("oms-lifecycle-instructions.db");
  auto eng = bench::make_engine(storage == "memory"
                                    ? make_memory_storage()
                                    : bench::must(open_sqlite_storage(file.path(), bench::bench_sqlite_options()), "open"));
  bench::Lifecycle lifecycle(*eng);
  for (int i = 0; i < kWarmUp; ++i) lifecycle.run(bench::order(i));
  measured_lifecycles(*eng, lifecycle, kWarmUp, n, storage == "sqlite-batched");
  std::printf("%d lifecycles (%s) measured after %d warm-up ones\n", n, storage.c_str(), kWarmUp);
}
