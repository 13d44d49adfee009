// Currency and Money.
//
// A Currency is an ISO 4217 code with its minor units (USD 2, JPY 0, KWD 3). Money is an exact
// Decimal amount in one currency. Arithmetic across currencies is refused: it throws oms::Error
// with kCurrencyMismatch (engine operations return that status instead of throwing).
//
// Money is not rounded implicitly. Business rules round at the place they are stated, with
// Money::rounded(mode), to the currency's minor units (see docs/ROUNDING.md).
//
// Thread safety: value types; thread-compatible.
#ifndef OMS_MONEY_H_
#define OMS_MONEY_H_

#include <array>
#include <bit>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/status.h"

namespace oms {

class OMS_API Currency {
 public:
  // "XXX", the ISO 4217 code for "no currency", with 2 minor units. Only useful as a
  // placeholder; arithmetic with a real currency is refused.
  Currency() noexcept : code_{'X', 'X', 'X', '\0'}, minor_units_(2) {}

  // Looks up an ISO 4217 code (upper case, e.g. "CNY"). Unknown codes are refused, naming
  // `field` and the code.
  static Result<Currency> of(std::string_view code, std::string_view field = "currency");

  std::string_view code() const noexcept { return {code_.data(), 3}; }
  int minor_units() const noexcept { return minor_units_; }

  // One 4-byte comparison (comparing the arrays called memcmp): currencies are compared on every
  // sum of money.
  friend bool operator==(const Currency& a, const Currency& b) noexcept {
    return std::bit_cast<std::uint32_t>(a.code_) == std::bit_cast<std::uint32_t>(b.code_);
  }

 private:
  Currency(std::string_view code, int minor_units) noexcept;
  std::array<char, 4> code_;
  int minor_units_;
};

class OMS_API Money {
 public:
  Money() = default;  // 0 XXX
  // A Currency is 8 trivially copyable bytes: passed by value.
  // cppcheck-suppress passedByValue
  Money(Decimal amount, Currency currency) : amount_(std::move(amount)), currency_(currency) {}
  // cppcheck-suppress passedByValue
  static Money zero(Currency currency) { return Money(Decimal(), currency); }

  // Parses the amount and the currency code; the status names the field on failure.
  static Result<Money> parse(std::string_view amount, std::string_view currency,
                             std::string_view field = "amount");

  const Decimal& amount() const noexcept { return amount_; }
  const Currency& currency() const noexcept { return currency_; }
  bool is_zero() const noexcept { return amount_.is_zero(); }
  bool is_negative() const noexcept { return amount_.is_negative(); }
  bool is_positive() const noexcept { return amount_.is_positive(); }

  // The amount rounded to the currency's minor units.
  Money rounded(RoundingMode mode) const { return {amount_.rounded(currency_.minor_units(), mode), currency_}; }
  // True if the amount has no more decimals than the currency's minor units.
  bool is_rounded() const { return amount_.fits_scale(currency_.minor_units()); }

  // "12.50 USD"
  std::string to_string() const;

  friend OMS_API Money operator+(const Money& a, const Money& b);
  friend OMS_API Money operator-(const Money& a, const Money& b);
  Money operator-() const { return {-amount_, currency_}; }
  friend Money operator*(const Money& m, const Decimal& factor) { return {m.amount_ * factor, m.currency_}; }
  friend Money operator*(const Decimal& factor, const Money& m) { return m * factor; }
  Money& operator+=(const Money& o) { return *this = *this + o; }
  Money& operator-=(const Money& o) { return *this = *this - o; }

  // Ordering between amounts of one currency; throws kCurrencyMismatch otherwise.
  friend OMS_API std::strong_ordering operator<=>(const Money& a, const Money& b);
  // Equal when both currency and value are equal (1.50 USD == 1.5 USD); never throws.
  friend bool operator==(const Money& a, const Money& b) {
    return a.currency_ == b.currency_ && a.amount_ == b.amount_;
  }

 private:
  Decimal amount_;
  Currency currency_;
};

OMS_API std::ostream& operator<<(std::ostream& os, const Money& m);

}  // namespace oms

#endif  // OMS_MONEY_H_
