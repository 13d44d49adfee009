// Reads one file out of a zip archive (an xlsx workbook is one), for tests that check what a
// writer put there: the central directory names each entry, its offset and its compression
// (stored, or deflate, inflated with zlib).
#ifndef OMS_TESTS_ZIP_ENTRY_H_
#define OMS_TESTS_ZIP_ENTRY_H_

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

namespace oms::testing {

// The contents of `name` in the zip archive at `path`, or nothing when it has no such entry.
inline std::optional<std::string> zip_entry(const std::string& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  const std::string zip{std::istreambuf_iterator<char>(in), {}};
  auto u16 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(zip.at(at)) |
                                      static_cast<unsigned char>(zip.at(at + 1)) << 8);
  };
  auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  const std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));  // end of central directory
  if (end == std::string::npos) throw std::runtime_error(path + " is not a zip archive");
  std::size_t entry = u32(end + 16);
  for (std::uint32_t i = 0, count = u16(end + 10); i < count; ++i) {
    const std::uint32_t method = u16(entry + 10), packed = u32(entry + 20), size = u32(entry + 24);
    const std::uint32_t name_length = u16(entry + 28), extra = u16(entry + 30), comment = u16(entry + 32);
    const std::size_t local = u32(entry + 42);
    if (zip.compare(entry + 46, name_length, name) == 0 && name_length == name.size()) {
      const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
      if (method == 0) return zip.substr(data, size);
      std::string out(size, '\0');
      z_stream z{};
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = size;
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2 failed");
      const int status = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      if (status != Z_STREAM_END) throw std::runtime_error(name + " in " + path + " does not inflate");
      return out;
    }
    entry += 46 + name_length + extra + comment;
  }
  return std::nullopt;
}

}  // namespace oms::testing

#endif  // OMS_TESTS_ZIP_ENTRY_H_
