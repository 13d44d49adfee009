#include "oms/money.h"

#include <algorithm>
#include <cstring>

namespace oms {

namespace {

struct CurrencyInfo {
  const char* code;
  int minor_units;
};

// ISO 4217 active codes with their minor units, sorted by code for binary search.
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BRL", 2},
    {"CAD", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DKK", 2},
    {"EGP", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
    {"INR", 2}, {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KRW", 0},
    {"KWD", 3}, {"LYD", 3}, {"MAD", 2}, {"MOP", 2}, {"MXN", 2}, {"MYR", 2}, {"NGN", 2},
    {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PEN", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2},
    {"QAR", 2}, {"RON", 2}, {"RUB", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2},
    {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0}, {"XAF", 0},
    {"XOF", 0}, {"ZAR", 2},
};

}  // namespace

Currency::Currency(std::string_view code, int minor_units) noexcept : code_{}, minor_units_(minor_units) {
  std::copy_n(code.begin(), 3, code_.begin());
  code_[3] = '\0';
}

Result<Currency> Currency::of(std::string_view code, std::string_view field) {
  const auto* end = std::end(kCurrencies);
  const auto* it = std::lower_bound(std::begin(kCurrencies), end, code,
                                    [](const CurrencyInfo& c, std::string_view k) { return c.code < k; });
  if (it == end || it->code != code) {
    return Status::InvalidArgument(field, code, "is not a known ISO 4217 currency code");
  }
  return Currency(it->code, it->minor_units);
}

Result<Money> Money::parse(std::string_view amount, std::string_view currency, std::string_view field) {
  auto c = Currency::of(currency, std::string(field) + ".currency");
  if (!c.ok()) return c.status();
  auto a = Decimal::parse(amount, field);
  if (!a.ok()) return a.status();
  return Money(*a, *c);
}

std::string Money::to_string() const { return amount_.to_string() + " " + std::string(currency_.code()); }

namespace {
void require_same(const Money& a, const Money& b) {
  if (!(a.currency() == b.currency())) {
    throw Error(Status::CurrencyMismatch("currency", a.currency().code(), b.currency().code()));
  }
}
}  // namespace

Money operator+(const Money& a, const Money& b) {
  require_same(a, b);
  return {a.amount_ + b.amount_, a.currency_};
}

Money operator-(const Money& a, const Money& b) {
  require_same(a, b);
  return {a.amount_ - b.amount_, a.currency_};
}

std::strong_ordering operator<=>(const Money& a, const Money& b) {
  require_same(a, b);
  return a.amount_ <=> b.amount_;
}

std::ostream& operator<<(std::ostream& os, const Money& m) { return os << m.to_string(); }

}  // namespace oms
