// The storage adapters every engine behaviour test runs against. Adding an adapter here runs
// the whole conformance suite on it.
#ifndef OMS_TESTS_STORAGE_ADAPTERS_H_
#define OMS_TESTS_STORAGE_ADAPTERS_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <atomic>
#include <filesystem>
#include <unistd.h>

#include "oms/sqlite_storage.h"
#include "oms/storage.h"

namespace oms::testing {

// Opens the same stored data again at every call: a new storage object on the same file, or
// (in memory, where there is nothing else to open) the one storage object.
using StoragePlace = std::function<std::shared_ptr<Storage>()>;

struct StorageAdapter {
  std::string name;
  std::function<std::shared_ptr<Storage>()> make;
  // A new place for data: the files it leaves are removed when the last copy of it is released.
  std::function<StoragePlace()> place;
};

inline void PrintTo(const StorageAdapter& a, std::ostream* os) { *os << a.name; }

// Removes a database file with its write-ahead log and shared-memory index.
inline void remove_db_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A fresh database file for one test, removed (with its WAL files) when the storage is released.
inline std::string scratch_db_path() {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() / "oms-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / ("t" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
  remove_db_files(path.string());
  return path.string();
}

inline std::shared_ptr<Storage> make_scratch_sqlite_storage() {
  const std::string path = scratch_db_path();
  SqliteOptions options;
  options.durability = Durability::kNormal;  // the crash tests check kFull
  std::shared_ptr<Storage> storage = open_sqlite_storage(path, options).value();
  return std::shared_ptr<Storage>(storage.get(), [storage, path](Storage*) mutable {
    storage.reset();
    remove_db_files(path);
  });
}

inline StoragePlace scratch_sqlite_place() {
  auto path = std::shared_ptr<const std::string>(new std::string(scratch_db_path()), [](const std::string* p) {
    remove_db_files(*p);
    delete p;
  });
  return [path] {
    SqliteOptions options;
    options.durability = Durability::kNormal;
    return std::shared_ptr<Storage>(open_sqlite_storage(*path, options).value());
  };
}

inline std::vector<StorageAdapter> storage_adapters() {
  return {
      {"Memory", [] { return make_memory_storage(); },
       [] { return StoragePlace([storage = make_memory_storage()] { return storage; }); }},
      {"Sqlite", [] { return make_scratch_sqlite_storage(); }, [] { return scratch_sqlite_place(); }},
  };
}

inline std::string adapter_name(const ::testing::TestParamInfo<StorageAdapter>& info) { return info.param.name; }

}  // namespace oms::testing

#define OMS_INSTANTIATE_FOR_EVERY_ADAPTER(Suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Adapters, Suite, ::testing::ValuesIn(::oms::testing::storage_adapters()), \
                           ::oms::testing::adapter_name)

#endif  // OMS_TESTS_STORAGE_ADAPTERS_H_
