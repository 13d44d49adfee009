"""Value types: keywords or dicts in, attributes and readable reprs out."""
import datetime
from decimal import Decimal

import pytest

import oms


def test_a_value_type_takes_keywords_a_dict_or_nothing() -> None:
    by_keyword = oms.Customer(code="C9", name="Nine", credit_limit=oms.Money("500", "CNY"))
    by_dict = oms.Customer({"code": "C9", "name": "Nine", "credit_limit": oms.Money("500", "CNY")})
    assert by_keyword.to_dict() == by_dict.to_dict()
    assert oms.Customer().code == ""


def test_repr_shows_the_first_members() -> None:
    text = repr(oms.NewOrderLine(sku="TEA", quantity=Decimal("2.5")))
    assert text.startswith("NewOrderLine(sku='TEA', quantity=Decimal('2.5')")


def test_a_python_keyword_member_gets_a_trailing_underscore(eng: oms.Engine) -> None:
    query = oms.OrderQuery(from_=datetime.date(2026, 1, 1))
    assert query.from_ == datetime.date(2026, 1, 1)
    assert "from_" in query.to_dict()


def test_enums_have_upper_case_names_and_wire_labels() -> None:
    assert oms.OrderState.PARTIALLY_SHIPPED.label == "partially_shipped"
    assert oms.OrderState.__members__["CONFIRMED"] == oms.OrderState.CONFIRMED
    assert oms.ReturnSpec(settlement="refund").settlement == oms.ReturnSettlement.REFUND


def test_dates_are_dates_and_instants_are_aware_utc_datetimes(eng: oms.Engine) -> None:
    order = eng.create_order({"customer_code": "C1", "requested_delivery": datetime.date(2026, 12, 1),
                              "lines": [{"sku": "TEA", "quantity": 1}]}, actor="py").order
    assert order.requested_delivery == datetime.date(2026, 12, 1)
    assert order.created_at.tzinfo is not None and order.created_at.utcoffset() == datetime.timedelta(0)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(TypeError, match="naive datetime"):
        oms.open(manual_clock=datetime.datetime(2026, 1, 1))


def test_an_aware_datetime_in_another_zone_is_converted_to_utc() -> None:
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    with oms.open(manual_clock=datetime.datetime(2026, 1, 1, 8, tzinfo=beijing)) as eng:
        eng.create_customer({"code": "C1", "name": "x"}, actor="py")
        assert eng.events()[0].at == datetime.datetime(2026, 1, 1, 0, tzinfo=datetime.timezone.utc)


def test_query_results_iterate_like_lists(eng: oms.Engine) -> None:
    codes = [c.code for c in eng.customers()]
    assert codes == ["C1", "C2"]
    assert isinstance(eng.customers(), list) and isinstance(eng.customers(), oms.Rows)


def test_unicode_round_trips(eng: oms.Engine) -> None:
    eng.create_customer({"code": "客户3", "name": "杭州 ☕ 茶馆", "notes": "送货前请电话联系"}, actor="py")
    customer = eng.customer("客户3")
    assert (customer.name, customer.notes) == ("杭州 ☕ 茶馆", "送货前请电话联系")
    assert [c.code for c in eng.find_customers("茶馆")] == ["客户3"]


def test_engine_methods_carry_the_headers_comments_as_docstrings() -> None:
    assert "Draft -> submitted" in (oms.Engine.submit.__doc__ or "")
    assert "every order or none" in (oms.Engine.create_orders.__doc__ or "")


def test_every_engine_operation_is_bound() -> None:
    import os
    import re
    header = os.path.join(os.environ.get("OMS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                          "include", "oms", "engine.h")
    with open(header, encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("class OMS_API Engine"):]
    names = set(re.findall(r"^  (?:Result<.*?>|Status|SubscriptionId|void)\s+(\w+)\(", body, re.M))
    names -= {"open", "open_in_memory"}  # oms.open()
    assert names, "no operations found in engine.h"
    missing = sorted(n for n in names if not hasattr(oms.Engine, n))
    assert missing == []


def test_orders_are_listed_by_customer_code_and_an_unknown_code_is_refused(eng: oms.Engine) -> None:
    for customer in ("C1", "C2", "C1"):
        eng.create_order({"customer_code": customer, "lines": [{"sku": "TEA", "quantity": 1}]}, actor="py")
    assert [o.customer_code for o in eng.list_orders({"customer_code": "C1"})] == ["C1", "C1"]
    with pytest.raises(oms.NotFoundError) as refused:
        eng.list_orders(oms.OrderQuery(customer_code="C3"))
    assert refused.value.field == "customer_code"
