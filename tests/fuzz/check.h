// Internal to the fuzz targets: what every answer to outside input must be, whatever the input.
// A violation aborts, which libFuzzer reports as a crash with the input that caused it.
#ifndef OMS_TESTS_FUZZ_CHECK_H_
#define OMS_TESTS_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "oms/json_text.h"
#include "oms/status.h"

namespace oms::fuzz {

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
  }
}

// A refusal: a typed code, and a message and field that are UTF-8.
inline void require_clean(const Status& s) {
  if (s.ok()) return;
  require(s.code() > StatusCode::kOk && s.code() <= StatusCode::kInternal, "a known status code");
  require(s.code() != StatusCode::kInternal, "no internal error (a bug) for outside input");
  require(valid_utf8(s.message()), "the message is UTF-8");
  require(valid_utf8(s.field()), "the field is UTF-8");
  require(!s.message().empty(), "a refusal says why");
}

}  // namespace oms::fuzz

#endif  // OMS_TESTS_FUZZ_CHECK_H_
