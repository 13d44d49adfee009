// Internal: checking text is UTF-8 (CSV cells on import, texts written into event JSON).
#ifndef OMS_SRC_UTF8_H_
#define OMS_SRC_UTF8_H_

#include <string_view>

namespace oms {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view text);

}  // namespace oms

#endif  // OMS_SRC_UTF8_H_
