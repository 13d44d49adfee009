"""Shared fixtures: a small tea company in an in-memory engine whose clock stands still."""
import datetime
import os
from decimal import Decimal
from typing import Iterator, Tuple

import pytest

import oms

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TODAY = NOW.date()


def pytest_report_header() -> str:
    return f"oms {oms.__version__} from {os.path.dirname(oms.__file__)}"


def pytest_sessionstart(session: pytest.Session) -> None:
    # The test command tests the package pip installed, not a build tree on the path.
    expected = os.environ.get("OMS_EXPECT_INSTALLED_IN")
    if expected and not os.path.realpath(oms.__file__).startswith(os.path.realpath(expected)):
        raise pytest.UsageError(f"oms was imported from {oms.__file__}, not from the venv {expected}")


def stock_company(eng: oms.Engine) -> None:
    eng.create_product({"sku": "TEA", "name": "龙井 Longjing", "list_price": oms.Money("0.10", "CNY")}, actor="py")
    eng.create_product({"sku": "CUP", "name": "Cup", "list_price": oms.Money("12.50", "CNY"),
                        "low_stock_threshold": Decimal(5)}, actor="py")
    eng.create_warehouse({"code": "W1", "name": "Hangzhou"}, actor="py")
    eng.receive({"warehouse": "W1", "lines": [
        {"sku": "TEA", "quantity": 1000, "unit_cost": "0.04"},
        {"sku": "CUP", "quantity": 20, "unit_cost": "7.00"},
    ]}, actor="py")
    eng.create_customer({"code": "C1", "name": "西湖茶社", "payment_terms_days": 30}, actor="py")
    eng.create_customer({"code": "C2", "name": "Acme Trading"}, actor="py")


@pytest.fixture
def eng() -> Iterator[oms.Engine]:
    with oms.open(manual_clock=NOW) as e:
        stock_company(e)
        yield e


def confirmed_order(eng: oms.Engine, customer: str = "C1", **lines: int) -> oms.Order:
    """An order of `lines` (sku=quantity), submitted and approved."""
    order = eng.create_order({"customer_code": customer,
                              "lines": [{"sku": sku, "quantity": q} for sku, q in lines.items()]},
                             actor="py").order
    eng.submit(order.number, actor="py")
    eng.approve(order.number, actor="py")
    return eng.order(order.number)


def invoiced_order(eng: oms.Engine, customer: str = "C1", **lines: int) -> Tuple[oms.Order, oms.Shipment, oms.Invoice]:
    """A confirmed order of `lines`, shipped whole in one shipment and invoiced."""
    order = confirmed_order(eng, customer, **lines)
    shipment = eng.create_shipment({"orders": [order.number]}, actor="py")
    eng.ship_shipment(shipment.number, actor="py")
    invoice = eng.create_invoice({"orders": [order.number]}, actor="py")
    return eng.order(order.number), eng.shipment(shipment.number), invoice
