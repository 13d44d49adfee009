// lifecycle_instructions: the standard workload's in-memory lifecycles, for counting the
// instructions one of them executes under callgrind.
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
#include <cstdio>
#include <string>

#include "workload.h"

// Not inlined, and with C linkage, so that callgrind finds it by this name.
extern "C" __attribute__((noinline)) void measured_lifecycles(oms::bench::Lifecycle& lifecycle, int first, int n) {
  for (int i = first; i < first + n; ++i) lifecycle.run(oms::bench::order(i));
}

int main(int argc, char** argv) {
  using namespace oms;
  const int n = argc > 1 ? std::stoi(argv[1]) : 1000;
  constexpr int kWarmUp = 200;
  auto eng = bench::make_engine(make_memory_storage());
  bench::Lifecycle lifecycle(*eng);
  for (int i = 0; i < kWarmUp; ++i) lifecycle.run(bench::order(i));
  measured_lifecycles(lifecycle, kWarmUp, n);
  std::printf("%d lifecycles measured after %d warm-up ones\n", n, kWarmUp);
}
