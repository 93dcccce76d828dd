#include "adapters/replay/gzip_inflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <memory>

namespace pulse::replay {

bool LooksGzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

namespace {

// The size of a gzip member's data modulo 2^32, from its last four bytes (little-endian):
// the size of a single-member file below 4 GiB.
std::size_t LastMemberSize(std::string_view data) {
  if (data.size() < 18) return 0;  // smaller than a gzip header and trailer
  const auto* tail = reinterpret_cast<const unsigned char*>(data.data() + data.size() - 4);
  return static_cast<std::size_t>(tail[0]) | static_cast<std::size_t>(tail[1]) << 8 |
         static_cast<std::size_t>(tail[2]) << 16 | static_cast<std::size_t>(tail[3]) << 24;
}

}  // namespace

Result<std::string> GzipInflate(std::string_view data, std::string_view source_name) {
  const std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> inflater(
      libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
  if (inflater == nullptr) return InternalError("{}: cannot allocate a decompressor", source_name);
  const bool gzip = LooksGzipped(data);
  std::string out;
  std::size_t produced = 0;
  std::size_t consumed = 0;
  // A first guess of the size: the last member's own record of it (exact for one member).
  std::size_t capacity =
      std::max<std::size_t>({gzip ? LastMemberSize(data) : 0, data.size() * 4, std::size_t{4096}});
  while (true) {
    const std::string_view member = data.substr(consumed);
    std::size_t in_used = 0;
    std::size_t out_used = 0;
    libdeflate_result result = LIBDEFLATE_INSUFFICIENT_SPACE;
    while (result == LIBDEFLATE_INSUFFICIENT_SPACE) {
      if (out.size() < produced + capacity) out.resize(produced + capacity);
      const std::size_t room = out.size() - produced;
      result =
          gzip ? libdeflate_gzip_decompress_ex(inflater.get(), member.data(), member.size(),
                                               out.data() + produced, room, &in_used, &out_used)
               : libdeflate_zlib_decompress_ex(inflater.get(), member.data(), member.size(),
                                               out.data() + produced, room, &in_used, &out_used);
      capacity = room * 2;  // too small: retry the member with twice the room
    }
    if (result != LIBDEFLATE_SUCCESS) {
      return DataLossError(
          "{}: corrupt or truncated {} data in the stream starting at compressed byte {}",
          source_name, gzip ? "gzip" : "zlib", consumed);
    }
    produced += out_used;
    consumed += in_used;
    // Another gzip member may follow (concatenated .gz files are valid); anything else after
    // the stream is ignored, as gzip does with trailing zeros.
    if (!gzip || consumed >= data.size() || !LooksGzipped(data.substr(consumed))) break;
    capacity = std::max<std::size_t>((data.size() - consumed) * 4, 4096);
  }
  out.resize(produced);
  return out;
}

}  // namespace pulse::replay
