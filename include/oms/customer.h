// Customers: profile, contacts, addresses, grade, credit terms.
//
// Thread safety: plain value types; thread-compatible.
#ifndef OMS_CUSTOMER_H_
#define OMS_CUSTOMER_H_

#include <optional>
#include <string>
#include <vector>

#include "oms/money.h"
#include "oms/time.h"
#include "oms/types.h"

namespace oms {

struct Contact {
  std::string name;
  std::string role;
  std::string phone;
  std::string email;
};

struct Address {
  std::string label;  // "HQ", "Warehouse gate 3"
  std::string line1;
  std::string line2;
  std::string city;
  std::string region;  // used by allocation to prefer a warehouse in the same region
  std::string postal_code;
  std::string country;
  friend bool operator==(const Address&, const Address&) = default;
};

struct Customer {
  CustomerId id;  // assigned on creation
  std::string code;  // unique, required
  std::string name;  // required
  std::string nickname;
  std::vector<Contact> contacts;
  std::vector<Address> addresses;  // the first is the default ship-to
  std::string region;
  CustomerGrade grade = CustomerGrade::kPotential;
  std::optional<Money> credit_limit;  // none = no credit check
  int payment_terms_days = 30;
  std::string salesperson;
  std::optional<Date> birthday;
  std::string notes;
  std::string preferences;  // special needs and preferences (特殊需求)
  bool active = true;
};

// Grading thresholds (客户分级). Over the last `window_days`, a customer with at least
// `vip_min_orders` orders or `vip_min_amount` ordered is VIP; else with at least
// `regular_min_orders` or `regular_min_amount` is regular; otherwise potential. Orders count
// once confirmed and not cancelled (counts_as_sale in reports.h), by order date; amounts are
// order totals in `currency` (orders in other currencies count towards the number of orders only).
struct GradingPolicy {
  Currency currency = Currency::of("CNY").value();
  int window_days = 365;
  int vip_min_orders = 12;
  Decimal vip_min_amount = Decimal(100000);
  int regular_min_orders = 2;
  Decimal regular_min_amount = Decimal(10000);
};

// A customer's credit exposure in one currency, kept by the engine as orders change: unpaid
// totals of open orders plus invoiced-but-unpaid amounts of orders past shipment.
struct CreditAccount {
  CustomerId customer;
  Currency currency;
  Money exposure;
};

struct GradeChange {
  CustomerId customer;
  std::string code;
  CustomerGrade from = CustomerGrade::kPotential;
  CustomerGrade to = CustomerGrade::kPotential;
  int order_count = 0;
  Money amount;
};

}  // namespace oms

#endif  // OMS_CUSTOMER_H_
