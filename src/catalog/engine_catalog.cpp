// Catalog operations: units, tax classes, products and barcodes, price lists, promotions.
#include <algorithm>
#include <set>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonArray;
using internal::JsonObject;
using internal::Op;

namespace internal {

Decimal tax_rate_of(Ctx& c, const Product& p) {
  if (p.tax_class.empty()) return Decimal();
  auto t = c.tx.get(by::kTaxClassCode, p.tax_class);
  if (!t) fail(Status::Internal("product '" + p.sku + "' has undefined tax class '" + p.tax_class + "'"));
  return t->rate;
}

PriceQuote resolve_price(Ctx& c, const Product& p, const Customer* customer, const Currency& currency,
                         const Date& date, const Decimal& quantity, bool fallback_includes_tax) {
  struct Candidate {
    int specificity;
    int priority;
    PriceList list;
    PriceListEntry entry;
  };
  std::optional<Candidate> best;
  for (auto& entry : c.tx.list(by::kPriceEntriesOfProduct, p.id)) {
    auto list = c.tx.get(by::kPriceListId, entry.price_list);
    if (!list || !list->active || !(list->currency == currency) || entry.breaks.empty()) continue;
    if (!in_validity(list->valid_from, list->valid_to, date)) continue;
    int specificity = 0;
    switch (list->scope) {
      case PriceScope::kEveryone: specificity = 0; break;
      case PriceScope::kGrade:
        if (!customer || customer->grade != list->grade) continue;
        specificity = 1;
        break;
      case PriceScope::kCustomer:
        if (!customer || customer->code != list->customer_code) continue;
        specificity = 2;
        break;
    }
    if (!best || std::pair(specificity, list->priority) > std::pair(best->specificity, best->priority)) {
      best = Candidate{specificity, list->priority, *std::move(list), std::move(entry)};
    }
  }
  if (best) {
    const BreakPrice bp = price_from_breaks(best->entry.breaks, best->list.break_rule, quantity);
    return {Money(bp.unit_price, currency), Money(bp.amount, currency), best->list.prices_include_tax,
            {PriceSourceKind::kPriceList, best->list.code}};
  }
  if (p.list_price.currency() == currency) {
    return {p.list_price, p.list_price * quantity, p.list_price_includes_tax, {PriceSourceKind::kListPrice, {}}};
  }
  return {Money::zero(currency), Money::zero(currency), fallback_includes_tax, {PriceSourceKind::kNone, {}}};
}

}  // namespace internal

namespace {

using internal::require_nonempty;
using internal::require_non_negative;

void check_unit(const Unit& u) {
  require_nonempty("code", u.code);
  if (u.decimals < 0 || u.decimals > 6) {
    fail(Status::InvalidArgument("decimals", std::to_string(u.decimals), "must be between 0 and 6"));
  }
}

void check_money(std::string_view field, const Money& m) {
  if (m.currency() == Currency()) return;  // not set
  require_non_negative(field, m.amount());
}

// The refusal of a barcode that another product carries.
Status barcode_taken(const std::string& field, const std::string& code, const std::string& owner_sku) {
  return Status(StatusCode::kAlreadyExists, field + " '" + code + "' already belongs to product '" + owner_sku + "'",
                field);
}

// Validates a product's fields and that its SKU and barcodes are free (other than for `self`).
void check_product(Ctx& c, const Product& p, ProductId self) {
  require_nonempty("sku", p.sku);
  require_nonempty("name", p.name);
  const auto unit = c.tx.get(by::kUnitCode, p.unit);
  if (!unit) fail(Status::NotFound("unit", p.unit));
  if (!p.tax_class.empty() && !c.tx.get(by::kTaxClassCode, p.tax_class)) fail(Status::NotFound("tax_class", p.tax_class));
  check_money("list_price", p.list_price);
  check_money("standard_cost", p.standard_cost);
  require_non_negative("low_stock_threshold", p.low_stock_threshold);
  internal::require_unit_precision("low_stock_threshold", p.low_stock_threshold, *unit);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.barcodes.size(); ++i) {
    const std::string& code = p.barcodes[i];
    const std::string field = internal::field_at("barcodes", i, "");
    require_nonempty(field, code);
    const bool numeric = std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (numeric && (code.size() == 13 || code.size() == 12) && !barcode_check_digit_valid(code)) {
      fail(Status::InvalidArgument(field, code,
                                   code.size() == 13 ? "has a wrong EAN-13 check digit" : "has a wrong UPC-A check digit"));
    }
    if (!seen.insert(code).second) fail(Status::InvalidArgument(field, code, "is listed twice"));
    if (auto owner = c.tx.get(by::kProductBarcode, code); owner && owner->id != self) {
      fail(barcode_taken(field, code, owner->sku));
    }
  }
}

JsonObject product_json(const Product& p) {
  return {{"sku", p.sku},
          {"name", p.name},
          {"unit", p.unit},
          {"category", p.category},
          {"tracking", to_string(p.tracking)},
          {"barcodes", p.barcodes},
          {"active", p.active}};
}

}  // namespace

Status Engine::define_unit(const Unit& unit, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
           internal::require_text(unit);
           check_unit(unit);
           if (op.tx.get(by::kUnitCode, unit.code)) fail(Status::AlreadyExists("code", unit.code));
           op.tx.put(unit);
           op.emit("unit", 0, "unit.defined", {{"code", unit.code}, {"decimals", unit.decimals}});
           return true;
         })
      .status();
}

Status Engine::define_tax_class(const TaxClass& tax_class, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
           internal::require_text(tax_class);
           require_nonempty("code", tax_class.code);
           require_non_negative("rate", tax_class.rate);
           if (tax_class.rate > Decimal(10)) {
             fail(Status::InvalidArgument("rate", tax_class.rate.to_string(), "must be a fraction (0.13 is 13 %)"));
           }
           if (op.tx.get(by::kTaxClassCode, tax_class.code)) fail(Status::AlreadyExists("code", tax_class.code));
           op.tx.put(tax_class);
           op.emit("tax_class", 0, "tax_class.defined", {{"code", tax_class.code}, {"rate", tax_class.rate.to_string()}});
           return true;
         })
      .status();
}

namespace {

Product create_product_in(Op& op, const Product& product) {
  internal::require_text(product);
  if (op.tx.get(by::kProductSku, product.sku)) fail(Status::AlreadyExists("sku", product.sku));
  check_product(op, product, ProductId{});
  Product p = product;
  p.id = ProductId{op.tx.next_id(EntityKind::kProduct)};
  op.tx.put(p);
  op.emit("product", p.id.value, "product.created", product_json(p));
  return p;
}

}  // namespace

Result<Product> Engine::create_product(const Product& product, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) { return create_product_in(op, product); });
}

Result<std::vector<Product>> Engine::create_products(std::span<const Product> products, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    return internal::for_each_item("products", products, [&](const Product& p) { return create_product_in(op, p); });
  });
}

Result<Product> Engine::update_product(const Product& product, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(product);
    const Product old = internal::must_product(op, product.sku);
    check_product(op, product, old.id);
    if ((old.unit != product.unit || old.tracking != product.tracking) && !op.tx.list(by::kMovesOfProduct, old.id).empty()) {
      fail(Status::FailedPrecondition("product '" + old.sku + "' has stock moves: its unit and tracking cannot change",
                                      old.unit != product.unit ? "unit" : "tracking"));
    }
    Product p = product;
    p.id = old.id;
    op.tx.put(p);
    op.emit("product", p.id.value, "product.updated", product_json(p));
    return p;
  });
}

Result<Product> Engine::product(std::string_view sku) const {
  return impl_->read([&](Ctx& c) { return internal::must_product(c, sku); });
}

Result<Product> Engine::product_by_barcode(std::string_view code) const {
  return impl_->read([&](Ctx& c) {
    auto p = c.tx.get(by::kProductBarcode, code);
    if (!p) fail(Status::NotFound("barcode", code));
    return *p;
  });
}

Result<std::vector<Product>> Engine::products() const {
  return impl_->read([&](Ctx& c) { return c.tx.list(by::kAllProducts); });
}

Result<ScanResult> Engine::scan(std::string_view code) const {
  return impl_->read([&](Ctx& c) {
    ScanResult r;
    r.code = std::string(code);
    std::optional<Product> p = c.tx.get(by::kProductBarcode, code);
    if (!p) p = c.tx.get(by::kProductSku, code);
    if (!p) {
      if (auto lots = c.tx.list(by::kLotsNumbered, code); lots.size() == 1) {
        r.lot = lots.front();
        p = c.tx.get(by::kProductId, lots.front().product);
      } else if (auto serials = c.tx.list(by::kSerialsCoded, code); serials.size() == 1) {
        r.serial = serials.front();
        p = c.tx.get(by::kProductId, serials.front().product);
        if (serials.front().lot) r.lot = c.tx.get(by::kLotId, serials.front().lot);
      } else if (lots.size() > 1 || serials.size() > 1) {
        fail(Status::FailedPrecondition("code '" + std::string(code) + "' matches several products' lots or serials",
                                        "code"));
      }
    }
    if (!p) fail(Status::NotFound("code", code));
    r.product = p->id;
    r.sku = p->sku;
    std::set<std::string> numbers;
    for (const auto& m : c.tx.list(by::kMovesOfProduct, p->id)) {
      if (m.kind != MoveKind::kReceipt) continue;
      if (r.lot && m.lot != r.lot->id) continue;
      if (r.serial && std::find(m.serials.begin(), m.serials.end(), r.serial->serial) == m.serials.end()) continue;
      if (numbers.insert(m.reference).second) {
        if (auto rec = c.tx.get(by::kReceiptNumber, m.reference)) r.receipts.push_back(*std::move(rec));
      }
    }
    return r;
  });
}

Result<PriceList> Engine::create_price_list(const PriceList& list, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(list);
    require_nonempty("code", list.code);
    if (list.currency == Currency()) fail(Status::InvalidArgument("currency", "XXX", "is required"));
    if (op.tx.get(by::kPriceListCode, list.code)) fail(Status::AlreadyExists("code", list.code));
    if (list.scope == PriceScope::kCustomer) internal::must_customer(op, list.customer_code);
    internal::require_valid_dates("valid_to", list.valid_from, list.valid_to);
    PriceList l = list;
    l.id = PriceListId{op.tx.next_id(EntityKind::kPriceList)};
    op.tx.put(l);
    op.emit("price_list", l.id.value, "price_list.created",
            {{"code", l.code}, {"currency", l.currency.code()}, {"break_rule", l.break_rule == BreakRule::kAllUnits ? "all_units" : "incremental"}});
    return l;
  });
}

Status Engine::set_prices(std::string_view price_list_code, std::string_view sku, std::vector<PriceBreak> breaks,
                          std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
           auto list = op.tx.get(by::kPriceListCode, price_list_code);
           if (!list) fail(Status::NotFound("price_list", price_list_code));
           const Product p = internal::must_product(op, sku);
           const Unit unit = internal::unit_of(op, p);
           if (breaks.empty()) fail(Status::InvalidArgument("breaks", "[]", "must have at least one price"));
           for (std::size_t i = 0; i < breaks.size(); ++i) {
             const auto& b = breaks[i];
             require_non_negative(internal::field_at("breaks", i, "unit_price"), b.unit_price);
             require_non_negative(internal::field_at("breaks", i, "min_quantity"), b.min_quantity);
             internal::require_unit_precision(internal::field_at("breaks", i, "min_quantity"), b.min_quantity, unit);
             if (i == 0 && !b.min_quantity.is_zero()) {
               fail(Status::InvalidArgument("breaks[0].min_quantity", b.min_quantity.to_string(), "must be 0"));
             }
             if (i > 0 && !(breaks[i - 1].min_quantity < b.min_quantity)) {
               fail(Status::InvalidArgument(internal::field_at("breaks", i, "min_quantity"), b.min_quantity.to_string(),
                                            "must be greater than the previous break"));
             }
           }
           op.tx.put(PriceListEntry{list->id, p.id, breaks});
           JsonArray bj;
           for (const auto& b : breaks) bj.add({{"min_quantity", b.min_quantity}, {"unit_price", b.unit_price}});
           op.emit("price_list", list->id.value, "price_list.prices_set", {{"price_list", list->code}, {"sku", p.sku}, {"breaks", bj}});
           return true;
         })
      .status();
}

Result<Promotion> Engine::create_promotion(const Promotion& promotion, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(promotion);
    require_nonempty("code", promotion.code);
    if (op.tx.get(by::kPromotionCode, promotion.code)) fail(Status::AlreadyExists("code", promotion.code));
    internal::require_valid_dates("valid_to", promotion.valid_from, promotion.valid_to);
    if (promotion.kind == PromotionKind::kSpendGetOff) {
      if (promotion.threshold.currency() == Currency()) fail(Status::InvalidArgument("threshold", "", "is required"));
      if (!(promotion.discount.currency() == promotion.threshold.currency())) {
        fail(Status::CurrencyMismatch("discount.currency", promotion.threshold.currency().code(),
                                      promotion.discount.currency().code()));
      }
      internal::require_positive("threshold", promotion.threshold.amount());
      internal::require_positive("discount", promotion.discount.amount());
    } else {
      const Product p = internal::must_product(op, promotion.sku);
      const Unit unit = internal::unit_of(op, p);
      internal::require_positive("buy_quantity", promotion.buy_quantity);
      internal::require_positive("free_quantity", promotion.free_quantity);
      internal::require_unit_precision("buy_quantity", promotion.buy_quantity, unit);
      internal::require_unit_precision("free_quantity", promotion.free_quantity, unit);
    }
    Promotion p = promotion;
    p.id = PromotionId{op.tx.next_id(EntityKind::kPromotion)};
    op.tx.put(p);
    op.emit("promotion", p.id.value, "promotion.created", {{"code", p.code}, {"name", p.name}});
    return p;
  });
}

Result<PriceQuote> Engine::quote_price(std::string_view customer_code, std::string_view sku, const Decimal& quantity,
                                       std::string_view currency, std::optional<Date> date) const {
  return impl_->read([&](Ctx& c) {
    const Product p = internal::must_product(c, sku);
    const Currency cur = Currency::of(currency).value();
    internal::require_quantity(c, "quantity", quantity, p);
    std::optional<Customer> customer;
    if (!customer_code.empty()) customer = internal::must_customer(c, customer_code);
    return internal::resolve_price(c, p, customer ? &*customer : nullptr, cur, date.value_or(c.today()), quantity, false);
  });
}

}  // namespace oms
