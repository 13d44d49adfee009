// Internal: reading CSV text (RFC 4180) for the importer. Fields are separated by commas,
// quoted with double quotes when they hold a comma, a quote or a line break ("" inside quotes is
// one quote); lines end with LF or CRLF; a UTF-8 byte-order mark at the start is skipped.
#ifndef OMS_SRC_CSV_READER_H_
#define OMS_SRC_CSV_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oms {

struct CsvRow {
  std::int64_t number = 0;  // 1-based, as a spreadsheet numbers it (a quoted line break stays in its row)
  std::vector<std::string> cells;
};

struct CsvError {
  std::int64_t row = 0;
  std::string reason;
};

struct CsvRead {
  std::vector<CsvRow> rows;  // blank lines left out
  std::optional<CsvError> error;  // the text ended inside a quoted field
};

CsvRead read_csv(std::string_view text);

}  // namespace oms

#endif  // OMS_SRC_CSV_READER_H_
