#include "oms/time.h"

#include "values/digits.h"

namespace oms {

Result<Date> parse_date(std::string_view text, std::string_view field) {
  auto bad = [&] { return Status::InvalidArgument(field, text, "is not a date (expected YYYY-MM-DD)"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return bad();
  const Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                  std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return Status::InvalidArgument(field, text, "is not a valid calendar date");
  return date;
}

std::string to_string(const Date& date) {
  std::string out;
  out.reserve(10);
  internal::append_padded(out, static_cast<int>(date.year()), 4);
  out += '-';
  internal::append_padded(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  internal::append_padded(out, static_cast<unsigned>(date.day()), 2);
  return out;
}

std::string to_string(const Timestamp& ts) {
  const auto days = std::chrono::floor<std::chrono::days>(ts);
  const auto micros = (ts - days).count();
  const long long secs = micros / 1000000;
  std::string out = to_string(Date{days});
  out.reserve(27);
  out += 'T';
  internal::append_padded(out, secs / 3600, 2);
  out += ':';
  internal::append_padded(out, (secs / 60) % 60, 2);
  out += ':';
  internal::append_padded(out, secs % 60, 2);
  out += '.';
  internal::append_padded(out, static_cast<long long>(micros % 1000000), 6);
  out += 'Z';
  return out;
}

Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return Status::InvalidArgument(field, text, "is not a UTC timestamp (expected YYYY-MM-DDTHH:MM:SS[.ffffff]Z)");
  };
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') return bad();
  const auto date = parse_date(text.substr(0, 10), field);
  if (!date.ok()) return bad();
  auto digits = [&](std::size_t pos, std::size_t len, long long& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  long long h = 0, m = 0, s = 0, micros = 0;
  if (!digits(11, 2, h) || !digits(14, 2, m) || !digits(17, 2, s)) return bad();
  if (h > 23 || m > 59 || s > 59) return Status::InvalidArgument(field, text, "is not a valid time of day");
  const std::size_t end = text.size() - 1;  // the Z
  if (end > 19) {
    const std::size_t width = end - 20;
    if (text[19] != '.' || width == 0 || width > 6 || !digits(20, width, micros)) return bad();
    for (std::size_t i = width; i < 6; ++i) micros *= 10;
  }
  return Timestamp(std::chrono::sys_days(*date)) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s) + std::chrono::microseconds(micros);
}

Date date_of(const Timestamp& ts) { return Date{std::chrono::floor<std::chrono::days>(ts)}; }

int days_between(const Date& a, const Date& b) {
  return static_cast<int>((std::chrono::sys_days(b) - std::chrono::sys_days(a)).count());
}

Date add_days(const Date& d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days(days)}; }

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

ManualClock::ManualClock(Timestamp start) : micros_(start.time_since_epoch().count()) {}
Timestamp ManualClock::now() const { return Timestamp(std::chrono::microseconds(micros_.load())); }
void ManualClock::set(Timestamp t) { micros_.store(t.time_since_epoch().count()); }
void ManualClock::advance(std::chrono::microseconds d) { micros_.fetch_add(d.count()); }

}  // namespace oms
