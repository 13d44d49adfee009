#include <string>

#include "oms/status.h"
#include "oms/storage.h"

namespace oms {

void Found::mismatch(Stored kind, bool many) const {
  throw Error(Status::Internal("a storage adapter answered a lookup of " + std::string(many_ ? "many" : "one") +
                               " entities of kind " + std::to_string(static_cast<int>(kind_)) + " with " +
                               (many ? "many" : "one") + " of kind " + std::to_string(static_cast<int>(kind))));
}

}  // namespace oms
