"""Every failure is an oms.Error subclass per status code, naming the field and the value."""
from decimal import Decimal
from typing import Type

import pytest

import oms
from conftest import confirmed_order, invoiced_order

ERROR_CLASSES = {
    1: oms.InvalidArgumentError, 2: oms.NotFoundError, 3: oms.AlreadyExistsError, 4: oms.FailedPreconditionError,
    5: oms.InsufficientStockError, 6: oms.CurrencyMismatchError, 7: oms.DecimalOverflowError,
    8: oms.ConflictError, 9: oms.StorageError, 10: oms.InternalError,
}


@pytest.mark.parametrize("code, cls", sorted(ERROR_CLASSES.items()))
def test_each_status_code_raises_its_own_class(code: int, cls: Type[oms.Error]) -> None:
    with pytest.raises(cls) as info:
        oms._oms._raise_status(code, f"field 'x' broke {code}", "field")
    error = info.value
    assert isinstance(error, oms.Error) and type(error) is cls
    assert (error.code, cls.code) == (code, code)
    assert error.field == "field"
    assert str(error) == f"field 'x' broke {code}"


def test_the_error_classes_do_not_shadow_builtins() -> None:
    assert oms.DecimalOverflowError is not OverflowError
    assert not issubclass(oms.Error, (ValueError, LookupError))
    assert issubclass(oms.Error, Exception)


def test_bad_input_is_an_invalid_argument_naming_field_and_value() -> None:
    with pytest.raises(oms.InvalidArgumentError) as info:
        oms.Money("1", "XX")
    assert (info.value.name, info.value.field) == ("invalid_argument", "currency")
    assert "'XX'" in str(info.value)


def test_an_unknown_label_is_an_invalid_argument_listing_the_labels() -> None:
    with pytest.raises(oms.InvalidArgumentError, match="'nope' is not one of: credit_note, refund, none"):
        oms.ReturnSpec(settlement="nope")


def test_an_out_of_range_decimal_names_the_member_path(eng: oms.Engine) -> None:
    with pytest.raises(oms.DecimalOverflowError) as info:
        eng.create_order({"customer_code": "C1", "lines": [{"sku": "CUP", "quantity": "9" * 40}]}, actor="py")
    assert info.value.field == "lines.quantity"
    assert str(info.value).startswith("quantity '9999")


def test_bytes_where_text_is_expected_are_refused_whatever_their_encoding(eng: oms.Engine) -> None:
    # pybind11 would let bytes through where text is expected: GBK bytes read from a file must be
    # refused, not stored, and so must bytes that happen to be UTF-8.
    order = confirmed_order(eng, CUP=1)
    for data in ("\u9f99\u4e95".encode("gbk"), "\u9f99\u4e95".encode("utf-8"), bytearray(b"late")):
        with pytest.raises(oms.InvalidArgumentError, match="bytes given where text is expected"):
            eng.hold(order.number, reason=data, actor="py")  # type: ignore[arg-type]
    with pytest.raises(oms.InvalidArgumentError, match="bytes given where text is expected") as info:
        eng.create_customer({"code": b"C9", "name": "Bytes"}, actor="py")
    assert info.value.field == "code"
    assert eng.order(order.number).state == oms.OrderState.CONFIRMED


def test_a_missing_order_is_not_found(eng: oms.Engine) -> None:
    with pytest.raises(oms.NotFoundError, match="'SO-NOPE'") as info:
        eng.order("SO-NOPE")
    assert (info.value.code, info.value.name) == (2, "not_found")


def test_a_second_customer_with_the_same_code_already_exists(eng: oms.Engine) -> None:
    with pytest.raises(oms.AlreadyExistsError, match="'C1'"):
        eng.create_customer({"code": "C1", "name": "again"}, actor="py")


def test_an_illegal_transition_is_a_failed_precondition_and_changes_nothing(eng: oms.Engine) -> None:
    order = eng.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 1}]}, actor="py").order
    with pytest.raises(oms.FailedPreconditionError, match="is draft: cannot approve") as info:
        eng.approve(order.number, actor="py")
    assert info.value.field == "state"
    assert eng.order(order.number).state == oms.OrderState.DRAFT


def test_moving_more_than_is_on_hand_is_insufficient_stock(eng: oms.Engine) -> None:
    eng.create_warehouse({"code": "W2", "name": "Ningbo"}, actor="py")
    with pytest.raises(oms.InsufficientStockError, match="exceeds the 20 on hand"):
        eng.transfer({"sku": "CUP", "from_warehouse": "W1", "to_warehouse": "W2", "quantity": 100}, actor="py")
    assert eng.stock("CUP").on_hand == Decimal(20)


def test_paying_a_yuan_invoice_in_dollars_is_a_currency_mismatch(eng: oms.Engine) -> None:
    _, _, invoice = invoiced_order(eng, CUP=1)
    with pytest.raises(oms.CurrencyMismatchError) as info:
        eng.record_payment({"customer_code": "C1", "currency": "USD", "amount": 1,
                            "applications": [{"invoice": invoice.number, "amount": 1}]}, actor="py")
    assert info.value.field == "applications[0].amount"


def test_an_amount_beyond_the_decimal_range_is_an_overflow(eng: oms.Engine) -> None:
    with pytest.raises(oms.DecimalOverflowError, match="overflow"):
        eng.create_order({"customer_code": "C1", "lines": [{"sku": "CUP", "quantity": "9" * 36}]}, actor="py")
    assert len(eng.list_orders()) == 0


def test_a_file_that_cannot_be_opened_is_a_storage_error(tmp_path) -> None:
    with pytest.raises(oms.StorageError, match="unable to open"):
        oms.open(str(tmp_path / "missing-dir" / "shop.db"))


def test_an_unknown_keyword_is_a_type_error_listing_the_known_ones() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword 'nmae' \(known: id, code, name,"):
        oms.Customer(code="C9", nmae="typo")  # type: ignore[call-overload]
