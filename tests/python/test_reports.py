"""Reports from Python: the order-line report as rows and DataFrames, dimensions by name."""
import datetime
from decimal import Decimal

import pytest

import oms
from conftest import TODAY, confirmed_order, invoiced_order


@pytest.fixture
def book(eng: oms.Engine) -> oms.Engine:
    invoiced_order(eng, "C1", TEA=30, CUP=2)            # 3.00 + 25.00, all shipped
    confirmed_order(eng, "C2", CUP=4)                    # 50.00, open
    eng.create_order({"customer_code": "C2", "lines": [{"sku": "CUP", "quantity": 1}]}, actor="py")  # draft
    return eng


def test_sales_by_customer_with_margin(book: oms.Engine) -> None:
    rows = book.order_line_report(by=oms.ReportDimension.CUSTOMER)
    assert [(r.key, r.name, r.net) for r in rows] == [
        ("C1", "西湖茶社", oms.Money("28.00", "CNY")), ("C2", "Acme Trading", oms.Money("50.00", "CNY"))]
    assert rows[0].cost == oms.Money("15.20", "CNY")      # 30 x 0.04 + 2 x 7.00
    assert rows[0].margin_percent == Decimal("45.71")     # 12.80 / 28.00


def test_a_dimension_may_be_given_by_its_label(book: oms.Engine) -> None:
    by_label = book.order_line_report({"open_only": True}, "product")
    assert [(r.key, r.open, r.open_amount) for r in by_label] == [("CUP", Decimal(4), oms.Money("50.00", "CNY"))]
    with pytest.raises(oms.InvalidArgumentError, match="'size' is not one of: customer, product"):
        book.order_line_report({}, "size")


def test_the_report_becomes_a_dataframe(book: oms.Engine) -> None:
    pytest.importorskip("pandas")
    frame = book.order_line_report({"from_": TODAY, "to": TODAY}, "month").to_pandas()
    assert list(frame["key"]) == [TODAY.strftime("%Y-%m")]
    assert frame.loc[0, "net"] == Decimal("78.00")
    assert frame.loc[0, "orders"] == 2
    assert frame.loc[0, "net_currency"] == "CNY"


def test_an_unknown_customer_in_the_filter_is_not_found(book: oms.Engine) -> None:
    with pytest.raises(oms.NotFoundError):
        book.order_line_report({"customer_code": "NOPE"})
    assert book.order_line_report({"as_of": datetime.date(2020, 1, 1), "currency": "USD"}) == []


def test_inventory_report_values_stock_and_ranks_it(book: oms.Engine) -> None:
    report = book.inventory_report()
    assert report.to == TODAY
    tea, cup = sorted(report.products, key=lambda p: p.sku, reverse=True)
    assert tea.sku == "TEA" and cup.sku == "CUP"
    assert tea.on_hand == Decimal(970)                 # 1000 received, 30 shipped
    assert tea.value == oms.Money("38.80", "CNY")       # 970 x 0.04
    assert tea.cogs == oms.Money("1.20", "CNY")
    assert cup.reserved == Decimal(4) and cup.available == Decimal(14)
    assert cup.value == oms.Money("126.00", "CNY")      # 18 x 7.00
    # CUP first (76.46 % of the value); TEA is A too: the products before it make less than 80 %.
    assert [(p.sku, p.abc) for p in report.products] == [("CUP", "A"), ("TEA", "A")]
    assert report.products[0].value_share == Decimal("76.46")


def test_daily_stats_and_customer_value(book: oms.Engine) -> None:
    days = book.daily_product_stats(TODAY)
    assert [(d.sku, d.outbound, d.awaiting_outbound, d.sold) for d in days] == [
        ("CUP", Decimal(2), Decimal(4), Decimal(6)), ("TEA", Decimal(30), Decimal(0), Decimal(30))]
    value = {v.code: v for v in book.customer_value()}
    assert value["C1"].amount == oms.Money("28.00", "CNY")
    assert value["C2"].orders == 1
    assert value["C1"].rfm == "553"  # ordered as recently and as often as C2, for less
    assert value["C2"].rfm == "555"
    assert value["C1"].suggested_grade == oms.CustomerGrade.POTENTIAL

