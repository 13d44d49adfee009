// The C ABI: catalog, prices, customers, warehouses and stock.
#include "c_api_internal.h"

using namespace oms;        // NOLINT(google-build-using-namespace): this file is the C boundary
using namespace oms::capi;  // NOLINT(google-build-using-namespace)

extern "C" {

// ---- Catalog ----------------------------------------------------------------------------------

int oms_unit_define(oms_engine* engine, const char* unit_json, const char* actor) {
  return guard([&] { return reply(engine_of(engine).define_unit(spec<Unit>(unit_json, "unit"), text(actor, "actor"))); });
}

int oms_tax_class_define(oms_engine* engine, const char* tax_class_json, const char* actor) {
  return guard([&] {
    return reply(engine_of(engine).define_tax_class(spec<TaxClass>(tax_class_json, "tax_class"), text(actor, "actor")));
  });
}

int oms_product_create(char** out, oms_engine* engine, const char* product_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_product(spec<Product>(product_json, "product"), text(actor, "actor")));
  });
}

int oms_product_create_batch(char** out, oms_engine* engine, const char* products_json, const char* actor) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    const auto products = spec<std::vector<Product>>(products_json, "products");
    return reply(out, eng.create_products(products, text(actor, "actor")));
  });
}

int oms_product_update(char** out, oms_engine* engine, const char* product_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).update_product(spec<Product>(product_json, "product"), text(actor, "actor")));
  });
}

int oms_product_get(char** out, oms_engine* engine, const char* sku) {
  return guard(out, [&] { return reply(out, engine_of(engine).product(text(sku, "sku"))); });
}

int oms_product_get_by_barcode(char** out, oms_engine* engine, const char* barcode) {
  return guard(out, [&] { return reply(out, engine_of(engine).product_by_barcode(text(barcode, "barcode"))); });
}

int oms_product_list(char** out, oms_engine* engine) {
  return guard(out, [&] { return reply(out, engine_of(engine).products()); });
}

int oms_product_scan(char** out, oms_engine* engine, const char* code) {
  return guard(out, [&] { return reply(out, engine_of(engine).scan(text(code, "code"))); });
}

int oms_price_list_create(char** out, oms_engine* engine, const char* price_list_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_price_list(spec<PriceList>(price_list_json, "price_list"),
                                                          text(actor, "actor")));
  });
}

int oms_price_list_set_prices(oms_engine* engine, const char* price_list_code, const char* sku, const char* breaks_json,
                              const char* actor) {
  return guard([&] {
    return reply(engine_of(engine).set_prices(text(price_list_code, "price_list_code"), text(sku, "sku"),
                                              spec<std::vector<PriceBreak>>(breaks_json, "breaks"),
                                              text(actor, "actor")));
  });
}

int oms_promotion_create(char** out, oms_engine* engine, const char* promotion_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_promotion(spec<Promotion>(promotion_json, "promotion"),
                                                         text(actor, "actor")));
  });
}

int oms_price_quote(char** out, oms_engine* engine, const char* customer_code, const char* sku, const char* quantity,
                    const char* currency, const char* date) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).quote_price(optional_text(customer_code), text(sku, "sku"),
                                                    decimal_arg(quantity, "quantity"), text(currency, "currency"),
                                                    optional_date_arg(date, "date")));
  });
}

// ---- Customers --------------------------------------------------------------------------------

int oms_customer_create(char** out, oms_engine* engine, const char* customer_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_customer(spec<Customer>(customer_json, "customer"), text(actor, "actor")));
  });
}

int oms_customer_create_batch(char** out, oms_engine* engine, const char* customers_json, const char* actor) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    const auto customers = spec<std::vector<Customer>>(customers_json, "customers");
    return reply(out, eng.create_customers(customers, text(actor, "actor")));
  });
}

int oms_customer_update(char** out, oms_engine* engine, const char* customer_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).update_customer(spec<Customer>(customer_json, "customer"), text(actor, "actor")));
  });
}

int oms_customer_get(char** out, oms_engine* engine, const char* code) {
  return guard(out, [&] { return reply(out, engine_of(engine).customer(text(code, "code"))); });
}

int oms_customer_list(char** out, oms_engine* engine) {
  return guard(out, [&] { return reply(out, engine_of(engine).customers()); });
}

int oms_customer_find(char** out, oms_engine* engine, const char* text_) {
  return guard(out, [&] { return reply(out, engine_of(engine).find_customers(text(text_, "text"))); });
}

int oms_customer_orders(char** out, oms_engine* engine, const char* code) {
  return guard(out, [&] { return reply(out, engine_of(engine).customer_orders(text(code, "code"))); });
}

int oms_customer_count_orders(int64_t* out, oms_engine* engine, const char* code) {
  return guard(out, [&] {
    auto count = engine_of(engine).count_customer_orders(text(code, "code"));
    if (!count.ok()) return fail(count.status());
    if (out) *out = *count;
    return kOk;
  });
}

int oms_customer_credit_exposure(char** out, oms_engine* engine, const char* code, const char* currency) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).credit_exposure(text(code, "code"), text(currency, "currency")));
  });
}

int oms_customer_credit(char** out, oms_engine* engine, const char* code, const char* currency) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).customer_credit(text(code, "code"), text(currency, "currency")));
  });
}

int oms_customer_regrade(char** out, oms_engine* engine, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).regrade_customers(text(actor, "actor"))); });
}

// ---- Stock ------------------------------------------------------------------------------------

int oms_warehouse_create(char** out, oms_engine* engine, const char* warehouse_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_warehouse(spec<Warehouse>(warehouse_json, "warehouse"),
                                                         text(actor, "actor")));
  });
}

int oms_warehouse_update(char** out, oms_engine* engine, const char* warehouse_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).update_warehouse(spec<Warehouse>(warehouse_json, "warehouse"),
                                                         text(actor, "actor")));
  });
}

int oms_warehouse_list(char** out, oms_engine* engine) {
  return guard(out, [&] { return reply(out, engine_of(engine).warehouses()); });
}

int oms_location_create(char** out, oms_engine* engine, const char* warehouse_code, const char* location_json,
                        const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_location(text(warehouse_code, "warehouse_code"),
                                                        spec<Location>(location_json, "location"),
                                                        text(actor, "actor")));
  });
}

int oms_stock_receive(char** out, oms_engine* engine, const char* receipt_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).receive(spec<ReceiptSpec>(receipt_json, "receipt"), text(actor, "actor")));
  });
}

int oms_stock_receive_batch(char** out, oms_engine* engine, const char* receipts_json, const char* actor) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    const auto receipts = spec<std::vector<ReceiptSpec>>(receipts_json, "receipts");
    return reply(out, eng.receive_batch(receipts, text(actor, "actor")));
  });
}

int oms_stock_receipt_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).receipt(text(number, "number"))); });
}

int oms_stock_transfer(char** out, oms_engine* engine, const char* transfer_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).transfer(spec<TransferSpec>(transfer_json, "transfer"), text(actor, "actor")));
  });
}

int oms_stock_take(char** out, oms_engine* engine, const char* stocktake_json, const char* actor) {
  return guard(out, [&] {
    return reply(out,
                 engine_of(engine).stocktake(spec<StocktakeSpec>(stocktake_json, "stocktake"), text(actor, "actor")));
  });
}

int oms_stock_get(char** out, oms_engine* engine, const char* sku) {
  return guard(out, [&] { return reply(out, engine_of(engine).stock(text(sku, "sku"))); });
}

int oms_stock_levels(char** out, oms_engine* engine, const char* query_json) {
  return guard(out, [&] { return reply(out, engine_of(engine).stock_levels(spec<StockQuery>(query_json, "query"))); });
}

int oms_stock_available(char** out, oms_engine* engine, const char* sku) {
  return guard(out, [&] {
    auto available = engine_of(engine).available_to_sell(text(sku, "sku"));
    if (!available.ok()) return fail(available.status());
    if (out) *out = copy_out(available->to_string());
    return kOk;
  });
}

int oms_stock_moves(char** out, oms_engine* engine, const char* sku) {
  return guard(out, [&] { return reply(out, engine_of(engine).moves(text(sku, "sku"))); });
}

int oms_stock_valuation(char** out, oms_engine* engine, const char* sku) {
  return guard(out, [&] { return reply(out, engine_of(engine).valuation(text(sku, "sku"))); });
}

}  // extern "C"
