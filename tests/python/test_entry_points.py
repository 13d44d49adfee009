"""What scripts send at the edge: decimals as Python writes them, keys with control characters,
quantities finer than their unit, options refused before a file is made. Each is an oms.Error."""
import os
from decimal import Decimal
from pathlib import Path

import pytest

import oms
from conftest import confirmed_order


@pytest.mark.parametrize("value, exact", [
    (Decimal(10).normalize(), "10"),            # str() is '1E+1'
    (Decimal("0.0000005"), "0.0000005"),         # str() is '5E-7'
    (Decimal("1.25E+3"), "1250"),
])
def test_every_finite_decimal_python_writes_is_read_exactly(value: Decimal, exact: str) -> None:
    assert oms.Money(value, "CNY").amount == Decimal(exact)


def test_a_normalized_quantity_is_received(eng: oms.Engine) -> None:
    eng.receive({"warehouse": "W1", "lines": [{"sku": "CUP", "quantity": Decimal("10").normalize()}]}, actor="py")
    assert eng.available_to_sell("CUP") == Decimal(30)


def test_a_decimal_beyond_the_range_or_scale_is_refused_with_its_own_error() -> None:
    with pytest.raises(oms.DecimalOverflowError, match="beyond the decimal range"):
        oms.Money(Decimal("1E+40"), "CNY")
    with pytest.raises(oms.InvalidArgumentError, match="more than 18 decimal places"):
        oms.Money(Decimal("1E-19"), "CNY")
    with pytest.raises(oms.InvalidArgumentError, match="not a finite decimal number"):
        oms.Money(Decimal("NaN"), "CNY")


def test_a_direct_decimal_argument_is_named_as_the_caller_wrote_it(eng: oms.Engine) -> None:
    with pytest.raises(oms.InvalidArgumentError, match="quantity '1.2.3'") as info:
        eng.quote_price("C1", "CUP", "1.2.3", "CNY")
    assert info.value.field == "quantity"


def test_a_key_with_a_control_character_or_only_spaces_is_refused(eng: oms.Engine) -> None:
    with pytest.raises(oms.InvalidArgumentError, match=r"code 'A\\x00B' contains a control character") as info:
        eng.create_customer({"code": "A\x00B", "name": "Nul"}, actor="py")
    assert info.value.field == "code"
    with pytest.raises(oms.InvalidArgumentError, match="is blank"):
        eng.create_product({"sku": "\u3000", "name": "Ideographic space"}, actor="py")
    with pytest.raises(oms.NotFoundError):
        eng.customer("A\x00B")


def test_a_lone_surrogate_is_refused_as_text_that_is_not_unicode(eng: oms.Engine) -> None:
    with pytest.raises(oms.InvalidArgumentError, match="not valid Unicode"):
        eng.customer("C\udcff")


def test_a_fraction_of_a_whole_piece_cannot_be_shipped(eng: oms.Engine) -> None:
    order = confirmed_order(eng, CUP=2)
    with pytest.raises(oms.InvalidArgumentError, match="finer than unit 'pcs'") as info:
        eng.create_shipment({"lines": [{"order_number": order.number, "line_no": 1, "quantity": "1.5"}]}, actor="py")
    assert info.value.field == "lines[0].quantity"
    assert eng.stock("CUP").on_hand == Decimal(20)


def test_refused_options_leave_no_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "refused.db"
    with pytest.raises(oms.InvalidArgumentError, match="conflict_retries"):
        oms.open(str(path), options={"conflict_retries": -1})
    assert not os.path.exists(path)
