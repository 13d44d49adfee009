// The date, timestamp, currency and money parsers on any bytes. The first byte chooses the
// parser; a refusal is clean, and a value read prints as text that reads back as itself.
#include <cstdint>
#include <string>

#include "check.h"
#include "oms/money.h"
#include "oms/time.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oms;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      const auto d = parse_date(text, "date");
      fuzz::require_clean(d.status());
      if (d.ok()) fuzz::require(parse_date(to_string(*d)).ok() && *parse_date(to_string(*d)) == *d, "a date reads back");
      break;
    }
    case 1: {
      const auto t = parse_timestamp(text, "at");
      fuzz::require_clean(t.status());
      if (t.ok()) fuzz::require(parse_timestamp(to_string(*t)).ok() && *parse_timestamp(to_string(*t)) == *t, "a time reads back");
      break;
    }
    case 2: {
      const auto c = Currency::of(text);
      fuzz::require_clean(c.status());
      if (c.ok()) fuzz::require(Currency::of(c->code()).ok() && *Currency::of(c->code()) == *c, "a currency reads back");
      break;
    }
    default: {
      const std::size_t cut = text.find(' ');
      const auto m = Money::parse(text.substr(0, cut), cut == std::string_view::npos ? "CNY" : text.substr(cut + 1));
      fuzz::require_clean(m.status());
      if (m.ok()) fuzz::require(Money::parse(m->amount().to_string(), m->currency().code()).ok(), "money reads back");
      break;
    }
  }
  return 0;
}
