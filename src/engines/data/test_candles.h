// Test-only helpers for engines/data tests: locate bundled data through PULSE_SOURCE_DIR and
// PULSE_SHARED_DATA and load timestamp_ms,open,high,low,close,volume CSV files (plain or .gz).
// Engines may not use the replay adapter's reader, so tests carry this small loader.
// Included only by *_test.cc files; not part of the library.
#pragma once

#include <zlib.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "model/bar.h"

namespace pulse::data::testing {

// The directory in an environment variable, or "" when unset.
inline std::string EnvDir(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// The shared reference data: $PULSE_SHARED_DATA, else ../shared/data beside the repository
// ($PULSE_SOURCE_DIR/../shared/data; ctest may pass only the first of the test environment
// variables). "" when neither is known.
inline std::string SharedDataDir() {
  std::string dir = EnvDir("PULSE_SHARED_DATA");
  if (!dir.empty()) return dir;
  const std::string source = EnvDir("PULSE_SOURCE_DIR");
  return source.empty() ? std::string() : source + "/../shared/data";
}

// Loads a CSV candle file with a header row; gzip is handled by zlib's gzread. Returns an
// empty vector when the file cannot be opened.
inline std::vector<Bar> LoadCsvCandles(const std::string& path) {
  std::vector<Bar> bars;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return bars;
  gzbuffer(f, 1 << 17);
  char line[512];
  bool header = true;
  while (gzgets(f, line, sizeof(line)) != nullptr) {
    if (header) {
      header = false;
      continue;
    }
    char* p = line;
    Bar b;
    b.open_time = FromMillis(std::strtoll(p, &p, 10));
    b.open = std::strtod(p + 1, &p);
    b.high = std::strtod(p + 1, &p);
    b.low = std::strtod(p + 1, &p);
    b.close = std::strtod(p + 1, &p);
    b.volume = std::strtod(p + 1, &p);
    bars.push_back(b);
  }
  gzclose(f);
  return bars;
}

}  // namespace pulse::data::testing
