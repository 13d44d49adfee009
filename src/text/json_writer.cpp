#include "text/json_writer.h"

#include <cstdint>
#include <cstring>

#include "oms/status.h"
#include "text/text_check.h"

namespace oms {

namespace {

// Whether any of the eight bytes of `w` is a control character, a quote or a backslash: the
// bytes a JSON string escapes (bit tricks after "Bit Twiddling Hacks", exact for the question
// "any byte?").
bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  const auto has_zero = [&](std::uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  const bool control = ((w - kOnes * 0x20) & ~w & kHigh) != 0;  // a byte below 0x20
  return control || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint64_t word;  // eight bytes at a time while none needs an escape
    while (i + sizeof word <= text.size() && (std::memcpy(&word, text.data() + i, sizeof word), !needs_escape(word))) {
      i += sizeof word;
    }
    if (i == text.size()) break;
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

}  // namespace oms

namespace oms::internal {

void write_json_string(std::string& out, std::string_view text, std::string_view key) {
  require_text(key, text);
  append_json_string(out, text);
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
  // "key": in one step (three appends of a character or two cost more than the key).
  const std::size_t at = body_.size();
  body_.resize(at + key.size() + 3);
  char* p = body_.data() + at;
  p[0] = '"';
  std::memcpy(p + 1, key.data(), key.size());
  p[key.size() + 1] = '"';
  p[key.size() + 2] = ':';
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
