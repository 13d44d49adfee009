/* What integrations send through the C ABI: decimals in exponent form, JSON nested without end,
 * bytes that are not UTF-8, keys with control characters, options that must be refused before a
 * file is made, quantities finer than their unit. Each is answered with a status and a message
 * that is UTF-8; none crashes. Compiled as C99; run under ASan + UBSan in CI. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

static const char *kActor = "c-test";

/* 1 if `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing beyond U+10FFFF). */
static int is_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned long cp;
    int len;
    if (*p < 0x80) {
      ++p;
      continue;
    } else if ((*p & 0xE0) == 0xC0) {
      cp = *p & 0x1F;
      len = 2;
    } else if ((*p & 0xF0) == 0xE0) {
      cp = *p & 0x0F;
      len = 3;
    } else if ((*p & 0xF8) == 0xF0) {
      cp = *p & 0x07;
      len = 4;
    } else {
      return 0;
    }
    for (int k = 1; k < len; ++k) {
      if ((p[k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0;
    }
    p += len;
  }
  return 1;
}

/* `depth` opening brackets, then as many closing ones, after `prefix` and before `suffix`. */
static char *nested(const char *prefix, size_t depth, const char *suffix) {
  const size_t p = strlen(prefix), s = strlen(suffix);
  char *text = malloc(p + 2 * depth + s + 1);
  if (!text) abort();
  memcpy(text, prefix, p);
  memset(text + p, '[', depth);
  memset(text + p + depth, ']', depth);
  memcpy(text + p + 2 * depth, suffix, s + 1);
  return text;
}

static oms_engine *open_company(void) {
  oms_engine *eng = NULL;
  CHECK_OK(oms_engine_open(&eng, ":memory:", NULL));
  CHECK_OK(oms_product_create(NULL, eng,
                              "{\"sku\": \"TEA\", \"name\": \"Oolong\", \"list_price\": {\"amount\": \"12.50\", \"currency\": \"CNY\"}}",
                              kActor));
  CHECK_OK(oms_warehouse_create(NULL, eng, "{\"code\": \"W1\", \"name\": \"Shanghai\"}", kActor));
  CHECK_OK(oms_stock_receive(NULL, eng, "{\"warehouse\": \"W1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"10\"}]}", kActor));
  CHECK_OK(oms_customer_create(NULL, eng, "{\"code\": \"C1\", \"name\": \"Acme\"}", kActor));
  return eng;
}

static void test_decimals_in_exponent_form_are_read_exactly(void) {
  char *out = NULL;
  CHECK_OK(oms_decimal_add(&out, "1E+1", "5E-7"));
  CHECK_STR(out, "10.0000005");
  oms_free(out);
  CHECK_FAILS(oms_decimal_add(&out, "1E+39", "0"), OMS_E_OVERFLOW, "a '1E+39' is beyond the decimal range");
  CHECK_FAILS(oms_decimal_add(&out, "1E-19", "0"), OMS_E_INVALID_ARGUMENT, "more than 18 decimal places");
  CHECK_FAILS(oms_decimal_add(&out, "NaN", "0"), OMS_E_INVALID_ARGUMENT, "not a finite decimal number");
}

static void test_json_nested_beyond_the_limit_is_refused_not_a_crash(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  /* 200,001 levels (400 KB): a stack overflow before the limit existed. */
  char *deep = nested("{\"sku\": \"X\", \"name\": ", 200001, "}");
  CHECK_FAILS(oms_product_create(&out, eng, deep, kActor), OMS_E_INVALID_ARGUMENT, "deeper than 64 levels");
  CHECK(strlen(oms_error_last()->message) < 400);
  CHECK(out == NULL);
  free(deep);
  char *bare = nested("", 100000, "");
  CHECK_FAILS(oms_order_create(&out, eng, bare, kActor), OMS_E_INVALID_ARGUMENT, "order '[[[[");
  CHECK_FAILS(oms_json_get(&out, bare, "/0"), OMS_E_INVALID_ARGUMENT, "deeper than 64 levels");
  CHECK_FAILS(oms_json_count(NULL, bare, ""), OMS_E_INVALID_ARGUMENT, "deeper than 64 levels");
  free(bare);
  /* 64 levels are read. */
  char *limit = nested("", 64, "");
  size_t n = 9;
  CHECK_OK(oms_json_count(&n, limit, "/0/0"));
  CHECK(n == 1);
  free(limit);
  oms_engine_close(eng);
}

static void test_every_message_is_utf8_whatever_bytes_came_in(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  CHECK_FAILS(oms_customer_get(&out, eng, "\xC1\xFA\xBE\xAE"), OMS_E_NOT_FOUND, "'\\xC1\\xFA\\xBE\\xAE' not found");
  CHECK(is_utf8(oms_error_last()->message));
  CHECK_FAILS(oms_json_get(&out, "{\"a\": 1}", "/\xFF"), OMS_E_NOT_FOUND, "pointer '/\\xFF'");
  CHECK(is_utf8(oms_error_last()->message));
  CHECK_FAILS(oms_json_get(&out, "{\"a\": \"\xFF\"", "/a"), OMS_E_INVALID_ARGUMENT, "json");
  CHECK(is_utf8(oms_error_last()->message));
  CHECK_FAILS(oms_customer_create(&out, eng, "{\"code\": \"\xC1\", \"name\": 7}", kActor), OMS_E_INVALID_ARGUMENT, "name");
  CHECK(is_utf8(oms_error_last()->message));
  CHECK_FAILS(oms_order_get(&out, eng, "\xE4\xB8"), OMS_E_NOT_FOUND, "\\xE4\\xB8");  /* a character cut short */
  CHECK(is_utf8(oms_error_last()->message));
  oms_engine_close(eng);
}

static void test_a_key_with_a_control_character_or_only_spaces_is_refused(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  CHECK_FAILS(oms_customer_create(&out, eng, "{\"code\": \"A\\u0000B\", \"name\": \"Nul\"}", kActor), OMS_E_INVALID_ARGUMENT,
              "code 'A\\x00B' contains a control character");
  CHECK_FAILS(oms_product_create(&out, eng, "{\"sku\": \"   \", \"name\": \"Blank\"}", kActor), OMS_E_INVALID_ARGUMENT,
              "sku '   ' is blank");
  CHECK_FAILS(oms_warehouse_create(&out, eng, "{\"code\": \"W2 \", \"name\": \"Trailing\"}", kActor), OMS_E_INVALID_ARGUMENT,
              "begins or ends with a space");
  CHECK_FAILS(oms_customer_get(&out, eng, "A"), OMS_E_NOT_FOUND, "'A'");  /* nothing was made */
  oms_engine_close(eng);
}

static void test_refused_options_leave_no_file_behind(const char *dir) {
  char path[512];
  oms_engine *eng = NULL;
  snprintf(path, sizeof path, "%s/refused-options.db", dir);
  unlink(path);
  CHECK_FAILS(oms_engine_open(&eng, path, "{\"conflict_retries\": -1}"), OMS_E_INVALID_ARGUMENT, "conflict_retries '-1'");
  CHECK(eng == NULL);
  CHECK(access(path, F_OK) != 0);
  CHECK_FAILS(oms_engine_open(&eng, path, "{\"order_numbers\": {\"sequence_width\": 19}}"), OMS_E_INVALID_ARGUMENT,
              "order_numbers.sequence_width '19'");
  CHECK(access(path, F_OK) != 0);
  CHECK_FAILS(oms_engine_open(&eng, path, "[]"), OMS_E_INVALID_ARGUMENT, "options '[]' must be a JSON object");
  CHECK(access(path, F_OK) != 0);
}

static void test_arguments_are_named_as_the_caller_knows_them(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  CHECK_FAILS(oms_price_quote(&out, eng, NULL, "TEA", "1.2.3", "CNY", NULL), OMS_E_INVALID_ARGUMENT, "quantity '1.2.3'");
  CHECK_FAILS(oms_order_create(&out, eng, "\"SO-1\"", kActor), OMS_E_INVALID_ARGUMENT, "order 'SO-1' must be a JSON object");
  CHECK(strcmp(oms_error_last()->field, "order") == 0);
  oms_engine_close(eng);
}

static void test_a_fraction_of_a_whole_piece_cannot_be_shipped(void) {
  oms_engine *eng = open_company();
  char *out = NULL;
  char *number = NULL;
  char spec[256];
  CHECK_OK(oms_order_create(&out, eng, "{\"customer_code\": \"C1\", \"lines\": [{\"sku\": \"TEA\", \"quantity\": \"2\"}]}", kActor));
  CHECK_OK(oms_json_get(&number, out, "/order/number"));
  oms_free(out);
  CHECK_OK(oms_order_submit(NULL, eng, number, kActor));
  CHECK_OK(oms_order_approve(NULL, eng, number, kActor));
  snprintf(spec, sizeof spec, "{\"lines\": [{\"order_number\": \"%s\", \"line_no\": 1, \"quantity\": \"1.5\"}]}", number);
  CHECK_FAILS(oms_shipment_create(&out, eng, spec, kActor), OMS_E_INVALID_ARGUMENT,
              "quantity '1.5' is finer than unit 'pcs' allows");
  CHECK_OK(oms_stock_available(&out, eng, "TEA"));
  CHECK_STR(out, "8");
  oms_free(out);
  oms_free(number);
  oms_engine_close(eng);
}

int main(int argc, char **argv) {
  test_decimals_in_exponent_form_are_read_exactly();
  test_json_nested_beyond_the_limit_is_refused_not_a_crash();
  test_every_message_is_utf8_whatever_bytes_came_in();
  test_a_key_with_a_control_character_or_only_spaces_is_refused();
  test_refused_options_leave_no_file_behind(argc > 1 ? argv[1] : ".");
  test_arguments_are_named_as_the_caller_knows_them();
  test_a_fraction_of_a_whole_piece_cannot_be_shipped();
  return check_report("entry_points_test");
}
