#include "text_check.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "fields.h"
#include "oms/status.h"
#include "utf8.h"

namespace oms::internal {

void require_text(std::string_view field, std::string_view value) {
  const std::size_t bad = utf8_error_offset(value);
  if (bad == std::string_view::npos) return;
  char why[80];
  std::snprintf(why, sizeof why, "is not valid UTF-8 text (byte 0x%02X at offset %zu)",
                static_cast<unsigned>(static_cast<unsigned char>(value[bad])), bad);
  throw Error(Status::InvalidArgument(field, "", why));
}

namespace {

template <class T>
void check(const T& value, const std::string& path);
template <class T>
void check(const std::optional<T>& value, const std::string& path);
template <class T>
void check(const std::vector<T>& items, const std::string& path);

// Visits the members of one described value, extending the path by each member's name.
template <class T>
class Walker {
 public:
  Walker(const T& value, const std::string& path) : value_(value), path_(path) {}

  template <class M>
  void operator()(std::string_view name, M T::*member) {
    std::string path = path_;
    if (!path.empty()) path += '.';
    path += name;
    check(value_.*member, path);
  }
  template <class R>
  void computed(std::string_view, R (T::*)() const) {}  // derived, not input

 private:
  const T& value_;
  const std::string& path_;
};

template <class T>
concept Described = requires(Walker<T>& w) { fields::fields(w, fields::Tag<T>{}); };

template <class T>
void check(const T& value, const std::string& path) {
  if constexpr (std::is_same_v<T, std::string>) {
    require_text(path, value);
  } else if constexpr (Described<T>) {
    Walker<T> walker(value, path);
    fields::fields(walker, fields::Tag<T>{});
  }
  // Numbers, decimals, money, dates, currencies and enums carry no free text.
}

template <class T>
void check(const std::optional<T>& value, const std::string& path) {
  if (value) check(*value, path);
}

template <class T>
void check(const std::vector<T>& items, const std::string& path) {
  for (std::size_t i = 0; i < items.size(); ++i) check(items[i], path + "[" + std::to_string(i) + "]");
}

}  // namespace

template <class T>
void require_text(const T& input) {
  check(input, std::string());
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
