// Internal: text that may come from anywhere, made fit to show in a message or a report of
// issues, which promise UTF-8.
#ifndef OMS_SRC_TEXT_PRINTABLE_H_
#define OMS_SRC_TEXT_PRINTABLE_H_

#include <string>
#include <string_view>

namespace oms::internal {

// `text` with every byte that does not begin a well-formed UTF-8 character written as \xNN, so
// that the result is always UTF-8; with `controls`, control characters (NUL, tab, newline, DEL)
// are written the same way. At most `limit` bytes of `text` are shown, cut at a character, and
// a cut says how long the whole was ("... (100000 bytes)").
std::string printable(std::string_view text, bool controls, std::size_t limit = std::string_view::npos);

}  // namespace oms::internal

#endif  // OMS_SRC_TEXT_PRINTABLE_H_
