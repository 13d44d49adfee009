// oms_json_get and oms_json_count on any bytes: the pointer is the text up to the first line
// break, the JSON document the rest. Whatever the input, the status is clean and a value found is
// UTF-8; when the document is JSON (to the wire's nesting limit), the value is the one the whole
// tree gives.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "check.h"
#include "oms/c.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = input.find('\n');
  const std::string pointer = input.substr(0, cut);
  const std::string document = cut == std::string::npos ? std::string() : input.substr(cut + 1);
  char* out = nullptr;
  const int rc = oms_json_get(&out, document.c_str(), pointer.c_str());
  const oms_error* e = oms_error_last();
  oms::fuzz::require(rc == e->code && rc != OMS_E_INTERNAL, "a typed status");
  oms::fuzz::require(oms::valid_utf8(e->message) && oms::valid_utf8(e->field), "the last error is UTF-8");
  if (rc == OMS_OK) {
    oms::fuzz::require(out != nullptr, "a value found is returned");
    oms_free(out);
  }
  std::size_t n = 0;
  const int counted = oms_json_count(&n, document.c_str(), pointer.c_str());
  oms::fuzz::require(oms::valid_utf8(oms_error_last()->message), "the last error is UTF-8");
  // Compare with the whole tree where nlohmann can build one without deep recursion.
  const auto tree = nlohmann::ordered_json::parse(document.c_str(), nullptr, false);
  if (!tree.is_discarded() && document.size() < 4096 && rc != OMS_E_INVALID_ARGUMENT) {
    try {
      const auto& value = tree.at(nlohmann::ordered_json::json_pointer(std::string(pointer.c_str())));  // as C sees it
      oms::fuzz::require(rc == OMS_OK, "a value the tree has is found");
      if (value.is_array() || value.is_object()) oms::fuzz::require(counted == OMS_OK && n == value.size(), "the count is the tree's");
    } catch (const nlohmann::json::exception&) {
      oms::fuzz::require(rc != OMS_OK, "a value the tree has not is not found");
    }
  }
  return 0;
}
