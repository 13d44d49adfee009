// Internal: the details of an event, written straight into their JSON text.
//
// An event's `data` is a JSON object. Building it as a document tree first (a map node and a
// string per key, then a dump) cost more than the change it describes, so the engine writes the
// text directly: keys in the order they are added, strings escaped as RFC 8259 asks (quote,
// backslash and control characters; everything else as UTF-8). Text that is not valid UTF-8 is
// refused with kInvalidArgument naming the key, so the journal only ever holds valid JSON.
//
//   JsonObject data{{"number", o.number}, {"total", o.totals.total}, {"revision", o.revision}};
//   if (!reason.empty()) data.add("reason", reason);
//   op.emit("order", o.id.value, "order.held", data);
//
// Values hold references: a field list lives as long as the full expression that builds it.
// A key must not be added twice, and keys are written as they are (no escaping): the callers'
// keys are fixed lower_snake_case names, so neither is checked.
#ifndef OMS_SRC_JSON_WRITER_H_
#define OMS_SRC_JSON_WRITER_H_

#include <charconv>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "oms/json_text.h"
#include "oms/money.h"

namespace oms::internal {

class JsonObject;
class JsonArray;

// `body` between `open` and `close`, in a string allocated once.
std::string enclosed(std::string_view body, char open, char close);

// One value of a field or an array element: text, a whole number, a truth value, money (as
// {"amount": "12.30", "currency": "CNY"}), a list of texts, or a nested object or array.
class JsonValue {
 public:
  JsonValue(std::string_view text) : v_(text) {}
  JsonValue(const std::string& text) : v_(std::string_view(text)) {}
  JsonValue(const char* text) : v_(std::string_view(text)) {}
  JsonValue(bool b) : v_(b) {}
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  JsonValue(I n) : v_(static_cast<std::int64_t>(n)) {}
  JsonValue(const Decimal& d) : v_(&d) {}
  JsonValue(const Money& m) : v_(&m) {}
  JsonValue(std::span<const std::string> texts) : v_(texts) {}
  JsonValue(const std::vector<std::string>& texts) : v_(std::span<const std::string>(texts)) {}
  JsonValue(const JsonObject& o) : v_(&o) {}
  JsonValue(const JsonArray& a) : v_(&a) {}

  // Appends the value's JSON text; `key` names the field in the error for text that is not UTF-8.
  void write(std::string& out, std::string_view key) const;

 private:
  std::variant<std::string_view, bool, std::int64_t, const Decimal*, const Money*, std::span<const std::string>,
               const JsonObject*, const JsonArray*>
      v_;
};

struct JsonField {
  std::string_view key;
  JsonValue value;
};

// A JSON object, open for more fields until its text is taken.
class JsonObject {
 public:
  JsonObject() = default;
  JsonObject(std::initializer_list<JsonField> fields) { add(fields); }

  JsonObject& add(std::string_view key, const JsonValue& value);
  JsonObject& add(std::initializer_list<JsonField> fields);
  // Adds the fields of `other` after these (their keys must differ from these).
  JsonObject& add(const JsonObject& other);

  bool empty() const noexcept { return body_.empty(); }
  std::string text() const { return enclosed(body_, '{', '}'); }

 private:
  friend class JsonValue;
  std::string body_;  // the fields, comma-separated, without the braces
};

// A JSON array.
class JsonArray {
 public:
  JsonArray& add(const JsonValue& value);
  // Adds an object with these fields.
  JsonArray& add(std::initializer_list<JsonField> object);
  bool empty() const noexcept { return body_.empty(); }
  std::string text() const { return enclosed(body_, '[', ']'); }

 private:
  friend class JsonValue;
  std::string body_;
};

// Appends `text` as a JSON string (quoted and escaped); refuses text that is not UTF-8.
void write_json_string(std::string& out, std::string_view text, std::string_view key);

}  // namespace oms::internal

#endif  // OMS_SRC_JSON_WRITER_H_
