// Events: the durable journal of every change (audit trail and change feed).
//
// Every engine operation that changes something appends its events in the same unit of work as
// the change, so the journal never shows a change that was rolled back and never misses one
// that was committed. Sequence numbers are assigned by storage, strictly increasing without gaps
// within one store. Alerts (low stock, credit hold) are events whose type starts with "alert.".
#ifndef OMS_EVENT_H_
#define OMS_EVENT_H_

#include <cstdint>
#include <functional>
#include <string>

#include "oms/time.h"

namespace oms {

struct Event {
  std::int64_t sequence = 0;  // assigned on commit; 1, 2, 3, ...
  Timestamp at;               // from the engine's clock
  std::string actor;          // who asked for the change
  std::string entity;         // "order", "product", "stock", "customer", ...
  std::int64_t entity_id = 0;
  std::string type;           // "order.confirmed", "stock.received", "alert.low_stock", ...
  std::string data;           // a JSON object with the details of the change
};

// Called once per event, in sequence order, after the change has been committed and outside
// every internal lock, normally on the thread that made the change. Calls of one handler never
// overlap or nest: when the handler is already running (on another thread, or further up this
// thread's stack because it made a change itself), the new events are queued and that running
// delivery calls the handler with them right after. So a handler may call back into the engine,
// even make changes, without deadlocking against other subscribers, and once Engine::unsubscribe
// returns the handler is not called again. Exceptions thrown by a handler are caught and
// dropped; they never undo the change.
using EventHandler = std::function<void(const Event&)>;
using SubscriptionId = std::uint64_t;

}  // namespace oms

#endif  // OMS_EVENT_H_
