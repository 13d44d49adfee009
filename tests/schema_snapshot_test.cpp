// The names the schema gives the outside world, frozen in tests/data/schema_names.txt: every
// member of every value type (the C ABI's JSON and Python's attributes use these names) and
// every enum value with its number (the wire uses the names, storage the numbers). A rename, a
// reordered enum or a new member makes this test fail with the difference, so that a change to
// the stable formats is made on purpose: bring the file up to date with
//   OMS_UPDATE_SNAPSHOT=1 build/tests/oms_tests --gtest_filter='SchemaSnapshot*'
// and let review see the difference. Removing or renaming a name breaks integrators.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "oms/schema/schema.h"
#include "oms/sqlite_storage_schema.h"

namespace oms::testing {
namespace {

template <class T>
struct NameList {
  std::string& out;
  template <class M>
  void operator()(const char* name, M T::*) {
    out += ' ';
    out += name;
  }
  template <class R>
  void computed(const char* name, R (T::*)() const) {
    out += ' ';
    out += name;
    out += "()";
  }
};

template <class T>
void list_struct(std::string& out, const char* type) {
  out += type;
  out += ':';
  NameList<T> names{out};
  fields::fields(names, fields::Tag<T>{});
  out += '\n';
}

template <class E>
void list_enum(std::string& out, const char* type) {
  out += std::string("enum ") + type + ':';
  for (int i = 0; i < fields::EnumInfo<E>::count; ++i) {
    out += ' ' + std::to_string(i) + '=' + std::string(fields::EnumInfo<E>::name(static_cast<E>(i)));
  }
  out += '\n';
}

std::string schema_names() {
  std::string out;
#define OMS_LIST_STRUCT(T, ...) list_struct<T>(out, #T);
#define OMS_LIST_ENUM(E) list_enum<E>(out, #E);
#define OMS_LIST_NAMED_ENUM(E, ...) list_enum<E>(out, #E);
  OMS_SCHEMA_ALL(OMS_LIST_STRUCT, OMS_LIST_ENUM, OMS_LIST_NAMED_ENUM)
  OMS_SCHEMA_SQLITE_OPTIONS(OMS_LIST_STRUCT, OMS_LIST_ENUM, OMS_LIST_NAMED_ENUM)
#undef OMS_LIST_STRUCT
#undef OMS_LIST_ENUM
#undef OMS_LIST_NAMED_ENUM
  return out;
}

TEST(SchemaSnapshotTest, TheNamesOfEveryMemberAndEnumValueAreThoseFrozenInTheSnapshot) {
  const std::string path = std::string(OMS_SOURCE_DIR) + "/tests/data/schema_names.txt";
  const std::string now = schema_names();
  if (std::getenv("OMS_UPDATE_SNAPSHOT") != nullptr) {
    std::ofstream(path, std::ios::binary) << now;
    GTEST_SKIP() << "wrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path;
  std::stringstream frozen;
  frozen << in.rdbuf();
  EXPECT_EQ(now, frozen.str()) << "the schema's names changed: if that is meant, update " << path
                               << " (see the top of this file) and say so in the change";
}

// The enum counts come from the enums (enum_count stops at the first number an enum does not
// declare), so a value added at the end is counted with no count to change by hand.
enum class Probe { kA, kB, kC };
static_assert(fields::enum_count<Probe>() == 3);
static_assert(fields::EnumInfo<Priority>::count == 4);
static_assert(fields::EnumInfo<StatusCode>::count == static_cast<int>(StatusCode::kInternal) + 1);

}  // namespace
}  // namespace oms::testing
