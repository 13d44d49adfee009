// Internal: the SQLite schema of liboms, its migrations and the statements generated from it.
#ifndef OMS_SRC_STORAGE_SQLITE_SCHEMA_H_
#define OMS_SRC_STORAGE_SQLITE_SCHEMA_H_

#include <algorithm>
#include <string>
#include <vector>

namespace oms::schema {

// Migration i takes a database from schema version i to i + 1. Never edit a released one:
// append a new migration and raise kSqliteSchemaVersion.
inline const std::vector<std::string>& migrations() {
  static const std::vector<std::string> all = {
      // 0 -> 1: the engine core.
      R"sql(
CREATE TABLE ids (kind INTEGER PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE sequences (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL, decimals INTEGER NOT NULL);
CREATE TABLE tax_classes (code TEXT PRIMARY KEY, name TEXT NOT NULL, rate TEXT NOT NULL);
CREATE TABLE products (
  id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  unit TEXT NOT NULL REFERENCES units(code), category TEXT NOT NULL, tracking INTEGER NOT NULL,
  list_price TEXT NOT NULL, list_price_currency TEXT NOT NULL, list_price_includes_tax INTEGER NOT NULL,
  standard_cost TEXT NOT NULL, standard_cost_currency TEXT NOT NULL, tax_class TEXT NOT NULL,
  low_stock_threshold TEXT NOT NULL, active INTEGER NOT NULL);
CREATE TABLE product_barcodes (
  code TEXT PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), position INTEGER NOT NULL);
CREATE INDEX product_barcodes_product ON product_barcodes(product_id);
CREATE TABLE price_lists (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, currency TEXT NOT NULL,
  scope INTEGER NOT NULL, grade INTEGER NOT NULL, customer_code TEXT NOT NULL, valid_from TEXT, valid_to TEXT,
  prices_include_tax INTEGER NOT NULL, break_rule INTEGER NOT NULL, priority INTEGER NOT NULL, active INTEGER NOT NULL);
CREATE TABLE price_breaks (
  product_id INTEGER NOT NULL REFERENCES products(id), price_list_id INTEGER NOT NULL REFERENCES price_lists(id),
  position INTEGER NOT NULL, min_quantity TEXT NOT NULL, unit_price TEXT NOT NULL,
  PRIMARY KEY (product_id, price_list_id, position));
CREATE TABLE promotions (
  code TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, kind INTEGER NOT NULL,
  threshold TEXT NOT NULL, threshold_currency TEXT NOT NULL, discount TEXT NOT NULL, discount_currency TEXT NOT NULL,
  sku TEXT NOT NULL, buy_quantity TEXT NOT NULL, free_quantity TEXT NOT NULL, valid_from TEXT, valid_to TEXT,
  active INTEGER NOT NULL);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, nickname TEXT NOT NULL, region TEXT NOT NULL,
  grade INTEGER NOT NULL, credit_limit TEXT, credit_currency TEXT, payment_terms_days INTEGER NOT NULL,
  salesperson TEXT NOT NULL, birthday TEXT, notes TEXT NOT NULL, preferences TEXT NOT NULL, active INTEGER NOT NULL,
  contacts TEXT NOT NULL, addresses TEXT NOT NULL);
CREATE TABLE credit_accounts (
  customer_id INTEGER NOT NULL REFERENCES customers(id), exposure TEXT NOT NULL, currency TEXT NOT NULL,
  PRIMARY KEY (customer_id, currency));
CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, region TEXT NOT NULL, active INTEGER NOT NULL);
CREATE TABLE locations (
  id INTEGER PRIMARY KEY, warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), code TEXT NOT NULL,
  name TEXT NOT NULL, UNIQUE (warehouse_id, code));
CREATE TABLE lots (
  id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), lot_number TEXT NOT NULL,
  expiry TEXT, UNIQUE (product_id, lot_number));
CREATE INDEX lots_number ON lots(lot_number);
CREATE TABLE serials (
  product_id INTEGER NOT NULL REFERENCES products(id), serial TEXT NOT NULL, lot_id INTEGER NOT NULL,
  location_id INTEGER NOT NULL REFERENCES locations(id), status INTEGER NOT NULL, PRIMARY KEY (product_id, serial));
CREATE INDEX serials_serial ON serials(serial);
CREATE TABLE moves (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id), warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
  location_id INTEGER NOT NULL REFERENCES locations(id), lot_id INTEGER NOT NULL, quantity TEXT NOT NULL,
  unit_cost TEXT NOT NULL, reference TEXT NOT NULL, reason TEXT NOT NULL, actor TEXT NOT NULL, serials TEXT NOT NULL);
CREATE INDEX moves_product ON moves(product_id, id);
CREATE TABLE quants (
  product_id INTEGER NOT NULL REFERENCES products(id), location_id INTEGER NOT NULL REFERENCES locations(id),
  lot_id INTEGER NOT NULL, warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), on_hand TEXT NOT NULL,
  PRIMARY KEY (product_id, location_id, lot_id));
CREATE INDEX quants_warehouse ON quants(warehouse_id);
CREATE TABLE warehouse_stock (
  product_id INTEGER NOT NULL REFERENCES products(id), warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
  on_hand TEXT NOT NULL, reserved TEXT NOT NULL, PRIMARY KEY (product_id, warehouse_id));
CREATE TABLE valuations (
  product_id INTEGER PRIMARY KEY REFERENCES products(id), quantity TEXT NOT NULL, average_cost TEXT NOT NULL);
CREATE TABLE receipts (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, date TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), supplier TEXT NOT NULL, reference TEXT NOT NULL,
  actor TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE receipt_lines (
  receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id), location_id INTEGER NOT NULL REFERENCES locations(id),
  lot_id INTEGER NOT NULL, quantity TEXT NOT NULL, unit_cost TEXT NOT NULL, serials TEXT NOT NULL,
  PRIMARY KEY (receipt_id, position));
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, external_source TEXT, external_id TEXT,
  customer_id INTEGER REFERENCES customers(id), customer_code TEXT NOT NULL, channel TEXT NOT NULL,
  salesperson TEXT NOT NULL, order_date TEXT NOT NULL, requested_delivery TEXT, priority INTEGER NOT NULL,
  currency TEXT NOT NULL, notes TEXT NOT NULL, ship_to TEXT NOT NULL, prices_include_tax INTEGER NOT NULL,
  state INTEGER NOT NULL, held_from INTEGER NOT NULL, hold_kind INTEGER NOT NULL, hold_reason TEXT NOT NULL,
  promotions TEXT NOT NULL, gross TEXT NOT NULL, discount TEXT NOT NULL, order_discount TEXT NOT NULL,
  net TEXT NOT NULL, tax TEXT NOT NULL, total TEXT NOT NULL, cost TEXT NOT NULL, margin TEXT NOT NULL,
  margin_percent TEXT NOT NULL, invoiced TEXT NOT NULL,
  invoiced_currency TEXT NOT NULL, paid TEXT NOT NULL, paid_currency TEXT NOT NULL, revision INTEGER NOT NULL,
  revisions TEXT NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL,
  approved_by TEXT NOT NULL, approved_at INTEGER, next_line_no INTEGER NOT NULL, backordered INTEGER NOT NULL,
  open INTEGER NOT NULL);
CREATE UNIQUE INDEX orders_external ON orders(external_source, external_id);
CREATE INDEX orders_customer ON orders(customer_id, id);
CREATE INDEX orders_date ON orders(order_date);
CREATE INDEX orders_backordered ON orders(id) WHERE backordered = 1;
CREATE TABLE order_history (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  from_state INTEGER NOT NULL, to_state INTEGER NOT NULL, action INTEGER NOT NULL, actor TEXT NOT NULL,
  at INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (order_id, position));
CREATE TABLE order_lines (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE, line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id), sku TEXT NOT NULL, description TEXT NOT NULL,
  quantity TEXT NOT NULL, unit TEXT NOT NULL, unit_price TEXT NOT NULL, unit_price_currency TEXT NOT NULL,
  price_source_kind INTEGER NOT NULL, price_source_ref TEXT NOT NULL, price_overridden INTEGER NOT NULL,
  price_includes_tax INTEGER NOT NULL, discount_kind INTEGER NOT NULL, discount_value TEXT NOT NULL,
  tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL, gift INTEGER NOT NULL, gift_for_line INTEGER NOT NULL,
  unit_cost TEXT NOT NULL, unit_cost_currency TEXT NOT NULL, gross TEXT NOT NULL, discount TEXT NOT NULL,
  order_discount TEXT NOT NULL, net TEXT NOT NULL, tax TEXT NOT NULL, total TEXT NOT NULL, cost TEXT NOT NULL,
  margin TEXT NOT NULL, shipped TEXT NOT NULL, closed TEXT NOT NULL, note TEXT NOT NULL,
  PRIMARY KEY (order_id, line_no));
CREATE INDEX order_lines_product ON order_lines(product_id, order_id);
CREATE TABLE line_allocations (
  order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, position INTEGER NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), quantity TEXT NOT NULL,
  PRIMARY KEY (order_id, line_no, position),
  FOREIGN KEY (order_id, line_no) REFERENCES order_lines(order_id, line_no) ON DELETE CASCADE);
CREATE TABLE events (
  sequence INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
)sql",
      // 1 -> 2: fulfilment and settlement. Documents keep their keys and the figures reports
      // filter on as columns, their nested parts as JSON (src/storage/body_json.h).
      R"sql(
ALTER TABLE orders ADD COLUMN invoice_policy INTEGER NOT NULL DEFAULT 1;
ALTER TABLE orders ADD COLUMN billable TEXT NOT NULL DEFAULT '0';
UPDATE orders SET billable = CASE WHEN state = 7 THEN '0' ELSE total END;
ALTER TABLE order_lines ADD COLUMN in_shipment TEXT NOT NULL DEFAULT '0';
ALTER TABLE order_lines ADD COLUMN returned TEXT NOT NULL DEFAULT '0';
ALTER TABLE order_lines ADD COLUMN invoiced TEXT NOT NULL DEFAULT '0';
CREATE TABLE documents (
  kind INTEGER NOT NULL, id INTEGER NOT NULL, number TEXT NOT NULL, customer_id INTEGER NOT NULL,
  state INTEGER NOT NULL, flagged INTEGER NOT NULL, date TEXT, due_date TEXT, currency TEXT,
  total TEXT, open_amount TEXT, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE UNIQUE INDEX documents_number ON documents(kind, number);
CREATE INDEX documents_customer ON documents(kind, customer_id, id);
CREATE INDEX documents_flagged ON documents(kind, id) WHERE flagged = 1;
CREATE INDEX documents_state ON documents(kind, state, id);
CREATE TABLE document_links (
  id INTEGER PRIMARY KEY, from_kind INTEGER NOT NULL, from_number TEXT NOT NULL, to_kind INTEGER NOT NULL,
  to_number TEXT NOT NULL, from_line INTEGER NOT NULL, to_line INTEGER NOT NULL, relation TEXT NOT NULL,
  sku TEXT NOT NULL, quantity TEXT NOT NULL, amount TEXT, currency TEXT, at INTEGER NOT NULL);
CREATE INDEX document_links_from ON document_links(from_kind, from_number, id);
CREATE INDEX document_links_to ON document_links(to_kind, to_number, id);
)sql",
      // 2 -> 3: reports over a period read only its stock moves.
      R"sql(
CREATE INDEX moves_at ON moves(at);
)sql",
      // 3 -> 4: listing orders by state (work queues: every submitted order, say) reads only
      // those orders.
      R"sql(
CREATE INDEX orders_state ON orders(state, id);
)sql",
      // 4 -> 5: an order's lines, their allocations and its history are stored by their keys
      // (WITHOUT ROWID): one b-tree each instead of a table beside an index of its key, so that
      // writing a row writes one page, not two, and an order's lines are read side by side.
      // Runs with foreign keys off (prepare_schema), so that dropping a table cascades nowhere.
      R"sql(
CREATE TABLE order_history_v5 (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  from_state INTEGER NOT NULL, to_state INTEGER NOT NULL, action INTEGER NOT NULL, actor TEXT NOT NULL,
  at INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (order_id, position)) WITHOUT ROWID;
INSERT INTO order_history_v5(order_id, position, from_state, to_state, action, actor, at, reason)
  SELECT order_id, position, from_state, to_state, action, actor, at, reason FROM order_history;
DROP TABLE order_history;
ALTER TABLE order_history_v5 RENAME TO order_history;
CREATE TABLE order_lines_v5 (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE, line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id), sku TEXT NOT NULL, description TEXT NOT NULL,
  quantity TEXT NOT NULL, unit TEXT NOT NULL, unit_price TEXT NOT NULL, unit_price_currency TEXT NOT NULL,
  price_source_kind INTEGER NOT NULL, price_source_ref TEXT NOT NULL, price_overridden INTEGER NOT NULL,
  price_includes_tax INTEGER NOT NULL, discount_kind INTEGER NOT NULL, discount_value TEXT NOT NULL,
  tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL, gift INTEGER NOT NULL, gift_for_line INTEGER NOT NULL,
  unit_cost TEXT NOT NULL, unit_cost_currency TEXT NOT NULL, gross TEXT NOT NULL, discount TEXT NOT NULL,
  order_discount TEXT NOT NULL, net TEXT NOT NULL, tax TEXT NOT NULL, total TEXT NOT NULL, cost TEXT NOT NULL,
  margin TEXT NOT NULL, shipped TEXT NOT NULL, closed TEXT NOT NULL, note TEXT NOT NULL,
  in_shipment TEXT NOT NULL DEFAULT '0', returned TEXT NOT NULL DEFAULT '0', invoiced TEXT NOT NULL DEFAULT '0',
  PRIMARY KEY (order_id, line_no)) WITHOUT ROWID;
INSERT INTO order_lines_v5(order_id, line_no, product_id, sku, description, quantity, unit, unit_price,
  unit_price_currency, price_source_kind, price_source_ref, price_overridden, price_includes_tax, discount_kind,
  discount_value, tax_class, tax_rate, gift, gift_for_line, unit_cost, unit_cost_currency, gross, discount,
  order_discount, net, tax, total, cost, margin, shipped, closed, note, in_shipment, returned, invoiced)
  SELECT order_id, line_no, product_id, sku, description, quantity, unit, unit_price, unit_price_currency,
  price_source_kind, price_source_ref, price_overridden, price_includes_tax, discount_kind, discount_value, tax_class,
  tax_rate, gift, gift_for_line, unit_cost, unit_cost_currency, gross, discount, order_discount, net, tax, total, cost,
  margin, shipped, closed, note, in_shipment, returned, invoiced FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_v5 RENAME TO order_lines;
CREATE INDEX order_lines_product ON order_lines(product_id, order_id);
CREATE TABLE line_allocations_v5 (
  order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, position INTEGER NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), quantity TEXT NOT NULL,
  PRIMARY KEY (order_id, line_no, position),
  FOREIGN KEY (order_id, line_no) REFERENCES order_lines(order_id, line_no) ON DELETE CASCADE) WITHOUT ROWID;
INSERT INTO line_allocations_v5(order_id, line_no, position, warehouse_id, quantity)
  SELECT order_id, line_no, position, warehouse_id, quantity FROM line_allocations;
DROP TABLE line_allocations;
ALTER TABLE line_allocations_v5 RENAME TO line_allocations;
)sql",
      // 5 -> 6: the shipments that have not gone out yet (draft 0, picked 1, packed 2), by the
      // products of their lines: picking reads the shipments that compete for its products' bins
      // instead of every open one. Filled from the shipments' bodies (kind 10).
      R"sql(
CREATE TABLE unissued_shipment_products (
  product_id INTEGER NOT NULL, shipment_id INTEGER NOT NULL, PRIMARY KEY (product_id, shipment_id)) WITHOUT ROWID;
INSERT OR IGNORE INTO unissued_shipment_products(product_id, shipment_id)
  SELECT json_extract(l.value, '$.product'), d.id FROM documents d, json_each(d.body, '$.lines') l
  WHERE d.kind = 10 AND d.state IN (0, 1, 2);
)sql",
      // 6 -> 7: the JSON texts of orders and customers in the form of every other stored body
      // (src/storage/body_json.h), members named as the schema names them. Revisions kept their
      // lines in a form of their own that had no room for in_shipment, returned and invoiced,
      // which were lost; those old lines read as 0 (what was stored). Contacts were arrays.
      // Objects and arrays taken out of a text pass through json() so they stay JSON, and true
      // and false are written as such (json_extract reads them as 1 and 0).
      R"sql(
UPDATE customers SET contacts = (
  SELECT json_group_array(json_object('name', json_extract(k.value, '$[0]'), 'role', json_extract(k.value, '$[1]'),
                                      'phone', json_extract(k.value, '$[2]'), 'email', json_extract(k.value, '$[3]')))
  FROM json_each(customers.contacts) k)
WHERE contacts <> '[]';
UPDATE orders SET revisions = (
  SELECT json_group_array(json_object(
    'number', json_extract(r.value, '$.number'), 'actor', json_extract(r.value, '$.actor'),
    'at', json_extract(r.value, '$.at'), 'reason', json_extract(r.value, '$.reason'),
    'previous_requested_delivery', json_extract(r.value, '$.requested_delivery'),
    'previous_lines', json((SELECT json_group_array(json_object(
      'line_no', json_extract(l.value, '$.line_no'), 'product', json_extract(l.value, '$.product'),
      'sku', json_extract(l.value, '$.sku'), 'description', json_extract(l.value, '$.description'),
      'quantity', json_extract(l.value, '$.quantity'), 'unit', json_extract(l.value, '$.unit'),
      'unit_price', json(json_extract(l.value, '$.unit_price')),
      'price_source', json_object('kind', json_extract(l.value, '$.source[0]'),
                                  'reference', json_extract(l.value, '$.source[1]')),
      'price_overridden', json(CASE WHEN json_extract(l.value, '$.overridden') THEN 'true' ELSE 'false' END),
      'price_includes_tax', json(CASE WHEN json_extract(l.value, '$.includes_tax') THEN 'true' ELSE 'false' END),
      'discount', json_object('kind', json_extract(l.value, '$.discount[0]'),
                              'value', json_extract(l.value, '$.discount[1]')),
      'tax_class', json_extract(l.value, '$.tax_class'), 'tax_rate', json_extract(l.value, '$.tax_rate'),
      'gift', json(CASE WHEN json_extract(l.value, '$.gift') THEN 'true' ELSE 'false' END),
      'gift_for_line', json_extract(l.value, '$.gift_for_line'),
      'unit_cost', json(json_extract(l.value, '$.unit_cost')),
      'amounts', json_object('gross', json(json_extract(l.value, '$.amounts[0]')),
                             'discount', json(json_extract(l.value, '$.amounts[1]')),
                             'order_discount', json(json_extract(l.value, '$.amounts[2]')),
                             'net', json(json_extract(l.value, '$.amounts[3]')),
                             'tax', json(json_extract(l.value, '$.amounts[4]')),
                             'total', json(json_extract(l.value, '$.amounts[5]')),
                             'cost', json(json_extract(l.value, '$.amounts[6]')),
                             'margin', json(json_extract(l.value, '$.amounts[7]'))),
      'shipped', json_extract(l.value, '$.shipped'), 'closed', json_extract(l.value, '$.closed'),
      'in_shipment', '0', 'returned', '0', 'invoiced', '0',
      'allocations', json((SELECT json_group_array(json_object('warehouse', json_extract(a.value, '$[0]'),
                                                                'quantity', json_extract(a.value, '$[1]')))
                           FROM json_each(l.value, '$.allocations') a)),
      'note', json_extract(l.value, '$.note')))
      FROM json_each(r.value, '$.lines') l)),
    'previous_totals', json_object('gross', json(json_extract(r.value, '$.totals[0]')),
                                   'discount', json(json_extract(r.value, '$.totals[1]')),
                                   'order_discount', json(json_extract(r.value, '$.totals[2]')),
                                   'net', json(json_extract(r.value, '$.totals[3]')),
                                   'tax', json(json_extract(r.value, '$.totals[4]')),
                                   'total', json(json_extract(r.value, '$.totals[5]')),
                                   'cost', json(json_extract(r.value, '$.totals[6]')),
                                   'margin', json(json_extract(r.value, '$.totals[7]')),
                                   'margin_percent', json_extract(r.value, '$.totals[8]'))))
  FROM json_each(orders.revisions) r)
WHERE revisions <> '[]';
)sql",
      // 7 -> 8: the customer's own number for an order (their purchase order).
      R"sql(
ALTER TABLE orders ADD COLUMN customer_reference TEXT NOT NULL DEFAULT '';
)sql",
  };
  return all;
}

// The columns of `key`, a comma-separated list ("order_id, line_no").
inline std::vector<std::string> key_columns(const std::string& key) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= key.size();) {
    const std::size_t comma = std::min(key.find(',', start), key.size());
    std::size_t first = key.find_first_not_of(' ', start);
    out.push_back(key.substr(first, comma - first));
    start = comma + 1;
  }
  return out;
}

// "INSERT INTO t(c...) VALUES(?...) ON CONFLICT(key) DO UPDATE SET c = excluded.c, ...", setting
// every column but the key's.
inline std::string make_upsert(const char* table, const std::vector<std::string>& cols, const std::string& key) {
  const std::vector<std::string> keys = key_columns(key);
  std::string sql = std::string("INSERT INTO ") + table + "(";
  std::string values;
  std::string set;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    sql += (i ? ", " : "") + cols[i];
    values += i ? ", ?" : "?";
    if (std::find(keys.begin(), keys.end(), cols[i]) == keys.end()) {
      set += (set.empty() ? "" : ", ") + cols[i] + " = excluded." + cols[i];
    }
  }
  return sql + ") VALUES(" + values + ") ON CONFLICT(" + key + ") DO UPDATE SET " + set;
}

// "UPDATE t SET c = ?, ... WHERE k = ? AND ...": the columns `set` of the row whose key is `key`
// (bound after them, in the order of `key`).
inline std::string make_update(const char* table, const std::vector<std::string>& set, const std::string& key) {
  std::string sql = std::string("UPDATE ") + table + " SET ";
  for (std::size_t i = 0; i < set.size(); ++i) sql += (i ? ", " : "") + set[i] + " = ?";
  const std::vector<std::string> keys = key_columns(key);
  for (std::size_t i = 0; i < keys.size(); ++i) sql += (i ? " AND " : " WHERE ") + keys[i] + " = ?";
  return sql;
}

// The columns of the documents table in the order of document_row() (rows.h): the keys and the
// figures that listings and reports filter on, then the JSON body. (Values kept in columns of
// their own members have their statements made from the schema: codec.h, tables.h.)
inline const std::vector<std::string>& document_columns() {
  static const std::vector<std::string> c = {
      "kind",     "id",    "number",      "customer_id", "state", "flagged", "date",
      "due_date", "currency", "total", "open_amount", "body"};
  return c;
}
inline const char* upsert_documents() {
  static const std::string u = make_upsert("documents", document_columns(), "kind, id");
  return u.c_str();
}

}  // namespace oms::schema

#endif  // OMS_SRC_STORAGE_SQLITE_SCHEMA_H_
