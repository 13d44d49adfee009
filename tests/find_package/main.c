/* Links against the installed liboms_c (C99) and runs one order through review. */
#include <oms/c.h>
#include <stdio.h>

int main(void) {
  oms_engine *engine = NULL;
  char *out = NULL;
  if (oms_version_number() != OMS_VERSION_NUMBER) return 1;
  if (oms_engine_open(&engine, NULL, NULL) != OMS_OK) return 2;
  if (oms_customer_create(NULL, engine, "{\"code\": \"C1\", \"name\": \"Consumer\"}", "consumer") != OMS_OK) return 3;
  if (oms_order_create(&out, engine, "{\"customer_code\": \"C1\"}", "consumer") != OMS_OK) return 4;
  printf("liboms_c %s: %s\n", oms_version(), out);
  oms_free(out);
  oms_engine_close(engine);
  return 0;
}
