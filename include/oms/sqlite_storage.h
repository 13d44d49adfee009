// The SQLite storage adapter: the embedded default, everything in one database file.
//
// Every engine operation is one SQLite transaction (writers take the write lock up front with
// BEGIN IMMEDIATE, so write transactions are serializable), in WAL mode. Entities live in real
// tables with keys, foreign keys and the indexes the engine's look-ups need.
//
// Thread safety: the returned Storage is safe for concurrent access from multiple threads
// without external synchronization. Reads run beside the writer, each on a connection from a
// pool. The writers of this process take turns in the order they come, on one connection (a
// writer that finds the file free may go ahead of those waiting, for `writer_patience_us` at
// most). Several processes may open the same file: SQLite's locking serialises their writers,
// and a writer that waits longer than `busy_timeout_ms` (in this process's queue or for another
// process) gets kStorage ("database is busy").
// A connection remembers the orders, documents, stock and reference data it has read or written
// between transactions, and forgets them when any other connection (in this process or another)
// has committed to the file since, so every transaction reads what the file holds.
#ifndef OMS_SQLITE_STORAGE_H_
#define OMS_SQLITE_STORAGE_H_

#include <memory>
#include <string>

#include "oms/export.h"
#include "oms/status.h"
#include "oms/storage.h"

namespace oms {

enum class Durability {
  kFull,    // synchronous=FULL: a committed operation survives power loss
  kNormal,  // synchronous=NORMAL: survives a crash of the process; the last commits may be lost
            // on power loss (WAL guarantees the file stays consistent either way)
};

struct SqliteOptions {
  // Default kFull: an order the caller was told is committed is never lost.
  Durability durability = Durability::kFull;
  // How long a transaction waits for another writer before failing with kStorage.
  int busy_timeout_ms = 5000;
  // Create the file if it does not exist. When false, a missing file is kNotFound.
  bool create = true;
  // Open for reading only: every write operation fails with kStorage ("read-only"). The file
  // must already be a liboms database of this schema version.
  bool read_only = false;
  // A size quota in database pages (0 = none). A write that would grow the file beyond it fails
  // with kStorage ("disk full") and changes nothing, exactly as a full disk would.
  int max_pages = 0;
  // The write-ahead log is copied into the database file (a checkpoint) by a thread of the
  // storage's own each time this many pages (of 4 KB) have been added to it, so that no
  // operation waits for the copy and its fsyncs. Should that thread fall behind, a writer whose
  // commit leaves the log at 8 times as many pages checkpoints it itself, so the log stays
  // bounded. A writer that never pauses always ends up there (the log can start again only once
  // every page in it is copied), and that operation waits for two fsyncs: the larger this
  // number, the rarer that wait, and the larger the log may grow (8 x 4,000 pages: 128 MB) and
  // the longer opening the file after a crash reads it. At least 1.
  int checkpoint_pages = 4000;
  // Several threads of this process writing at once: a writer that finds the file free goes
  // ahead of the writers already waiting, until the first of them has waited this long
  // (microseconds, 0..1,000,000). Handing the file to a waiting thread costs about two writes'
  // time, so a longer patience gives more writes per second and a longer wait for the unlucky
  // one (at 5 ms, 2 threads wrote 0.8x of one thread's throughput with the longest operation at
  // 10 ms; docs/PERFORMANCE.md). 0 serves the writers strictly in turn.
  int writer_patience_us = 5000;
};

// The schema version this build writes. Older files are migrated forward on open; newer files
// are refused.
inline constexpr int kSqliteSchemaVersion = 8;

// Opens (and creates or migrates) a liboms database file. Refuses, leaving the file untouched,
// anything that is not a liboms database and files written by a newer liboms.
OMS_API Result<std::shared_ptr<Storage>> open_sqlite_storage(const std::string& path, SqliteOptions options = {});

}  // namespace oms

#endif  // OMS_SQLITE_STORAGE_H_
