// Internal: the plumbing every C entry point shares. Each entry point is
//
//   int oms_x(char** out, oms_engine* e, ...) {
//     return capi::guard(out, [&] { return capi::reply(out, engine_of(e).x(...)); });
//   }
//
// guard() clears *out, catches every exception (none crosses the C boundary) and keeps the
// thread's last error; the helpers refuse NULL arguments with kInvalidArgument naming them. The
// engine is checked first (C++17 evaluates the object of a member call before its arguments), so
// a NULL engine is always the error reported.
#ifndef OMS_CAPI_C_API_INTERNAL_H_
#define OMS_CAPI_C_API_INTERNAL_H_

#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "oms/c.h"
#include "oms/engine.h"
#include "wire.h"

struct oms_engine {
  std::unique_ptr<oms::Engine> engine;
  std::shared_ptr<oms::ManualClock> clock;  // set when opened with "manual_clock"
};

namespace oms::capi {

// OMS_OK as an int, so that entry point bodies return one type.
inline constexpr int kOk = OMS_OK;

// Records `status` as the thread's last error and returns its code. Never throws.
int fail(const Status& status) noexcept;
void clear_error() noexcept;

// Runs `body` (returning an int status), turning every exception into a status. *out (any
// pointer type) is NULL unless `body` set it.
template <class Out, class Body>
int guard(Out* out, Body&& body) noexcept {
  if (out) *out = {};
  try {
    const int rc = body();
    if (rc == OMS_OK) clear_error();
    return rc;
  } catch (const Error& e) {
    return fail(e.status());
  } catch (const std::bad_alloc&) {
    return fail(Status::Internal("out of memory"));
  } catch (const std::exception& e) {
    return fail(Status::Internal(std::string("unexpected exception: ") + e.what()));
  } catch (...) {
    return fail(Status::Internal("unexpected exception"));
  }
}
template <class Body>
int guard(Body&& body) noexcept {
  return guard(static_cast<char**>(nullptr), std::forward<Body>(body));
}

[[noreturn]] void refuse_null(const char* name);

inline Engine& engine_of(oms_engine* e) {
  if (!e || !e->engine) refuse_null("engine");
  return *e->engine;
}
// A required string argument.
inline std::string_view text(const char* s, const char* name) {
  if (!s) refuse_null(name);
  return s;
}
// An optional string argument: NULL is "".
inline std::string_view optional_text(const char* s) { return s ? std::string_view(s) : std::string_view(); }
Decimal decimal_arg(const char* s, const char* name);
std::optional<Date> optional_date_arg(const char* s, const char* name);
Date date_arg(const char* s, const char* name);
// A JSON argument decoded to T; errors name members relative to it ("lines[0].sku").
template <class T>
T spec(const char* s, const char* name) {
  if (!s) refuse_null(name);
  return wire::decode<T>(wire::parse(s, name), name);
}

// A new malloc'ed copy for the caller (freed with oms_free).
char* copy_out(const std::string& text);

inline int reply(const Status& status) { return status.ok() ? OMS_OK : fail(status); }
template <class T>
int reply(char** out, const Result<T>& result) {
  if (!result.ok()) return fail(result.status());
  if (out) *out = copy_out(wire::print(*result));
  return OMS_OK;
}

}  // namespace oms::capi

#endif  // OMS_CAPI_C_API_INTERNAL_H_
