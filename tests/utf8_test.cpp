// The UTF-8 check every text input and every text written into event JSON goes through
// (src/utf8.h): it reads ASCII eight bytes at a time, so each case is tried at every offset
// around those eight-byte steps.
#include "oms/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace oms {
namespace {

constexpr auto kValid = std::string_view::npos;

std::string ascii(std::size_t n) { return std::string(n, 'a'); }

TEST(Utf8Test, AsciiOfEveryLengthIsValid) {
  for (std::size_t n = 0; n <= 33; ++n) EXPECT_EQ(utf8_error_offset(ascii(n)), kValid) << n;
}

TEST(Utf8Test, MultiByteCharactersAfterAndAmongAsciiAreValid) {
  for (std::size_t n = 0; n <= 17; ++n) {
    // 龙井 (3 bytes each), é (2 bytes), 𝄞 (4 bytes)
    const std::string text = ascii(n) + "\xE9\xBE\x99\xE4\xBA\x95" + ascii(n) + "\xC3\xA9" + ascii(9) + "\xF0\x9D\x84\x9E";
    EXPECT_EQ(utf8_error_offset(text), kValid) << n;
  }
}

// Each malformed sequence is reported at its first byte, wherever it falls.
TEST(Utf8Test, TheFirstMalformedByteIsFoundAtEveryOffset) {
  const struct {
    const char* bytes;
    const char* what;
  } kBad[] = {
      {"\xFF", "a byte that never begins a sequence"},
      {"\x80", "a continuation byte alone"},
      {"\xC1\xFA", "GBK"},
      {"\xC0\x80", "an overlong form"},
      {"\xED\xA0\x80", "a surrogate"},
      {"\xF4\x90\x80\x80", "beyond U+10FFFF"},
      {"\xE9\xBE", "a sequence cut short by the end"},
  };
  for (const auto& bad : kBad) {
    for (std::size_t n = 0; n <= 17; ++n) {
      const std::string text = ascii(n) + bad.bytes;
      EXPECT_EQ(utf8_error_offset(text), n) << bad.what << " after " << n;
      if (std::string_view(bad.what) != "a sequence cut short by the end") {
        EXPECT_EQ(utf8_error_offset(text + ascii(12)), n) << bad.what << " after " << n << ", before more text";
      }
    }
  }
}

TEST(Utf8Test, AMalformedByteAfterValidMultiByteTextIsFound) {
  for (std::size_t n = 0; n <= 9; ++n) {
    const std::string before = ascii(n) + "\xE9\xBE\x99" + ascii(8);
    EXPECT_EQ(utf8_error_offset(before + "\xFF" + ascii(8)), before.size()) << n;
  }
}

}  // namespace
}  // namespace oms
