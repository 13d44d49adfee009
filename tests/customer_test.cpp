#include "fixture.h"

namespace oms::testing {
namespace {

class CustomerTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    seed();
  }
};

TEST_P(CustomerTest, FindsByCodeNameOrNickname) {
  Customer c = customer("ZH01", "上海邑泊贸易", "east", CustomerGrade::kPotential);
  c.nickname = "老王";
  c.contacts.push_back({"王先生", "buyer", "13800000000", "wang@example.cn"});
  c.birthday = day(1980, 5, 1);
  ok(eng->create_customer(c, "crm"));
  EXPECT_EQ(ok(eng->customer("ZH01")).contacts.at(0).name, "王先生");
  EXPECT_EQ(ok(eng->find_customers("老王")).size(), 1u);
  EXPECT_EQ(ok(eng->find_customers("邑泊")).at(0).code, "ZH01");
  EXPECT_EQ(ok(eng->find_customers("acme")).at(0).code, "ACME");  // case-insensitive ASCII
  EXPECT_EQ(ok(eng->find_customers("GAMMA")).size(), 1u);
  EXPECT_TRUE(ok(eng->find_customers("nobody")).empty());
  EXPECT_EQ(eng->find_customers("").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(CustomerTest, RefusesDuplicateCodeAndBadFields) {
  EXPECT_EQ(eng->create_customer(customer("ACME", "x", "", CustomerGrade::kPotential), "crm").status().code(),
            StatusCode::kAlreadyExists);
  Customer c = customer("NEW", "", "", CustomerGrade::kPotential);
  EXPECT_EQ(eng->create_customer(c, "crm").status().message(), "name '' is required");
  c.name = "New";
  c.credit_limit = cny("-1");
  EXPECT_EQ(eng->create_customer(c, "crm").status().field(), "credit_limit");
  c.credit_limit.reset();
  c.payment_terms_days = -5;
  EXPECT_EQ(eng->create_customer(c, "crm").status().field(), "payment_terms_days");
}

TEST_P(CustomerTest, UpdateKeepsIdentity) {
  Customer c = ok(eng->customer("ACME"));
  c.preferences = "deliver before 9am";
  c.salesperson = "li";
  const Customer updated = ok(eng->update_customer(c, "crm"));
  EXPECT_EQ(updated.id, c.id);
  EXPECT_EQ(ok(eng->customer("ACME")).preferences, "deliver before 9am");
}

TEST_P(CustomerTest, CountsAndListsACustomersOrders) {
  ok(eng->create_order(order_for("ACME", {{"TEA", "1"}}), "sales"));
  ok(eng->create_order(order_for("ACME", {{"TEA", "2"}}), "sales"));
  ok(eng->create_order(order_for("BETA", {{"TEA", "3"}}), "sales"));
  EXPECT_EQ(ok(eng->count_customer_orders("ACME")), 2);
  const auto orders = ok(eng->customer_orders("ACME"));
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[1].lines[0].quantity, Decimal(2));
  EXPECT_EQ(eng->count_customer_orders("NOPE").status().code(), StatusCode::kNotFound);
}

TEST_P(CustomerTest, CustomerCanBeCreatedWithTheOrder) {
  NewOrder o = order_for("", {{"TEA", "1"}});
  o.new_customer = customer("WALKIN", "Walk-in Ltd", "south", CustomerGrade::kPotential);
  const OrderIntake in = ok(eng->create_order(o, "sales"));
  EXPECT_EQ(in.order.customer_code, "WALKIN");
  EXPECT_EQ(ok(eng->customer("WALKIN")).id, in.order.customer);
  EXPECT_EQ(in.order.ship_to->region, "south");

  o.new_customer->name = "";
  o.new_customer->code = "W2";
  auto bad = eng->create_order(o, "sales");
  EXPECT_EQ(bad.status().field(), "new_customer.name");
  EXPECT_EQ(eng->customer("W2").status().code(), StatusCode::kNotFound);
}

TEST_P(CustomerTest, RegradesByOrderCountAndAmountOverTheWindow) {
  options.grading.currency = currency("CNY");
  options.grading.vip_min_orders = 3;
  options.grading.vip_min_amount = 100000;
  options.grading.regular_min_orders = 100;
  options.grading.regular_min_amount = 500;
  reopen();
  receive("TEA", "N", "1000");
  for (int i = 0; i < 3; ++i) confirmed_order(order_for("GAMMA", {{"TEA", "1"}}));  // 3 orders -> VIP
  confirmed_order(order_for("ACME", {{"TEA", "10"}}));                               // 113.00 -> potential
  const auto changes = ok(eng->regrade_customers("crm"));
  EXPECT_EQ(ok(eng->customer("GAMMA")).grade, CustomerGrade::kVip);
  EXPECT_EQ(ok(eng->customer("ACME")).grade, CustomerGrade::kPotential);
  EXPECT_EQ(ok(eng->customer("BETA")).grade, CustomerGrade::kPotential);  // no orders at all
  ASSERT_EQ(changes.size(), 3u);
  for (const auto& ch : changes) {
    if (ch.code == "GAMMA") {
      EXPECT_EQ(ch.order_count, 3);
      EXPECT_EQ(ch.from, CustomerGrade::kPotential);
    }
  }
  // Drafts and cancelled orders do not count; amounts do.
  confirmed_order(order_for("ACME", {{"TEA", "40"}}));  // + 452.00 -> 565.00 >= 500
  ok(eng->regrade_customers("crm"));
  EXPECT_EQ(ok(eng->customer("ACME")).grade, CustomerGrade::kRegular);
  // Orders older than the window drop out.
  clock->advance(std::chrono::days(400));
  ok(eng->regrade_customers("crm"));
  EXPECT_EQ(ok(eng->customer("GAMMA")).grade, CustomerGrade::kPotential);
}

OMS_INSTANTIATE_FOR_EVERY_ADAPTER(CustomerTest);

}  // namespace
}  // namespace oms::testing
