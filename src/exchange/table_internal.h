// Internal: what the CSV and xlsx writers share (src/exchange/table.cpp, src/exchange/xlsx.cpp).
#ifndef OMS_SRC_TABLE_INTERNAL_H_
#define OMS_SRC_TABLE_INTERNAL_H_

#include <string>

#include "oms/status.h"

namespace oms::internal {

// Renames the finished `temporary` file to `path` (replacing it), so that readers never see a
// half-written export; on failure removes `temporary` and returns kStorage naming `path`.
Status move_into_place(const std::string& temporary, const std::string& path);

}  // namespace oms::internal

#endif  // OMS_SRC_TABLE_INTERNAL_H_
