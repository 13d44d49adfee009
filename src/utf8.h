// Internal: checking text is UTF-8 (every text input of an operation, CSV cells on import, texts
// written into event JSON).
#ifndef OMS_SRC_UTF8_H_
#define OMS_SRC_UTF8_H_

#include <cstddef>
#include <string_view>

namespace oms {

// The offset of the first byte of `text` that does not begin a well-formed UTF-8 sequence
// (overlong forms and surrogates are not well formed), or npos when all of it is UTF-8.
std::size_t utf8_error_offset(std::string_view text);

inline bool valid_utf8(std::string_view text) { return utf8_error_offset(text) == std::string_view::npos; }

}  // namespace oms

#endif  // OMS_SRC_UTF8_H_
