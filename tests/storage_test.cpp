// The storage interface itself, below the engine: what every adapter must list and keep.
#include <gtest/gtest.h>

#include "storage_adapters.h"

namespace oms {
namespace {

class StorageTest : public ::testing::TestWithParam<testing::StorageAdapter> {
 protected:
  void SetUp() override { storage_ = GetParam().make(); }

  void put(std::int64_t id, std::int64_t customer, ShipmentState state) {
    auto tx = storage_->begin(TxMode::kWrite);
    put_in(*tx, id, customer, state);
    tx->commit();
  }
  static void put_in(Transaction& tx, std::int64_t id, std::int64_t customer, ShipmentState state) {
    Shipment s;
    s.id = ShipmentId{id};
    s.number = "SH-" + std::to_string(id);
    s.customer = CustomerId{customer};
    s.customer_code = "C" + std::to_string(customer);
    s.state = state;
    tx.put(s);
  }
  // The ids of the shipments listed for `states` (and `customer`, when given).
  std::vector<std::int64_t> listed(std::vector<ShipmentState> states, std::optional<std::int64_t> customer = {},
                                   std::size_t limit = 0) {
    auto tx = storage_->begin(TxMode::kRead);
    ShipmentSelection q;
    q.states = std::move(states);
    if (customer) q.customer = CustomerId{*customer};
    q.limit = limit;
    std::vector<std::int64_t> ids;
    for (const auto& s : tx->list_shipments(q)) ids.push_back(s.id.value);
    return ids;
  }

  std::shared_ptr<Storage> storage_;
};

using S = ShipmentState;
using Ids = std::vector<std::int64_t>;

TEST_P(StorageTest, ShipmentsAreListedByStateInIdOrder) {
  put(1, 1, S::kDraft);
  put(2, 1, S::kPicked);
  put(3, 2, S::kShipped);
  put(4, 2, S::kDraft);
  EXPECT_EQ(listed({S::kDraft}), (Ids{1, 4}));
  EXPECT_EQ(listed({S::kPicked, S::kDraft}), (Ids{1, 2, 4}));
  EXPECT_EQ(listed({S::kDraft}, 2), (Ids{4}));
  EXPECT_EQ(listed({}), (Ids{1, 2, 3, 4}));
  EXPECT_EQ(listed({S::kDraft, S::kPicked, S::kShipped}, {}, 2), (Ids{1, 2}));
  EXPECT_EQ(listed({S::kDelivered}), Ids{});
}

TEST_P(StorageTest, ListingByStateFollowsEveryStateChange) {
  put(1, 1, S::kDraft);
  put(2, 1, S::kDraft);
  put(1, 1, S::kPicked);
  put(1, 1, S::kShipped);
  put(2, 1, S::kDelivered);
  EXPECT_EQ(listed({S::kDraft}), Ids{});
  EXPECT_EQ(listed({S::kPicked}), Ids{});
  EXPECT_EQ(listed({S::kShipped}), (Ids{1}));
  EXPECT_EQ(listed({S::kDelivered}), (Ids{2}));
}

TEST_P(StorageTest, ARolledBackStateChangeLeavesTheListingAsItWas) {
  put(1, 1, S::kDraft);
  {
    auto tx = storage_->begin(TxMode::kWrite);
    put_in(*tx, 1, 1, S::kShipped);
    put_in(*tx, 2, 1, S::kDraft);
    ShipmentSelection shipped;
    shipped.states = {S::kShipped};
    EXPECT_EQ(tx->list_shipments(shipped).size(), 1u);  // the transaction sees its own writes
  }  // destroyed without commit
  EXPECT_EQ(listed({S::kDraft}), (Ids{1}));
  EXPECT_EQ(listed({S::kShipped}), Ids{});
  auto tx = storage_->begin(TxMode::kRead);
  EXPECT_FALSE(tx->get(by::kShipmentId, ShipmentId{2}).has_value());
  EXPECT_FALSE(tx->get(by::kShipmentNumber, "SH-2").has_value());
}

TEST_P(StorageTest, InvoicesAreListedByStateAfterTheyChange) {
  const Currency cny = Currency::of("CNY").value();
  auto invoice = [&](std::int64_t id, InvoiceState state) {
    Invoice v;
    v.id = InvoiceId{id};
    v.number = "IV-" + std::to_string(id);
    v.customer = CustomerId{1};
    v.customer_code = "C1";
    v.currency = cny;
    v.date = Date{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(1)};
    v.due_date = v.date;
    v.state = state;
    return v;
  };
  {
    auto tx = storage_->begin(TxMode::kWrite);
    tx->put(invoice(1, InvoiceState::kDraft));
    tx->put(invoice(2, InvoiceState::kDraft));
    tx->put(invoice(2, InvoiceState::kIssued));
    tx->commit();
  }
  auto tx = storage_->begin(TxMode::kRead);
  InvoiceSelection drafts;
  drafts.states = {InvoiceState::kDraft};
  const auto listed_drafts = tx->list_invoices(drafts);
  ASSERT_EQ(listed_drafts.size(), 1u);
  EXPECT_EQ(listed_drafts[0].number, "IV-1");
  InvoiceSelection issued;
  issued.states = {InvoiceState::kIssued};
  ASSERT_EQ(tx->list_invoices(issued).size(), 1u);
  EXPECT_EQ(tx->list_invoices(issued)[0].number, "IV-2");
}

// The shipments of a product that have not gone out are listed from their index: a shipment with
// a line of the product while it is draft, picked or packed, once however many of its lines have
// the product, not after goods issue or cancellation, and a rolled-back write changes nothing.
TEST_P(StorageTest, UnissuedShipmentsAreListedByProductUntilTheyGoOut) {
  auto write = [&](std::int64_t id, ShipmentState state, std::vector<std::int64_t> products) {
    auto tx = storage_->begin(TxMode::kWrite);
    Shipment s;
    s.id = ShipmentId{id};
    s.number = "SH-" + std::to_string(id);
    s.customer = CustomerId{1};
    s.state = state;
    for (const std::int64_t p : products) {
      ShipmentLine l;
      l.line_no = static_cast<int>(s.lines.size()) + 1;
      l.product = ProductId{p};
      s.lines.push_back(l);
    }
    tx->put(s);
    return tx;
  };
  auto listed = [&](std::int64_t product) {
    auto tx = storage_->begin(TxMode::kRead);
    Ids ids;
    for (const auto& s : tx->list(by::kUnissuedShipmentsOfProduct, ProductId{product})) ids.push_back(s.id.value);
    return ids;
  };
  write(1, S::kDraft, {7, 8, 7})->commit();
  write(2, S::kPicked, {8})->commit();
  write(3, S::kShipped, {7})->commit();
  write(4, S::kPacked, {9, 7})->commit();
  EXPECT_EQ(listed(7), (Ids{1, 4}));
  EXPECT_EQ(listed(8), (Ids{1, 2}));
  EXPECT_EQ(listed(6), Ids{});
  write(1, S::kPicked, {7, 8, 7})->commit();
  write(4, S::kShipped, {9, 7})->commit();
  write(2, S::kCancelled, {8})->commit();
  EXPECT_EQ(listed(7), (Ids{1}));
  EXPECT_EQ(listed(8), (Ids{1}));
  EXPECT_EQ(listed(9), Ids{});
  write(1, S::kShipped, {7, 8, 7});  // rolled back
  EXPECT_EQ(listed(7), (Ids{1}));
  EXPECT_EQ(listed(8), (Ids{1}));
}

// An order written again and again keeps exactly what was written last: lines removed, added
// and changed, allocations added, changed and removed, decimals at their scale ("1.50" is not "1.5"), also when it
// is written twice in one transaction; a rolled-back write leaves the last committed version.
TEST_P(StorageTest, AnOrderReadsBackExactlyAsLastWrittenAcrossRewrites) {
  using namespace oms::literals;
  const Currency cny = Currency::of("CNY").value();
  auto line = [&](int no, std::int64_t product, const char* qty) {
    OrderLine l;
    l.line_no = no;
    l.product = ProductId{product};
    l.sku = "P" + std::to_string(product);
    l.quantity = Decimal::from_string(qty);
    l.unit = "pcs";
    l.unit_price = Money(Decimal::from_string("2.00"), cny);
    l.unit_cost = Money(Decimal::from_string("1.00"), cny);
    return l;
  };
  {
    auto tx = storage_->begin(TxMode::kWrite);
    tx->put(Unit{"pcs", "pieces", 2});
    for (std::int64_t p : {1, 2}) {
      Product product;
      product.id = ProductId{p};
      product.sku = "P" + std::to_string(p);
      product.name = product.sku;
      product.unit = "pcs";
      tx->put(product);
    }
    tx->put(Warehouse{WarehouseId{1}, "N", "North", "north", true});
    Customer c;
    c.id = CustomerId{1};
    c.code = "C1";
    c.name = "One";
    tx->put(c);
    Order o;
    o.id = OrderId{1};
    o.number = "SO-1";
    o.customer = CustomerId{1};
    o.customer_code = "C1";
    o.currency = cny;
    o.order_date = Date{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(1)};
    o.lines = {line(1, 1, "2"), line(2, 2, "1.5"), line(3, 1, "3")};
    o.lines[0].allocations = {{WarehouseId{1}, 2_d}};
    o.next_line_no = 4;
    tx->put(o);
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    Order o = *tx->get(by::kOrderId, OrderId{1});
    o.state = OrderState::kConfirmed;
    o.lines[1].quantity = Decimal::from_string("1.50");  // the same value, another scale
    o.lines.erase(o.lines.begin() + 2);                     // line 3 goes
    o.lines.push_back(line(4, 2, "5"));
    o.lines.back().allocations = {{WarehouseId{1}, 5_d}};
    o.lines[0].allocations = {{WarehouseId{1}, 1_d}, {WarehouseId{1}, Decimal::from_string("1.0")}};
    tx->put(o);
    Order again = *tx->get(by::kOrderId, OrderId{1});
    again.lines[0].note = "fragile";
    again.lines[0].shipped = 1_d;
    tx->put(again);
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kRead);
    const Order o = *tx->get(by::kOrderId, OrderId{1});
    ASSERT_EQ(o.lines[0].allocations.size(), 2u);
    EXPECT_EQ(o.lines[0].allocations[1].quantity.to_string(), "1.0");
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    Order o = *tx->get(by::kOrderId, OrderId{1});
    // The first the same value at another scale, the second gone.
    o.lines[0].allocations = {{WarehouseId{1}, Decimal::from_string("1.00")}};
    o.lines[2].allocations.clear();
    tx->put(o);
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    Order o = *tx->get(by::kOrderId, OrderId{1});
    o.lines[0].note = "rolled back";
    o.lines.pop_back();
    tx->put(o);  // destroyed without commit
  }
  auto tx = storage_->begin(TxMode::kRead);
  const Order o = *tx->get(by::kOrderId, OrderId{1});
  EXPECT_EQ(o.state, OrderState::kConfirmed);
  ASSERT_EQ(o.lines.size(), 3u);
  EXPECT_EQ(o.lines[0].line_no, 1);
  EXPECT_EQ(o.lines[0].note, "fragile");
  EXPECT_EQ(o.lines[0].shipped.to_string(), "1");
  ASSERT_EQ(o.lines[0].allocations.size(), 1u);
  EXPECT_EQ(o.lines[0].allocations[0].quantity.to_string(), "1.00");
  EXPECT_EQ(o.lines[1].line_no, 2);
  EXPECT_EQ(o.lines[1].quantity.to_string(), "1.50");
  EXPECT_EQ(o.lines[2].line_no, 4);
  EXPECT_TRUE(o.lines[2].allocations.empty());
  EXPECT_EQ(tx->get(by::kOrderNumber, "SO-1")->lines.size(), 3u);
}

// Document-flow links come back in the order they were appended, from and to each document
// (the same number under another kind is another document), also to a transaction that read
// them before, and a rolled-back append leaves no trace.
TEST_P(StorageTest, LinksAreListedInTheOrderTheyWereAppended) {
  using K = DocumentKind;
  auto link = [](K from_kind, const char* from, K to_kind, const char* to, int from_line) {
    DocumentLink l;
    l.from = {from_kind, from};
    l.to = {to_kind, to};
    l.from_line = from_line;
    l.relation = "ships";
    return l;
  };
  auto lines = [](const std::vector<DocumentLink>& links) {
    std::vector<std::string> out;
    for (const auto& l : links) out.push_back(l.from.number + ":" + std::to_string(l.from_line) + ">" + l.to.number);
    return out;
  };
  using Lines = std::vector<std::string>;
  {
    auto tx = storage_->begin(TxMode::kWrite);
    // Read before they have links: an adapter that remembers what it read must add to it.
    EXPECT_TRUE(tx->list(by::kLinksFrom, {K::kOrder, "SO-1"}).empty());
    EXPECT_TRUE(tx->list(by::kLinksTo, {K::kShipment, "SH-1"}).empty());
    tx->put(link(K::kOrder, "SO-1", K::kShipment, "SH-1", 1));
    tx->put(link(K::kOrder, "SO-2", K::kShipment, "SH-1", 1));
    tx->put(link(K::kOrder, "SO-1", K::kShipment, "SH-2", 2));
    tx->put(link(K::kOrder, "SO-1", K::kShipment, "SH-1", 3));
    tx->put(link(K::kInvoice, "SO-1", K::kPayment, "PAY-1", 1));
    EXPECT_EQ(tx->list(by::kLinksFrom, {K::kOrder, "SO-1"}).size(), 3u);  // its own writes
    EXPECT_EQ(tx->list(by::kLinksTo, {K::kShipment, "SH-1"}).size(), 3u);
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    tx->put(link(K::kOrder, "SO-1", K::kShipment, "SH-9", 9));  // rolled back
    tx->put(link(K::kOrder, "SO-3", K::kShipment, "SH-9", 1));  // rolled back
  }
  {
    auto tx = storage_->begin(TxMode::kRead);
    EXPECT_EQ(lines(tx->list(by::kLinksFrom, {K::kOrder, "SO-1"})), (Lines{"SO-1:1>SH-1", "SO-1:2>SH-2", "SO-1:3>SH-1"}));
    EXPECT_EQ(lines(tx->list(by::kLinksTo, {K::kShipment, "SH-1"})), (Lines{"SO-1:1>SH-1", "SO-2:1>SH-1", "SO-1:3>SH-1"}));
    EXPECT_EQ(lines(tx->list(by::kLinksFrom, {K::kInvoice, "SO-1"})), (Lines{"SO-1:1>PAY-1"}));
    EXPECT_TRUE(tx->list(by::kLinksTo, {K::kShipment, "SH-9"}).empty());
    EXPECT_TRUE(tx->list(by::kLinksFrom, {K::kOrder, "SO-3"}).empty());
    EXPECT_TRUE(tx->list(by::kLinksFrom, {K::kShipment, "SH-1"}).empty());
  }
  {
    // The documents of the rolled-back links are linked again, and found by their new links only.
    auto tx = storage_->begin(TxMode::kWrite);
    tx->put(link(K::kOrder, "SO-3", K::kShipment, "SH-9", 4));
    tx->put(link(K::kOrder, "SO-1", K::kShipment, "SH-9", 5));
    tx->commit();
  }
  auto tx = storage_->begin(TxMode::kRead);
  EXPECT_EQ(lines(tx->list(by::kLinksTo, {K::kShipment, "SH-9"})), (Lines{"SO-3:4>SH-9", "SO-1:5>SH-9"}));
  EXPECT_EQ(lines(tx->list(by::kLinksFrom, {K::kOrder, "SO-3"})), (Lines{"SO-3:4>SH-9"}));
  EXPECT_EQ(lines(tx->list(by::kLinksFrom, {K::kOrder, "SO-1"})),
            (Lines{"SO-1:1>SH-1", "SO-1:2>SH-2", "SO-1:3>SH-1", "SO-1:5>SH-9"}));
}

// A product whose SKU changes, or a customer whose code changes, is found by the new key only,
// also by a storage that has already looked it up by the old one.
TEST_P(StorageTest, ARekeyedProductOrCustomerIsFoundByItsNewKeyOnly) {
  Product p;
  p.id = ProductId{1};
  p.sku = "OLD-SKU";
  p.name = "Tea";
  p.unit = "pcs";
  Customer c;
  c.id = CustomerId{1};
  c.code = "OLD";
  c.name = "Acme";
  {
    auto tx = storage_->begin(TxMode::kWrite);
    tx->put(Unit{"pcs", "pieces", 0});
    tx->put(p);
    tx->put(c);
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    ASSERT_TRUE(tx->get(by::kProductSku, "OLD-SKU").has_value());
    ASSERT_TRUE(tx->get(by::kCustomerCode, "OLD").has_value());
    tx->commit();
  }
  {
    auto tx = storage_->begin(TxMode::kWrite);
    p.sku = "NEW-SKU";
    c.code = "NEW";
    tx->put(p);
    tx->put(c);
    tx->commit();
  }
  auto tx = storage_->begin(TxMode::kWrite);
  EXPECT_FALSE(tx->get(by::kProductSku, "OLD-SKU").has_value());
  EXPECT_EQ(tx->get(by::kProductSku, "NEW-SKU")->id, ProductId{1});
  EXPECT_FALSE(tx->get(by::kCustomerCode, "OLD").has_value());
  EXPECT_EQ(tx->get(by::kCustomerCode, "NEW")->id, CustomerId{1});
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(StorageTest);

}  // namespace
}  // namespace oms
