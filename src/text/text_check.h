// Internal: every text an operation is given is checked to be UTF-8 before anything is stored.
//
// Text is stored as it comes and later written into event JSON, the C ABI's results and
// exports, which all promise UTF-8. So a name in GBK or Latin-1 bytes is refused where it
// enters, as bad input naming its field, instead of being stored and found broken later.
#ifndef OMS_SRC_TEXT_CHECK_H_
#define OMS_SRC_TEXT_CHECK_H_

#include <string_view>

namespace oms::internal {

// kInvalidArgument naming `field` and the offset of the first bad byte, unless `value` is UTF-8.
void require_text(std::string_view field, std::string_view value);

// kInvalidArgument naming `field` unless `value` is empty or a usable key (a code, a number, an
// external id): no control characters (U+0000..U+001F, U+007F..U+009F), not blank, and no
// space (ASCII, U+00A0, U+3000) at either end. A key that cannot be typed or told apart from
// another could never be named again.
void require_key(std::string_view field, std::string_view value);

// The same for every text member of `input`, nested ones included: a bad note on the second
// line of a NewOrder is named "lines[1].note". Members that hold keys ("sku", "code", "number",
// "serials", ... listed in text_check.cpp) are checked as keys as well. The walk follows the
// member lists of include/oms/schema/, so a text member added to a public type is checked with
// no change here. Defined (explicitly instantiated) in text_check.cpp for the input types of the
// public operations.
template <class T>
void require_text(const T& input);

}  // namespace oms::internal

#endif  // OMS_SRC_TEXT_CHECK_H_
