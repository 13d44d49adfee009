#include "text/printable.h"

#include <cstdio>

#include "oms/json_text.h"

namespace oms::internal {
namespace {

void append_escaped_byte(std::string& out, unsigned char byte) {
  char hex[5];
  (void)std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(byte));
  out += hex;
}

// The length of the well-formed UTF-8 character at the start of `text`, or 0 if there is none.
std::size_t character_length(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text.front());
  const std::size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || len > text.size() || !valid_utf8(text.substr(0, len))) return 0;
  return len;
}

}  // namespace

std::string printable(std::string_view text, bool controls, std::size_t limit) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && i < limit) {
    const std::size_t len = character_length(text.substr(i));
    if (len == 0 || (controls && len == 1 && (text[i] < 0x20 || text[i] == 0x7F))) {
      append_escaped_byte(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (i + len > limit) break;
    out.append(text, i, len);
    i += len;
  }
  if (i < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace oms::internal
