// The catalog: units, tax classes, products with barcodes, price lists and promotions.
//
// These are plain value types. They are created and changed through oms::Engine, which checks
// them; storage adapters persist them as they are.
//
// Thread safety: plain value types; thread-compatible.
#ifndef OMS_CATALOG_H_
#define OMS_CATALOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oms/decimal.h"
#include "oms/export.h"
#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms {

// A unit of measure. `decimals` is the precision quantities in this unit may have:
// pieces 0, kg 3. A quantity finer than that is refused.
struct Unit {
  std::string code;  // "pcs", "kg"
  std::string name;
  int decimals = 0;  // 0..6
};

// A tax class and its rate as a fraction: 0.13 is 13 %.
struct TaxClass {
  std::string code;
  std::string name;
  Decimal rate;
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class Tracking { kNone, kLot, kSerial };
OMS_API std::string_view to_string(Tracking t) noexcept;

struct Product {
  ProductId id;  // assigned on creation; ignored as input
  std::string sku;  // unique, required
  std::string name;
  // Scan codes. 13-digit codes are checked as EAN-13, 12-digit codes as UPC-A (check digit);
  // any other code is stored as given. Each code belongs to one product.
  std::vector<std::string> barcodes;
  std::string unit = "pcs";  // a defined Unit code
  std::string category;      // free path, e.g. "Beverages/Tea"
  Tracking tracking = Tracking::kNone;
  Money list_price;          // fallback price when no price list applies
  bool list_price_includes_tax = false;
  Money standard_cost;       // cost used until stock has been received and valued
  std::string tax_class;     // a defined TaxClass code; empty = untaxed
  Decimal low_stock_threshold;  // alert when available to sell drops below it; 0 = no alert
  bool active = true;
};

// Validates an EAN-13 or UPC-A code's check digit. Returns false for other lengths.
OMS_API bool barcode_check_digit_valid(std::string_view code);

// How quantity breaks apply.
// - kAllUnits: the price of the highest break reached applies to every unit of the line.
// - kIncremental: each unit is priced by the break its position falls in (units 1-9 at the
//   first price, 10-49 at the second, ...); the line's unit price is the resulting average.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class BreakRule { kAllUnits, kIncremental };

// Who a price list applies to. More specific wins: customer over grade over everyone.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class PriceScope { kEveryone, kGrade, kCustomer };

struct PriceList {
  PriceListId id;
  std::string code;  // unique
  std::string name;
  Currency currency;
  PriceScope scope = PriceScope::kEveryone;
  CustomerGrade grade = CustomerGrade::kPotential;  // when scope == kGrade
  std::string customer_code;                        // when scope == kCustomer
  std::optional<Date> valid_from;                   // inclusive
  std::optional<Date> valid_to;                     // inclusive
  bool prices_include_tax = false;
  BreakRule break_rule = BreakRule::kAllUnits;
  int priority = 0;  // among lists of the same scope, higher wins
  bool active = true;
};

// A price from `min_quantity` upward. The first break of an entry must start at 0.
struct PriceBreak {
  Decimal min_quantity;
  Decimal unit_price;
};

struct PriceListEntry {
  PriceListId price_list;
  ProductId product;
  std::vector<PriceBreak> breaks;  // ascending min_quantity
};

// Stored by number: the numbers are frozen; a new value goes at the end.
enum class PromotionKind {
  kSpendGetOff,  // 满减: order net >= threshold -> `discount` off the order
  kBuyGetFree,   // 加赠: every `buy_quantity` of `product` -> `free_quantity` free as a gift line
};

struct Promotion {
  PromotionId id;
  std::string code;  // unique
  std::string name;
  PromotionKind kind = PromotionKind::kSpendGetOff;
  Money threshold;  // kSpendGetOff (its currency is the promotion's)
  Money discount;   // kSpendGetOff
  std::string sku;  // kBuyGetFree
  Decimal buy_quantity;   // kBuyGetFree
  Decimal free_quantity;  // kBuyGetFree
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  bool active = true;
};

// Where a line's price came from.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class PriceSourceKind { kPriceList, kListPrice, kManual, kPromotion, kNone };
OMS_API std::string_view to_string(PriceSourceKind k) noexcept;

struct PriceSource {
  PriceSourceKind kind = PriceSourceKind::kNone;
  std::string reference;  // price list or promotion code
  friend bool operator==(const PriceSource&, const PriceSource&) = default;
};

// The answer of Engine::quote_price.
struct PriceQuote {
  Money unit_price;          // may carry more decimals than the currency (incremental breaks)
  Money line_amount;         // exact qty x price(s), not yet rounded
  bool includes_tax = false;
  PriceSource source;
};

}  // namespace oms

#endif  // OMS_CATALOG_H_
