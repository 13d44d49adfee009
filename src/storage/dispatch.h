// Internal: the seam's two generic calls, Transaction::find and Transaction::write, turned into
// calls of an adapter's typed methods. Both built-in adapters name their methods alike (get_unit,
// list_moves, put(const Product&), ...) and forward through these, so that the lookups of
// OMS_STORAGE_INDEXES are mapped to methods in one place. A new lookup is one case here and one
// method per adapter; the compiler names the adapter that lacks it.
#ifndef OMS_SRC_STORAGE_DISPATCH_H_
#define OMS_SRC_STORAGE_DISPATCH_H_

#include "oms/status.h"
#include "oms/storage.h"

namespace oms::internal {

template <class Adapter>
void find_in(Adapter& a, const Lookup& lookup, Found& found) {
  const auto& n = lookup.key.numbers;
  const auto& t = lookup.key.texts;
  const auto doc_kind = [&] { return static_cast<DocumentKind>(n[0]); };
  switch (lookup.index) {
    case Index::kUnitCode: return found.set(a.get_unit(t[0]));
    case Index::kAllUnits: return found.set(a.list_units());
    case Index::kTaxClassCode: return found.set(a.get_tax_class(t[0]));
    case Index::kAllTaxClasses: return found.set(a.list_tax_classes());
    case Index::kProductId: return found.set(a.get_product(ProductId{n[0]}));
    case Index::kProductSku: return found.set(a.find_product_by_sku(t[0]));
    case Index::kProductBarcode: return found.set(a.find_product_by_barcode(t[0]));
    case Index::kAllProducts: return found.set(a.list_products());
    case Index::kPriceListId: return found.set(a.get_price_list(PriceListId{n[0]}));
    case Index::kPriceListCode: return found.set(a.find_price_list(t[0]));
    case Index::kAllPriceLists: return found.set(a.list_price_lists());
    case Index::kPriceEntriesOfProduct: return found.set(a.price_entries_for_product(ProductId{n[0]}));
    case Index::kPromotionCode: return found.set(a.find_promotion(t[0]));
    case Index::kAllPromotions: return found.set(a.list_promotions());
    case Index::kCustomerId: return found.set(a.get_customer(CustomerId{n[0]}));
    case Index::kCustomerCode: return found.set(a.find_customer_by_code(t[0]));
    case Index::kAllCustomers: return found.set(a.list_customers());
    case Index::kCreditAccount: return found.set(a.get_credit_account(CustomerId{n[0]}, t[0]));
    case Index::kWarehouseId: return found.set(a.get_warehouse(WarehouseId{n[0]}));
    case Index::kWarehouseCode: return found.set(a.find_warehouse(t[0]));
    case Index::kAllWarehouses: return found.set(a.list_warehouses());
    case Index::kLocationId: return found.set(a.get_location(LocationId{n[0]}));
    case Index::kLocationCode: return found.set(a.find_location(WarehouseId{n[0]}, t[0]));
    case Index::kLotId: return found.set(a.get_lot(LotId{n[0]}));
    case Index::kLotNumber: return found.set(a.find_lot(ProductId{n[0]}, t[0]));
    case Index::kLotsNumbered: return found.set(a.find_lots_by_number(t[0]));
    case Index::kSerial: return found.set(a.find_serial(ProductId{n[0]}, t[0]));
    case Index::kSerialsCoded: return found.set(a.find_serials_by_code(t[0]));
    case Index::kMovesOfProduct: return found.set(a.list_moves(ProductId{n[0]}));
    case Index::kQuant: return found.set(a.get_quant(ProductId{n[0]}, LocationId{n[1]}, LotId{n[2]}));
    case Index::kQuantsOfProduct: return found.set(a.list_quants(ProductId{n[0]}));
    case Index::kQuantsInWarehouse: return found.set(a.list_quants_in_warehouse(WarehouseId{n[0]}));
    case Index::kWarehouseStock: return found.set(a.get_warehouse_stock(ProductId{n[0]}, WarehouseId{n[1]}));
    case Index::kWarehouseStockOfProduct: return found.set(a.list_warehouse_stock(ProductId{n[0]}));
    case Index::kValuationOfProduct: return found.set(a.get_valuation(ProductId{n[0]}));
    case Index::kReceiptId: return found.set(a.get_receipt(ReceiptId{n[0]}));
    case Index::kReceiptNumber: return found.set(a.find_receipt(t[0]));
    case Index::kOrderId: return found.set(a.get_order(OrderId{n[0]}));
    case Index::kOrderNumber: return found.set(a.find_order_by_number(t[0]));
    case Index::kOrderExternal: return found.set(a.find_order_by_external(ExternalRef{std::string(t[0]), std::string(t[1])}));
    case Index::kBackorderedOrders: return found.set(a.list_backordered_orders());
    case Index::kOpenOrdersWithProduct: return found.set(a.list_open_orders_with_product(ProductId{n[0]}));
    case Index::kShipmentId: return found.set(a.get_shipment(ShipmentId{n[0]}));
    case Index::kShipmentNumber: return found.set(a.find_shipment(t[0]));
    case Index::kUnissuedShipmentsOfProduct: return found.set(a.list_unissued_shipments_of(ProductId{n[0]}));
    case Index::kInvoiceId: return found.set(a.get_invoice(InvoiceId{n[0]}));
    case Index::kInvoiceNumber: return found.set(a.find_invoice(t[0]));
    case Index::kPaymentNumber: return found.set(a.find_payment(t[0]));
    case Index::kPaymentsOfCustomer: return found.set(a.list_payments(CustomerId{n[0]}));
    case Index::kCreditNoteNumber: return found.set(a.find_credit_note(t[0]));
    case Index::kCreditNotesOfCustomer: return found.set(a.list_credit_notes(CustomerId{n[0]}));
    case Index::kRefundNumber: return found.set(a.find_refund(t[0]));
    case Index::kRefundsOfCustomer: return found.set(a.list_refunds(CustomerId{n[0]}));
    case Index::kReturnNumber: return found.set(a.find_return(t[0]));
    case Index::kLinksFrom: return found.set(a.links_from(doc_kind(), t[0]));
    case Index::kLinksTo: return found.set(a.links_to(doc_kind(), t[0]));
  }
  throw Error(Status::Internal("unknown storage index " + std::to_string(static_cast<int>(lookup.index))));
}

// Calls the adapter's put overload for the entity's own type.
template <class Adapter>
void write_to(Adapter& a, const EntityRef& entity) {
  entity.visit([&](const auto& e) { a.put(e); });
}

}  // namespace oms::internal

#endif  // OMS_SRC_STORAGE_DISPATCH_H_
