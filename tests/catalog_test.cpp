#include "fixture.h"

namespace oms::testing {
namespace {

class CatalogTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }
};

TEST_P(CatalogTest, FindsProductBySkuAndByBarcode) {
  Product p = product("SOAP", "pcs", "3.20", "1.00", "VAT13", "0");
  p.barcodes = {"4006381333931", "036000291452", "INT-SOAP-1"};  // EAN-13, UPC-A, internal
  const Product created = ok(eng->create_product(p, "setup"));
  EXPECT_TRUE(created.id);
  EXPECT_EQ(ok(eng->product("SOAP")).id, created.id);
  EXPECT_EQ(ok(eng->product_by_barcode("036000291452")).sku, "SOAP");
  EXPECT_EQ(ok(eng->product_by_barcode("INT-SOAP-1")).sku, "SOAP");
  EXPECT_EQ(eng->product_by_barcode("0000").status().code(), StatusCode::kNotFound);
}

TEST_P(CatalogTest, RefusesDuplicateSkuNamingIt) {
  auto r = eng->create_product(product("TEA", "pcs", "1.00", "1.00", "", "0"), "setup");
  ASSERT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(r.status().message(), "sku 'TEA' already exists");
  EXPECT_EQ(r.status().field(), "sku");
}

TEST_P(CatalogTest, RefusesWrongCheckDigits) {
  Product p = product("SOAP", "pcs", "3.20", "1.00", "", "0");
  p.barcodes = {"4006381333932"};
  auto r = eng->create_product(p, "setup");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "barcodes[0] '4006381333932' has a wrong EAN-13 check digit");
  p.barcodes = {"036000291453"};
  EXPECT_EQ(eng->create_product(p, "setup").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(eng->product("SOAP").status().code(), StatusCode::kNotFound);  // nothing half-made
}

TEST_P(CatalogTest, BarcodeBelongsToOneProduct) {
  Product a = product("A1", "pcs", "1.00", "1.00", "", "0");
  a.barcodes = {"4006381333931"};
  ok(eng->create_product(a, "setup"));
  Product b = product("B1", "pcs", "1.00", "1.00", "", "0");
  b.barcodes = {"4006381333931"};
  auto r = eng->create_product(b, "setup");
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(r.status().message().find("'A1'"), std::string::npos);
}

TEST_P(CatalogTest, UpdateReplacesBarcodesAndKeepsIndexesTrue) {
  Product p = ok(eng->product("TEA"));
  p.barcodes = {"4006381333931"};
  p.name = "Green tea";
  ok(eng->update_product(p, "setup"));
  p.barcodes = {"036000291452"};
  ok(eng->update_product(p, "setup"));
  EXPECT_EQ(eng->product_by_barcode("4006381333931").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ok(eng->product_by_barcode("036000291452")).name, "Green tea");
}

TEST_P(CatalogTest, RefusesUnknownUnitAndTaxClass) {
  EXPECT_EQ(eng->create_product(product("X", "crate", "1.00", "1.00", "", "0"), "s").status().message(),
            "unit 'crate' not found");
  EXPECT_EQ(eng->create_product(product("X", "pcs", "1.00", "1.00", "GST", "0"), "s").status().message(),
            "tax_class 'GST' not found");
}

TEST_P(CatalogTest, UnitAndTrackingAreFrozenOnceStockMoved) {
  receive("TEA", "N", "10");
  Product p = ok(eng->product("TEA"));
  p.unit = "kg";
  auto r = eng->update_product(p, "setup");
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().field(), "unit");
  p.unit = "pcs";
  p.low_stock_threshold = 2;
  EXPECT_TRUE(eng->update_product(p, "setup").ok());
}

TEST_P(CatalogTest, DefinesUnitsWithTheirPrecision) {
  ok(eng->define_unit({"ct", "cartons", 0}, "setup"));
  EXPECT_EQ(eng->define_unit({"ct", "cartons", 0}, "setup").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(eng->define_unit({"x", "x", 9}, "setup").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(eng->define_tax_class({"BAD", "bad", "-0.1"_d}, "setup").code(), StatusCode::kInvalidArgument);
}

class PricingTest : public CatalogTest {
 protected:
  void price_list(std::string code, PriceScope scope, std::vector<PriceBreak> breaks, int priority = 0,
                  BreakRule rule = BreakRule::kAllUnits) {
    PriceList l;
    l.code = code;
    l.name = code;
    l.currency = currency("CNY");
    l.scope = scope;
    l.grade = CustomerGrade::kVip;
    l.customer_code = "ACME";
    l.priority = priority;
    l.break_rule = rule;
    ok(eng->create_price_list(l, "pricing"));
    ok(eng->set_prices(code, "TEA", std::move(breaks), "pricing"));
  }
  PriceQuote quote(const char* customer, const char* qty) {
    return ok(eng->quote_price(customer, "TEA", Decimal::from_string(qty), "CNY"));
  }
};

TEST_P(PricingTest, MoreSpecificPriceListWins) {
  price_list("BASE", PriceScope::kEveryone, {{0, "9.00"_d}});
  price_list("VIP", PriceScope::kGrade, {{0, "8.00"_d}});
  price_list("ACME", PriceScope::kCustomer, {{0, "7.00"_d}});
  EXPECT_EQ(quote("ACME", "1").unit_price, cny("7.00"));
  EXPECT_EQ(quote("ACME", "1").source, (PriceSource{PriceSourceKind::kPriceList, "ACME"}));
  EXPECT_EQ(quote("BETA", "1").unit_price, cny("8.00"));  // VIP
  EXPECT_EQ(quote("GAMMA", "1").unit_price, cny("9.00"));
  EXPECT_EQ(quote("", "1").source.reference, "BASE");
}

TEST_P(PricingTest, HigherPriorityWinsWithinAScope) {
  price_list("LOW", PriceScope::kEveryone, {{0, "9.50"_d}}, 0);
  price_list("HIGH", PriceScope::kEveryone, {{0, "9.10"_d}}, 5);
  EXPECT_EQ(quote("GAMMA", "1").source.reference, "HIGH");
}

TEST_P(PricingTest, ListsOutsideTheirValidityAreIgnored) {
  PriceList l;
  l.code = "XMAS";
  l.name = "Christmas";
  l.currency = currency("CNY");
  l.valid_from = day(2026, 12, 20);
  l.valid_to = day(2026, 12, 26);
  ok(eng->create_price_list(l, "pricing"));
  ok(eng->set_prices("XMAS", "TEA", {{0, "5.00"_d}}, "pricing"));
  EXPECT_EQ(quote("GAMMA", "1").source.kind, PriceSourceKind::kListPrice);
  EXPECT_EQ(ok(eng->quote_price("GAMMA", "TEA", 1, "CNY", day(2026, 12, 24))).unit_price, cny("5.00"));
  l.code = "BAD";
  l.valid_to = day(2026, 12, 1);
  EXPECT_EQ(eng->create_price_list(l, "pricing").status().field(), "valid_to");
}

TEST_P(PricingTest, AllUnitsAndIncrementalBreaks) {
  price_list("ALL", PriceScope::kEveryone, {{0, "10.00"_d}, {10, "9.00"_d}, {50, "8.00"_d}});
  EXPECT_EQ(quote("GAMMA", "10").line_amount.amount(), "90.00"_d);
  EXPECT_EQ(quote("GAMMA", "60").line_amount.amount(), "480.00"_d);
  price_list("INC", PriceScope::kEveryone, {{0, "10.00"_d}, {10, "9.00"_d}, {50, "8.00"_d}}, 1, BreakRule::kIncremental);
  EXPECT_EQ(quote("GAMMA", "60").line_amount.amount(), "540.00"_d);
}

TEST_P(PricingTest, FallsBackToListPriceThenToNoPrice) {
  EXPECT_EQ(quote("GAMMA", "2").source.kind, PriceSourceKind::kListPrice);
  EXPECT_EQ(quote("GAMMA", "2").unit_price, cny("10.00"));
  const PriceQuote usd = ok(eng->quote_price("GAMMA", "TEA", 1, "USD"));
  EXPECT_EQ(usd.source.kind, PriceSourceKind::kNone);
}

TEST_P(PricingTest, SetPricesRefusesBadBreaks) {
  PriceList l;
  l.code = "P";
  l.name = "P";
  l.currency = currency("CNY");
  ok(eng->create_price_list(l, "pricing"));
  EXPECT_EQ(eng->set_prices("P", "TEA", {{1, "9.00"_d}}, "pricing").field(), "breaks[0].min_quantity");
  EXPECT_EQ(eng->set_prices("P", "TEA", {{0, "9.00"_d}, {0, "8.00"_d}}, "pricing").field(), "breaks[1].min_quantity");
  EXPECT_EQ(eng->set_prices("P", "TEA", {{0, "-1"_d}}, "pricing").field(), "breaks[0].unit_price");
  EXPECT_EQ(eng->set_prices("P", "TEA", {{0, "1"_d}, {"0.5"_d, "1"_d}}, "pricing").field(), "breaks[1].min_quantity");
  EXPECT_EQ(eng->set_prices("NOPE", "TEA", {{0, "1"_d}}, "pricing").code(), StatusCode::kNotFound);
}

TEST_P(CatalogTest, ScanFindsProductLotAndTheReceiptsThatBroughtItIn) {
  Product p = ok(eng->product("MILK"));
  p.barcodes = {"4006381333931"};
  ok(eng->update_product(p, "setup"));
  ReceiptSpec r1;
  r1.warehouse = "N";
  r1.number = "RC-1";
  r1.lines.push_back({"MILK", "", 10, "5.00"_d, "L-100", day(2026, 12, 31), {}});
  ok(eng->receive(r1, "clerk"));
  ReceiptSpec r2 = r1;
  r2.number = "RC-2";
  r2.lines[0].lot_number = "L-200";
  r2.lines[0].expiry = day(2027, 1, 31);
  ok(eng->receive(r2, "clerk"));

  const ScanResult by_barcode = ok(eng->scan("4006381333931"));
  EXPECT_EQ(by_barcode.sku, "MILK");
  ASSERT_EQ(by_barcode.receipts.size(), 2u);

  const ScanResult by_lot = ok(eng->scan("L-200"));
  EXPECT_EQ(by_lot.sku, "MILK");
  ASSERT_TRUE(by_lot.lot);
  EXPECT_EQ(by_lot.lot->expiry, day(2027, 1, 31));
  ASSERT_EQ(by_lot.receipts.size(), 1u);
  EXPECT_EQ(by_lot.receipts[0].number, "RC-2");

  EXPECT_EQ(eng->scan("nothing").status().code(), StatusCode::kNotFound);
}

TEST_P(CatalogTest, ScanFindsASerialItem) {
  ReceiptSpec r;
  r.warehouse = "N";
  r.lines.push_back({"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-2"}});
  ok(eng->receive(r, "clerk"));
  const ScanResult s = ok(eng->scan("SN-2"));
  EXPECT_EQ(s.sku, "PHONE");
  ASSERT_TRUE(s.serial);
  EXPECT_EQ(s.serial->status, SerialStatus::kInStock);
  EXPECT_EQ(s.receipts.size(), 1u);
}

TEST_P(CatalogTest, PromotionsAreValidated) {
  Promotion p;
  p.code = "P1";
  p.kind = PromotionKind::kSpendGetOff;
  p.threshold = cny("100");
  p.discount = Money("10"_d, currency("USD"));
  EXPECT_EQ(eng->create_promotion(p, "mkt").status().code(), StatusCode::kCurrencyMismatch);
  p.kind = PromotionKind::kBuyGetFree;
  p.sku = "TEA";
  p.buy_quantity = 0;
  p.free_quantity = 1;
  EXPECT_EQ(eng->create_promotion(p, "mkt").status().field(), "buy_quantity");
  p.buy_quantity = "1.5"_d;
  EXPECT_EQ(eng->create_promotion(p, "mkt").status().field(), "buy_quantity");
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(CatalogTest);
OMS_INSTANTIATE_FOR_EVERY_ADAPTER(PricingTest);

}  // namespace
}  // namespace oms::testing
