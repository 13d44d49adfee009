// Internal, for tests: sees the text of every SQL statement the SQLite adapter prepares, so that
// a test can check the query plan of each (tests/sqlite_test.cpp,
// NoStatementScansATableThatGrowsWithTheBook). Not part of the API.
#ifndef OMS_SRC_STORAGE_SQLITE_OBSERVER_H_
#define OMS_SRC_STORAGE_SQLITE_OBSERVER_H_

namespace oms::internal {

// Called once per statement and connection, when the statement is first prepared; it may be
// called from several threads at once. nullptr (the default) stops observing.
using SqlObserver = void (*)(const char* sql);
void observe_sqlite_statements(SqlObserver observer) noexcept;
// The observer set now (none: nullptr).
SqlObserver sqlite_statement_observer() noexcept;

}  // namespace oms::internal

#endif  // OMS_SRC_STORAGE_SQLITE_OBSERVER_H_
