// The storage adapters every engine behaviour test runs against. Adding an adapter here runs
// the whole conformance suite on it.
#ifndef OMS_TESTS_STORAGE_ADAPTERS_H_
#define OMS_TESTS_STORAGE_ADAPTERS_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "oms/storage.h"

namespace oms::testing {

struct StorageAdapter {
  std::string name;
  std::function<std::shared_ptr<Storage>()> make;
};

inline void PrintTo(const StorageAdapter& a, std::ostream* os) { *os << a.name; }

inline std::vector<StorageAdapter> storage_adapters() {
  return {
      {"Memory", [] { return make_memory_storage(); }},
  };
}

inline std::string adapter_name(const ::testing::TestParamInfo<StorageAdapter>& info) { return info.param.name; }

}  // namespace oms::testing

#define OMS_INSTANTIATE_FOR_EVERY_ADAPTER(Suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Adapters, Suite, ::testing::ValuesIn(::oms::testing::storage_adapters()), \
                           ::oms::testing::adapter_name)

#endif  // OMS_TESTS_STORAGE_ADAPTERS_H_
