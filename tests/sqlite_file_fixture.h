// The fixture of the tests of SQLite files: an engine on a scratch file that a test may close,
// reopen, rewrite with raw SQL or fill with a book of every kind of entity.
#ifndef OMS_TESTS_SQLITE_FILE_FIXTURE_H_
#define OMS_TESTS_SQLITE_FILE_FIXTURE_H_

#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <string>

#include "fixture.h"
#include "oms/sqlite_storage.h"

namespace oms::testing {

inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void raw_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

class SqliteFileTest : public EngineTest {
 protected:
  void SetUp() override {
    clock = std::make_shared<ManualClock>(at(2026, 11, 23, 10));
    options.clock = clock;
    path = scratch_db_path();
    open_file();
  }
  void TearDown() override {
    EngineTest::TearDown();
    remove_file();
  }
  // Closes the file and removes it.
  void remove_file() {
    eng.reset();
    storage.reset();
    remove_db_files(path);
  }
  void open_file(SqliteOptions o = {}) {
    eng.reset();
    storage = open_sqlite_storage(path, o).value();
    reopen();
  }
  // A book with every kind of entity: catalog, prices, promotions, customers, lots, serials,
  // orders in several states with amendments, holds and backorders.
  void build_rich_state() {
    seed();
    PriceList l;
    l.code = "VIP";
    l.name = "VIP";
    l.currency = currency("CNY");
    l.scope = PriceScope::kGrade;
    l.grade = CustomerGrade::kVip;
    l.valid_to = day(2027, 1, 1);
    ok(eng->create_price_list(l, "p"));
    ok(eng->set_prices("VIP", "TEA", {{0, "9.00"_d}, {10, "8.50"_d}}, "p"));
    add_tea_three_plus_one();
    receive("TEA", "N", "20");
    receive("RICE", "S", "12.5", "3.10");
    ReceiptSpec r;
    r.warehouse = "N";
    r.lines.push_back({"MILK", "A-01", 6, "5.00"_d, "L-1", day(2027, 1, 1), {}});
    r.lines.push_back({"PHONE", "", 2, "1500"_d, "", std::nullopt, {"SN-1", "SN-2"}});
    ok(eng->receive(r, "clerk"));
    const std::string a = confirmed_order(order_for("BETA", {{"TEA", "12"}, {"RICE", "2.5"}}));
    Amendment am;
    am.changes.push_back({1, Decimal(6), {}, Discount::percent(5), false});
    am.reason = "smaller";
    ok(eng->amend(a, am, "sales"));
    confirmed_order(order_for("ACME", {{"TEA", "30"}}));  // backordered
    NewOrder ext = order_for("GAMMA", {{"MILK", "2"}});
    ext.external = {"web", "W-1"};
    ext.requested_delivery = day(2026, 12, 1);
    const std::string b = ok(eng->create_order(ext, "sync")).order.number;
    ok(eng->submit(b, "sales"));
    ok(eng->hold(b, "check address", "ops"));
    ok(eng->create_order(order_for("", {}), "sales"));  // an empty draft
    // Fulfilment and settlement: a lot and serial shipment with tracking and an exception, an
    // invoice, a payment with credit left, a return with a credit note.
    const std::string c = confirmed_order(order_for("ACME", {{"MILK", "3"}, {"PHONE", "1"}}));
    ShipmentSpec sp;
    sp.warehouse = "N";
    sp.lines.push_back({c, 1, std::nullopt, {}, {}});
    sp.lines.push_back({c, 2, std::nullopt, {}, {"SN-2"}});
    sp.carrier = "SF";
    sp.promised_date = day(2026, 11, 25);
    const std::string sh = ok(eng->ship_shipment(ok(eng->create_shipment(sp, "wh")).number, "wh")).number;
    ok(eng->record_tracking(sh, {std::nullopt, TrackingStatus::kDamaged, "DMG", "Hub", "wet box"}, "carrier"));
    InvoiceSpec iv;
    iv.orders = {c};
    ok(eng->create_invoice(iv, "billing"));
    PaymentSpec pay;
    pay.customer_code = "ACME";
    pay.amount = "3000.00"_d;
    pay.method = "wire";
    ok(eng->record_payment(pay, "cashier"));
    ReturnSpec rt;
    rt.shipment = sh;
    rt.lines.push_back({1, 1_d, ReturnDisposition::kRestock, "", {}, "sour"});
    ok(eng->receive_return(rt, "wh"));
    clock->advance(std::chrono::hours(2));
    ok(eng->regrade_customers("crm"));
  }
  std::string path;
};

}  // namespace oms::testing

#endif  // OMS_TESTS_SQLITE_FILE_FIXTURE_H_
