#include "oms/time.h"

#include <gtest/gtest.h>

namespace oms {
namespace {

TEST(Time, TimestampTextRoundTripsToTheMicrosecond) {
  const auto ts = parse_timestamp("2026-11-23T08:15:42.123456Z");
  ASSERT_TRUE(ts.ok()) << ts.status().to_string();
  EXPECT_EQ(to_string(*ts), "2026-11-23T08:15:42.123456Z");
}

TEST(Time, TimestampFractionIsOptionalAndShortFractionsAreScaled) {
  EXPECT_EQ(to_string(parse_timestamp("2026-01-02T03:04:05Z").value()), "2026-01-02T03:04:05.000000Z");
  EXPECT_EQ(to_string(parse_timestamp("2026-01-02T03:04:05.5Z").value()), "2026-01-02T03:04:05.500000Z");
}

TEST(Time, TimestampWithoutUtcMarkerOrBadFieldsIsRefusedNamingTheField) {
  for (const char* text : {"2026-11-23T08:15:00", "2026-11-23 08:15:00Z", "2026-11-23T24:00:00Z",
                           "2026-02-30T00:00:00Z", "2026-11-23T08:15:00.Z", "2026-11-23T08:15:00.1234567Z",
                           "2026-11-23T08:15:00+01:00"}) {
    const auto ts = parse_timestamp(text, "tracking.at");
    ASSERT_FALSE(ts.ok()) << text;
    EXPECT_EQ(ts.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(ts.status().message().find("tracking.at"), std::string::npos) << ts.status().message();
    EXPECT_NE(ts.status().message().find(text), std::string::npos) << ts.status().message();
  }
}

TEST(Time, DatesAndTimestampsAreWrittenWithEveryFieldZeroPadded) {
  EXPECT_EQ(to_string(Date{std::chrono::year(7), std::chrono::month(1), std::chrono::day(2)}), "0007-01-02");
  EXPECT_EQ(to_string(Date{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(31)}), "2026-12-31");
  EXPECT_EQ(to_string(Date{std::chrono::year(-1), std::chrono::month(3), std::chrono::day(4)}), "-001-03-04");
  EXPECT_EQ(to_string(Date{std::chrono::year(12345), std::chrono::month(3), std::chrono::day(4)}), "12345-03-04");
  EXPECT_EQ(to_string(parse_timestamp("2026-01-02T00:00:00.000001Z").value()), "2026-01-02T00:00:00.000001Z");
  EXPECT_EQ(to_string(parse_timestamp("2026-01-02T23:59:59.999999Z").value()), "2026-01-02T23:59:59.999999Z");
}

TEST(Time, DateParsingRefusesImpossibleDays) {
  EXPECT_TRUE(parse_date("2028-02-29").ok());
  EXPECT_FALSE(parse_date("2027-02-29").ok());
  EXPECT_FALSE(parse_date("2027-2-01").ok());
}

}  // namespace
}  // namespace oms
