// liboms: everything in one include.
#ifndef OMS_OMS_H_
#define OMS_OMS_H_

#include "oms/catalog.h"
#include "oms/customer.h"
#include "oms/decimal.h"
#include "oms/engine.h"
#include "oms/event.h"
#include "oms/export.h"
#include "oms/inventory.h"
#include "oms/money.h"
#include "oms/order.h"
#include "oms/import.h"
#include "oms/pricing.h"
#include "oms/reports.h"
#include "oms/status.h"
#include "oms/storage.h"
#include "oms/table.h"
#include "oms/time.h"
#include "oms/types.h"
#include "oms/version.h"

#endif  // OMS_OMS_H_
