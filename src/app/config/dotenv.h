// DotEnv: reads a `.env` file of KEY=VALUE lines, the way docker compose and python-dotenv do.
//
//   # comment
//   export PULSE_DB_URL=postgresql://pulse:pw@db/pulse
//   PULSE_NOTIFY__TELEGRAM__BOT_TOKEN="123:abc"   # trailing comment
//   NAME='single quotes are literal'
//
// Double-quoted values understand \n, \t, \", \\ escapes; unquoted values end at " #" and are
// trimmed. The values are returned, never put into the process environment.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pulse::app {

// One assignment of a .env file, with its 1-based line for messages.
struct DotEnvEntry {
  std::string key;
  std::string value;
  int line = 0;
};

// The parsed file: entries in file order (a later duplicate wins when applied) and one message
// per malformed line ("<origin>:<line>: ..."). Plain value type.
struct DotEnvFile {
  std::vector<DotEnvEntry> entries;
  std::vector<std::string> problems;
};

// Parses the text of a .env file; `origin` (a path) prefixes problem messages.
DotEnvFile ParseDotEnv(std::string_view text, std::string_view origin);
// Reads and parses the file at `path`; NotFound when it does not exist.
Result<DotEnvFile> ReadDotEnvFile(const std::string& path);

}  // namespace pulse::app
