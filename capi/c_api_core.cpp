// The C ABI: versions, errors, memory, JSON helpers, opening engines, events.
#include <compare>
#include <cstdlib>
#include <cstring>

#include "c_api_internal.h"
#include "json_pointer.h"
#include "oms/sqlite_storage.h"
#include "oms/version.h"  // after oms/c.h: see below

namespace oms::capi {
namespace {

static_assert(OMS_E_INVALID_ARGUMENT == static_cast<int>(StatusCode::kInvalidArgument));
static_assert(OMS_E_NOT_FOUND == static_cast<int>(StatusCode::kNotFound));
static_assert(OMS_E_ALREADY_EXISTS == static_cast<int>(StatusCode::kAlreadyExists));
static_assert(OMS_E_FAILED_PRECONDITION == static_cast<int>(StatusCode::kFailedPrecondition));
static_assert(OMS_E_INSUFFICIENT_STOCK == static_cast<int>(StatusCode::kInsufficientStock));
static_assert(OMS_E_CURRENCY_MISMATCH == static_cast<int>(StatusCode::kCurrencyMismatch));
static_assert(OMS_E_OVERFLOW == static_cast<int>(StatusCode::kOverflow));
static_assert(OMS_E_CONFLICT == static_cast<int>(StatusCode::kConflict));
static_assert(OMS_E_STORAGE == static_cast<int>(StatusCode::kStorage));
static_assert(OMS_E_INTERNAL == static_cast<int>(StatusCode::kInternal));
// oms/version.h (generated from the project version) defines the same OMS_VERSION_* macros as
// oms/c.h: were they to differ, this file would not compile (macro redefinition), and CMake
// checks them at configure time as well.

// The thread's last error. The strings stay put until the next call on this thread replaces
// them, so the pointers in `error` are valid that long.
struct LastError {
  std::string message;
  std::string field;
  oms_error error{OMS_OK, "ok", "", ""};
};
thread_local LastError last_error;

}  // namespace

int fail(const Status& status) noexcept {
  const int code = static_cast<int>(status.code());
  auto& e = last_error;
  try {
    e.message = status.message();
    e.field = status.field();
    e.error = {code, oms_status_name(code), e.message.c_str(), e.field.c_str()};
  } catch (...) {  // out of memory while copying the message: keep the code
    e.error = {code, oms_status_name(code), "out of memory while reporting an error", ""};
  }
  return code;
}

void clear_error() noexcept {
  auto& e = last_error;
  if (e.error.code == OMS_OK) return;
  e.message.clear();
  e.field.clear();
  e.error = {OMS_OK, "ok", "", ""};
}

void refuse_null(const char* name) { throw Error(Status::InvalidArgument(name, "NULL", "must not be NULL")); }

// Result::value() throws oms::Error with the status (naming the argument); guard() reports it.
Decimal decimal_arg(const char* s, const char* name) { return Decimal::parse(text(s, name), name).value(); }

Date date_arg(const char* s, const char* name) { return parse_date(text(s, name), name).value(); }

std::optional<Date> optional_date_arg(const char* s, const char* name) {
  if (!s || !*s) return std::nullopt;
  return date_arg(s, name);
}

char* copy_out(const std::string& text) {
  auto* p = static_cast<char*>(std::malloc(text.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, text.data(), text.size() + 1);
  return p;
}

namespace {

// The value at `pointer` of the JSON text `json`, read without building the rest of it.
wire::json member_at(const char* json, const char* pointer) {
  const std::string_view doc = text(json, "json");
  try {
    return value_at(doc, text(pointer, "pointer"));
  } catch (const wire::json::exception& e) {  // a syntax error, or a number beyond a double
    wire::refuse_text(doc.data(), "json", e);
  }
}

}  // namespace
}  // namespace oms::capi

using namespace oms;         // NOLINT(google-build-using-namespace): this file is the C boundary
using namespace oms::capi;   // NOLINT(google-build-using-namespace)

extern "C" {

int oms_version_number(void) { return OMS_VERSION_NUMBER; }
const char* oms_version(void) { return OMS_VERSION_STRING; }

const oms_error* oms_error_last(void) { return &oms::capi::last_error.error; }
void oms_error_clear(void) { clear_error(); }

const char* oms_status_name(int code) {
  if (code < 0 || code > OMS_E_INTERNAL) return "unknown";
  // status_code_name returns views of string literals: NUL-terminated, static.
  return status_code_name(static_cast<StatusCode>(code)).data();
}

void oms_free(void* p) { std::free(p); }

int oms_json_get(char** out, const char* json, const char* pointer) {
  return guard(out, [&] {
    const auto value = member_at(json, pointer);
    if (out) *out = copy_out(value.is_string() ? value.get<std::string>() : wire::dump(value));
    return kOk;
  });
}

int oms_json_count(size_t* out, const char* json, const char* pointer) {
  return guard(out, [&] {
    const auto value = member_at(json, pointer);
    if (!value.is_array() && !value.is_object()) {
      throw Error(Status::InvalidArgument("pointer", pointer, "names neither an array nor an object"));
    }
    if (out) *out = value.size();
    return kOk;
  });
}

namespace {

int decimal_reply(char** out, const Decimal& value) {
  if (out) *out = copy_out(value.to_string());
  return kOk;
}

int scale_arg(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    throw Error(Status::InvalidArgument("scale", std::to_string(scale), "must be 0..18"));
  }
  return scale;
}

RoundingMode rounding_arg(const char* rounding) {
  return wire::enum_from_name<RoundingMode>(text(rounding, "rounding"), "rounding");
}

}  // namespace

int oms_decimal_add(char** out, const char* a, const char* b) {
  return guard(out, [&] { return decimal_reply(out, decimal_arg(a, "a") + decimal_arg(b, "b")); });
}

int oms_decimal_subtract(char** out, const char* a, const char* b) {
  return guard(out, [&] { return decimal_reply(out, decimal_arg(a, "a") - decimal_arg(b, "b")); });
}

int oms_decimal_multiply(char** out, const char* a, const char* b) {
  return guard(out, [&] { return decimal_reply(out, decimal_arg(a, "a") * decimal_arg(b, "b")); });
}

int oms_decimal_divide(char** out, const char* a, const char* b, int scale, const char* rounding) {
  return guard(out, [&] {
    const Decimal x = decimal_arg(a, "a");
    const Decimal y = decimal_arg(b, "b");
    return decimal_reply(out, Decimal::divide(x, y, scale_arg(scale), rounding_arg(rounding)));
  });
}

int oms_decimal_round(char** out, const char* a, int scale, const char* rounding) {
  return guard(out, [&] {
    const Decimal x = decimal_arg(a, "a");
    return decimal_reply(out, x.rounded(scale_arg(scale), rounding_arg(rounding)));
  });
}

int oms_decimal_compare(int* out, const char* a, const char* b) {
  return guard(out, [&] {
    const auto order = decimal_arg(a, "a") <=> decimal_arg(b, "b");
    if (out) *out = std::is_lt(order) ? -1 : std::is_gt(order) ? 1 : 0;
    return kOk;
  });
}

int oms_engine_open(oms_engine** out, const char* path, const char* options_json) {
  return guard(out, [&] {
    if (!out) refuse_null("out");
    auto options = options_json ? wire::decode<wire::OpenOptions>(wire::parse(options_json, "options"), "options")
                                : wire::OpenOptions{};
    auto handle = std::make_unique<oms_engine>();
    if (options.manual_clock) {
      handle->clock = std::make_shared<ManualClock>(*options.manual_clock);
      options.engine.clock = handle->clock;
    }
    if (Status bad = Engine::check_options(options.engine); !bad.ok()) return fail(bad);  // before any file is made
    const std::string_view where = optional_text(path);
    Result<std::unique_ptr<Engine>> engine = Status::Internal("not opened");
    if (where.empty() || where == ":memory:") {
      engine = Engine::open_in_memory(std::move(options.engine));
    } else {
      auto storage = open_sqlite_storage(std::string(where), options.sqlite);
      if (!storage.ok()) return fail(storage.status());
      engine = Engine::open(std::move(storage).value(), std::move(options.engine));
    }
    if (!engine.ok()) return fail(engine.status());
    handle->engine = std::move(engine).value();
    *out = handle.release();
    return kOk;
  });
}

void oms_engine_close(oms_engine* engine) {
  try {
    delete engine;
  } catch (...) {  // destructors do not throw; nothing may cross the boundary regardless
  }
}

int oms_engine_batch(oms_engine* engine, oms_batch_work work, void* payload) {
  return guard([&] {
    Engine& eng = engine_of(engine);
    if (!work) refuse_null("work");
    const Status status = eng.batch([&](Engine&) {
      const int rc = work(engine, payload);
      if (rc == OMS_OK) return Status::Ok();
      return Status::FailedPrecondition("the batch's work returned " + std::to_string(rc) + ", so nothing of it was committed",
                                        "work");
    });
    return status.ok() ? kOk : fail(status);
  });
}

int oms_engine_set_time(oms_engine* engine, const char* timestamp) {
  return guard([&] {
    engine_of(engine);
    auto ts = parse_timestamp(text(timestamp, "timestamp"), "timestamp");
    if (!ts.ok()) return fail(ts.status());
    if (!engine->clock) {
      return fail(Status::FailedPrecondition("the engine was not opened with a \"manual_clock\""));
    }
    engine->clock->set(*ts);
    return kOk;
  });
}

int oms_engine_options(char** out, oms_engine* engine) {
  return guard(out, [&] {
    std::string text = wire::print(engine_of(engine).options());
    if (engine->clock) {
      text.pop_back();  // the closing brace: the clock is one more member
      text += ",\"manual_clock\":" + wire::print(engine->clock->now()) + "}";
    }
    if (out) *out = copy_out(text);
    return kOk;
  });
}

int oms_state_transitions(char** out, const char* document) {
  return guard(out, [&] {
    const std::string_view which = text(document, "document");
    std::string table;
    if (which == "order") {
      const auto t = order_transitions();
      table = wire::print(std::vector<OrderTransition>(t.begin(), t.end()));
    } else if (which == "shipment") {
      const auto t = shipment_transitions();
      table = wire::print(std::vector<ShipmentTransition>(t.begin(), t.end()));
    } else {
      return fail(Status::InvalidArgument("document", which, "is not one of: order, shipment"));
    }
    if (out) *out = copy_out(table);
    return kOk;
  });
}

int oms_event_list(char** out, oms_engine* engine, int64_t after_sequence, size_t limit) {
  return guard(out, [&] { return reply(out, engine_of(engine).events(after_sequence, limit)); });
}

int oms_event_subscribe(uint64_t* out, oms_engine* engine, oms_event_callback callback, void* payload) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    if (!out) refuse_null("out");
    if (!callback) refuse_null("callback");
    *out = eng.subscribe([callback, payload](const Event& e) {
      const std::string text = wire::print(e);
      callback(text.c_str(), payload);
    });
    return kOk;
  });
}

int oms_event_unsubscribe(oms_engine* engine, uint64_t subscription) {
  return guard([&] {
    engine_of(engine).unsubscribe(subscription);
    return kOk;
  });
}

}  // extern "C"
