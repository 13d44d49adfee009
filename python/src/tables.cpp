// oms.Table and the export functions of include/oms/table.h: reports to CSV and xlsx.
#include <pybind11/stl.h>

#include "bindings.h"
#include "oms/table.h"

namespace oms::python {
namespace {

void check(const Status& s) {
  if (!s.ok()) throw Error(s);
}

}  // namespace

void bind_tables(py::module_& m) {
  py::class_<Column>(m, "Column", "A table column: its name and the kind of its cells.")
      .def(py::init([](std::string name, ColumnKind kind) { return Column{std::move(name), kind}; }),
           py::arg("name"), py::arg("kind") = ColumnKind::kText)
      .def_readwrite("name", &Column::name)
      .def_readwrite("kind", &Column::kind)
      .def("__repr__", [](const Column& c) {
        return "Column('" + c.name + "', '" + std::string(fields::EnumInfo<ColumnKind>::name(c.kind)) + "')";
      });
  py::class_<Table>(m, "Table",
                    "A report as typed columns and rows (str, int, Decimal, date, bool or None cells), "
                    "for write_csv and write_xlsx.")
      .def(py::init([](std::string title, std::vector<Column> columns, std::vector<std::vector<Cell>> rows) {
             return Table{std::move(title), std::move(columns), std::move(rows)};
           }),
           py::arg("title"), py::arg("columns"), py::arg("rows") = std::vector<std::vector<Cell>>{})
      .def_readwrite("title", &Table::title)
      .def_readwrite("columns", &Table::columns)
      .def_readwrite("rows", &Table::rows)
      .def("__repr__", [](const Table& t) {
        return "Table('" + t.title + "', " + std::to_string(t.columns.size()) + " columns, " +
               std::to_string(t.rows.size()) + " rows)";
      });
  m.def("line_summary_table", &line_summary_table, py::arg("rows"), py::arg("title"),
        "The rows of Engine.order_line_report as a Table.");
  m.def("statement_table", &statement_table, py::arg("statement"),
        "A customer statement (对账单) as a Table, with opening and closing balance rows.");
  m.def("ageing_table", &ageing_table, py::arg("report"), "A receivables ageing report as a Table, with its total.");
  m.def("stock_levels_table", &stock_levels_table, py::arg("levels"), py::arg("title"),
        "The rows of Engine.stock_levels as a Table.");
  m.def("inventory_tables", &inventory_tables, py::arg("report"),
        "An inventory report as four Tables: Inventory, Stock by warehouse, Lots, Expiring lots.");
  m.def("product_day_table", &product_day_table, py::arg("days"), py::arg("title"),
        "The rows of Engine.daily_product_stats as a Table.");
  m.def("customer_value_table", &customer_value_table, py::arg("customers"), py::arg("title"),
        "The rows of Engine.customer_value as a Table.");
  m.def(
      "to_csv", [](const Table& t, bool bom) { return to_csv(t, {bom}); }, py::arg("table"),
      py::arg("byte_order_mark") = false, "The table as CSV text (RFC 4180, exact decimals).");
  m.def(
      "write_csv",
      [](const Table& t, const std::string& path, bool bom) {
        py::gil_scoped_release release;
        check(write_csv(t, path, {bom}));
      },
      py::arg("table"), py::arg("path"), py::arg("byte_order_mark") = false,
      "Writes the table to a CSV file, whole or not at all.");
  m.def(
      "write_xlsx",
      [](const std::vector<Table>& sheets, const std::string& path) {
        py::gil_scoped_release release;
        check(write_xlsx(sheets, path));
      },
      py::arg("sheets"), py::arg("path"),
      "Writes an Excel workbook, one sheet per table: numeric cells with number formats, a bold header row.");
}

}  // namespace oms::python
