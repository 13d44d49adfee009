// Dates, timestamps and the injectable clock.
//
// Calendar dates (order date, requested delivery, lot expiry) are std::chrono::year_month_day.
// Instants (when an event happened) are UTC microseconds since the Unix epoch.
//
// Thread safety: SystemClock and ManualClock are safe for concurrent access from multiple
// threads without external synchronization.
#ifndef OMS_TIME_H_
#define OMS_TIME_H_

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "oms/export.h"
#include "oms/status.h"

namespace oms {

using Date = std::chrono::year_month_day;
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// "2026-11-23"; refuses anything else, naming the field.
OMS_API Result<Date> parse_date(std::string_view text, std::string_view field = "date");
OMS_API std::string to_string(const Date& date);
// "2026-11-23T08:15:00.000000Z"
OMS_API std::string to_string(const Timestamp& ts);
// "2026-11-23T08:15:00Z", with 0 to 6 fractional digits of a second ("...:00.5Z"); UTC only,
// the trailing Z is required. Refuses anything else, naming the field.
OMS_API Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field = "at");
// The UTC calendar date of an instant.
OMS_API Date date_of(const Timestamp& ts);
// Whole days from a to b (negative if b is earlier).
OMS_API int days_between(const Date& a, const Date& b);
OMS_API Date add_days(const Date& d, int days);

// Where the engine gets "now" from. Inject a ManualClock in tests.
class OMS_API Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class OMS_API SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that only moves when told to.
class OMS_API ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start);
  Timestamp now() const override;
  void set(Timestamp t);
  void advance(std::chrono::microseconds d);

 private:
  std::atomic<std::int64_t> micros_;
};

}  // namespace oms

#endif  // OMS_TIME_H_
