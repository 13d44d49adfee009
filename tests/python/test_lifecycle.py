"""The Python package end to end (WIP, issue 6)."""
import datetime
import threading
from decimal import Decimal

import pytest

import oms

UTC = datetime.timezone.utc


@pytest.fixture
def eng():
    with oms.open(manual_clock=datetime.datetime(2026, 11, 23, 8, tzinfo=UTC)) as e:
        e.create_product({"sku": "TEA", "name": "龙井", "list_price": oms.Money(Decimal("0.10"), "CNY")}, actor="py")
        e.create_warehouse(oms.Warehouse(code="W1", name="Hangzhou"), actor="py")
        e.receive({"warehouse": "W1", "lines": [{"sku": "TEA", "quantity": Decimal(100), "unit_cost": "0.04"}]},
                  actor="py")
        e.create_customer(oms.Customer(code="C1", name="西湖茶社"), actor="py")
        yield e


def test_order_lifecycle_keeps_money_exact(eng):
    order = eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 3}]}, actor="py").order
    assert order.totals.total == oms.Money(Decimal("0.30"), "CNY")
    assert isinstance(order.totals.total.amount, Decimal)
    assert eng.submit(order.number, actor="py").order.state == oms.OrderState.SUBMITTED
    assert eng.approve(order.number, actor="py").order.state == oms.OrderState.CONFIRMED
    shipment = eng.create_shipment({"orders": [order.number]}, actor="py")
    assert eng.ship_shipment(shipment.number, actor="py").state == oms.ShipmentState.SHIPPED
    invoice = eng.create_invoice({"orders": [order.number]}, actor="py")
    eng.record_payment({"customer_code": "C1", "amount": invoice.total.amount}, actor="py")
    assert eng.order(order.number).payment_progress == oms.Progress.FULL
    assert eng.order(order.number).order_date == datetime.date(2026, 11, 23)


def test_a_float_for_money_is_a_type_error_naming_the_member(eng):
    with pytest.raises(TypeError, match="quantity: a float"):
        eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 0.1}]}, actor="py")


def test_errors_are_one_class_per_code(eng):
    with pytest.raises(oms.NotFoundError) as info:
        eng.order("SO-NOPE")
    assert isinstance(info.value, oms.Error)
    assert (info.value.code, info.value.name) == (2, "not_found")
    with pytest.raises(oms.AlreadyExistsError):
        eng.create_customer(oms.Customer(code="C1", name="again"), actor="py")


def test_subscribers_hear_committed_changes_from_other_threads(eng):
    seen = []
    sub = eng.subscribe(lambda event: seen.append(event.type))
    threads = [threading.Thread(target=lambda i=i: eng.create_customer(
        oms.Customer(code=f"T{i}", name="t"), actor="py")) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eng.unsubscribe(sub)
    assert seen.count("customer.created") == 4
