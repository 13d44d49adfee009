#include "text/text_check.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "oms/schema/schema.h"
#include "oms/status.h"
#include "oms/json_text.h"

namespace oms::internal {

void require_text(std::string_view field, std::string_view value) {
  const std::size_t bad = utf8_error_offset(value);
  if (bad == std::string_view::npos) return;
  char why[80];
  (void)std::snprintf(why, sizeof why, "is not valid UTF-8 text (byte 0x%02X at offset %zu)",
                      static_cast<unsigned>(static_cast<unsigned char>(value[bad])), bad);
  throw Error(Status::InvalidArgument(field, "", why));
}

namespace {

// The members that hold a key, by name, wherever they appear: a code, a number, an external id
// or a reference to one (a list of them, such as barcodes or serials, holds keys too).
constexpr std::string_view kKeyMembers[] = {
    "code",        "sku",          "barcodes",      "unit",       "customer_code", "number",
    "lot_number",  "serials",      "warehouse",     "location",   "from_warehouse", "from_location",
    "to_warehouse", "to_location", "order_number",  "orders",     "shipment",      "source",
    "id"};

// A member of type T named `name` holds a key, unless T keeps free text under that name: a
// carrier's tracking event reports its `location` as the carrier writes it.
template <class T>
bool is_key_member(std::string_view name) {
  if constexpr (std::is_same_v<T, TrackingUpdate>) {
    if (name == "location") return false;
  }
  return std::find(std::begin(kKeyMembers), std::end(kKeyMembers), name) != std::end(kKeyMembers);
}

// The length of the space character at the start of `text` (ASCII space, no-break space U+00A0,
// ideographic space U+3000), or 0.
std::size_t space_length(std::string_view text) {
  if (text.starts_with(' ')) return 1;
  if (text.starts_with("\xC2\xA0")) return 2;
  if (text.starts_with("\xE3\x80\x80")) return 3;
  return 0;
}
bool ends_with_space(std::string_view text) {
  return text.ends_with(' ') || text.ends_with("\xC2\xA0") || text.ends_with("\xE3\x80\x80");
}

}  // namespace

void require_key(std::string_view field, std::string_view value) {
  if (value.empty()) return;  // "none", or missing: each operation says which keys it requires
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool c1 = c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(value[i + 1]) <= 0x9F;  // U+0080..U+009F
    if (c < 0x20 || c == 0x7F || c1) {
      char why[120];
      (void)std::snprintf(why, sizeof why, "contains a control character (U+%04X at offset %zu); a key may not",
                          c1 ? static_cast<unsigned>(static_cast<unsigned char>(value[i + 1])) : static_cast<unsigned>(c), i);
      throw Error(Status::InvalidArgument(field, value, why));
    }
  }
  std::string_view rest = value;
  while (const std::size_t n = rest.empty() ? 0 : space_length(rest)) rest.remove_prefix(n);
  if (rest.empty()) throw Error(Status::InvalidArgument(field, value, "is blank; a key needs a character other than spaces"));
  if (rest.size() != value.size() || ends_with_space(value)) {
    throw Error(Status::InvalidArgument(field, value, "begins or ends with a space; a key may not"));
  }
}

namespace {

// Where a member sits inside the input, as a chain of links to its parents that lives on the
// stack of the walk. It is spelt out ("lines[1].note") only when a check fails, so valid input
// builds no strings.
struct Path {
  const Path* parent = nullptr;
  std::string_view name;          // a member, or empty for an item
  std::size_t index = 0;          // the item's index when `name` is empty
  bool key = false;               // a key, or a list of keys (its items are keys)

  std::string str() const {
    std::string out = parent ? parent->str() : std::string();
    if (!name.empty()) {
      if (!out.empty()) out += '.';
      out += name;
    } else {
      out += '[' + std::to_string(index) + ']';
    }
    return out;
  }
};

template <class T>
void check(const T& value, const Path* path);
template <class T>
void check(const std::optional<T>& value, const Path* path);
template <class T>
void check(const std::vector<T>& items, const Path* path);

// Visits the members of one described value, each with a link to its name.
template <class T>
class Walker {
 public:
  Walker(const T& value, const Path* path) : value_(value), path_(path) {}

  template <class M>
  void operator()(std::string_view name, M T::*member) {
    const Path here{path_, name, 0, is_key_member<T>(name)};
    check(value_.*member, &here);
  }
  template <class R>
  void computed(std::string_view, R (T::*)() const) {}  // derived, not input

 private:
  const T& value_;
  const Path* path_;
};

template <class T>
concept Described = requires(Walker<T>& w) { fields::fields(w, fields::Tag<T>{}); };

template <class T>
void check(const T& value, const Path* path) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!valid_utf8(value)) require_text(path ? path->str() : std::string(), value);
    if (path && path->key) require_key(path->str(), value);
  } else if constexpr (Described<T>) {
    Walker<T> walker(value, path);
    fields::fields(walker, fields::Tag<T>{});
  }
  // Numbers, decimals, money, dates, currencies and enums carry no free text.
}

template <class T>
void check(const std::optional<T>& value, const Path* path) {
  if (value) check(*value, path);
}

template <class T>
void check(const std::vector<T>& items, const Path* path) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Path item{path, {}, i, path && path->key};
    check(items[i], &item);
  }
}

}  // namespace

template <class T>
void require_text(const T& input) {
  check(input, nullptr);
}

// The inputs of the public operations that store text.
#define OMS_TEXT_INPUT(T) template void require_text<T>(const T&);
OMS_TEXT_INPUT(Unit)
OMS_TEXT_INPUT(TaxClass)
OMS_TEXT_INPUT(Product)
OMS_TEXT_INPUT(PriceList)
OMS_TEXT_INPUT(Promotion)
OMS_TEXT_INPUT(Customer)
OMS_TEXT_INPUT(Warehouse)
OMS_TEXT_INPUT(Location)
OMS_TEXT_INPUT(ReceiptSpec)
OMS_TEXT_INPUT(TransferSpec)
OMS_TEXT_INPUT(StocktakeSpec)
OMS_TEXT_INPUT(NewOrder)
OMS_TEXT_INPUT(Amendment)
OMS_TEXT_INPUT(ShipmentSpec)
OMS_TEXT_INPUT(TrackingUpdate)
OMS_TEXT_INPUT(ReturnSpec)
OMS_TEXT_INPUT(InvoiceSpec)
OMS_TEXT_INPUT(PaymentSpec)
OMS_TEXT_INPUT(RefundSpec)
OMS_TEXT_INPUT(EngineOptions)
#undef OMS_TEXT_INPUT

}  // namespace oms::internal
