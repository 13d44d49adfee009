// Pages written to a SQLite file, read from its write-ahead log: which tables and indexes an
// operation writes (benchmarks/sqlite_pages.cpp, and tests that check an operation leaves an
// index alone). Test and measuring code only, not part of the library.
//
// Each page a committed transaction changed is one frame appended to the log. Hold a read
// transaction open on another connection while reading, or a checkpoint may copy the log into
// the file and start it again (WalReader follows that, but frames written before it noticed are
// lost).
#ifndef OMS_TESTS_WAL_FRAMES_H_
#define OMS_TESTS_WAL_FRAMES_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace oms::testing {

inline constexpr std::size_t kWalHeader = 32;
inline constexpr std::size_t kFrameHeader = 24;

inline std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

// Reads the frames that commits append to a write-ahead log.
class WalReader {
 public:
  WalReader(std::string path, int page_size) : path_(std::move(path)), frame_(kFrameHeader + static_cast<std::size_t>(page_size)) {}

  // The page numbers of the frames appended since the last call. A log that started again from
  // its beginning (a checkpoint copied all of it while no reader needed it) has new salts in its
  // header: then its frames are read from the start.
  std::vector<std::uint32_t> new_frames() {
    std::ifstream in(path_, std::ios::binary);
    std::vector<unsigned char> buffer(frame_);
    if (!in.read(reinterpret_cast<char*>(buffer.data()), kWalHeader)) return {};
    const std::uint64_t salt = std::uint64_t{big_endian(buffer.data() + 16)} << 32 | big_endian(buffer.data() + 20);
    if (salt != salt_) {
      salt_ = salt;
      offset_ = kWalHeader;
    }
    std::vector<std::uint32_t> pages;
    in.seekg(static_cast<std::streamoff>(offset_));
    while (in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(frame_))) {
      const std::uint64_t frame_salt = std::uint64_t{big_endian(buffer.data() + 8)} << 32 | big_endian(buffer.data() + 12);
      if (frame_salt != salt_) break;  // left over from before the log started again
      pages.push_back(big_endian(buffer.data()));
      offset_ += frame_;
    }
    return pages;
  }

 private:
  std::string path_;
  std::size_t frame_;
  std::uint64_t salt_ = 0;
  std::uintmax_t offset_ = kWalHeader;
};

// The b-tree (table or index name) of each page of the file, as it stands now; page 1, the
// header, is "sqlite_schema".
inline std::map<std::uint32_t, std::string> page_owners(const std::string& path) {
  std::map<std::uint32_t, std::string> owner;
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT name, pageno FROM dbstat");
  while (q.executeStep()) owner[static_cast<std::uint32_t>(q.getColumn(1).getInt64())] = q.getColumn(0).getString();
  return owner;
}

}  // namespace oms::testing

#endif  // OMS_TESTS_WAL_FRAMES_H_
