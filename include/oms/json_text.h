// JSON text, for code that prints values as JSON: the C ABI prints its results with these, and so
// can other bindings, so that every layer checks and escapes text the same way.
#ifndef OMS_JSON_TEXT_H_
#define OMS_JSON_TEXT_H_

#include <charconv>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "oms/export.h"

namespace oms {

// The offset of the first byte of `text` that does not begin a well-formed UTF-8 sequence
// (overlong forms and surrogates are not well formed), or npos when all of it is UTF-8.
OMS_API std::size_t utf8_error_offset(std::string_view text);

inline bool valid_utf8(std::string_view text) { return utf8_error_offset(text) == std::string_view::npos; }

// Appends `utf8` as a JSON string: quoted, with quote, backslash and control characters escaped
// as RFC 8259 asks and everything else as it is. The caller has checked that it is UTF-8.
OMS_API void append_json_string(std::string& out, std::string_view utf8);

// Appends a whole number as JSON.
template <std::integral I>
void append_json_integer(std::string& out, I n) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
}

}  // namespace oms

#endif  // OMS_JSON_TEXT_H_
