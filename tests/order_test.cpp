#include "fixture.h"

namespace oms::testing {
namespace {

class OrderTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }
  bool has_finding(const Review& r, const std::string& code, Severity s) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) { return f.code == code && f.severity == s; });
  }
};

TEST_P(OrderTest, CreatesAPricedDraftWithAGeneratedNumber) {
  const OrderIntake in = ok(eng->create_order(order_for("ACME", {{"TEA", "3"}, {"RICE", "2.5"}}), "sales"));
  const Order& o = in.order;
  EXPECT_TRUE(in.created);
  EXPECT_EQ(o.number, "SO-20261123-00001");
  EXPECT_EQ(o.state, OrderState::kDraft);
  EXPECT_EQ(o.order_date, day(2026, 11, 23));
  EXPECT_EQ(o.customer_code, "ACME");
  EXPECT_EQ(o.ship_to->region, "north");
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[0].line_no, 1);
  EXPECT_EQ(o.lines[0].price_source.kind, PriceSourceKind::kListPrice);
  EXPECT_EQ(o.lines[0].amounts.net, cny("30.00"));
  EXPECT_EQ(o.lines[0].amounts.tax, cny("3.90"));
  EXPECT_EQ(o.lines[1].amounts.net, cny("11.25"));  // 2.5 kg x 4.50, untaxed
  EXPECT_EQ(o.totals.total, cny("45.15"));
  EXPECT_EQ(o.totals.cost, cny("25.50"));  // 3 x 6.00 + 2.5 x 3.00 (standard cost: nothing received)
  EXPECT_EQ(o.totals.margin, cny("15.75"));
  EXPECT_EQ(o.totals.margin_percent, "38.18"_d);  // 15.75 / 41.25
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "sales")).order.number, "SO-20261123-00002");
}

TEST_P(OrderTest, OrderNumberRuleIsConfigurable) {
  options.order_numbers = {"WEB", DatePart::kYearMonth, "/", 3};
  reopen();
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, "WEB/202611/001");
  clock->advance(std::chrono::days(10));  // December: the sequence restarts
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, "WEB/202612/001");
  NewOrder manual = order_for("ACME", {{"TEA", "1"}});
  manual.number = "WEB/202612/002";
  ok(eng->create_order(manual, "s"));
  // The generator skips a number already taken by hand.
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, "WEB/202612/003");
  EXPECT_EQ(eng->create_order(manual, "s").status().message(), "number 'WEB/202612/002' already exists");
}

TEST_P(OrderTest, EveryDatePartOfTheNumberRuleIsZeroPadded) {
  const struct {
    NumberRule rule;
    const char* first;
  } kRules[] = {
      {{"SO", DatePart::kYearMonthDay, "-", 6}, "SO-20261123-000001"},
      {{"SO", DatePart::kYear, "-", 2}, "SO-2026-01"},
      {{"", DatePart::kYearMonth, "-", 1}, "202611-1"},
      {{"SO", DatePart::kNone, "", 4}, "SO0001"},
      {{"", DatePart::kNone, "-", 3}, "001"},
  };
  for (const auto& r : kRules) {
    options.order_numbers = r.rule;
    reopen();
    EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, r.first);
    EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number.back(), '2');
  }
  clock->advance(std::chrono::days(40));  // 2027-01-02: month and day of one digit
  options.order_numbers = {"X", DatePart::kYearMonthDay, "/", 1};
  reopen();
  EXPECT_EQ(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number, "X/20270102/1");
}

TEST_P(OrderTest, ExternalReferenceMakesIntakeIdempotent) {
  NewOrder o = order_for("ACME", {{"TEA", "3"}});
  o.external = {"shopify", "#1001"};
  const OrderIntake first = ok(eng->create_order(o, "sync"));
  const OrderIntake again = ok(eng->create_order(o, "sync"));
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.order.number, first.order.number);
  EXPECT_EQ(ok(eng->count_customer_orders("ACME")), 1);
  int created_events = 0;
  for (const auto& e : ok(eng->events())) created_events += e.type == "order.created";
  EXPECT_EQ(created_events, 1);
  o.external.id = "#1002";
  EXPECT_TRUE(ok(eng->create_order(o, "sync")).created);
  o.external.source.clear();
  EXPECT_EQ(eng->create_order(o, "sync").status().field(), "external.source");
}

// The customer's own number for the order (their purchase order) is kept as given through the
// order's life, and checked like every text of an input.
TEST_P(OrderTest, TheCustomersOwnReferenceStaysWithTheOrder) {
  NewOrder o = order_for("ACME", {{"TEA", "3"}});
  o.customer_reference = "PO-2026-0042 \xe9\x87\x87\xe8\xb4\xad";
  const std::string number = ok(eng->create_order(o, "s")).order.number;
  ok(eng->submit(number, "s"));
  ok(eng->approve(number, "r"));
  EXPECT_EQ(ok(eng->order(number)).customer_reference, o.customer_reference);
  o.customer_reference = "bad \xff byte";
  EXPECT_EQ(eng->create_order(o, "s").status().field(), "customer_reference");
}

TEST_P(OrderTest, BatchIsAllOrNothingAndNamesTheBadOrder) {
  std::vector<NewOrder> batch{order_for("ACME", {{"TEA", "1"}}), order_for("BETA", {{"TEA", "2"}}),
                              order_for("ACME", {{"NOPE", "1"}})};
  auto r = eng->create_orders(batch, "import");
  ASSERT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().field(), "orders[2].lines[0].sku");
  EXPECT_EQ(r.status().message(), "orders[2]: lines[0].sku 'NOPE' not found");
  EXPECT_TRUE(ok(eng->list_orders({})).empty());
  batch.pop_back();
  const auto done = ok(eng->create_orders(batch, "import"));
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[1].order.number, "SO-20261123-00002");  // the failed batch used no numbers that show
}

TEST_P(OrderTest, BatchWithARepeatedExternalReferenceCreatesOneOrder) {
  NewOrder o = order_for("ACME", {{"TEA", "1"}});
  o.external = {"edi", "PO-9"};
  const auto done = ok(eng->create_orders(std::vector<NewOrder>{o, o}, "import"));
  EXPECT_TRUE(done[0].created);
  EXPECT_FALSE(done[1].created);
  EXPECT_EQ(ok(eng->list_orders({})).size(), 1u);
}

TEST_P(OrderTest, EachLineSaysWhichRuleSetItsPrice) {
  PriceList l;
  l.code = "VIP-2026";
  l.name = "VIP";
  l.currency = currency("CNY");
  l.scope = PriceScope::kGrade;
  l.grade = CustomerGrade::kVip;
  ok(eng->create_price_list(l, "pricing"));
  ok(eng->set_prices("VIP-2026", "TEA", {{0, "9.00"_d}}, "pricing"));
  NewOrder spec = order_for("BETA", {{"TEA", "1"}, {"RICE", "1"}, {"TEA", "1"}});
  spec.lines[2].unit_price = "7.77"_d;
  const Order o = ok(eng->create_order(spec, "sales")).order;
  EXPECT_EQ(o.lines[0].price_source, (PriceSource{PriceSourceKind::kPriceList, "VIP-2026"}));
  EXPECT_EQ(o.lines[0].unit_price, cny("9.00"));
  EXPECT_EQ(o.lines[1].price_source.kind, PriceSourceKind::kListPrice);
  EXPECT_EQ(o.lines[2].price_source.kind, PriceSourceKind::kManual);
  EXPECT_EQ(o.lines[2].unit_price, cny("7.77"));
}

TEST_P(OrderTest, SpendThresholdPromotionTakesTheBestDiscountOffTheOrder) {
  Promotion p;
  p.code = "M100-10";
  p.kind = PromotionKind::kSpendGetOff;
  p.threshold = cny("100");
  p.discount = cny("10");
  ok(eng->create_promotion(p, "mkt"));
  p.code = "M200-30";
  p.threshold = cny("200");
  p.discount = cny("30");
  ok(eng->create_promotion(p, "mkt"));
  const Order small = ok(eng->create_order(order_for("ACME", {{"TEA", "9"}}), "s")).order;
  EXPECT_TRUE(small.promotions.empty());
  const Order mid = ok(eng->create_order(order_for("ACME", {{"TEA", "10"}, {"RICE", "2"}}), "s")).order;
  ASSERT_EQ(mid.promotions.size(), 1u);
  EXPECT_EQ(mid.promotions[0], "M100-10");
  EXPECT_EQ(mid.totals.order_discount, cny("10.00"));
  EXPECT_EQ(mid.totals.net, cny("99.00"));  // 100 + 9 - 10
  const Order big = ok(eng->create_order(order_for("ACME", {{"TEA", "25"}}), "s")).order;
  EXPECT_EQ(big.promotions[0], "M200-30");
  EXPECT_EQ(big.totals.net, cny("220.00"));
}

TEST_P(OrderTest, BuyNGetMFreeAddsAZeroPricedGiftLine) {
  Promotion p;
  p.code = "TEA-3+1";
  p.kind = PromotionKind::kBuyGetFree;
  p.sku = "TEA";
  p.buy_quantity = 3;
  p.free_quantity = 1;
  ok(eng->create_promotion(p, "mkt"));
  const Order o = ok(eng->create_order(order_for("ACME", {{"TEA", "7"}}), "s")).order;
  ASSERT_EQ(o.lines.size(), 2u);
  const OrderLine& gift = o.lines[1];
  EXPECT_TRUE(gift.gift);
  EXPECT_EQ(gift.quantity, Decimal(2));
  EXPECT_EQ(gift.gift_for_line, 1);
  EXPECT_EQ(gift.price_source, (PriceSource{PriceSourceKind::kPromotion, "TEA-3+1"}));
  EXPECT_TRUE(gift.amounts.total.is_zero());
  EXPECT_EQ(gift.amounts.cost, cny("12.00"));  // gifts cost real money: margin tells the truth
  EXPECT_EQ(o.totals.net, cny("70.00"));
  EXPECT_EQ(o.totals.cost, cny("54.00"));
}

TEST_P(OrderTest, HandEnteredGiftLineIsZeroPriced) {
  NewOrder spec = order_for("ACME", {{"TEA", "2"}, {"RICE", "1"}});
  spec.lines[1].gift = true;
  const Order o = ok(eng->create_order(spec, "s")).order;
  EXPECT_TRUE(o.lines[1].amounts.net.is_zero());
  spec.lines[1].unit_price = "3"_d;
  EXPECT_EQ(eng->create_order(spec, "s").status().field(), "lines[1].unit_price");
}

TEST_P(OrderTest, SubmitWithErrorsKeepsTheDraftAndListsFindings) {
  NewOrder spec;
  const std::string number = ok(eng->create_order(spec, "s")).order.number;
  const SubmitResult r = ok(eng->submit(number, "s"));
  EXPECT_TRUE(r.review.blocked());
  EXPECT_EQ(r.order.state, OrderState::kDraft);
  EXPECT_TRUE(has_finding(r.review, "customer.missing", Severity::kError));
  EXPECT_TRUE(has_finding(r.review, "lines.empty", Severity::kError));
  EXPECT_EQ(ok(eng->order(number)).state, OrderState::kDraft);
}

TEST_P(OrderTest, ReviewChecksQuantitiesPricesAndProducts) {
  NewOrder spec = order_for("ACME", {{"TEA", "1.5"}, {"TEA", "0"}, {"RICE", "2"}, {"TEA", "1"}});
  spec.currency = "CNY";
  spec.lines[2].unit_price = "1.00"_d;  // below the 3.00 cost
  spec.lines[3].discount = Discount::amount("50"_d);
  const std::string number = ok(eng->create_order(spec, "s")).order.number;
  Product tea = ok(eng->product("RICE"));
  const Review r = ok(eng->review(number));
  EXPECT_TRUE(has_finding(r, "quantity.precision", Severity::kError));
  EXPECT_TRUE(has_finding(r, "quantity.not_positive", Severity::kError));
  EXPECT_TRUE(has_finding(r, "price.below_cost", Severity::kWarning));
  EXPECT_TRUE(has_finding(r, "discount.exceeds_amount", Severity::kError));
  for (const auto& f : r.findings) {
    if (f.code == "quantity.precision") {
      EXPECT_EQ(f.field, "lines[0].quantity");
      EXPECT_EQ(f.line_no, 1);
      EXPECT_EQ(f.message, "line 1 (TEA): quantity '1.5' is finer than unit 'pcs' allows (0 decimal places)");
    }
  }
  tea.active = false;
  ok(eng->update_product(tea, "s"));
  EXPECT_TRUE(has_finding(ok(eng->review(number)), "product.inactive", Severity::kError));

  NewOrder usd = order_for("ACME", {{"TEA", "1"}});
  usd.currency = "USD";
  EXPECT_TRUE(has_finding(ok(eng->review(ok(eng->create_order(usd, "s")).order.number)), "price.missing", Severity::kError));
}

TEST_P(OrderTest, ReviewWarnsPerLineWhenStockIsShort) {
  receive("TEA", "N", "5");
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "3"}, {"TEA", "3"}}), "s")).order.number;
  const Review r = ok(eng->review(number));
  ASSERT_FALSE(r.blocked());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].code, "stock.insufficient");
  EXPECT_EQ(r.findings[0].line_no, 2);
  EXPECT_EQ(r.findings[0].message, "line 2 (TEA): needs 6, only 5 available to sell");
}

TEST_P(OrderTest, OverTheCreditLimitGoesOnCreditHoldWithAnAlert) {
  receive("TEA", "N", "200");
  const std::string ok_order = confirmed_order(order_for("GAMMA", {{"TEA", "50"}}));  // 565.00 of 1000
  const std::string number = ok(eng->create_order(order_for("GAMMA", {{"TEA", "50"}}), "s")).order.number;
  const SubmitResult r = ok(eng->submit(number, "s"));
  EXPECT_TRUE(r.review.credit_hold);
  EXPECT_TRUE(has_finding(r.review, "credit.limit_exceeded", Severity::kWarning));
  EXPECT_EQ(r.order.state, OrderState::kOnHold);
  EXPECT_EQ(r.order.hold_kind, HoldKind::kCredit);
  EXPECT_EQ(r.order.held_from, OrderState::kSubmitted);
  EXPECT_NE(r.order.hold_reason.find("1130.00 CNY"), std::string::npos) << r.order.hold_reason;
  const auto events = ok(eng->events());
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const Event& e) { return e.type == "alert.credit_hold"; }));
  // Approval is refused while held; a credit manager releases it.
  EXPECT_EQ(eng->approve(number, "mgr").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ok(eng->resume(number, "credit-mgr")).state, OrderState::kSubmitted);
  EXPECT_EQ(ok(eng->approve(number, "mgr")).order.state, OrderState::kConfirmed);
  (void)ok_order;
}

TEST_P(OrderTest, CreditCheckCountsOnlyOpenExposureInTheLimitCurrency) {
  receive("TEA", "N", "200");
  const std::string a = confirmed_order(order_for("GAMMA", {{"TEA", "50"}}));  // 565.00
  ok(eng->cancel(a, "customer changed mind", "s"));
  const std::string b = ok(eng->create_order(order_for("GAMMA", {{"TEA", "50"}}), "s")).order.number;
  EXPECT_TRUE(ok(eng->credit_exposure("GAMMA", "CNY")).is_zero());
  EXPECT_FALSE(ok(eng->submit(b, "s")).review.credit_hold);  // cancelled orders do not count
  EXPECT_EQ(ok(eng->credit_exposure("GAMMA", "CNY")), cny("565.00"));
  options.credit_check = false;
  reopen();
  const std::string c = ok(eng->create_order(order_for("GAMMA", {{"TEA", "100"}}), "s")).order.number;
  EXPECT_EQ(ok(eng->submit(c, "s")).order.state, OrderState::kSubmitted);
}

TEST_P(OrderTest, ApprovalReservesStockAndProducesTheConfirmation) {
  receive("TEA", "N", "10");
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "4"}, {"RICE", "2"}}), "s")).order.number;
  ok(eng->submit(number, "sales"));
  const Confirmation c = ok(eng->approve(number, "boss"));
  EXPECT_EQ(c.order.state, OrderState::kConfirmed);
  EXPECT_EQ(c.order.approved_by, "boss");
  EXPECT_EQ(c.customer_name, "Acme Trading");
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[0].reserved, Decimal(4));
  EXPECT_TRUE(c.lines[0].backordered.is_zero());
  EXPECT_EQ(c.lines[1].backordered, Decimal(2));  // no rice in stock
  EXPECT_EQ(stock("TEA").reserved, Decimal(4));
  EXPECT_EQ(stock("TEA").available, Decimal(6));
  const auto events = ok(eng->events());
  const auto confirmed = std::find_if(events.begin(), events.end(), [](const Event& e) { return e.type == "order.confirmed"; });
  ASSERT_NE(confirmed, events.end());
  EXPECT_EQ(confirmed->actor, "boss");
  EXPECT_NE(confirmed->data.find("\"customer_name\":\"Acme Trading\""), std::string::npos);
  // Cost snapshot: approval takes the moving-average cost of the stock received.
  EXPECT_EQ(c.order.lines[0].unit_cost, cny("6.000000"));
}

TEST_P(OrderTest, IllegalTransitionsAreRefusedNamingOrderStateAndAction) {
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  auto r = eng->approve(number, "boss");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(), "order '" + number + "' is draft: cannot approve");
  EXPECT_EQ(eng->complete(number, "s").status().message(), "order '" + number + "' is draft: cannot complete");
  EXPECT_EQ(eng->resume(number, "s").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(eng->short_close(number, "why", "s").status().code(), StatusCode::kFailedPrecondition);
  ok(eng->cancel(number, "dup", "s"));
  EXPECT_EQ(eng->submit(number, "s").status().message(), "order '" + number + "' is cancelled: cannot submit");
  EXPECT_EQ(eng->approve("SO-NOPE", "s").status().message(), "order_number 'SO-NOPE' not found");
}

TEST_P(OrderTest, HoldAndResumeReturnToThePriorState) {
  receive("TEA", "N", "10");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  EXPECT_EQ(eng->hold(number, "", "ops").status().field(), "reason");
  const Order held = ok(eng->hold(number, "address unclear", "ops"));
  EXPECT_EQ(held.state, OrderState::kOnHold);
  EXPECT_EQ(held.hold_reason, "address unclear");
  EXPECT_EQ(stock("TEA").reserved, Decimal(4));  // a hold keeps its reservation
  const Order resumed = ok(eng->resume(number, "ops"));
  EXPECT_EQ(resumed.state, OrderState::kConfirmed);
  EXPECT_TRUE(resumed.hold_reason.empty());
}

TEST_P(OrderTest, CancelReleasesReservations) {
  receive("TEA", "N", "10");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "4"}}));
  EXPECT_EQ(eng->cancel(number, "", "s").status().field(), "reason");
  const Order c = ok(eng->cancel(number, "customer cancelled", "s"));
  EXPECT_EQ(c.state, OrderState::kCancelled);
  EXPECT_TRUE(c.lines[0].allocations.empty());
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
  EXPECT_EQ(stock("TEA").available, Decimal(10));
}

TEST_P(OrderTest, ShortCloseClosesTheRemainderAndReleasesIt) {
  receive("TEA", "N", "3");
  const std::string number = confirmed_order(order_for("ACME", {{"TEA", "5"}}));
  const Order c = ok(eng->short_close(number, "customer accepts 0", "s"));
  EXPECT_EQ(c.state, OrderState::kClosed);
  EXPECT_EQ(c.lines[0].closed, Decimal(5));
  EXPECT_TRUE(c.lines[0].open_quantity().is_zero());
  EXPECT_TRUE(stock("TEA").reserved.is_zero());
}

TEST_P(OrderTest, HistoryRecordsWhoWhenAndWhy) {
  receive("TEA", "N", "10");
  const std::string number = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  ok(eng->submit(number, "alice"));
  ok(eng->reject(number, "price too low", "bob"));
  clock->advance(std::chrono::hours(1));
  ok(eng->submit(number, "alice"));
  ok(eng->approve(number, "bob"));
  const Order o = ok(eng->order(number));
  ASSERT_EQ(o.history.size(), 4u);
  EXPECT_EQ(o.history[1].action, OrderAction::kReject);
  EXPECT_EQ(o.history[1].actor, "bob");
  EXPECT_EQ(o.history[1].reason, "price too low");
  EXPECT_EQ(o.history[1].to, OrderState::kDraft);
  EXPECT_EQ(o.history[3].at, at(2026, 11, 23, 11));
}

TEST_P(OrderTest, BadInputChangesNothing) {
  NewOrder spec = order_for("ACME", {{"TEA", "1"}});
  spec.currency = "XYZ";
  EXPECT_EQ(eng->create_order(spec, "s").status().message(), "currency 'XYZ' is not a known ISO 4217 currency code");
  spec.currency = "CNY";
  spec.lines[0].discount = Discount::percent(120);
  EXPECT_EQ(eng->create_order(spec, "s").status().field(), "lines[0].discount");
  spec.lines[0].discount = {};
  spec.customer_code = "NOBODY";
  EXPECT_EQ(eng->create_order(spec, "s").status().message(), "customer_code 'NOBODY' not found");
  spec.customer_code = "ACME";
  spec.requested_delivery = day(2026, 11, 1);
  EXPECT_EQ(eng->create_order(spec, "s").status().field(), "requested_delivery");
  EXPECT_TRUE(ok(eng->list_orders({})).empty());
}

TEST_P(OrderTest, TaxModeAndRoundingOptionsReachTheOrderFigures) {
  ok(eng->create_product(product("CANDY", "pcs", "0.10", "0.05", "VAT13", "0"), "setup"));
  const NewOrder three = order_for("ACME", {{"CANDY", "1"}, {"CANDY", "1"}, {"CANDY", "1"}});
  EXPECT_EQ(ok(eng->create_order(three, "s")).order.totals.tax, cny("0.03"));  // per line: 3 x round(0.013)
  options.tax_mode = TaxMode::kPerDocument;
  reopen();
  const Order per_document = ok(eng->create_order(three, "s")).order;
  EXPECT_EQ(per_document.totals.tax, cny("0.04"));  // round(0.039), spread over the lines
  EXPECT_EQ(per_document.lines[0].amounts.tax, cny("0.02"));

  NewOrder half = order_for("ACME", {{"RICE", "1"}});
  half.lines[0].unit_price = "0.125"_d;
  options.rounding = RoundingMode::kHalfEven;
  reopen();
  EXPECT_EQ(ok(eng->create_order(half, "s")).order.totals.net, cny("0.12"));
  options.rounding = RoundingMode::kHalfUp;
  reopen();
  EXPECT_EQ(ok(eng->create_order(half, "s")).order.totals.net, cny("0.13"));
}

TEST_P(OrderTest, ListsOrdersByCustomerStateAndDate) {
  receive("TEA", "N", "10");
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s"));
  clock->advance(std::chrono::days(2));
  ok(eng->create_order(order_for("BETA", {{"TEA", "1"}}), "s"));
  OrderQuery q;
  q.states = {OrderState::kDraft};
  EXPECT_EQ(ok(eng->list_orders(q)).size(), 2u);
  q.customer_code = "ACME";
  EXPECT_EQ(ok(eng->list_orders(q)).size(), 1u);
  q.customer_code = "NOBODY";  // not a customer without orders: a mistyped code is refused
  const auto unknown = eng->list_orders(q);
  ASSERT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().field(), "customer_code");
  OrderQuery by_date;
  by_date.from = day(2026, 11, 24);
  EXPECT_EQ(ok(eng->list_orders(by_date)).size(), 1u);
  by_date.limit = 1;
  by_date.from.reset();
  EXPECT_EQ(ok(eng->list_orders(by_date)).size(), 1u);
}

TEST_P(OrderTest, APeriodIsInclusiveAtBothEndsAndCombinesWithStatesAndALimit) {
  receive("TEA", "N", "10");
  std::vector<std::string> numbers;  // one order on each of 23, 25 and 27 November
  for (int i = 0; i < 3; ++i) {
    numbers.push_back(ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number);
    clock->advance(std::chrono::days(2));
  }
  ok(eng->submit(numbers[1], "s"));
  auto listed = [&](const OrderQuery& q) {
    std::vector<std::string> out;
    for (const Order& o : ok(eng->list_orders(q))) out.push_back(o.number);
    return out;
  };
  OrderQuery q;
  q.from = day(2026, 11, 25);
  q.to = day(2026, 11, 25);
  EXPECT_EQ(listed(q), std::vector<std::string>{numbers[1]});
  q.from.reset();
  EXPECT_EQ(listed(q), (std::vector<std::string>{numbers[0], numbers[1]}));
  q.states = {OrderState::kDraft};
  EXPECT_EQ(listed(q), std::vector<std::string>{numbers[0]});
  q.to.reset();
  q.from = day(2026, 11, 24);
  EXPECT_EQ(listed(q), std::vector<std::string>{numbers[2]});
  q.states.clear();
  q.limit = 1;
  EXPECT_EQ(listed(q), std::vector<std::string>{numbers[1]});
}

TEST_P(OrderTest, ALimitCountsOnlyTheOrdersInTheStatesAskedFor) {
  receive("TEA", "N", "10");
  const std::string first_draft = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  confirmed_order(order_for("ACME", {{"TEA", "1"}}));
  const std::string second_draft = ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "s")).order.number;
  OrderQuery q;
  q.states = {OrderState::kConfirmed, OrderState::kDraft};
  q.limit = 2;
  auto listed = ok(eng->list_orders(q));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].number, first_draft);  // in id order
  q.states = {OrderState::kDraft};
  listed = ok(eng->list_orders(q));
  ASSERT_EQ(listed.size(), 2u);  // the confirmed order in between takes no place of the limit
  EXPECT_EQ(listed[1].number, second_draft);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(OrderTest);

}  // namespace
}  // namespace oms::testing
