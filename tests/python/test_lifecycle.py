"""An order's whole life through the Python package, with the engine's documents checked."""
import datetime
from decimal import Decimal

import pytest

import oms
from conftest import NOW, TODAY, confirmed_order, invoiced_order, stock_company


def test_order_goes_from_draft_to_paid_with_exact_money(eng: oms.Engine) -> None:
    intake = eng.create_order({"customer_code": "C1", "customer_reference": "PO-77",
                               "lines": [{"sku": "TEA", "quantity": 3}, {"sku": "CUP", "quantity": 2}]}, actor="ann")
    assert intake.created
    order = intake.order
    assert order.customer_reference == "PO-77"
    assert order.state == oms.OrderState.DRAFT
    assert order.totals.total == oms.Money(Decimal("25.30"), "CNY")
    assert order.order_date == TODAY and order.created_at == NOW

    submitted = eng.submit(order.number, actor="ann")
    assert not submitted.review.blocked
    assert submitted.order.state == oms.OrderState.SUBMITTED
    confirmation = eng.approve(order.number, actor="bob")
    assert confirmation.order.state == oms.OrderState.CONFIRMED
    assert [line.reserved for line in confirmation.lines] == [Decimal(3), Decimal(2)]

    shipment = eng.create_shipment({"orders": [order.number], "instructions": "call before delivery"}, actor="bob")
    assert shipment.instructions == "call before delivery"
    eng.pick_shipment(shipment.number, actor="bob")
    eng.pack_shipment(shipment.number, actor="bob")
    shipped = eng.ship_shipment(shipment.number, actor="bob")
    assert shipped.state == oms.ShipmentState.SHIPPED
    assert eng.order(order.number).state == oms.OrderState.SHIPPED

    invoice = eng.create_invoice({"orders": [order.number]}, actor="cy")
    assert invoice.total == oms.Money("25.30", "CNY")
    payment = eng.record_payment({"customer_code": "C1", "amount": Decimal("25.30")}, actor="cy")
    assert payment.unapplied == oms.Money(0, "CNY")
    done = eng.order(order.number)
    assert (done.shipment_progress, done.invoice_progress, done.payment_progress) == (oms.Progress.FULL,) * 3
    assert [(c.from_, c.to) for c in done.history][:2] == [
        (oms.OrderState.DRAFT, oms.OrderState.SUBMITTED), (oms.OrderState.SUBMITTED, oms.OrderState.CONFIRMED)]
    assert done.history[1].actor == "bob"


def test_one_shipment_carries_two_orders_and_the_flow_shows_the_merge(eng: oms.Engine) -> None:
    a = confirmed_order(eng, TEA=10)
    b = confirmed_order(eng, TEA=20)
    shipment = eng.create_shipment({"orders": [a.number, b.number]}, actor="py")
    eng.ship_shipment(shipment.number, actor="py")
    flow = eng.document_flow({"kind": "shipment", "number": shipment.number})
    assert flow.merged
    assert {link.from_.number for link in flow.upstream} == {a.number, b.number}
    assert eng.stock("TEA").on_hand == Decimal(970)


def test_a_return_restocks_and_credits_the_customer(eng: oms.Engine) -> None:
    _, shipment, invoice = invoiced_order(eng, CUP=4)
    returned = eng.receive_return({"shipment": shipment.number, "settlement": "credit_note",
                                   "lines": [{"shipment_line_no": 1, "quantity": 1, "reason": "chipped"}]},
                                  actor="py")
    assert returned.lines[0].restocked
    assert eng.stock("CUP").on_hand == Decimal(17)
    credit = eng.credit_note(returned.credit_note_number)
    assert credit.total == oms.Money("12.50", "CNY")
    assert eng.invoice(invoice.number).open == oms.Money("37.50", "CNY")


def test_amendment_after_confirmation_is_a_numbered_revision(eng: oms.Engine) -> None:
    order = confirmed_order(eng, TEA=10)
    amended = eng.amend(order.number, {"changes": [{"line_no": 1, "quantity": 15}], "reason": "phone call"},
                        actor="py")
    assert amended.revision == 1
    assert amended.lines[0].quantity == Decimal(15)
    assert amended.revisions[0].reason == "phone call"
    assert eng.stock("TEA").reserved == Decimal(15)


def test_statement_and_ageing_show_what_the_customer_owes(eng: oms.Engine) -> None:
    invoiced_order(eng, CUP=2)
    eng.record_payment({"customer_code": "C1", "amount": "10.00"}, actor="py")
    statement = eng.statement("C1", "CNY", TODAY - datetime.timedelta(days=30), TODAY)
    assert [item.kind for item in statement.items] == [oms.StatementItemKind.INVOICE, oms.StatementItemKind.PAYMENT]
    assert statement.closing == oms.Money("15.00", "CNY")
    ageing = eng.receivables_ageing("CNY")
    assert [(row.customer_code, row.total) for row in ageing.rows] == [("C1", oms.Money("15.00", "CNY"))]


def test_backorders_are_served_when_stock_arrives(eng: oms.Engine) -> None:
    order = confirmed_order(eng, CUP=25)
    assert order.backordered == Decimal(5)
    eng.receive({"warehouse": "W1", "lines": [{"sku": "CUP", "quantity": 10, "unit_cost": "7.00"}]}, actor="py")
    run = eng.allocate_backorders(actor="py")
    assert [(r.order_number, r.quantity) for r in run.reserved] == [(order.number, Decimal(5))]
    assert eng.order(order.number).backordered == Decimal(0)


def test_the_engine_on_a_sqlite_file_keeps_everything_after_reopening(tmp_path) -> None:
    path = str(tmp_path / "shop.db")
    with oms.open(path, manual_clock=NOW) as eng:
        stock_company(eng)
        number = confirmed_order(eng, TEA=7).number
    assert eng.closed
    assert repr(eng) == f"<oms.Engine on '{path}', closed>"
    with oms.open(path) as again:
        order = again.order(number)
        assert order.state == oms.OrderState.CONFIRMED
        assert again.customer("C1").name == "西湖茶社"
        assert again.stock("TEA").reserved == Decimal(7)


def test_a_closed_engine_refuses_calls_naming_the_engine() -> None:
    eng = oms.open()
    eng.close()
    with pytest.raises(oms.FailedPreconditionError) as info:
        eng.products()
    assert info.value.field == "engine"
    eng.close()  # closing twice is harmless


def test_an_order_from_another_system_is_imported_once(eng: oms.Engine) -> None:
    spec = {"customer_code": "C1", "external": {"source": "shopify", "id": "#1001"},
            "lines": [{"sku": "TEA", "quantity": 1}]}
    first = eng.create_order(spec, actor="sync")
    second = eng.create_order(spec, actor="sync")
    assert first.created and not second.created
    assert second.order.number == first.order.number
    assert len(eng.list_orders()) == 1


def test_a_batch_is_all_or_nothing(eng: oms.Engine) -> None:
    good = {"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 1}]}
    bad = {"customer_code": "C1", "lines": [{"sku": "NOPE", "quantity": 1}]}
    with pytest.raises(oms.NotFoundError, match="NOPE"):
        eng.create_orders([good, bad], actor="py")
    assert len(eng.list_orders()) == 0
    assert len(eng.create_orders([good, good], actor="py")) == 2
