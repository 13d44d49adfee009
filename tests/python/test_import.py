"""CSV import from Python: row-level issues, all or nothing against good rows, idempotent re-runs,
Chinese text and exact decimals kept."""
from decimal import Decimal

import pytest

import oms

PRODUCTS = """sku,name,list_price,standard_cost,category
LJ-250,"龙井 250g, 特级",88.10,41.5,茶/绿茶
BAD,broken price,8..1,1,茶
"""


def test_all_or_nothing_reports_every_bad_row_and_writes_nothing(eng: oms.Engine) -> None:
    result = eng.import_csv(oms.ImportKind.PRODUCTS, PRODUCTS, actor="py")
    assert not result.committed
    assert [(i.row, i.column, i.value, i.code) for i in result.issues] == [
        (3, "list_price", "8..1", oms.StatusCode.INVALID_ARGUMENT)]
    assert "decimal" in result.issues[0].reason
    with pytest.raises(oms.NotFoundError):
        eng.product("LJ-250")


def test_good_rows_import_the_rest_exactly_and_a_rerun_creates_nothing(eng: oms.Engine) -> None:
    first = eng.import_csv("products", PRODUCTS, actor="py", mode=oms.ImportMode.GOOD_ROWS)
    assert (first.created, first.rejected, first.committed) == (1, 1, True)
    product = eng.product("LJ-250")
    assert product.name == "龙井 250g, 特级"
    assert product.category == "茶/绿茶"
    assert product.list_price == oms.Money("88.10", "CNY")
    assert product.standard_cost.amount == Decimal("41.5")
    again = eng.import_csv("products", PRODUCTS, actor="py", mode="good_rows")
    assert (again.created, again.existing) == (0, 1)


def test_orders_from_a_file_are_idempotent_by_external_reference(eng: oms.Engine, tmp_path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("source,external_id,customer_code,sku,quantity,notes\n"
                    "shop,A-1,C1,TEA,30,请尽快发货\n"
                    "shop,A-1,C1,CUP,2,\n"
                    "shop,A-2,C2,CUP,1,\n", encoding="utf-8")
    result = eng.import_csv_file("orders", str(path), actor="py")
    assert (result.rows, result.records, result.created) == (3, 2, 2)
    orders = eng.list_orders()
    assert len(orders) == 2
    first = next(o for o in orders if o.external.id == "A-1")
    assert first.notes == "请尽快发货"
    assert [line.sku for line in first.lines] == ["TEA", "CUP"]
    assert first.totals.net == oms.Money("28.00", "CNY")  # 30 x 0.10 + 2 x 12.50
    assert eng.import_csv_file("orders", str(path), actor="py").existing == 2
    assert len(eng.list_orders()) == 2
    with pytest.raises(oms.NotFoundError, match="nowhere.csv"):
        eng.import_csv_file("orders", str(tmp_path / "nowhere.csv"), actor="py")


def test_issues_become_a_dataframe(eng: oms.Engine) -> None:
    pytest.importorskip("pandas")
    result = eng.import_csv("customers", "code,name,grade\nC9,,gold\n", actor="py")
    frame = result.issues.to_pandas()
    assert list(frame["column"]) == ["name", "grade"]
    assert list(frame["code"]) == ["invalid_argument", "invalid_argument"]
