#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "oms/order.h"

namespace oms {
namespace {

using S = OrderState;
using A = OrderAction;

// The lifecycle as the product brief states it, written independently of the library's table.
const std::set<std::tuple<S, A, S>>& expected() {
  static const std::set<std::tuple<S, A, S>> table{
      {S::kDraft, A::kSubmit, S::kSubmitted},
      {S::kDraft, A::kAmend, S::kDraft},
      {S::kDraft, A::kCancel, S::kCancelled},
      {S::kSubmitted, A::kReject, S::kDraft},
      {S::kSubmitted, A::kApprove, S::kConfirmed},
      {S::kSubmitted, A::kAmend, S::kSubmitted},
      {S::kSubmitted, A::kHold, S::kOnHold},
      {S::kSubmitted, A::kCancel, S::kCancelled},
      {S::kConfirmed, A::kAmend, S::kConfirmed},
      {S::kConfirmed, A::kHold, S::kOnHold},
      {S::kConfirmed, A::kCancel, S::kCancelled},
      {S::kConfirmed, A::kShortClose, S::kClosed},
      {S::kConfirmed, A::kShipPartial, S::kPartiallyShipped},
      {S::kConfirmed, A::kShipAll, S::kShipped},
      {S::kPartiallyShipped, A::kAmend, S::kPartiallyShipped},
      {S::kPartiallyShipped, A::kHold, S::kOnHold},
      {S::kPartiallyShipped, A::kShortClose, S::kShipped},
      {S::kPartiallyShipped, A::kShipPartial, S::kPartiallyShipped},
      {S::kPartiallyShipped, A::kShipAll, S::kShipped},
      {S::kShipped, A::kDeliver, S::kDelivered},
      {S::kDelivered, A::kComplete, S::kCompleted},
      {S::kOnHold, A::kCancel, S::kCancelled},
      {S::kOnHold, A::kAmend, S::kOnHold},
  };
  return table;
}

TEST(OrderStateMachine, EveryStateActionPairFollowsTheLifecycle) {
  int legal = 0;
  for (int s = 0; s < kOrderStateCount; ++s) {
    for (int a = 0; a < kOrderActionCount; ++a) {
      const auto from = static_cast<S>(s);
      const auto action = static_cast<A>(a);
      if (action == A::kResume) continue;  // checked below
      const auto to = next_order_state(from, action);
      const auto it = std::find_if(expected().begin(), expected().end(), [&](const auto& t) {
        return std::get<0>(t) == from && std::get<1>(t) == action;
      });
      if (it == expected().end()) {
        EXPECT_FALSE(to.has_value()) << to_string(from) << " --" << to_string(action) << "--> " << to_string(*to);
      } else {
        ++legal;
        ASSERT_TRUE(to.has_value()) << to_string(from) << " --" << to_string(action) << "--> refused";
        EXPECT_EQ(*to, std::get<2>(*it)) << to_string(from) << " --" << to_string(action);
      }
    }
  }
  EXPECT_EQ(legal, static_cast<int>(expected().size()));
}

TEST(OrderStateMachine, ResumeReturnsToTheStateTheOrderWasHeldIn) {
  for (S held : {S::kSubmitted, S::kConfirmed, S::kPartiallyShipped}) {
    EXPECT_EQ(next_order_state(S::kOnHold, A::kResume, held), held);
  }
  for (int s = 0; s < kOrderStateCount; ++s) {
    if (static_cast<S>(s) == S::kOnHold) continue;
    EXPECT_FALSE(next_order_state(static_cast<S>(s), A::kResume, S::kConfirmed)) << to_string(static_cast<S>(s));
  }
}

TEST(OrderStateMachine, TerminalStatesAllowNothing) {
  for (S terminal : {S::kCompleted, S::kCancelled, S::kClosed}) {
    for (int a = 0; a < kOrderActionCount; ++a) {
      EXPECT_FALSE(next_order_state(terminal, static_cast<A>(a), S::kConfirmed))
          << to_string(terminal) << " " << to_string(static_cast<A>(a));
    }
  }
}

TEST(OrderStateMachine, TableHasNoDuplicateRows) {
  std::set<std::pair<S, A>> seen;
  for (const auto& t : order_transitions()) EXPECT_TRUE(seen.insert({t.from, t.action}).second) << to_string(t.from);
}

}  // namespace
}  // namespace oms
