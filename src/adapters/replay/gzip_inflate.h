// Gzip helpers for the replay adapter: detect and inflate gzip (or zlib) data held in memory.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse::replay {

// True when `data` starts with the gzip magic bytes 1f 8b.
bool LooksGzipped(std::string_view data);

// Inflates a whole gzip stream (several concatenated members are accepted, as `gzip` writes
// them). `source_name` prefixes error messages. DataLoss on a corrupt or truncated stream.
// Pure function; thread-safe.
Result<std::string> GzipInflate(std::string_view data, std::string_view source_name);

}  // namespace pulse::replay
