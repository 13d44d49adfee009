// The members of SqliteOptions and the names of Durability, listed beside the adapter
// they belong to, for the layers that read options member by member (the C ABI's
// oms_engine_open, the Python bindings).
#ifndef OMS_SQLITE_STORAGE_SCHEMA_H_
#define OMS_SQLITE_STORAGE_SCHEMA_H_

#include "oms/sqlite_storage.h"
#include "oms/schema/core.h"

// As the areas of the schema list theirs (oms/schema/schema.h).
#define OMS_SCHEMA_SQLITE_OPTIONS(S, E, N) \
  N(Durability, "full", "normal")          \
  S(SqliteOptions, durability, busy_timeout_ms, create, read_only, max_pages, checkpoint_pages, writer_patience_us)

namespace oms::fields {

OMS_SCHEMA_SQLITE_OPTIONS(OMS_STRUCT, OMS_ENUM, OMS_NAMED_ENUM)

}  // namespace oms::fields

#endif  // OMS_SQLITE_STORAGE_SCHEMA_H_
