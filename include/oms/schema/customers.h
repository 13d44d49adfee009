// The schema of customers: profiles, grading and credit
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_CUSTOMERS_H_
#define OMS_SCHEMA_CUSTOMERS_H_

#include "oms/schema/core.h"
#include "oms/customer.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
#define OMS_SCHEMA_CUSTOMERS(S, E, N)                                                                            \
  E(CustomerGrade)                                                                                               \
  S(Contact, name, role, phone, email)                                                                           \
  S(Address, label, line1, line2, city, region, postal_code, country)                                            \
  S(Customer, id, code, name, nickname, contacts, addresses, region, grade, credit_limit,                        \
      payment_terms_days, salesperson, birthday, notes, preferences, active)                                     \
  S(CreditAccount, customer, currency, exposure)                                                                 \
  S(GradingPolicy, currency, window_days, vip_min_orders, vip_min_amount, regular_min_orders,                    \
      regular_min_amount)                                                                                        \
  S(GradeChange, customer, code, from, to, order_count, amount)

namespace oms::fields {

OMS_SCHEMA_CUSTOMERS(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

}  // namespace oms::fields

#endif  // OMS_SCHEMA_CUSTOMERS_H_
