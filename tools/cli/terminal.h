// Printing tables to a terminal: columns aligned by display width (a CJK character takes two
// cells), numbers right-aligned, dates ISO, empty cells blank.
#ifndef OMS_TOOLS_CLI_TERMINAL_H_
#define OMS_TOOLS_CLI_TERMINAL_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "oms/table.h"

namespace oms::cli {

// The cells a text takes on a terminal: 2 for East Asian wide characters, 1 for the others.
std::size_t display_width(std::string_view utf8);

std::string cell_text(const Cell& cell);

// Prints `table` with only `columns` (all when empty), in that order. An unknown name is skipped.
void print_table(std::ostream& out, const Table& table, const std::vector<std::string>& columns = {});

}  // namespace oms::cli

#endif  // OMS_TOOLS_CLI_TERMINAL_H_
