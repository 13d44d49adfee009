/* A minimal test harness for the plain-C tests of the C ABI (no C++ anywhere). */
#ifndef OMS_TESTS_C_CHECK_H_
#define OMS_TESTS_C_CHECK_H_

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oms/c.h"

static int check_failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++check_failures;                                                     \
    }                                                                       \
  } while (0)

/* The call succeeded; otherwise print the library's last error. */
#define CHECK_OK(call)                                                                       \
  do {                                                                                       \
    int check_rc_ = (call);                                                                  \
    if (check_rc_ != OMS_OK) {                                                               \
      fprintf(stderr, "%s:%d: %s failed: %d %s: %s\n", __FILE__, __LINE__, #call, check_rc_, \
              oms_error_last()->name, oms_error_last()->message);                            \
      ++check_failures;                                                                      \
    }                                                                                        \
  } while (0)

/* The call failed with `status` and the last error's message contains `text`. */
#define CHECK_FAILS(call, status, text)                                                              \
  do {                                                                                             \
    int check_rc_ = (call);                                                                        \
    const oms_error *check_e_ = oms_error_last();                                                  \
    if (check_rc_ != (status) || check_e_->code != (status) || strstr(check_e_->message, (text)) == NULL) { \
      fprintf(stderr, "%s:%d: %s: expected %d containing \"%s\", got %d %s: %s\n", __FILE__, __LINE__, \
              #call, (int)(status), (text), check_rc_, check_e_->name, check_e_->message);             \
      ++check_failures;                                                                            \
    }                                                                                              \
  } while (0)

#define CHECK_STR(actual, expected)                                                                \
  do {                                                                                             \
    const char *check_a_ = (actual);                                                               \
    if (check_a_ == NULL || strcmp(check_a_, (expected)) != 0) {                                   \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual,        \
              check_a_ ? check_a_ : "(null)", (expected));                                         \
      ++check_failures;                                                                            \
    }                                                                                              \
  } while (0)

/* The value at `pointer` in `json`, copied into one of a few rotating static buffers (so a
 * handful can be used in one expression); "(missing)" when absent. Single-threaded use only. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static const char *field(const char *json, const char *pointer) {
  static char buffers[8][512];
  static int next = 0;
  char *buf = buffers[next++ % 8];
  char *value = NULL;
  if (json == NULL || oms_json_get(&value, json, pointer) != OMS_OK) {
    strcpy(buf, "(missing)");
    return buf;
  }
  strncpy(buf, value, sizeof buffers[0] - 1);
  buf[sizeof buffers[0] - 1] = '\0';
  oms_free(value);
  return buf;
}

static int check_report(const char *name) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

#endif /* OMS_TESTS_C_CHECK_H_ */
