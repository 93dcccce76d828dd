// Test helper of the replay adapter: gzip-compresses text in memory with zlib, so readers'
// in-memory .gz paths can be exercised without files.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace pulse::replay {

// `text` as one gzip member (level 9).
inline std::string GzipForTests(const std::string& text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace pulse::replay
