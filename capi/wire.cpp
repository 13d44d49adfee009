#include "wire.h"

#include <algorithm>


namespace oms::wire {
namespace {

// The longest text of a value an error message shows.
constexpr std::size_t kShown = 80;

// Appends `value` as compact JSON text until `out` is longer than kShown: a large array or object
// costs what is shown, not its size.
void append_shown(const json& value, std::string& out) {
  if (out.size() > kShown) return;
  if (value.is_array() || value.is_object()) {
    out += value.is_array() ? '[' : '{';
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (out.size() > kShown) return;
      if (!first) out += ',';
      first = false;
      if (value.is_object()) out += dump(json(key)) + ':';
      append_shown(item, out);
    }
    out += value.is_array() ? ']' : '}';
  } else {
    out += dump(value);
  }
}

// A value for an error message: strings as they are, anything else as short JSON text; the
// message then shows at most kShown bytes of it.
std::string shown(const json& value) {
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else {
    append_shown(value, text);
  }
  std::size_t cut = kShown;
  if (text.size() <= cut) return text;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return text.substr(0, cut) + "...";
}

const std::string& text_of(const json& j, std::string_view path, std::string_view expected) {
  if (!j.is_string()) refuse(path, j, std::string("must be a string (") + std::string(expected) + ")");
  return j.get_ref<const std::string&>();
}

}  // namespace

void require_nesting(std::string_view text, std::string_view what) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) refuse_nesting(text, what);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

void refuse_nesting(std::string_view text, std::string_view what) {
  throw Error(Status::InvalidArgument(what, text,
                                      "nests arrays and objects deeper than " + std::to_string(kMaxNesting) + " levels"));
}

json parse(const char* text, std::string_view what) {
  require_nesting(text, what);
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number beyond a double (1e999)
    refuse_text(text, what, e);
  }
}

void refuse_text(const char* text, std::string_view what, const json::exception& e) {
  const std::string_view head = std::string_view(text).substr(0, kShown + 4);  // enough to show, and to say it was cut
  throw Error(Status::InvalidArgument(what, shown(json(std::string(head))), std::string("is not valid JSON: ") + e.what()));
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void refuse(std::string_view path, const json& value, std::string_view why) {
  if (path.empty()) throw ArgumentRefused{shown(value), std::string(why)};
  throw Error(Status::InvalidArgument(path, shown(value), why));
}

std::string member_path(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  std::string out(parent);
  out += '.';
  out += name;
  return out;
}

bool Names::contains(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::string Names::list() const {
  std::string out;
  for (const auto name : names_) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void refuse_unknown(const json& in, std::string_view path, const Names& known) {
  for (const auto& [key, value] : in.items()) {
    if (!known.contains(key)) refuse(member_path(path, key), value, "is not a known member (known: " + known.list() + ")");
  }
}

void Codec<OpenOptions>::decode(const json& j, OpenOptions& v, std::string_view path) {
  if (!j.is_object()) refuse(path, j, "must be a JSON object");
  json engine = j;
  if (const auto it = engine.find("sqlite"); it != engine.end()) {
    Codec<SqliteOptions>::decode(*it, v.sqlite, member_path(path, "sqlite"));
    engine.erase("sqlite");
  }
  if (const auto it = engine.find("manual_clock"); it != engine.end()) {
    Codec<std::optional<Timestamp>>::decode(*it, v.manual_clock, member_path(path, "manual_clock"));
    engine.erase("manual_clock");
  }
  Codec<EngineOptions>::decode(engine, v.engine, path);
}

// The parsers below return a Result whose status names `path`; Result::value() throws it as
// oms::Error, which the C entry point's guard reports.

void Codec<std::string>::decode(const json& j, std::string& v, std::string_view path) {
  v = text_of(j, path, "text");
}

void Codec<bool>::decode(const json& j, bool& v, std::string_view path) {
  if (!j.is_boolean()) refuse(path, j, "must be true or false");
  v = j.get<bool>();
}

void Codec<Decimal>::decode(const json& j, Decimal& v, std::string_view path) {
  if (j.is_number_integer()) {  // exact in JSON; its text is the decimal (any 64-bit value)
    v = Decimal::parse(j.dump(), path).value();
    return;
  }
  if (j.is_number_float()) {
    refuse(path, j, "must be a decimal string such as \"12.50\": a JSON number with a fraction is binary floating "
                    "point and may not be exact");
  }
  v = Decimal::parse(text_of(j, path, "a decimal such as \"12.50\""), path).value();
}

void Codec<Currency>::decode(const json& j, Currency& v, std::string_view path) {
  v = Currency::of(text_of(j, path, "an ISO 4217 code such as \"CNY\""), path).value();
}

void print_string(std::string_view text, std::string& out) {
  if (valid_utf8(text)) {
    append_json_string(out, text);
  } else {
    out += dump(json(std::string(text)));  // nlohmann's replacement of the bad bytes
  }
}

void Codec<Money>::print(const Money& v, std::string& out) {
  out += "{\"amount\":";
  print_string(v.amount().to_string(), out);
  out += ",\"currency\":";
  print_string(v.currency().code(), out);
  out += '}';
}

void Codec<Money>::decode(const json& j, Money& v, std::string_view path) {
  if (!j.is_object()) refuse(path, j, "must be an object {\"amount\": \"12.50\", \"currency\": \"CNY\"}");
  Decimal amount;
  Currency currency;
  bool has_currency = false;
  for (const auto& [key, value] : j.items()) {
    if (key == "amount") {
      Codec<Decimal>::decode(value, amount, member_path(path, "amount"));
    } else if (key == "currency") {
      Codec<Currency>::decode(value, currency, member_path(path, "currency"));
      has_currency = true;
    } else {
      refuse(member_path(path, key), value, "is not a member of money (amount, currency)");
    }
  }
  if (!has_currency) refuse(member_path(path, "currency"), json(nullptr), "is required");
  v = Money(std::move(amount), currency);
}

void Codec<Date>::decode(const json& j, Date& v, std::string_view path) {
  v = parse_date(text_of(j, path, "a date YYYY-MM-DD"), path).value();
}

void Codec<Timestamp>::decode(const json& j, Timestamp& v, std::string_view path) {
  v = parse_timestamp(text_of(j, path, "a UTC timestamp YYYY-MM-DDTHH:MM:SSZ"), path).value();
}

void Codec<Event>::print(const Event& e, std::string& out) {
  out += "{\"sequence\":";
  Codec<std::int64_t>::print(e.sequence, out);
  out += ",\"at\":";
  Codec<Timestamp>::print(e.at, out);
  out += ",\"actor\":";
  print_string(e.actor, out);
  out += ",\"entity\":";
  print_string(e.entity, out);
  out += ",\"entity_id\":";
  Codec<std::int64_t>::print(e.entity_id, out);
  out += ",\"type\":";
  print_string(e.type, out);
  out += ",\"data\":";
  if (json::accept(e.data)) {
    out += e.data;  // already JSON text: the engine writes it (checked, not parsed into a tree)
  } else {
    print_string(e.data, out);  // never expected
  }
  out += '}';
}

}  // namespace oms::wire
