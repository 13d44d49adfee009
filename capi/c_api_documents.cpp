// The C ABI: shipments, returns, invoices, payments, credit notes, refunds, statements and the
// document flow.
#include "c_api_internal.h"
#include "oms/import.h"

using namespace oms;        // NOLINT(google-build-using-namespace): this file is the C boundary
using namespace oms::capi;  // NOLINT(google-build-using-namespace)

namespace {

template <class E>
E enum_arg(const char* s, const char* name) {
  return wire::enum_from_name<E>(text(s, name), name);
}

}  // namespace

extern "C" {

// ---- Shipments --------------------------------------------------------------------------------

int oms_shipment_create(char** out, oms_engine* engine, const char* shipment_json, const char* actor) {
  return guard(out, [&] {
    return reply(out,
                 engine_of(engine).create_shipment(spec<ShipmentSpec>(shipment_json, "shipment"), text(actor, "actor")));
  });
}

int oms_shipment_pick(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).pick_shipment(text(number, "number"), text(actor, "actor")));
  });
}

int oms_shipment_pack(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).pack_shipment(text(number, "number"), text(actor, "actor")));
  });
}

int oms_shipment_ship(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).ship_shipment(text(number, "number"), text(actor, "actor")));
  });
}

int oms_shipment_cancel(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).cancel_shipment(text(number, "number"), text(reason, "reason"),
                                                        text(actor, "actor")));
  });
}

int oms_shipment_set_carrier(char** out, oms_engine* engine, const char* number, const char* carrier,
                             const char* tracking_number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).set_carrier(text(number, "number"), text(carrier, "carrier"),
                                                    optional_text(tracking_number), text(actor, "actor")));
  });
}

int oms_shipment_deliver(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).deliver_shipment(text(number, "number"), text(actor, "actor")));
  });
}

int oms_shipment_track(char** out, oms_engine* engine, const char* number, const char* update_json,
                       const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).record_tracking(text(number, "number"),
                                                        spec<TrackingUpdate>(update_json, "update"),
                                                        text(actor, "actor")));
  });
}

int oms_shipment_flag_exception(char** out, oms_engine* engine, const char* number, const char* kind,
                                const char* detail, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).flag_exception(text(number, "number"), enum_arg<ExceptionKind>(kind, "kind"),
                                                       optional_text(detail), text(actor, "actor")));
  });
}

int oms_shipment_resolve_exception(char** out, oms_engine* engine, const char* number, int exception_number,
                                   const char* resolution, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).resolve_exception(text(number, "number"), exception_number,
                                                          optional_text(resolution), text(actor, "actor")));
  });
}

int oms_shipment_check_delays(char** out, oms_engine* engine, const char* actor) {
  return guard(out, [&] { return reply(out, engine_of(engine).check_delays(text(actor, "actor"))); });
}

int oms_shipment_open_exceptions(char** out, oms_engine* engine) {
  return guard(out, [&] { return reply(out, engine_of(engine).open_exceptions()); });
}

int oms_shipment_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).shipment(text(number, "number"))); });
}

// ---- Returns ----------------------------------------------------------------------------------

int oms_return_receive(char** out, oms_engine* engine, const char* return_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).receive_return(spec<ReturnSpec>(return_json, "return"), text(actor, "actor")));
  });
}

int oms_return_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).customer_return(text(number, "number"))); });
}

// ---- Invoices, payments, credit notes, refunds ------------------------------------------------

int oms_invoice_create(char** out, oms_engine* engine, const char* invoice_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).create_invoice(spec<InvoiceSpec>(invoice_json, "invoice"), text(actor, "actor")));
  });
}

int oms_invoice_issue(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).issue_invoice(text(number, "number"), text(actor, "actor")));
  });
}

int oms_invoice_cancel(char** out, oms_engine* engine, const char* number, const char* reason, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).cancel_invoice(text(number, "number"), text(reason, "reason"),
                                                       text(actor, "actor")));
  });
}

int oms_invoice_discard(char** out, oms_engine* engine, const char* number, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).discard_invoice(text(number, "number"), text(actor, "actor")));
  });
}

int oms_invoice_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).invoice(text(number, "number"))); });
}

int oms_customer_invoices(char** out, oms_engine* engine, const char* customer_code, int open_only) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).customer_invoices(text(customer_code, "customer_code"), open_only != 0));
  });
}

int oms_payment_record(char** out, oms_engine* engine, const char* payment_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).record_payment(spec<PaymentSpec>(payment_json, "payment"), text(actor, "actor")));
  });
}

int oms_payment_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).payment(text(number, "number"))); });
}

int oms_credit_apply(char** out, oms_engine* engine, const char* application_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).apply_credit(spec<CreditApplicationSpec>(application_json, "application"),
                                                     text(actor, "actor")));
  });
}

int oms_credit_note_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).credit_note(text(number, "number"))); });
}

int oms_refund_create(char** out, oms_engine* engine, const char* refund_json, const char* actor) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).refund(spec<RefundSpec>(refund_json, "refund"), text(actor, "actor")));
  });
}

int oms_refund_get(char** out, oms_engine* engine, const char* number) {
  return guard(out, [&] { return reply(out, engine_of(engine).refund_document(text(number, "number"))); });
}

// ---- Statements, receivables, document flow ---------------------------------------------------

int oms_customer_statement(char** out, oms_engine* engine, const char* customer_code, const char* currency,
                           const char* from, const char* to) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).statement(text(customer_code, "customer_code"), text(currency, "currency"),
                                                  date_arg(from, "from"), date_arg(to, "to")));
  });
}

int oms_receivables_ageing(char** out, oms_engine* engine, const char* currency, const char* as_of) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).receivables_ageing(text(currency, "currency"), optional_date_arg(as_of, "as_of")));
  });
}

int oms_document_flow(char** out, oms_engine* engine, const char* kind, const char* number) {
  return guard(out, [&] {
    const Engine& eng = engine_of(engine);
    const DocumentRef ref{enum_arg<DocumentKind>(kind, "kind"), std::string(text(number, "number"))};
    return reply(out, eng.document_flow(ref));
  });
}

int oms_report_order_lines(char** out, oms_engine* engine, const char* filter_json, const char* by) {
  return guard(out, [&] {
    const Engine& eng = engine_of(engine);
    const auto filter = filter_json ? spec<ReportFilter>(filter_json, "filter") : ReportFilter{};
    return reply(out, eng.order_line_report(filter, enum_arg<ReportDimension>(by, "by")));
  });
}

int oms_report_inventory(char** out, oms_engine* engine, const char* query_json) {
  return guard(out, [&] {
    const Engine& eng = engine_of(engine);
    const auto query = query_json ? spec<InventoryQuery>(query_json, "query") : InventoryQuery{};
    return reply(out, eng.inventory_report(query));
  });
}

int oms_report_daily_products(char** out, oms_engine* engine, const char* day, const char* currency) {
  return guard(out, [&] {
    return reply(out, engine_of(engine).daily_product_stats(date_arg(day, "day"), text(currency, "currency")));
  });
}

int oms_report_customer_value(char** out, oms_engine* engine, const char* query_json) {
  return guard(out, [&] {
    const Engine& eng = engine_of(engine);
    const auto query = query_json ? spec<CustomerValueQuery>(query_json, "query") : CustomerValueQuery{};
    return reply(out, eng.customer_value(query));
  });
}

int oms_import_csv(char** out, oms_engine* engine, const char* kind, const char* csv, const char* mode,
                   const char* source, const char* actor) {
  return guard(out, [&] {
    Engine& eng = engine_of(engine);
    const ImportKind what = enum_arg<ImportKind>(kind, "kind");
    ImportOptions options;
    if (mode) options.mode = enum_arg<ImportMode>(mode, "mode");
    if (source) options.source = source;
    return reply(out, import_csv(eng, what, text(csv, "csv"), options, text(actor, "actor")));
  });
}

}  // extern "C"
