// Identifiers and small enums shared by the domain headers.
//
// Ids are assigned by the storage adapter when an entity is created; 0 means "none". They are
// strongly typed so that a product id cannot be passed where an order id is expected.
#ifndef OMS_TYPES_H_
#define OMS_TYPES_H_

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace oms {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  explicit operator bool() const noexcept { return value != 0; }
  friend auto operator<=>(const Id&, const Id&) = default;
  std::string to_string() const { return std::to_string(value); }
};

using ProductId = Id<struct ProductTag>;
using PriceListId = Id<struct PriceListTag>;
using PromotionId = Id<struct PromotionTag>;
using CustomerId = Id<struct CustomerTag>;
using WarehouseId = Id<struct WarehouseTag>;
using LocationId = Id<struct LocationTag>;
using LotId = Id<struct LotTag>;
using ReceiptId = Id<struct ReceiptTag>;
using MoveId = Id<struct MoveTag>;
using OrderId = Id<struct OrderTag>;
using ShipmentId = Id<struct ShipmentTag>;
using InvoiceId = Id<struct InvoiceTag>;
using PaymentId = Id<struct PaymentTag>;
using CreditNoteId = Id<struct CreditNoteTag>;
using RefundId = Id<struct RefundTag>;
using ReturnId = Id<struct ReturnTag>;

// The kinds of entity that have ids; storage adapters keep one id sequence per kind.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class EntityKind {
  kProduct,
  kPriceList,
  kPromotion,
  kCustomer,
  kWarehouse,
  kLocation,
  kLot,
  kReceipt,
  kMove,
  kOrder,
  kShipment,
  kInvoice,
  kPayment,
  kCreditNote,
  kRefund,
  kReturn,
};

// Customer grade (客户分级), from order frequency and amount. Ordered: VIP is the highest.
// Stored by number: the numbers are frozen; a new value goes at the end.
enum class CustomerGrade { kPotential = 0, kRegular = 1, kVip = 2 };
std::string_view to_string(CustomerGrade g) noexcept;

}  // namespace oms

template <class Tag>
struct std::hash<oms::Id<Tag>> {
  std::size_t operator()(const oms::Id<Tag>& id) const noexcept { return std::hash<std::int64_t>()(id.value); }
};

#endif  // OMS_TYPES_H_
