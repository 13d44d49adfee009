// The SQLite adapter's catalog and customers: units, tax classes, products, price lists and
// their entries, promotions, customers and their credit accounts.
#include <string>
#include <vector>

#include "storage/sqlite/transaction.h"

namespace oms::sqlite {

std::optional<Unit> SqliteTransaction::get_unit(std::string_view code) {
  const std::string key(code);
  return known().units.get(key, [&] {
    static const std::string kSql = select<Unit>("WHERE code = ?");
    return row_of<Unit>(kSql, code);
  });
}

void SqliteTransaction::put(const Unit& u) {
  upsert_row(u);
  known().units.forget(u.code);
}

std::vector<Unit> SqliteTransaction::list_units() {
  static const std::string kSql = select<Unit>("ORDER BY code");
  return rows_of<Unit>(kSql);
}

std::optional<TaxClass> SqliteTransaction::get_tax_class(std::string_view code) {
  const std::string key(code);
  return known().tax_classes.get(key, [&] {
    static const std::string kSql = select<TaxClass>("WHERE code = ?");
    return row_of<TaxClass>(kSql, code);
  });
}

void SqliteTransaction::put(const TaxClass& t) {
  upsert_row(t);
  known().tax_classes.forget(t.code);
}

std::vector<TaxClass> SqliteTransaction::list_tax_classes() {
  static const std::string kSql = select<TaxClass>("ORDER BY code");
  return rows_of<TaxClass>(kSql);
}

std::optional<Product> SqliteTransaction::get_product(ProductId id) {
  static const std::string kSql = select<Product>("WHERE id = ?");
  return known().products.get(id.value, [&] { return product_where(kSql, id.value); });
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
  upsert_row(p);
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
  static const std::string kSql = select<PriceList>("WHERE id = ?");
  return row_of<PriceList>(kSql, id);
}

std::optional<PriceList> SqliteTransaction::find_price_list(std::string_view code) {
  static const std::string kSql = select<PriceList>("WHERE code = ?");
  return row_of<PriceList>(kSql, code);
}

void SqliteTransaction::put(const PriceList& l) {
  upsert_row(l);
}

std::vector<PriceList> SqliteTransaction::list_price_lists() {
  static const std::string kSql = select<PriceList>("ORDER BY id");
  return rows_of<PriceList>(kSql);
}

void SqliteTransaction::put(const PriceListEntry& e) {
  exec("DELETE FROM price_breaks WHERE product_id = ? AND price_list_id = ?", e.product, e.price_list);
  for (std::size_t i = 0; i < e.breaks.size(); ++i) {
    insert_row(e.breaks[i], e.product, e.price_list, static_cast<int>(i));
  }
}

std::vector<PriceListEntry> SqliteTransaction::price_entries_for_product(ProductId product) {
  std::vector<PriceListEntry> out;
  static const std::string kSql =
      select<PriceBreak>("WHERE product_id = ? ORDER BY price_list_id, position", "price_list_id");
  query(kSql.c_str(),
        [&](Row& r) {
          const PriceListId list{r.i64()};
          if (out.empty() || out.back().price_list != list) out.push_back({list, product, {}});
          codec::read_row(r, out.back().breaks.emplace_back());
        },
        product);
  return out;
}

std::optional<Promotion> SqliteTransaction::find_promotion(std::string_view code) {
  static const std::string kSql = select<Promotion>("WHERE code = ?");
  return row_of<Promotion>(kSql, code);
}

void SqliteTransaction::put(const Promotion& p) {
  upsert_row(p);
}

std::vector<Promotion> SqliteTransaction::list_promotions() {
  static const std::string kSql = select<Promotion>("ORDER BY id");
  return rows_of<Promotion>(kSql);
}

std::optional<Customer> SqliteTransaction::get_customer(CustomerId id) {
  static const std::string kSql = select<Customer>("WHERE id = ?");
  return known().customers.get(id.value, [&] { return row_of<Customer>(kSql, id); });
}

std::optional<Customer> SqliteTransaction::find_customer_by_code(std::string_view code) {
  const auto id = id_by_key(known().customer_ids, code, "SELECT id FROM customers WHERE code = ?", code);
  return id ? get_customer(CustomerId{*id}) : std::nullopt;
}

void SqliteTransaction::put(const Customer& c) {
  upsert_row(c);
  known().customers.forget(c.id.value);
  known().customer_ids.clear();  // its code may have changed
}

std::vector<Customer> SqliteTransaction::search_customers(std::string_view text) {
  // Code equal, or name / nickname containing the text (ASCII letters case-insensitively).
  static const std::string kSql = select<Customer>(
      "WHERE code = ?1 OR instr(lower(name), lower(?2)) > 0 OR (nickname <> '' AND instr(lower(nickname), lower(?2)) > 0) "
      "ORDER BY id");
  return rows_of<Customer>(kSql, text, text);
}

std::vector<Customer> SqliteTransaction::list_customers() {
  static const std::string kSql = select<Customer>("ORDER BY id");
  return rows_of<Customer>(kSql);
}

std::optional<CreditAccount> SqliteTransaction::get_credit_account(CustomerId customer, std::string_view currency) {
  static const std::string kSql = select<CreditAccount>("WHERE customer_id = ? AND currency = ?");
  return row_of<CreditAccount>(kSql, customer, currency);
}

void SqliteTransaction::put(const CreditAccount& a) {
  upsert_row(a);
}

}  // namespace oms::sqlite
