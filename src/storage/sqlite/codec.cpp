// The statements of the rows made from the schema (codec.h).
#include "storage/sqlite/codec.h"

#include <algorithm>

namespace oms::sqlite::codec {

std::vector<std::string> column_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t comma = std::min(text.find(','), text.size());
    std::string_view part = text.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  return out;
}

namespace {

// Appends the columns of the member whose changed-value bit is `bit`.
void append_columns_of(const Plan& plan, std::size_t bit, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < plan.width[bit]; ++i) out.push_back(plan.columns[plan.first_column[bit] + i]);
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// The columns the bits of `changed` set, in column order: the members' by their bits, then the
// derived ones.
std::vector<std::string> changed_columns(const Plan& plan, std::uint64_t changed) {
  std::vector<std::string> out;
  for (std::size_t bit = 0; bit < plan.first_column.size(); ++bit) {
    if (changed >> bit & 1) append_columns_of(plan, bit, out);
  }
  for (std::size_t i = 0; i < plan.derived.size(); ++i) {
    if (changed >> (static_cast<std::size_t>(plan.bits) + i) & 1) out.push_back(plan.derived[i]);
  }
  return out;
}

// Every column a statement that makes the row binds, in order: parents, members (but those
// SQLite assigns), derived.
std::vector<std::string> written_columns(const Plan& plan) {
  std::vector<std::string> out = plan.parents;
  for (std::size_t bit = 0; bit < plan.first_column.size(); ++bit) append_columns_of(plan, bit, out);
  out.insert(out.end(), plan.derived.begin(), plan.derived.end());
  return out;
}

}  // namespace

void finish(Plan& plan) {
  if (plan.bits + static_cast<int>(plan.derived.size()) > 64) {
    throw std::logic_error(plan.table + ": more than 64 values in a row, one bit each");
  }
  plan.column_names = joined(plan.columns, ", ");
  const std::vector<std::string> written = written_columns(plan);
  std::string values;
  for (std::size_t i = 0; i < written.size(); ++i) values += i ? ", ?" : "?";
  plan.insert = "INSERT INTO " + plan.table + "(" + joined(written, ", ") + ") VALUES(" + values + ")";
  // An existing row takes every value but its key and those written only when it was made.
  std::vector<std::string> set;
  const std::vector<std::string> all_bits = changed_columns(plan, ~std::uint64_t{0});
  std::vector<std::string> fixed = plan.key;
  std::size_t column = 0;
  for (const Slot& s : plan.slots) {
    if (s.kind != Slot::Kind::kValue && s.kind != Slot::Kind::kBody) continue;
    const std::size_t width = s.bit >= 0 ? plan.width[static_cast<std::size_t>(s.bit)] : 1;
    if (s.on_insert) {
      for (std::size_t i = 0; i < width; ++i) fixed.push_back(plan.columns[column + i]);
    }
    column += width;
  }
  for (const auto& c : all_bits) {
    if (std::find(fixed.begin(), fixed.end(), c) != fixed.end()) continue;
    std::string assignment = c;
    assignment += " = excluded.";
    assignment += c;
    set.push_back(std::move(assignment));
  }
  plan.upsert = plan.insert + " ON CONFLICT(" + joined(plan.key, ", ") + ") DO " +
                (set.empty() ? std::string("NOTHING") : "UPDATE SET " + joined(set, ", "));
}

std::string make_update_sql(const Plan& plan, std::uint64_t changed) {
  std::string sql = "UPDATE " + plan.table + " SET ";
  const std::vector<std::string> set = changed_columns(plan, changed);
  for (std::size_t i = 0; i < set.size(); ++i) sql += (i ? ", " : "") + set[i] + " = ?";
  for (std::size_t i = 0; i < plan.key.size(); ++i) sql += (i ? " AND " : " WHERE ") + plan.key[i] + " = ?";
  return sql;
}

}  // namespace oms::sqlite::codec
