#include "json_writer.h"

#include "oms/status.h"
#include "text_check.h"

namespace oms::internal {

void write_json_string(std::string& out, std::string_view text, std::string_view key) {
  require_text(key, text);
  append_json_string(out, text);
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text, plain, std::string_view::npos);
  out += '"';
}

void JsonValue::write(std::string& out, std::string_view key) const {
  struct Writer {
    std::string& out;
    std::string_view key;
    void operator()(std::string_view text) const { write_json_string(out, text, key); }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t n) const { append_json_integer(out, n); }
    // A decimal's digits and a currency code are ASCII: no UTF-8 check, no escape.
    void operator()(const Decimal* d) const { quoted(d->to_string()); }
    void operator()(const Money* m) const {
      out += "{\"amount\":";
      quoted(m->amount().to_string());
      out += ",\"currency\":";
      quoted(m->currency().code());
      out += '}';
    }
    void quoted(std::string_view ascii) const {
      out += '"';
      out += ascii;
      out += '"';
    }
    void operator()(std::span<const std::string> texts) const {
      out += '[';
      for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i > 0) out += ',';
        write_json_string(out, texts[i], key);
      }
      out += ']';
    }
    void operator()(const JsonObject* o) const {
      out += '{';
      out += o->body_;
      out += '}';
    }
    void operator()(const JsonArray* a) const {
      out += '[';
      out += a->body_;
      out += ']';
    }
  };
  std::visit(Writer{out, key}, v_);
}

namespace {

// An event's details run to a few hundred bytes: room for them is taken once, not in the
// five or six steps by which a string doubles.
constexpr std::size_t kInitialBody = 384;

void start(std::string& body) {
  if (body.empty()) {
    body.reserve(kInitialBody);
  } else {
    body += ',';
  }
}

}  // namespace

std::string enclosed(std::string_view body, char open, char close) {
  std::string out;
  out.reserve(body.size() + 2);
  out += open;
  out += body;
  out += close;
  return out;
}

JsonObject& JsonObject::add(std::string_view key, const JsonValue& value) {
  start(body_);
  body_ += '"';
  body_ += key;
  body_ += "\":";
  value.write(body_, key);
  return *this;
}

JsonObject& JsonObject::add(std::initializer_list<JsonField> fields) {
  for (const auto& f : fields) add(f.key, f.value);
  return *this;
}

JsonObject& JsonObject::add(const JsonObject& other) {
  if (other.body_.empty()) return *this;
  if (!body_.empty()) body_ += ',';
  body_ += other.body_;
  return *this;
}

JsonArray& JsonArray::add(const JsonValue& value) {
  start(body_);
  value.write(body_, "");
  return *this;
}

JsonArray& JsonArray::add(std::initializer_list<JsonField> object) { return add(JsonObject(object)); }

}  // namespace oms::internal
