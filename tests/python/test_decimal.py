"""Money and quantities stay decimal.Decimal from Python to the engine and back; floats are refused."""
from decimal import Decimal

import pytest

import oms


def test_a_tenth_times_three_is_exactly_three_tenths(eng: oms.Engine) -> None:
    order = eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 3}]}, actor="py").order
    line = order.lines[0]
    assert line.unit_price == oms.Money("0.10", "CNY")
    assert line.amounts.net == oms.Money(Decimal("0.10") * 3, "CNY")
    assert str(order.totals.total.amount) == "0.30"


def test_many_small_amounts_add_up_without_drift(eng: oms.Engine) -> None:
    lines = [{"sku": "TEA", "quantity": 1} for _ in range(100)]
    order = eng.create_order({"customer_code": "C1", "lines": lines}, actor="py").order
    assert order.totals.total.amount == Decimal("10.00")
    assert sum((line.amounts.total.amount for line in order.lines), Decimal(0)) == order.totals.total.amount


def test_every_amount_and_quantity_comes_back_as_decimal(eng: oms.Engine) -> None:
    order = eng.create_order({"customer_code": "C1", "lines": [{"sku": "CUP", "quantity": "1.5"}]},
                             actor="py").order
    row = oms.flatten(order)
    for column in ("totals.net", "totals.tax", "totals.total", "totals.cost", "totals.margin"):
        assert type(row[column]) is Decimal, column
    assert type(order.lines[0].quantity) is Decimal
    assert not any(isinstance(v, float) for v in row.values())


@pytest.mark.parametrize("make", [
    lambda eng: eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 0.1}]}, actor="py"),
    lambda eng: eng.record_payment({"customer_code": "C1", "amount": 10.5}, actor="py"),
    lambda eng: oms.Money(0.1, "CNY"),  # type: ignore[arg-type]
    lambda eng: oms.NewOrderLine(sku="TEA", quantity=2.0),  # type: ignore[call-overload]
])
def test_a_float_anywhere_money_goes_is_a_type_error(eng: oms.Engine, make) -> None:
    with pytest.raises(TypeError, match="float is binary floating point"):
        make(eng)


def test_a_float_assigned_to_a_member_is_a_type_error() -> None:
    line = oms.NewOrderLine(sku="TEA", quantity=2)
    with pytest.raises(TypeError):
        line.quantity = 0.5  # type: ignore[assignment]
    assert line.quantity == Decimal(2)


def test_the_type_error_names_the_member_path(eng: oms.Engine) -> None:
    with pytest.raises(TypeError, match=r"lines: quantity: a float"):
        eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 0.1}]}, actor="py")


def test_a_bool_is_not_a_quantity() -> None:
    with pytest.raises(TypeError, match="bool"):
        oms.NewOrderLine(sku="TEA", quantity=True)


def test_a_malformed_decimal_string_is_an_invalid_argument_naming_the_value() -> None:
    with pytest.raises(oms.InvalidArgumentError, match="12,50"):
        oms.Money("12,50", "CNY")


def test_a_quote_keeps_the_exact_product_of_quantity_and_price(eng: oms.Engine) -> None:
    eng.create_product({"sku": "LEAF", "name": "Loose leaf", "unit": "kg", "list_price": oms.Money("0.10", "CNY")},
                       actor="py")
    quote = eng.quote_price("C1", "LEAF", Decimal("0.333"), "CNY")
    assert quote.unit_price == oms.Money("0.10", "CNY")
    assert quote.line_amount.amount == Decimal("0.0333")


def test_money_compares_by_value_and_currency() -> None:
    assert oms.Money("1.50", "CNY") == oms.Money(Decimal("1.5"), "CNY")
    assert oms.Money("1.50", "CNY") != oms.Money("1.50", "USD")
    assert oms.Money("1.50", "CNY") != Decimal("1.50")
    assert hash(oms.Money("1.50", "CNY")) == hash(oms.Money("1.5", "CNY"))
    assert repr(oms.Money("1.50", "CNY")) == "Money('1.50', 'CNY')"
