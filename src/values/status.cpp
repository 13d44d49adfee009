#include "oms/status.h"

#include "oms/json_text.h"
#include "text/printable.h"

namespace oms {

std::string_view status_code_name(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kInsufficientStock: return "insufficient_stock";
    case StatusCode::kCurrencyMismatch: return "currency_mismatch";
    case StatusCode::kOverflow: return "overflow";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kStorage: return "storage";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

namespace {

using internal::printable;

// The longest part of an offending value a message quotes, in bytes of its input.
constexpr std::size_t kQuotedBytes = 120;

std::string quoted(std::string_view field, std::string_view value) {
  std::string s = printable(field, true);
  s += " '";
  s += printable(value, true, kQuotedBytes);
  s += '\'';
  return s;
}

}  // namespace

Status::Status(StatusCode code, std::string message, std::string field) {
  if (code != StatusCode::kOk) {
    // Messages quote what callers sent; whatever it was, the message is UTF-8 (docs/c-api.md).
    if (!valid_utf8(message)) message = printable(message, false);
    if (!valid_utf8(field)) field = printable(field, false);
    rep_ = std::make_shared<const Rep>(Rep{code, std::move(message), std::move(field)});
  }
}

Status Status::InvalidArgument(std::string_view field, std::string_view value, std::string_view why) {
  return {StatusCode::kInvalidArgument, quoted(field, value) + " " + std::string(why), std::string(field)};
}
Status Status::NotFound(std::string_view field, std::string_view value) {
  return {StatusCode::kNotFound, quoted(field, value) + " not found", std::string(field)};
}
Status Status::AlreadyExists(std::string_view field, std::string_view value) {
  return {StatusCode::kAlreadyExists, quoted(field, value) + " already exists", std::string(field)};
}
Status Status::FailedPrecondition(std::string message, std::string field) {
  return {StatusCode::kFailedPrecondition, std::move(message), std::move(field)};
}
Status Status::InsufficientStock(std::string message, std::string field) {
  return {StatusCode::kInsufficientStock, std::move(message), std::move(field)};
}
Status Status::CurrencyMismatch(std::string_view field, std::string_view expected, std::string_view got) {
  return {StatusCode::kCurrencyMismatch,
          quoted(field, got) + " does not match currency '" + std::string(expected) + "'",
          std::string(field)};
}
Status Status::Overflow(std::string message) { return {StatusCode::kOverflow, std::move(message)}; }
Status Status::Overflow(std::string_view field, std::string_view value, std::string_view why) {
  return {StatusCode::kOverflow, quoted(field, value) + " " + std::string(why), std::string(field)};
}
Status Status::Conflict(std::string message) { return {StatusCode::kConflict, std::move(message)}; }
Status Status::StorageError(std::string message) { return {StatusCode::kStorage, std::move(message)}; }
Status Status::Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

const std::string& Status::message() const noexcept {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

const std::string& Status::field() const noexcept {
  static const std::string kEmpty;
  return rep_ ? rep_->field : kEmpty;
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  return std::string(status_code_name(code())) + ": " + message();
}

Status Status::with_field_prefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string field(prefix);
  if (!rep_->field.empty()) field += (rep_->field.front() == '[' ? "" : ".") + rep_->field;
  std::string message(prefix);
  message += ": " + rep_->message;
  return {rep_->code, std::move(message), std::move(field)};
}

Error::Error(Status status) : std::runtime_error(status.to_string()), status_(std::move(status)) {}

}  // namespace oms
