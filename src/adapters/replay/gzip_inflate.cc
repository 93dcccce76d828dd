#include "adapters/replay/gzip_inflate.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace pulse::replay {

bool LooksGzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> GzipInflate(std::string_view data, std::string_view source_name) {
  z_stream zs{};
  // 15 window bits + 32: accept both gzip and zlib headers.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    return InternalError("{}: cannot initialise zlib", source_name);
  }
  std::string out;
  out.resize(std::max<std::size_t>(data.size() * 4, 4096));
  std::size_t produced = 0;
  std::size_t consumed = 0;
  constexpr std::size_t kChunk = std::numeric_limits<uInt>::max() / 2;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    const std::size_t in_now = std::min(kChunk, data.size() - consumed);
    const std::size_t out_now = std::min(kChunk, out.size() - produced);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
    zs.avail_in = static_cast<uInt>(in_now);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out_now);
    rc = inflate(&zs, Z_NO_FLUSH);
    consumed += in_now - zs.avail_in;
    produced += out_now - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (concatenated .gz files are valid).
      if (consumed < data.size() && LooksGzipped(data.substr(consumed))) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_out == 0) continue;  // Output full: grow and retry.
    if (rc != Z_OK) {
      const std::string why = zs.msg != nullptr ? zs.msg : "truncated stream";
      inflateEnd(&zs);
      return DataLossError("{}: corrupt gzip data at compressed byte {}: {}", source_name, consumed,
                           why);
    }
    if (consumed == data.size() && zs.avail_out != 0) {
      inflateEnd(&zs);
      return DataLossError("{}: gzip stream is truncated after {} compressed bytes", source_name,
                           consumed);
    }
  }
  inflateEnd(&zs);
  out.resize(produced);
  return out;
}

}  // namespace pulse::replay
