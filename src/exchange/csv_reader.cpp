#include "exchange/csv_reader.h"

namespace oms {

CsvRead read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvRead out;
  CsvRow row{1, {}};
  std::string cell;
  bool quoted = false;       // inside a quoted field
  bool cell_started = false;  // the row has content (so "\n" alone is a blank line)
  std::int64_t quote_row = 0;
  auto end_row = [&] {
    const std::int64_t next = row.number + 1;
    if (cell_started || !row.cells.empty()) {
      row.cells.push_back(std::move(cell));
      out.rows.push_back(std::move(row));
    }
    row = CsvRow{next, {}};
    cell.clear();
    cell_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      cell_started = true;
      quote_row = row.number;
    } else if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      cell_started = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) out.error = CsvError{quote_row, "a quoted field opened in this row is never closed"};
  end_row();
  return out;
}

}  // namespace oms
