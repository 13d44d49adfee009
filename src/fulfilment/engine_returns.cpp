// Customer returns (退货): goods received back against shipped lines, put back into stock, and
// settled by a credit note or a refund.
#include <algorithm>
#include <map>
#include <set>

#include "engine/engine_impl.h"

namespace oms {

using internal::Ctx;
using internal::fail;
using internal::JsonArray;
using internal::load_order;
using internal::Op;
using internal::order_ref;
using internal::shipment_ref;
using internal::str;

Result<CustomerReturn> Engine::receive_return(const ReturnSpec& spec, std::string_view actor) {
  return impl_->write(actor, [&](Op& op) {
    internal::require_text(spec);
    Shipment s = internal::must_shipment(op, spec.shipment);
    if (!s.goods_issued()) {
      fail(Status::FailedPrecondition("shipment '" + s.number + "' is " + std::string(to_string(s.state)) +
                                          "; only goods-issued shipments take returns",
                                      "shipment"));
    }
    if (spec.lines.empty()) fail(Status::InvalidArgument("lines", "", "a return needs at least one line"));
    const Warehouse wh = *op.tx.get(by::kWarehouseId, s.warehouse);
    CustomerReturn r;
    r.id = ReturnId{op.tx.next_id(EntityKind::kReturn)};
    r.number = internal::assign_number(op, op.opt.return_numbers, spec.number,
                                       [&](const std::string& n) { return op.tx.get(by::kReturnNumber, n).has_value(); });
    r.shipment = s.id;
    r.shipment_number = s.number;
    r.customer = s.customer;
    r.customer_code = s.customer_code;
    r.warehouse = s.warehouse;
    r.date = spec.date.value_or(op.today());
    r.settlement = spec.settlement;
    r.reason = spec.reason;
    r.actor = op.actor;
    r.created_at = op.now;

    std::map<std::int64_t, Order> orders;
    std::map<std::int64_t, Money> stored;
    for (std::size_t i = 0; i < spec.lines.size(); ++i) {
      const ReturnLineSpec& ls = spec.lines[i];
      const std::string field = "lines[" + std::to_string(i) + "]";
      ShipmentLine* sl = s.line(ls.shipment_line_no);
      if (!sl) fail(Status::NotFound(field + ".shipment_line_no", std::to_string(ls.shipment_line_no)));
      const Product p = *op.tx.get(by::kProductId, sl->product);
      internal::require_quantity(op, field + ".quantity", ls.quantity, p);
      if (ls.quantity > sl->quantity - sl->returned) {
        fail(Status::FailedPrecondition("shipment '" + s.number + "' line " + std::to_string(sl->line_no) + " ('" + sl->sku +
                                            "'): quantity " + str(ls.quantity) + " exceeds the " + str(sl->quantity - sl->returned) +
                                            " shipped and not yet returned",
                                        field + ".quantity"));
      }
      if (!orders.count(sl->order.value)) {
        Order o = load_order(op, sl->order);
        stored[sl->order.value] = internal::credit_contribution(o);
        orders.emplace(sl->order.value, std::move(o));
      }
      Order& o = orders.at(sl->order.value);
      OrderLine& ol = *o.line(sl->order_line_no);

      ReturnLine rl;
      rl.line_no = static_cast<int>(i) + 1;
      rl.shipment_line_no = sl->line_no;
      rl.order = o.id;
      rl.order_number = o.number;
      rl.order_line_no = ol.line_no;
      rl.product = p.id;
      rl.sku = p.sku;
      rl.quantity = ls.quantity;
      rl.disposition = ls.disposition;
      rl.reason = ls.reason;

      // Which picks the goods came from: the named serials' picks, else the picks in order.
      std::set<std::string> serials(ls.serials.begin(), ls.serials.end());
      if (p.tracking == Tracking::kSerial && Decimal(static_cast<std::int64_t>(serials.size())) != ls.quantity) {
        fail(Status::InvalidArgument(field + ".serials", std::to_string(ls.serials.size()) + " serials",
                                     "must list exactly " + str(ls.quantity) + " distinct serial numbers"));
      }
      Decimal left = ls.quantity;
      for (auto& k : sl->picks) {
        if (!left.is_positive()) break;
        Pick back = k;
        back.serials.clear();
        if (p.tracking == Tracking::kSerial) {
          for (const auto& code : k.serials) {
            if (serials.erase(code)) back.serials.push_back(code);
          }
          back.quantity = Decimal(static_cast<std::int64_t>(back.serials.size()));
        } else {
          back.quantity = min(left, k.quantity - k.returned);
        }
        if (!back.quantity.is_positive()) continue;
        k.returned += back.quantity;
        left -= back.quantity;
        if (ls.disposition == ReturnDisposition::kRestock) {
          if (!ls.location.empty()) {
            const Location loc = internal::must_location(op, wh, ls.location, field + ".location");
            back.location = loc.id;
            back.location_code = loc.code;
          }
          StockMove m;
          m.kind = MoveKind::kReturn;
          m.product = p.id;
          m.warehouse = s.warehouse;
          m.location = back.location;
          m.lot = back.lot;
          m.quantity = back.quantity;
          m.unit_cost = k.unit_cost;
          m.reference = r.number;
          m.reason = ls.reason.empty() ? "return of " + s.number : ls.reason;
          m.serials = back.serials;
          internal::post_move(op, m);
          internal::value_receipt(op, p.id, back.quantity, k.unit_cost);
          for (const auto& code : back.serials) {
            auto item = op.tx.get(by::kSerial, p.id, code);
            item->status = SerialStatus::kInStock;
            item->location = back.location;
            op.tx.put(*item);
          }
        }
        back.returned = Decimal();
        rl.restocked.push_back(std::move(back));
      }
      if (!serials.empty()) {
        fail(Status::FailedPrecondition("serial '" + *serials.begin() + "' did not go out on shipment '" + s.number + "' line " +
                                            std::to_string(sl->line_no) + " (or came back already)",
                                        field + ".serials"));
      }
      if (ls.disposition == ReturnDisposition::kScrap) rl.restocked.clear();
      sl->returned += ls.quantity;
      ol.returned += ls.quantity;
      rl.value = cumulative_line_value(ol, ol.billable_quantity() + ls.quantity, op.opt.rounding).total -
                 cumulative_line_value(ol, ol.billable_quantity(), op.opt.rounding).total;
      // Quantities billed beyond what the policy now allows come off the line's invoiced count.
      ol.invoiced = min(ol.invoiced, max(invoiceable_quantity(ol, o.invoice_policy), Decimal()));
      internal::link(op, shipment_ref(s.number), {DocumentKind::kReturn, r.number}, "returns", sl->line_no, rl.line_no, rl.sku,
                     rl.quantity, rl.value);
      r.lines.push_back(std::move(rl));
    }

    // Credit for the part already invoiced: what each order was billed beyond its new limit.
    // A draft invoice is not owed yet and cannot be credited: it must be issued or discarded.
    for (auto& [id, o] : orders) {
      for (const auto& l : op.tx.list(by::kLinksFrom, order_ref(o.number))) {
        if (l.to.kind != DocumentKind::kInvoice) continue;
        if (internal::must_invoice(op, l.to.number).state == InvoiceState::kDraft) {
          fail(Status::FailedPrecondition("order '" + o.number + "' has the draft invoice '" + l.to.number +
                                              "': issue or discard it before taking a return",
                                          "shipment"));
        }
      }
    }
    std::vector<CreditedOrder> credits;
    for (auto& [id, o] : orders) {
      Money returned_value = Money::zero(o.currency);
      for (const auto& rl : r.lines) {
        if (rl.order == o.id) returned_value += rl.value;
      }
      Money limit = Money::zero(o.currency);
      for (const auto& ol : o.lines) {
        limit += cumulative_line_value(ol, max(invoiceable_quantity(ol, o.invoice_policy), Decimal()), op.opt.rounding).total;
      }
      Money over = o.invoiced - limit;
      if (over > returned_value) over = returned_value;
      if (!over.is_positive()) continue;
      if (spec.settlement == ReturnSettlement::kNone) {
        fail(Status::FailedPrecondition("order '" + o.number + "' has " + over.to_string() +
                                            " invoiced for the returned goods: settle the return by credit note or refund",
                                        "settlement"));
      }
      o.invoiced -= over;
      credits.push_back({o.id, o.number, over});
    }
    for (auto& [id, o] : orders) internal::store_order(op, o, stored.at(id));
    op.tx.put(s);
    if (!credits.empty()) {
      const Customer customer = *op.tx.get(by::kCustomerId, r.customer);
      std::vector<std::pair<std::string, Money>> freed;
      CreditNote cn = internal::credit_for_return(op, customer, r.number, credits, spec.reason, freed);
      r.credit_note_number = cn.number;
      r.credited = cn.total;
      if (spec.settlement == ReturnSettlement::kRefund) {
        if (cn.unapplied().is_positive()) freed.emplace(freed.begin(), cn.number, cn.unapplied());
        for (const auto& [source, amount] : freed) {
          RefundSpec rs;
          rs.source = source;
          rs.amount = amount.amount();
          rs.date = r.date;
          rs.method = spec.refund_method;
          rs.reason = "return " + r.number;
          r.refund_numbers.push_back(internal::refund_credit(op, rs).number);
        }
      }
    } else {
      r.credited = Money::zero(orders.begin()->second.currency);
    }
    op.tx.put(r);
    JsonArray lines;
    for (const auto& l : r.lines) {
      lines.add({{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", str(l.quantity)},
                       {"disposition", to_string(l.disposition)}, {"order", l.order_number}});
    }
    op.emit("return", r.id.value, "return.received",
            {{"number", r.number}, {"shipment", s.number}, {"customer", r.customer_code}, {"lines", lines},
             {"credit_note", r.credit_note_number}, {"refunds", r.refund_numbers}, {"credited", r.credited}});
    return r;
  });
}

Result<CustomerReturn> Engine::customer_return(std::string_view number) const {
  return impl_->read([&](Ctx& c) {
    auto r = c.tx.get(by::kReturnNumber, number);
    if (!r) fail(Status::NotFound("return", number));
    return *std::move(r);
  });
}

}  // namespace oms
