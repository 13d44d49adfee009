// Event details are written straight into JSON text (src/text/json_writer.h). Strings are scanned
// eight bytes at a time for the bytes JSON escapes, so each byte is tried at every offset
// around those eight-byte steps.
#include "text/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace oms::internal {
namespace {

std::string as_json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonWriterTest, EachByteJsonEscapesIsEscapedWhereverItFalls) {
  const struct {
    std::string byte;
    const char* escaped;
  } kEscaped[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\t", "\\t"}, {"\r", "\\r"},
      {"\b", "\\b"},  {"\f", "\\f"},  {std::string(1, '\0'), "\\u0000"}, {"\x01", "\\u0001"}, {"\x1f", "\\u001f"},
  };
  for (const auto& e : kEscaped) {
    for (std::size_t n = 0; n <= 17; ++n) {
      const std::string before(n, 'a'), after(11, 'z');
      EXPECT_EQ(as_json(before + e.byte + after), "\"" + before + e.escaped + after + "\"") << e.escaped << " after " << n;
    }
  }
}

TEST(JsonWriterTest, BytesJsonDoesNotEscapeAreWrittenAsTheyAre) {
  // space, DEL, '/', and UTF-8 (龙井): none is escaped
  const std::string text = std::string(" \x7f/") + "\xE9\xBE\x99\xE4\xBA\x95";
  for (std::size_t n = 0; n <= 17; ++n) {
    const std::string s = std::string(n, 'a') + text + std::string(n, 'b');
    EXPECT_EQ(as_json(s), "\"" + s + "\"") << n;
  }
}

TEST(JsonWriterTest, FieldsAreWrittenInTheOrderAdded) {
  JsonObject o{{"number", "SO-1"}, {"lines", 3}};
  o.add("held", true);
  EXPECT_EQ(o.text(), R"({"number":"SO-1","lines":3,"held":true})");
}

}  // namespace
}  // namespace oms::internal
