// The schema of the engine: status codes, rounding, events and the options an engine opens with
// (include/oms/schema/schema.h says how to read it).
#ifndef OMS_SCHEMA_ENGINE_H_
#define OMS_SCHEMA_ENGINE_H_

#include "oms/schema/core.h"
#include "oms/engine.h"
#include "oms/event.h"
#include "oms/status.h"

// Every enum of the area (E: named by its to_string; N: its names given here) and every value
// type (S: its members in order).
// EngineOptions lists everything but the clock, which OpenOptions::manual_clock stands for.
#define OMS_SCHEMA_ENGINE(S, E, N)                                                                               \
  E(StatusCode)                                                                                                  \
  N(RoundingMode, "half_up", "half_even", "down", "up", "floor", "ceiling")                                      \
  N(DatePart, "none", "year", "year_month", "year_month_day")                                                    \
  N(PartialPolicy, "allow_partial", "all_or_nothing")                                                            \
  N(TaxMode, "per_line", "per_document")                                                                         \
  S(Event, sequence, at, actor, entity, entity_id, type, data)                                                   \
  S(NumberRule, prefix, date_part, separator, sequence_width)                                                    \
  S(EngineOptions, order_numbers, receipt_numbers, shipment_numbers, invoice_numbers, payment_numbers,           \
      credit_note_numbers, refund_numbers, return_numbers, invoice_policy, rounding, tax_mode, allocation,       \
      cost_currency, grading, credit_check, conflict_retries)

namespace oms::fields {

OMS_SCHEMA_ENGINE(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

}  // namespace oms::fields

#endif  // OMS_SCHEMA_ENGINE_H_
