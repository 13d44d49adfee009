// Links against the installed liboms and runs one order through review.
#include <oms/oms.h>

#include <cstdio>

int main() {
  auto engine = oms::Engine::open_in_memory();
  if (!engine.ok()) return 1;
  oms::Customer c;
  c.code = "C1";
  c.name = "Consumer";
  if (!(*engine)->create_customer(c, "consumer").ok()) return 2;
  oms::NewOrder o;
  o.customer_code = "C1";
  auto created = (*engine)->create_order(o, "consumer");
  if (!created.ok()) return 3;
  auto submitted = (*engine)->submit(created->order.number, "consumer");
  if (!submitted.ok() || !submitted->review.blocked()) return 4;  // no lines: blocked
  std::printf("liboms %s: %s reviewed\n", OMS_VERSION_STRING, created->order.number.c_str());
  return 0;
}
