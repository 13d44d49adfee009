#include "terminal.h"

#include <algorithm>
#include <ostream>

namespace oms::cli {
namespace {

bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool right_aligned(ColumnKind kind) { return kind == ColumnKind::kInteger || kind == ColumnKind::kDecimal; }

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    width += wide(cp) ? 2 : 1;
    i += len;
  }
  return width;
}

std::string cell_text(const Cell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(const Decimal& d) const { return d.to_string(); }
    std::string operator()(const Date& d) const { return to_string(d); }
    std::string operator()(bool b) const { return b ? "yes" : "no"; }
  };
  return std::visit(Visitor{}, cell);
}

void print_table(std::ostream& out, const Table& table, const std::vector<std::string>& columns) {
  std::vector<std::size_t> picked;
  if (columns.empty()) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) picked.push_back(i);
  } else {
    for (const auto& name : columns) {
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name) picked.push_back(i);
      }
    }
  }
  std::vector<std::vector<std::string>> text(table.rows.size());
  std::vector<std::size_t> width;
  width.reserve(picked.size());
  for (std::size_t c : picked) width.push_back(display_width(table.columns[c].name));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t k = 0; k < picked.size(); ++k) {
      text[r].push_back(cell_text(table.rows[r][picked[k]]));
      width[k] = std::max(width[k], display_width(text[r].back()));
    }
  }
  auto print_row = [&](auto&& cell_of) {
    std::string line;
    for (std::size_t k = 0; k < picked.size(); ++k) {
      const std::string value = cell_of(k);
      const std::string pad(width[k] - display_width(value), ' ');
      if (k) line += "  ";
      line += right_aligned(table.columns[picked[k]].kind) ? pad + value : value + pad;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  };
  print_row([&](std::size_t k) { return table.columns[picked[k]].name; });
  print_row([&](std::size_t k) { return std::string(width[k], '-'); });
  for (const auto& row : text) print_row([&](std::size_t k) { return row[k]; });
}

}  // namespace oms::cli
