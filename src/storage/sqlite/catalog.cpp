// The SQLite adapter's catalog and customers: units, tax classes, products, price lists and
// their entries, promotions, customers and their credit accounts.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Unit> SqliteTransaction::get_unit(std::string_view code) {
  const std::string key(code);
  return known().units.get(key, [&] {
    return one<Unit>("SELECT code, name, decimals FROM units WHERE code = ?", read_unit, code);
  });
}

void SqliteTransaction::put(const Unit& u) {
  exec("INSERT INTO units(code, name, decimals) VALUES(?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, decimals = excluded.decimals",
       u.code, u.name, u.decimals);
  known().units.forget(u.code);
}

std::vector<Unit> SqliteTransaction::list_units() { return all<Unit>("SELECT code, name, decimals FROM units ORDER BY code", read_unit); }

std::optional<TaxClass> SqliteTransaction::get_tax_class(std::string_view code) {
  const std::string key(code);
  return known().tax_classes.get(key, [&] {
    return one<TaxClass>("SELECT code, name, rate FROM tax_classes WHERE code = ?", read_tax_class, code);
  });
}

void SqliteTransaction::put(const TaxClass& t) {
  exec("INSERT INTO tax_classes(code, name, rate) VALUES(?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, rate = excluded.rate",
       t.code, t.name, t.rate);
  known().tax_classes.forget(t.code);
}

std::vector<TaxClass> SqliteTransaction::list_tax_classes() {
  return all<TaxClass>("SELECT code, name, rate FROM tax_classes ORDER BY code", read_tax_class);
}

std::optional<Product> SqliteTransaction::get_product(ProductId id) {
  return known().products.get(id.value, [&] { return product_where(schema::kProductById, id.value); });
}

std::optional<Product> SqliteTransaction::find_product_by_sku(std::string_view sku) {
  const auto id = id_by_key(known().product_ids, sku, "SELECT id FROM products WHERE sku = ?", sku);
  return id ? get_product(ProductId{*id}) : std::nullopt;
}

std::optional<Product> SqliteTransaction::find_product_by_barcode(std::string_view code) {
  const auto id = first_id("SELECT product_id FROM product_barcodes WHERE code = ?", code);
  return id ? get_product(ProductId{*id}) : std::nullopt;
}

void SqliteTransaction::put(const Product& p) {
  exec(schema::upsert_products(), p.id, p.sku, p.name, p.unit, p.category, static_cast<int>(p.tracking),
       p.list_price, p.list_price_includes_tax, p.standard_cost, p.tax_class, p.low_stock_threshold, p.active);
  exec("DELETE FROM product_barcodes WHERE product_id = ?", p.id);
  for (std::size_t i = 0; i < p.barcodes.size(); ++i) {
    exec("INSERT INTO product_barcodes(code, product_id, position) VALUES(?, ?, ?)", p.barcodes[i], p.id,
         static_cast<int>(i));
  }
  known().products.keep(p);
  known().product_ids.clear();  // its SKU may have changed
}

std::vector<Product> SqliteTransaction::list_products() {
  std::vector<Product> out;
  for (auto id : ids("SELECT id FROM products ORDER BY id")) out.push_back(*get_product(ProductId{id}));
  return out;
}

std::optional<PriceList> SqliteTransaction::get_price_list(PriceListId id) {
  return one<PriceList>(schema::kPriceListById, read_price_list, id);
}

std::optional<PriceList> SqliteTransaction::find_price_list(std::string_view code) {
  return one<PriceList>(schema::kPriceListByCode, read_price_list, code);
}

void SqliteTransaction::put(const PriceList& l) {
  exec(schema::upsert_price_lists(), l.id, l.code, l.name, l.currency, static_cast<int>(l.scope),
       static_cast<int>(l.grade), l.customer_code, l.valid_from, l.valid_to, l.prices_include_tax,
       static_cast<int>(l.break_rule), l.priority, l.active);
}

std::vector<PriceList> SqliteTransaction::list_price_lists() {
  return all<PriceList>(schema::kPriceListsAll, read_price_list);
}

void SqliteTransaction::put(const PriceListEntry& e) {
  exec("DELETE FROM price_breaks WHERE product_id = ? AND price_list_id = ?", e.product, e.price_list);
  for (std::size_t i = 0; i < e.breaks.size(); ++i) {
    exec("INSERT INTO price_breaks(product_id, price_list_id, position, min_quantity, unit_price) VALUES(?, ?, ?, ?, ?)",
         e.product, e.price_list, static_cast<int>(i), e.breaks[i].min_quantity, e.breaks[i].unit_price);
  }
}

std::vector<PriceListEntry> SqliteTransaction::price_entries_for_product(ProductId product) {
  std::vector<PriceListEntry> out;
  query("SELECT price_list_id, min_quantity, unit_price FROM price_breaks WHERE product_id = ? ORDER BY price_list_id, position",
        [&](Row& r) {
          const PriceListId list{r.i64()};
          if (out.empty() || out.back().price_list != list) out.push_back({list, product, {}});
          Decimal min_quantity = r.dec();
          out.back().breaks.push_back({std::move(min_quantity), r.dec()});
        },
        product);
  return out;
}

std::optional<Promotion> SqliteTransaction::find_promotion(std::string_view code) {
  return one<Promotion>(schema::kPromotionByCode, read_promotion, code);
}

void SqliteTransaction::put(const Promotion& p) {
  exec(schema::upsert_promotions(), p.code, p.id, p.name, static_cast<int>(p.kind), p.threshold, p.discount,
       p.sku, p.buy_quantity, p.free_quantity, p.valid_from, p.valid_to, p.active);
}

std::vector<Promotion> SqliteTransaction::list_promotions() { return all<Promotion>(schema::kPromotionsAll, read_promotion); }

std::optional<Customer> SqliteTransaction::get_customer(CustomerId id) {
  return known().customers.get(id.value, [&] { return one<Customer>(schema::kCustomerById, read_customer, id); });
}

std::optional<Customer> SqliteTransaction::find_customer_by_code(std::string_view code) {
  const auto id = id_by_key(known().customer_ids, code, "SELECT id FROM customers WHERE code = ?", code);
  return id ? get_customer(CustomerId{*id}) : std::nullopt;
}

void SqliteTransaction::put(const Customer& c) {
  exec(schema::upsert_customers(), c.id, c.code, c.name, c.nickname, c.region, static_cast<int>(c.grade),
       c.credit_limit, c.payment_terms_days, c.salesperson, c.birthday, c.notes, c.preferences, c.active,
       body::text(c.contacts), body::text(c.addresses));
  known().customers.forget(c.id.value);
  known().customer_ids.clear();  // its code may have changed
}

std::vector<Customer> SqliteTransaction::search_customers(std::string_view text) {
  return all<Customer>(schema::kCustomerSearch, read_customer, text, text);
}

std::vector<Customer> SqliteTransaction::list_customers() { return all<Customer>(schema::kCustomersAll, read_customer); }

std::optional<CreditAccount> SqliteTransaction::get_credit_account(CustomerId customer, std::string_view currency) {
  return one<CreditAccount>("SELECT customer_id, exposure, currency FROM credit_accounts WHERE customer_id = ? AND currency = ?",
                            [](Row& r) {
                              CustomerId id{r.i64()};
                              Money m = r.money();
                              return CreditAccount{id, m.currency(), m};
                            },
                            customer, currency);
}

void SqliteTransaction::put(const CreditAccount& a) {
  exec("INSERT INTO credit_accounts(customer_id, exposure, currency) VALUES(?, ?, ?) "
       "ON CONFLICT(customer_id, currency) DO UPDATE SET exposure = excluded.exposure",
       a.customer, a.exposure);
}

}  // namespace oms::sqlite
