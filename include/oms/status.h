// Status and Result: how every liboms operation reports "the call could not be carried out".
//
// A Status is a cheap value: OK carries no allocation. Codes are stable numbers; the C ABI
// returns the same numbers and the Python module raises one exception class per code, so a
// code's meaning never changes once published. New codes are only appended.
//
// Business outcomes are not errors: a review that finds problems returns findings, an order
// held for credit is a state. Errors are for bad input, missing things, illegal transitions and
// failures of storage.
//
// Thread safety: Status and Result are values; distinct objects may be used from different
// threads freely, a single object is thread-compatible.
#ifndef OMS_STATUS_H_
#define OMS_STATUS_H_

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "oms/export.h"

namespace oms {

// Which code to use when:
// - kInvalidArgument: the input is wrong whatever the state of the system (bad decimal, unknown
//   currency code, negative quantity in a receipt, malformed barcode, text that is not UTF-8).
// - kNotFound: the input names an entity that does not exist.
// - kAlreadyExists: creating something whose unique key is taken (SKU, barcode, order number).
// - kFailedPrecondition: the input is fine but the system is not in a state that allows the call
//   (illegal order transition, amending below shipped quantity, inactive product in a receipt).
// - kInsufficientStock: moving or reserving more than is on hand or available.
// - kCurrencyMismatch: arithmetic or documents that mix currencies.
// - kOverflow: an exact decimal left the representable range; nothing was rounded or wrapped.
// - kConflict: a concurrent writer won; the whole call may be retried.
// - kStorage: the storage adapter failed (I/O, disk full, busy past its timeout).
// - kInternal: a bug in liboms; please report it.
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kAlreadyExists = 3,
  kFailedPrecondition = 4,
  kInsufficientStock = 5,
  kCurrencyMismatch = 6,
  kOverflow = 7,
  kConflict = 8,
  kStorage = 9,
  kInternal = 10,
};

// Stable lower-case name of a code ("invalid_argument"), as used in logs and bindings.
OMS_API std::string_view status_code_name(StatusCode code) noexcept;
inline std::string_view to_string(StatusCode code) noexcept { return status_code_name(code); }

class OMS_NODISCARD_API_CLASS Status {
 public:
  Status() noexcept = default;  // OK
  Status(StatusCode code, std::string message, std::string field = {});

  static Status Ok() noexcept { return Status(); }

  // Factories whose message names the field and the offending value:
  //   InvalidArgument("quantity", "-3", "must be positive")
  //   -> "quantity '-3' must be positive"
  // A quoted value shows at most its first 120 bytes (then "... (N bytes)"), with control
  // characters and bytes that are not UTF-8 written as \xNN. Every message and field name is
  // UTF-8, whatever the caller sent: the constructor writes stray bytes the same way.
  static Status InvalidArgument(std::string_view field, std::string_view value, std::string_view why);
  static Status NotFound(std::string_view field, std::string_view value);
  static Status AlreadyExists(std::string_view field, std::string_view value);
  static Status FailedPrecondition(std::string message, std::string field = {});
  static Status InsufficientStock(std::string message, std::string field = {});
  static Status CurrencyMismatch(std::string_view field, std::string_view expected, std::string_view got);
  static Status Overflow(std::string message);
  // A value given beyond the range it must fit: "quantity '1E+40' is beyond the decimal range".
  static Status Overflow(std::string_view field, std::string_view value, std::string_view why);
  static Status Conflict(std::string message);
  static Status StorageError(std::string message);
  static Status Internal(std::string message);

  bool ok() const noexcept { return rep_ == nullptr; }
  StatusCode code() const noexcept { return rep_ ? rep_->code : StatusCode::kOk; }
  // The human-readable message; empty for OK.
  const std::string& message() const noexcept;
  // The name of the input field at fault, when one is known ("lines[2].quantity"); may be empty.
  const std::string& field() const noexcept;
  // "<code name>: <message>", or "ok".
  std::string to_string() const;

  // Prefixes the field path, e.g. turning "quantity" into "lines[2].quantity".
  Status with_field_prefix(std::string_view prefix) const;

  friend bool operator==(const Status& a, const Status& b) noexcept {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string field;
  };
  std::shared_ptr<const Rep> rep_;
};

// The exception thrown by the value types (Decimal, Money) when an operation cannot be carried
// out (overflow, currency mismatch, division by zero). Engine operations never throw: they catch
// it and return its Status.
class OMS_API Error : public std::runtime_error {
 public:
  explicit Error(Status status);
  const Status& status() const noexcept { return status_; }

 private:
  Status status_;
};

// Either a value or a non-OK Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const noexcept { return std::holds_alternative<T>(v_); }
  explicit operator bool() const noexcept { return ok(); }

  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // REQUIRES: ok(). Throws oms::Error with the held status otherwise.
  T& value() & { check(); return std::get<T>(v_); }
  const T& value() const& { check(); return std::get<T>(v_); }
  // By value, so that `for (auto& x : engine.list_orders(q).value())` never dangles.
  T value() && { check(); return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void check() const {
    if (!ok()) throw Error(std::get<Status>(v_));
  }
  std::variant<T, Status> v_;
};

}  // namespace oms

#endif  // OMS_STATUS_H_
