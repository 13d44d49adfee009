// Every member of every stored entity, written through each adapter and read back from a new
// storage object on the same data: what one layer writes and another reads must agree on every
// member the schema lists. The values come from the schema (schema_values.h), not from a list of
// members here, so a member added to a type is covered as soon as the schema lists it.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "oms/storage.h"
#include "schema_values.h"
#include "storage_adapters.h"

namespace oms::testing {
namespace {

// One entity as written, and how to read it back.
struct Written {
  std::string entity;
  std::string dump;
  std::function<std::string(Transaction&)> read;
};

template <class T>
std::string dump_or_missing(const std::optional<T>& v) {
  return v ? dump(*v) : std::string("(not found)\n");
}

// One of every entity the storage keeps, every member set from `seed`, read back by its key and
// by every index the adapters keep for it. Seed 2 writes the same keys again with every other
// member changed (numbers, SKUs and codes included), so the adapters' update paths and the
// upkeep of their indexes are read back too. Keys that are codes are the same in both rounds,
// and members that refer to another entity by its code are set to that code, so that the book
// is consistent for adapters that check references (ids of one kind agree already).
std::vector<Written> write_book(Transaction& tx, int seed) {
  Filler f(seed);
  std::vector<Written> out;
  auto keep = [&](const char* entity, const auto& value, auto read) {
    out.push_back({entity, dump(value), [read](Transaction& t) { return dump_or_missing(read(t)); }});
  };

  auto unit = f.make<Unit>();
  unit.code = "pc";
  tx.put(unit);
  keep("Unit", unit, [code = unit.code](Transaction& t) { return t.get(by::kUnitCode, code); });
  auto tax_class = f.make<TaxClass>();
  tax_class.code = "std";
  tx.put(tax_class);
  keep("TaxClass", tax_class, [code = tax_class.code](Transaction& t) { return t.get(by::kTaxClassCode, code); });
  auto product = f.make<Product>();
  product.unit = unit.code;
  tx.put(product);
  keep("Product", product, [id = product.id](Transaction& t) { return t.get(by::kProductId, id); });
  keep("Product by SKU", product, [sku = product.sku](Transaction& t) { return t.get(by::kProductSku, sku); });
  keep("Product by barcode", product,
       [code = product.barcodes.at(0)](Transaction& t) { return t.get(by::kProductBarcode, code); });
  const auto price_list = f.make<PriceList>();
  tx.put(price_list);
  keep("PriceList", price_list, [id = price_list.id](Transaction& t) { return t.get(by::kPriceListId, id); });
  keep("PriceList by code", price_list, [code = price_list.code](Transaction& t) { return t.get(by::kPriceListCode, code); });
  const auto entry = f.make<PriceListEntry>();
  tx.put(entry);
  keep("PriceListEntry", entry, [id = product.id](Transaction& t) {
    auto all = t.list(by::kPriceEntriesOfProduct, id);
    return all.empty() ? std::nullopt : std::optional(all.back());
  });
  auto promotion = f.make<Promotion>();
  promotion.code = "SPRING";
  tx.put(promotion);
  keep("Promotion", promotion, [code = promotion.code](Transaction& t) { return t.get(by::kPromotionCode, code); });

  const auto customer = f.make<Customer>();
  tx.put(customer);
  keep("Customer", customer, [id = customer.id](Transaction& t) { return t.get(by::kCustomerId, id); });
  keep("Customer by code", customer, [code = customer.code](Transaction& t) { return t.get(by::kCustomerCode, code); });
  const auto account = f.make<CreditAccount>();
  tx.put(account);
  keep("CreditAccount", account,
       [account](Transaction& t) { return t.get(by::kCreditAccount, account.customer, account.currency); });

  const auto warehouse = f.make<Warehouse>();
  tx.put(warehouse);
  keep("Warehouse", warehouse, [id = warehouse.id](Transaction& t) { return t.get(by::kWarehouseId, id); });
  keep("Warehouse by code", warehouse, [code = warehouse.code](Transaction& t) { return t.get(by::kWarehouseCode, code); });
  const auto location = f.make<Location>();
  tx.put(location);
  keep("Location", location, [id = location.id](Transaction& t) { return t.get(by::kLocationId, id); });
  keep("Location by code", location,
       [location](Transaction& t) { return t.get(by::kLocationCode, location.warehouse, location.code); });
  const auto lot = f.make<Lot>();
  tx.put(lot);
  keep("Lot", lot, [id = lot.id](Transaction& t) { return t.get(by::kLotId, id); });
  keep("Lot by number", lot, [lot](Transaction& t) { return t.get(by::kLotNumber, lot.product, lot.lot_number); });
  auto serial = f.make<SerialItem>();
  serial.serial = "SN-1";
  tx.put(serial);
  keep("SerialItem", serial, [serial](Transaction& t) { return t.get(by::kSerial, serial.product, serial.serial); });
  keep("SerialItem by code", serial, [code = serial.serial](Transaction& t) {
    auto all = t.list(by::kSerialsCoded, code);
    return all.empty() ? std::nullopt : std::optional(all.front());
  });

  auto move = f.make<StockMove>();
  move.id.value += seed;  // the ledger only grows: each round appends a move of its own
  tx.put(move);
  keep("StockMove", move, [move](Transaction& t) {
    for (auto& m : t.list(by::kMovesOfProduct, move.product)) {
      if (m.id == move.id) return std::optional(m);
    }
    return std::optional<StockMove>();
  });
  const auto quant = f.make<StockQuant>();
  tx.put(quant);
  keep("StockQuant", quant, [quant](Transaction& t) { return t.get(by::kQuant, quant.product, quant.location, quant.lot); });
  const auto stock = f.make<WarehouseStock>();
  tx.put(stock);
  keep("WarehouseStock", stock,
       [stock](Transaction& t) { return t.get(by::kWarehouseStock, stock.product, stock.warehouse); });
  const auto valuation = f.make<Valuation>();
  tx.put(valuation);
  keep("Valuation", valuation, [id = valuation.product](Transaction& t) { return t.get(by::kValuationOfProduct, id); });
  const auto receipt = f.make<Receipt>();
  tx.put(receipt);
  keep("Receipt", receipt, [id = receipt.id](Transaction& t) { return t.get(by::kReceiptId, id); });
  keep("Receipt by number", receipt, [number = receipt.number](Transaction& t) { return t.get(by::kReceiptNumber, number); });

  auto order = f.make<Order>();
  order.history.clear();  // only grows (storage.h): seed 2 adds a change to the one of seed 1
  for (int i = 1; i <= seed; ++i) order.history.push_back(Filler(50 + i).make<StateChange>());
  tx.put(order);
  keep("Order", order, [id = order.id](Transaction& t) { return t.get(by::kOrderId, id); });
  keep("Order by number", order, [number = order.number](Transaction& t) { return t.get(by::kOrderNumber, number); });
  keep("Order by external reference", order,
       [ref = order.external](Transaction& t) { return t.get(by::kOrderExternal, ref); });

  const auto shipment = f.make<Shipment>();
  tx.put(shipment);
  keep("Shipment", shipment, [id = shipment.id](Transaction& t) { return t.get(by::kShipmentId, id); });
  keep("Shipment by number", shipment, [number = shipment.number](Transaction& t) { return t.get(by::kShipmentNumber, number); });
  const auto invoice = f.make<Invoice>();
  tx.put(invoice);
  keep("Invoice", invoice, [id = invoice.id](Transaction& t) { return t.get(by::kInvoiceId, id); });
  keep("Invoice by number", invoice, [number = invoice.number](Transaction& t) { return t.get(by::kInvoiceNumber, number); });
  const auto payment = f.make<Payment>();
  tx.put(payment);
  keep("Payment", payment, [number = payment.number](Transaction& t) { return t.get(by::kPaymentNumber, number); });
  const auto credit_note = f.make<CreditNote>();
  tx.put(credit_note);
  keep("CreditNote", credit_note, [number = credit_note.number](Transaction& t) { return t.get(by::kCreditNoteNumber, number); });
  const auto refund = f.make<Refund>();
  tx.put(refund);
  keep("Refund", refund, [number = refund.number](Transaction& t) { return t.get(by::kRefundNumber, number); });
  const auto customer_return = f.make<CustomerReturn>();
  tx.put(customer_return);
  keep("CustomerReturn", customer_return,
       [number = customer_return.number](Transaction& t) { return t.get(by::kReturnNumber, number); });

  const auto link = f.make<DocumentLink>();
  tx.put(link);
  keep("DocumentLink", link, [from = link.from](Transaction& t) {
    auto all = t.list(by::kLinksFrom, from);
    return all.empty() ? std::nullopt : std::optional(all.back());
  });
  keep("DocumentLink by its downstream document", link, [to = link.to](Transaction& t) {
    auto all = t.list(by::kLinksTo, to);
    return all.empty() ? std::nullopt : std::optional(all.back());
  });
  auto event = f.make<Event>();
  event.sequence = tx.append_event(event);  // the journal numbers its events
  keep("Event", event, [sequence = event.sequence](Transaction& t) {
    auto all = t.read_events(sequence - 1, 1);
    return all.empty() ? std::nullopt : std::optional(all.front());
  });
  return out;
}

class RoundTripTest : public ::testing::TestWithParam<StorageAdapter> {};

TEST_P(RoundTripTest, EveryMemberOfEveryEntityReadsBackFromANewStorageObject) {
  const StoragePlace place = GetParam().place();
  for (int seed : {1, 2}) {
    SCOPED_TRACE(seed == 1 ? "written new" : "written over");
    std::vector<Written> book;
    {
      auto storage = place();
      auto tx = storage->begin(TxMode::kWrite);
      book = write_book(*tx, seed);
      tx->commit();
    }
    auto storage = place();
    auto tx = storage->begin(TxMode::kRead);
    for (const auto& w : book) EXPECT_EQ(w.read(*tx), w.dump) << w.entity;
  }
}

// The values above can only find a lost member if they set every member: none may keep its
// default (Filler gives each leaf a number of its own, so no two members share a value either).
TEST(SchemaFillerTest, EveryMemberOfAnOrderDiffersFromItsDefault) {
  Filler f(1);
  const std::string filled = "\n" + dump(f.make<Order>());
  EXPECT_NE(filled.find("\nrevisions[0].previous_lines[0].in_shipment = "), std::string::npos) << filled;
  for (const std::string& default_line : lines_of(dump(Order{}))) {
    const std::string line = "\n" + default_line + "\n";
    EXPECT_EQ(filled.find(line), std::string::npos) << "still its default: '" << default_line << "'";
  }
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(RoundTripTest);

}  // namespace
}  // namespace oms::testing
