"""Query results and reports as flat dicts and pandas DataFrames, with money kept exact."""
import sys
from decimal import Decimal

import pytest

import oms
from conftest import TODAY, confirmed_order, invoiced_order

pandas = pytest.importorskip("pandas")


def test_orders_become_a_dataframe_with_one_row_per_order(eng: oms.Engine) -> None:
    confirmed_order(eng, TEA=10)
    confirmed_order(eng, "C2", CUP=2)
    frame = eng.list_orders().to_pandas()
    assert len(frame) == 2
    assert list(frame["customer_code"]) == ["C1", "C2"]
    assert list(frame["state"]) == ["confirmed", "confirmed"]
    assert list(frame["totals.total"]) == [Decimal("1.00"), Decimal("25.00")]
    assert set(frame["totals.total_currency"]) == {"CNY"}
    assert frame["totals.total"].sum() == Decimal("26.00")  # Decimal all the way


def test_an_orders_lines_are_rows_too(eng: oms.Engine) -> None:
    order = confirmed_order(eng, TEA=10, CUP=1)
    lines = order.lines.to_pandas()
    assert list(lines["sku"]) == ["TEA", "CUP"]
    assert list(lines["amounts.net"]) == [Decimal("1.00"), Decimal("12.50")]
    assert list(lines["open_quantity"]) == [Decimal(10), Decimal(1)]


def test_flat_dicts_use_dotted_names_and_split_money(eng: oms.Engine) -> None:
    confirmed_order(eng, CUP=1)
    row = eng.list_orders().to_dicts()[0]
    assert row["totals.net"] == Decimal("12.50") and row["totals.net_currency"] == "CNY"
    assert row["state"] == "confirmed"
    assert isinstance(row["lines"], list)


def test_an_empty_result_still_has_its_columns(eng: oms.Engine) -> None:
    frame = eng.list_orders().to_pandas()
    assert len(frame) == 0
    assert {"number", "customer_code", "totals.total", "state"} <= set(frame.columns)


def test_stock_levels_and_reports_become_dataframes(eng: oms.Engine) -> None:
    confirmed_order(eng, CUP=4)
    levels = eng.stock_levels({"warehouse": "W1"}).to_pandas()
    assert dict(zip(levels["sku"], levels["on_hand"])) == {"TEA": Decimal(1000), "CUP": Decimal(20)}
    by_warehouse = eng.stock("CUP").to_pandas()
    assert list(by_warehouse["available"]) == [Decimal(16)]


def test_a_statement_becomes_a_dataframe_of_its_items(eng: oms.Engine) -> None:
    invoiced_order(eng, CUP=2)
    eng.record_payment({"customer_code": "C1", "amount": "5.00"}, actor="py")
    items = eng.statement("C1", "CNY", TODAY, TODAY).to_pandas()
    assert list(items["kind"]) == ["invoice", "payment"]
    assert list(items["balance"]) == [Decimal("25.00"), Decimal("20.00")]
    ageing = eng.receivables_ageing("CNY").to_pandas()
    assert list(ageing["current"]) == [Decimal("20.00")]


def test_without_pandas_to_pandas_says_how_to_get_it(eng: oms.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # type: ignore[misc]
    with pytest.raises(ImportError, match="python3-pandas"):
        eng.list_orders().to_pandas()
    assert eng.list_orders().to_dicts() == []  # the rest works without pandas
