"""Reports to CSV and Excel, read back: numbers are numeric cells with their number format."""
import csv
import datetime
import io
from decimal import Decimal

import pytest

import oms
from conftest import TODAY, confirmed_order, invoiced_order

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def book(eng: oms.Engine) -> oms.Engine:
    invoiced_order(eng, "C1", TEA=30, CUP=2)
    confirmed_order(eng, "C2", CUP=4)
    eng.record_payment({"customer_code": "C1", "amount": "10.00"}, actor="py")
    return eng


def test_the_workbook_has_typed_cells_formats_and_a_sheet_per_report(book: oms.Engine, tmp_path) -> None:
    sales = oms.line_summary_table(book.order_line_report(by="customer"), "Sales by customer")
    statement = oms.statement_table(book.statement("C1", "CNY", TODAY, TODAY))
    path = tmp_path / "report.xlsx"
    oms.write_xlsx([sales, statement, oms.ageing_table(book.receivables_ageing("CNY"))], str(path))

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Sales by customer", "Statement C1", f"Ageing {TODAY.isoformat()}"]
    sheet = workbook["Sales by customer"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["key", "name", "currency", "orders"]
    assert sheet["A1"].font.b
    net = sheet.cell(row=2, column=header.index("net") + 1)
    assert net.data_type == "n" and net.value == pytest.approx(28.00)
    assert net.number_format == "#,##0.00"
    assert sheet.cell(row=2, column=header.index("orders") + 1).value == 1
    assert sheet.cell(row=2, column=2).value == "西湖茶社"
    first_order = sheet.cell(row=2, column=header.index("first_order") + 1)
    assert first_order.is_date and first_order.value.date() == TODAY
    assert sheet.freeze_panes == "A2"

    items = workbook["Statement C1"]
    rows = [[c.value for c in row] for row in items.iter_rows(min_row=2)]
    assert rows[0][3] == "opening balance" and rows[-1][3] == "closing balance"
    assert rows[-1][7] == pytest.approx(18.00)  # 28.00 invoiced - 10.00 paid


def test_csv_round_trips_exact_decimals_and_chinese_text(book: oms.Engine, tmp_path) -> None:
    table = oms.line_summary_table(book.order_line_report(by="customer"), "Sales")
    path = tmp_path / "sales.csv"
    oms.write_csv(table, str(path), byte_order_mark=True)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["key"], r["name"], Decimal(r["net"])) for r in rows] == [
        ("C1", "西湖茶社", Decimal("28.00")), ("C2", "Acme Trading", Decimal("50.00"))]
    assert rows[0]["first_order"] == TODAY.isoformat()
    assert oms.to_csv(table) == path.read_bytes().decode("utf-8-sig")


def test_a_table_can_be_built_by_hand(tmp_path) -> None:
    table = oms.Table("Hand", [oms.Column("item"), oms.Column("amount", "decimal"), oms.Column("day", "date")],
                      [["tea", Decimal("1.10"), datetime.date(2026, 1, 2)], ["none", None, None]])
    assert oms.to_csv(table) == "item,amount,day\r\ntea,1.10,2026-01-02\r\nnone,,\r\n"
    with pytest.raises(oms.InvalidArgumentError, match="names two sheets"):
        oms.write_xlsx([table, table], str(tmp_path / "x.xlsx"))
    with pytest.raises(oms.StorageError):
        oms.write_csv(table, str(tmp_path / "missing" / "x.csv"))


def test_the_inventory_workbook_has_numeric_cells(book: oms.Engine, tmp_path) -> None:
    path = tmp_path / "inventory.xlsx"
    oms.write_xlsx(oms.inventory_tables(book.inventory_report()), str(path))
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Inventory", "Stock by warehouse", "Lots", "Expiring lots"]
    sheet = workbook["Inventory"]
    header = [c.value for c in sheet[1]]
    value = sheet.cell(row=2, column=header.index("value") + 1)
    assert value.data_type == "n"
    assert value.value == 126                         # CUP: 18 x 7.00
    assert value.number_format == "#,##0.00"
    assert sheet.cell(row=2, column=header.index("abc") + 1).value == "A"
