// The fulfilment value types of oms._oms (see bindings.h for the two passes).
#include "bindings.h"

namespace oms::python {

void declare_fulfilment_values(py::module_& m) {
#define OMS_DECLARE(T, ...) declare_struct<T>(m, #T);
  OMS_PY_STRUCTS_FULFILMENT(OMS_DECLARE, OMS_SCHEMA_IGNORE, OMS_SCHEMA_IGNORE)
#undef OMS_DECLARE
}

void define_fulfilment_values(py::module_& m) {
#define OMS_DEFINE(T, ...) define_struct<T>(m, #T);
  OMS_PY_STRUCTS_FULFILMENT(OMS_DEFINE, OMS_SCHEMA_IGNORE, OMS_SCHEMA_IGNORE)
#undef OMS_DEFINE
}

}  // namespace oms::python
