// Internal: one value of a JSON text, found by an RFC 6901 pointer as the text is read.
//
// oms_json_get and oms_json_count are for C callers without a JSON library: they read an
// order's number out of the created order, an invoice's total, and so on. Building the whole
// document as a tree to pick out one member cost more than the operation that wrote the
// document: in the C lifecycle benchmark, 4 such reads took longer than the 9 operations
// (docs/PERFORMANCE.md). value_at reads the text once as a stream of events and keeps only the
// value the pointer names, as a tree only when that value is itself an object or an array.
//
// The answer is the one the whole tree gives, with the same errors:
// - the text is read to its end, so text that is not JSON is refused even when the value came
//   before the fault;
// - a key given twice names its last value;
// - array indexes are written as RFC 6901 writes them ("0", "12"; not "01", not "-").
#ifndef OMS_CAPI_JSON_POINTER_H_
#define OMS_CAPI_JSON_POINTER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oms::capi {

// The reference tokens of `pointer`, unescaped ("~1" is "/", "~0" is "~"). Throws oms::Error
// kInvalidArgument naming "pointer" for text that is not a JSON pointer.
std::vector<std::string> pointer_tokens(std::string_view pointer);

// The value at `pointer` in the JSON `text`. Throws what nlohmann's json::parse throws for text
// that is not JSON (a json::exception; the caller words it as for every other JSON argument),
// and oms::Error: kInvalidArgument naming "json" for arrays and objects nested deeper than
// wire::kMaxNesting; naming "pointer", kInvalidArgument for a pointer that is not one and
// kNotFound when it names nothing.
nlohmann::ordered_json value_at(std::string_view text, std::string_view pointer);

}  // namespace oms::capi

#endif  // OMS_CAPI_JSON_POINTER_H_
