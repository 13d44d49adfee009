// Engine: the order-management engine, the one entry point of liboms.
//
// An Engine runs every public operation as one atomic unit of work on its Storage: the
// operation happens whole or not at all, its events are journalled in the same unit of work,
// and subscribers hear of them only after the commit. Operations never throw; they return a
// Status or a Result whose message names the field and the value at fault, and a failed
// operation changes nothing.
//
// Inputs use natural keys (SKU, customer code, warehouse code, order number). Mutating calls
// take `actor`, the user or system on whose behalf the change is made; it is recorded in the
// journal and the order history.
//
// Thread safety: an Engine is safe for concurrent access from multiple threads without external
// synchronization. Stock can never be reserved beyond what is on hand, whatever the number of
// callers.
#ifndef OMS_ENGINE_H_
#define OMS_ENGINE_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oms/billing.h"
#include "oms/catalog.h"
#include "oms/customer.h"
#include "oms/decimal.h"
#include "oms/event.h"
#include "oms/export.h"
#include "oms/fulfilment.h"
#include "oms/inventory.h"
#include "oms/order.h"
#include "oms/pricing.h"
#include "oms/reports.h"
#include "oms/status.h"
#include "oms/storage.h"
#include "oms/time.h"

namespace oms {

enum class DatePart { kNone, kYear, kYearMonth, kYearMonthDay };

// Document numbers: prefix, date part, zero-padded sequence, e.g. "SO-20261123-00042".
// The sequence restarts for every distinct prefix + date part.
struct NumberRule {
  std::string prefix = "SO";
  DatePart date_part = DatePart::kYearMonthDay;
  std::string separator = "-";
  int sequence_width = 5;  // 1..18; numbers past the width simply grow longer
};

// Whether confirmation may reserve part of an order.
enum class PartialPolicy {
  kAllowPartial,  // reserve what is available, the rest waits as backorder
  kAllOrNothing,  // reserve the whole order or nothing (everything waits)
};

struct EngineOptions {
  // Where "now" comes from. Default: the system clock.
  std::shared_ptr<const Clock> clock;
  NumberRule order_numbers;
  NumberRule receipt_numbers{"RC", DatePart::kYearMonthDay, "-", 5};
  NumberRule shipment_numbers{"SH", DatePart::kYearMonthDay, "-", 5};
  NumberRule invoice_numbers{"INV", DatePart::kYearMonth, "-", 5};
  NumberRule payment_numbers{"PAY", DatePart::kYearMonth, "-", 5};
  NumberRule credit_note_numbers{"CN", DatePart::kYearMonth, "-", 5};
  NumberRule refund_numbers{"RF", DatePart::kYearMonth, "-", 5};
  NumberRule return_numbers{"RT", DatePart::kYearMonthDay, "-", 5};
  // The invoice policy of new orders that do not name one.
  InvoicePolicy invoice_policy = InvoicePolicy::kOnShipped;
  // Rounding of money to the currency's minor units (docs/ROUNDING.md). Default: half-up.
  RoundingMode rounding = RoundingMode::kHalfUp;
  TaxMode tax_mode = TaxMode::kPerLine;
  PartialPolicy allocation = PartialPolicy::kAllowPartial;
  // The currency of stock valuation (unit costs in receipts). Default: CNY.
  Currency cost_currency = Currency::of("CNY").value();
  GradingPolicy grading;
  // Put orders over the customer's credit limit on hold at submission and amendment.
  bool credit_check = true;
  // How often an operation is retried when storage reports a lost race (kConflict).
  int conflict_retries = 5;
};

// One reservation made by Engine::allocate_backorders.
struct AllocationResult {
  std::string order_number;
  int line_no = 0;
  std::string sku;
  WarehouseId warehouse;
  Decimal quantity;
};

struct AllocationRun {
  std::vector<AllocationResult> reserved;
  int orders_examined = 0;
};

class OMS_API Engine {
 public:
  // Opens an engine on `storage` (shared: several engines may use one storage). Returns an
  // engine the caller owns. Options check_options refuses are refused first.
  static Result<std::unique_ptr<Engine>> open(std::shared_ptr<Storage> storage, EngineOptions options = {});
  // kInvalidArgument naming the first option open() would refuse (a sequence width outside
  // 1..18, negative conflict_retries, text that is not UTF-8), else OK. Call it before creating
  // storage, so that refused options leave no file behind: the C ABI and Python do.
  static Status check_options(const EngineOptions& options);
  // An engine on a fresh in-memory storage.
  static Result<std::unique_ptr<Engine>> open_in_memory(EngineOptions options = {});

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const EngineOptions& options() const noexcept;

  // ---- Catalog ---------------------------------------------------------------------------
  Status define_unit(const Unit& unit, std::string_view actor);
  Status define_tax_class(const TaxClass& tax_class, std::string_view actor);
  // Creates a product; `product.id` is ignored. The SKU and every barcode must be new.
  Result<Product> create_product(const Product& product, std::string_view actor);
  // A batch in one unit of work: every product or none. The status of a failure names the index.
  Result<std::vector<Product>> create_products(std::span<const Product> products, std::string_view actor);
  // Replaces the product with the same SKU (name, barcodes, prices, threshold, active ...).
  // The unit and tracking cannot change once stock has moved.
  Result<Product> update_product(const Product& product, std::string_view actor);
  Result<Product> product(std::string_view sku) const;
  Result<Product> product_by_barcode(std::string_view code) const;
  Result<std::vector<Product>> products() const;
  // Barcode scan: a barcode, SKU, lot number or serial finds its product, lot or serial item
  // and the receipts that brought it in.
  Result<ScanResult> scan(std::string_view code) const;

  Result<PriceList> create_price_list(const PriceList& list, std::string_view actor);
  // Sets (replaces) the quantity breaks of one product on a price list.
  Status set_prices(std::string_view price_list_code, std::string_view sku, std::vector<PriceBreak> breaks,
                    std::string_view actor);
  Result<Promotion> create_promotion(const Promotion& promotion, std::string_view actor);
  // The price a customer (empty code: anonymous) would get for `quantity` of `sku` on `date`
  // (default: today) in `currency`.
  Result<PriceQuote> quote_price(std::string_view customer_code, std::string_view sku, const Decimal& quantity,
                                 std::string_view currency, std::optional<Date> date = std::nullopt) const;

  // ---- Customers -------------------------------------------------------------------------
  Result<Customer> create_customer(const Customer& customer, std::string_view actor);
  // A batch in one unit of work: every customer or none. The status of a failure names the index.
  Result<std::vector<Customer>> create_customers(std::span<const Customer> customers, std::string_view actor);
  // Replaces the customer with the same code.
  Result<Customer> update_customer(const Customer& customer, std::string_view actor);
  Result<Customer> customer(std::string_view code) const;
  // Every customer, by id.
  Result<std::vector<Customer>> customers() const;
  // By code, or name / nickname containing `text`.
  Result<std::vector<Customer>> find_customers(std::string_view text) const;
  Result<std::vector<Order>> customer_orders(std::string_view code) const;
  Result<std::int64_t> count_customer_orders(std::string_view code) const;
  // The customer's credit exposure in `currency`: unpaid totals of open orders plus invoiced,
  // unpaid amounts of orders past shipment (what the credit check compares with the limit).
  Result<Money> credit_exposure(std::string_view code, std::string_view currency) const;
  // Re-grades every customer by the grading policy; returns the changes.
  Result<std::vector<GradeChange>> regrade_customers(std::string_view actor);

  // ---- Stock -----------------------------------------------------------------------------
  Result<Warehouse> create_warehouse(const Warehouse& warehouse, std::string_view actor);
  // Replaces the name, region and active flag of the warehouse with the same code. Inactive
  // warehouses keep their stock and reservations but are not allocated from.
  Result<Warehouse> update_warehouse(const Warehouse& warehouse, std::string_view actor);
  Result<std::vector<Warehouse>> warehouses() const;
  Result<Location> create_location(std::string_view warehouse_code, const Location& location,
                                   std::string_view actor);
  // Posts a receipt (入库单): moves, balances, lots, serials and the moving-average cost.
  Result<Receipt> receive(const ReceiptSpec& spec, std::string_view actor);
  // A batch in one unit of work: every receipt or none. The status of a failure names the index.
  Result<std::vector<Receipt>> receive_batch(std::span<const ReceiptSpec> receipts, std::string_view actor);
  Result<Receipt> receipt(std::string_view number) const;
  // Moves stock between locations, within or across warehouses. Reserved stock does not leave
  // its warehouse.
  Result<std::vector<StockMove>> transfer(const TransferSpec& spec, std::string_view actor);
  // Posts counted quantities; differences become adjustment moves with their reason. When a
  // count leaves a warehouse with less than is reserved, the most recent, least urgent
  // reservations go back to backorder.
  Result<StocktakeResult> stocktake(const StocktakeSpec& spec, std::string_view actor);
  Result<StockReport> stock(std::string_view sku) const;
  // On hand by product x location x lot, filtered by product, warehouse, location and lot;
  // sorted by SKU, warehouse, location and lot number.
  Result<std::vector<StockLevel>> stock_levels(const StockQuery& query) const;
  Result<Decimal> available_to_sell(std::string_view sku) const;
  Result<std::vector<StockMove>> moves(std::string_view sku) const;
  Result<Valuation> valuation(std::string_view sku) const;

  // ---- Orders ----------------------------------------------------------------------------
  // Creates a draft order, priced. With an external reference already imported, returns the
  // existing order (created = false) and changes nothing.
  Result<OrderIntake> create_order(const NewOrder& order, std::string_view actor);
  // A batch in one unit of work: every order or none. The status of a failure names the index.
  Result<std::vector<OrderIntake>> create_orders(std::span<const NewOrder> orders, std::string_view actor);
  Result<Order> order(std::string_view number) const;
  Result<Order> order(OrderId id) const;
  Result<std::vector<Order>> list_orders(const OrderQuery& query) const;
  // The review as submit would run it, without changing anything.
  Result<Review> review(std::string_view number) const;
  // Draft -> submitted. Runs the review: with error findings the order stays a draft; over the
  // credit limit it goes on credit hold. Either way the result carries the findings.
  Result<SubmitResult> submit(std::string_view number, std::string_view actor);
  // Submitted -> draft, with the reviewer's reason.
  Result<Order> reject(std::string_view number, std::string_view reason, std::string_view actor);
  // Submitted -> confirmed by a named approver: re-checks the review, reserves stock by the
  // allocation policy and returns the confirmation document.
  Result<Confirmation> approve(std::string_view number, std::string_view actor);
  Result<Order> hold(std::string_view number, std::string_view reason, std::string_view actor);
  Result<Order> resume(std::string_view number, std::string_view actor);
  Result<Order> cancel(std::string_view number, std::string_view reason, std::string_view actor);
  // Closes the unshipped remainder and releases its reservations.
  Result<Order> short_close(std::string_view number, std::string_view reason, std::string_view actor);
  Result<Order> complete(std::string_view number, std::string_view actor);
  // Changes after entry or confirmation: a numbered revision, re-priced, credit re-checked and
  // re-reserved in the same unit of work. Never below shipped quantities.
  Result<Order> amend(std::string_view number, const Amendment& amendment, std::string_view actor);
  // Re-runs allocation over waiting orders (urgent first, then customer grade, then order
  // time), e.g. after stock arrived.
  Result<AllocationRun> allocate_backorders(std::string_view actor);

  // ---- Shipments (出库) ------------------------------------------------------------------
  // A draft shipment from one warehouse carrying whole orders and/or single lines, whole or in
  // part. Tops up the lines' reservations in that warehouse so the stock is held for it. Lots and
  // serials the caller names are checked and picked now; the rest at pick_shipment.
  Result<Shipment> create_shipment(const ShipmentSpec& spec, std::string_view actor);
  // Draft -> picked: chooses bins and lots by the picking rule (FEFO or FIFO); expired lots only
  // when the shipment allows them.
  Result<Shipment> pick_shipment(std::string_view number, std::string_view actor);
  Result<Shipment> pack_shipment(std::string_view number, std::string_view actor);
  // Goods issue (picking and packing first if not done): stock and reservations go down, the cost
  // of goods is recorded, order lines count as shipped and their orders move to partially
  // shipped or shipped.
  Result<Shipment> ship_shipment(std::string_view number, std::string_view actor);
  // Before goods issue only. The orders keep their reservations.
  Result<Shipment> cancel_shipment(std::string_view number, std::string_view reason, std::string_view actor);
  Result<Shipment> set_carrier(std::string_view number, std::string_view carrier, std::string_view tracking_number,
                               std::string_view actor);
  // Proof of delivery (签收). An order whose every shipment is delivered becomes delivered.
  Result<Shipment> deliver_shipment(std::string_view number, std::string_view actor);
  // A carrier's tracking event: in transit and delivered move the shipment on; delayed, damaged
  // and lost raise an exception (and an alert event).
  Result<Shipment> record_tracking(std::string_view number, const TrackingUpdate& update, std::string_view actor);
  Result<Shipment> flag_exception(std::string_view number, ExceptionKind kind, std::string_view detail,
                                  std::string_view actor);
  Result<Shipment> resolve_exception(std::string_view number, int exception_number, std::string_view resolution,
                                     std::string_view actor);
  // Flags every shipment not delivered by its promised date (once per shipment) and returns the
  // new exceptions.
  Result<std::vector<OpenException>> check_delays(std::string_view actor);
  // Every unresolved exception, by shipment.
  Result<std::vector<OpenException>> open_exceptions() const;
  Result<Shipment> shipment(std::string_view number) const;
  Result<std::vector<Shipment>> order_shipments(std::string_view order_number) const;

  // ---- Returns ---------------------------------------------------------------------------
  // A return against goods-issued lines of one shipment (never more than shipped minus returned):
  // restocked or scrapped, then settled by credit note or refund for the part already invoiced.
  Result<CustomerReturn> receive_return(const ReturnSpec& spec, std::string_view actor);
  Result<CustomerReturn> customer_return(std::string_view number) const;

  // ---- Invoices, payments, credit notes, refunds -----------------------------------------
  Result<Invoice> create_invoice(const InvoiceSpec& spec, std::string_view actor);
  Result<Invoice> issue_invoice(std::string_view number, std::string_view actor);
  // Cancels an invoice by a credit note for its open amount; payments applied to it become the
  // customer's credit again.
  Result<CreditNote> cancel_invoice(std::string_view number, std::string_view reason, std::string_view actor);
  // Deletes a draft invoice's effect: its orders may be invoiced again. The draft stays on
  // file as cancelled.
  Result<Invoice> discard_invoice(std::string_view number, std::string_view actor);
  Result<Invoice> invoice(std::string_view number) const;
  Result<std::vector<Invoice>> customer_invoices(std::string_view customer_code, bool open_only = false) const;
  Result<Payment> record_payment(const PaymentSpec& spec, std::string_view actor);
  // Applies a payment's or credit note's unapplied amount to invoices; returns the applications.
  Result<std::vector<Application>> apply_credit(const CreditApplicationSpec& spec, std::string_view actor);
  Result<Refund> refund(const RefundSpec& spec, std::string_view actor);
  Result<Payment> payment(std::string_view number) const;
  Result<CreditNote> credit_note(std::string_view number) const;
  Result<Refund> refund_document(std::string_view number) const;
  // Unapplied credit (payments and credit notes) of a customer in a currency.
  Result<Money> customer_credit(std::string_view customer_code, std::string_view currency) const;

  // ---- Statements and receivables ---------------------------------------------------------
  // 对账单 for [from, to] (inclusive).
  Result<Statement> statement(std::string_view customer_code, std::string_view currency, Date from, Date to) const;
  // Open receivables by days past due on `as_of` (default today), per customer and in total.
  Result<AgeingReport> receivables_ageing(std::string_view currency, std::optional<Date> as_of = std::nullopt) const;

  // ---- Document flow (钻探) ---------------------------------------------------------------
  Result<DocumentFlow> document_flow(const DocumentRef& document) const;

  // ---- Reports (include/oms/reports.h) ---------------------------------------------------
  // The lines of the orders that count as sales, grouped `by` a dimension and currency: ordered,
  // shipped, returned, short-closed and open quantities, net, cost, margin and margin percent,
  // open and overdue amounts, first and last order date. Sales, margin analysis, outstanding
  // orders (filter.open_only) and ordered vs shipped vs returned are views of it. A customer or
  // SKU in the filter must exist.
  Result<std::vector<LineSummary>> order_line_report(const ReportFilter& filter, ReportDimension by) const;
  // Stock levels, value, turnover, days of cover, ABC structure and expiring lots.
  Result<InventoryReport> inventory_report(const InventoryQuery& query) const;
  // Outbound, awaiting outbound, available, sold, amount and profit per product on one day.
  Result<std::vector<ProductDay>> daily_product_stats(Date day, std::string_view currency) const;
  // Orders, amount, margin, last order, RFM scores and suggested grade per customer.
  Result<std::vector<CustomerValue>> customer_value(const CustomerValueQuery& query) const;

  // ---- Several operations as one unit of work --------------------------------------------
  // Runs `work(*this)` as one unit of work: every operation it calls on this engine from this
  // thread joins one transaction, committed when `work` returns OK and no changing operation in
  // it failed. Otherwise none of it stays and batch returns the first failure (an operation's, or
  // work's own status). After a failed change the batch is spoilt: later operations in it do
  // nothing and return kFailedPrecondition naming "batch" (a failed query, such as looking up an
  // order that does not exist, spoils nothing). Operations inside see the batch's own changes;
  // subscribers hear of its events only after the commit, in order. A batch inside a batch joins
  // it. An exception thrown by `work` rolls everything back and propagates.
  // While a batch runs, other threads' changes wait for it (on the in-memory storage their reads
  // too): keep batches short. Call only this engine from inside `work`: another Engine on the
  // same storage would wait for the batch on its own thread, so its changes (on the in-memory
  // storage its reads too) fail at once with kFailedPrecondition naming "storage". When storage reports a lost race (kConflict),
  // `work` runs again, up to options().conflict_retries times, so it must not have effects
  // outside the engine that cannot be repeated.
  Status batch(const std::function<Status(Engine&)>& work);

  // ---- Events ----------------------------------------------------------------------------
  // Journal entries with sequence > after_sequence, at most `limit` (0 = all).
  Result<std::vector<Event>> events(std::int64_t after_sequence = 0, std::size_t limit = 0) const;
  SubscriptionId subscribe(EventHandler handler);
  void unsubscribe(SubscriptionId id);

  class Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace oms

#endif  // OMS_ENGINE_H_
