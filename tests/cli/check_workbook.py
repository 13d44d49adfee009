"""Reads the demo's workbook back with openpyxl: every report on its own sheet, a header row,
amounts and quantities as numeric cells with a number format, never text."""
import sys

import openpyxl

EXPECTED_SHEETS = [
    "Sales by month", "Sales by salesperson", "Margin by category", "Sales by channel", "Sales by customer",
    "Outstanding by customer", "Ordered shipped returned", "Inventory", "Stock by warehouse", "Lots",
    "Expiring lots", "Customer value", "Stock",
]
NUMERIC = {"net": "#,##0.00", "margin": "#,##0.00", "value": "#,##0.00", "on_hand": "#,##0", "orders": "0"}


def main(path: str) -> int:
    workbook = openpyxl.load_workbook(path)
    problems = [f"missing sheet {name}" for name in EXPECTED_SHEETS if name not in workbook.sheetnames]
    for name in ("Sales by month", "Inventory", "Sales by customer"):
        sheet = workbook[name]
        header = [c.value for c in sheet[1]]
        if sheet.max_row < 2:
            problems.append(f"{name}: no rows")
            continue
        for column, number_format in NUMERIC.items():
            if column not in header:
                continue
            for row in range(2, sheet.max_row + 1):
                cell = sheet.cell(row=row, column=header.index(column) + 1)
                if cell.data_type != "n" or not isinstance(cell.value, (int, float)):
                    problems.append(f"{name}!{cell.coordinate} ({column}) is {cell.data_type}: {cell.value!r}")
                    break
                if cell.number_format != number_format and column != "orders":
                    problems.append(f"{name}!{cell.coordinate} ({column}) has format {cell.number_format}")
                    break
    for problem in problems:
        print(problem)
    print("workbook ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
