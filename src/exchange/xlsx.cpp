// Tables to an Excel workbook with libxlsxwriter (include/oms/table.h).
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "oms/table.h"
#include "exchange/table_internal.h"

namespace oms {
namespace {

// A valid sheet name: none of [ ] : * ? / and backslash, at most 31 characters.
std::string sheet_name(const std::string& title) {
  std::string name;
  for (char c : title) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  // At most 31 characters, not bytes; never cut a UTF-8 character.
  std::size_t characters = 0, end = 0;
  while (end < name.size() && characters < 31) {
    const auto c = static_cast<unsigned char>(name[end]);
    end += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++characters;
  }
  name.resize(std::min(end, name.size()));
  return name.empty() ? "Sheet" : name;
}

// Display width of UTF-8 text: CJK and other wide characters count two.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

class Workbook {
 public:
  explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {}
  ~Workbook() {
    if (book_) workbook_close(book_);  // only on failure paths: close() releases it otherwise
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  bool ok() const { return book_ != nullptr; }

  void add(const Table& table) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, sheet_name(table.title).c_str());
    std::vector<std::size_t> widths(table.columns.size());
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].name.c_str(), header());
      widths[c] = display_width(table.columns[c].name);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < table.rows[r].size() && c < widths.size(); ++c) {
        widths[c] = std::max(widths[c], write(sheet, row, static_cast<lxw_col_t>(c), table.rows[r][c]));
      }
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(std::min<std::size_t>(widths[c] + 2, 60)), nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!table.columns.empty()) {
      worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                           static_cast<lxw_col_t>(table.columns.size() - 1));
    }
  }

  lxw_error close() {
    lxw_error error = workbook_close(book_);
    book_ = nullptr;
    return error;
  }

 private:
  lxw_format* header() {
    if (!header_) {
      header_ = workbook_add_format(book_);
      format_set_bold(header_);
      format_set_bottom(header_, LXW_BORDER_THIN);
    }
    return header_;
  }
  // "#,##0" / "#,##0.00" / ...: the number shows the decimal places it has.
  lxw_format* number(int scale) {
    auto it = numbers_.find(scale);
    if (it == numbers_.end()) {
      lxw_format* f = workbook_add_format(book_);
      const std::string pattern = scale > 0 ? "#,##0." + std::string(static_cast<std::size_t>(scale), '0') : "#,##0";
      format_set_num_format(f, pattern.c_str());
      it = numbers_.emplace(scale, f).first;
    }
    return it->second;
  }
  lxw_format* date() {
    if (!date_) {
      date_ = workbook_add_format(book_);
      format_set_num_format(date_, "yyyy-mm-dd");
    }
    return date_;
  }

  // Writes one cell; returns its display width.
  std::size_t write(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
      worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
      return display_width(*text);
    }
    if (const auto* n = std::get_if<std::int64_t>(&cell)) {
      worksheet_write_number(sheet, row, col, static_cast<double>(*n), number(0));
      return std::to_string(*n).size() + std::to_string(*n).size() / 3;
    }
    if (const auto* d = std::get_if<Decimal>(&cell)) {
      const std::string text = d->to_string();
      // xlsx stores numbers as doubles: the closest one to the decimal's digits (locale-free).
      double value = 0;
      std::from_chars(text.data(), text.data() + text.size(), value);
      worksheet_write_number(sheet, row, col, value, number(d->scale()));
      return text.size() + text.size() / 3;
    }
    if (const auto* day = std::get_if<Date>(&cell)) {
      lxw_datetime when{static_cast<int>(day->year()), static_cast<int>(static_cast<unsigned>(day->month())),
                        static_cast<int>(static_cast<unsigned>(day->day())), 0, 0, 0.0};
      worksheet_write_datetime(sheet, row, col, &when, date());
      return 10;
    }
    if (const auto* b = std::get_if<bool>(&cell)) {
      worksheet_write_boolean(sheet, row, col, *b ? 1 : 0, nullptr);
      return 5;
    }
    return 0;  // empty
  }

  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  std::map<int, lxw_format*> numbers_;
};

}  // namespace

Status write_xlsx(std::span<const Table> sheets, const std::string& path) {
  if (sheets.empty()) return Status::InvalidArgument("sheets", "[]", "is empty: a workbook needs a sheet");
  std::set<std::string> names;
  for (const Table& t : sheets) {
    if (!names.insert(sheet_name(t.title)).second) {
      return Status::InvalidArgument("title", t.title, "names two sheets (the first 31 characters must differ)");
    }
  }
  const std::string temporary = path + ".tmp";
  Workbook book(temporary);
  if (!book.ok()) return Status::StorageError("writing '" + path + "': cannot create the workbook");
  for (const Table& t : sheets) book.add(t);
  if (const lxw_error error = book.close(); error != LXW_NO_ERROR) {
    (void)std::remove(temporary.c_str());  // best effort: the workbook has already failed
    return Status::StorageError("writing '" + path + "': " + lxw_strerror(error));
  }
  return internal::move_into_place(temporary, path);
}

}  // namespace oms
