#include "app/config/dotenv.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace pulse::app {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
  for (char c : key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  }
  return true;
}

}  // namespace

DotEnvFile ParseDotEnv(std::string_view text, std::string_view origin) {
  DotEnvFile file;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = Trim(line);
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    if (line.starts_with("export ")) line = Trim(line.substr(7));
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      file.problems.push_back(fmt::format("{}:{}: expected KEY=VALUE", origin, number));
      continue;
    }
    std::string_view key = Trim(line.substr(0, eq));
    std::string_view raw = Trim(line.substr(eq + 1));
    if (!IsValidKey(key)) {
      file.problems.push_back(
          fmt::format("{}:{}: '{}' is not a variable name", origin, number, key));
      continue;
    }
    std::string value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      char quote = raw.front();
      std::size_t i = 1;
      bool closed = false;
      for (; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == quote) {
          closed = true;
          break;
        }
        if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
          char next = raw[++i];
          switch (next) {
            case 'n':
              value.push_back('\n');
              break;
            case 't':
              value.push_back('\t');
              break;
            case 'r':
              value.push_back('\r');
              break;
            default:
              value.push_back(next);  // \" \\ \$ and anything else: the character itself
          }
          continue;
        }
        value.push_back(c);
      }
      std::string_view after = closed ? Trim(raw.substr(i + 1)) : std::string_view();
      if (!closed) {
        file.problems.push_back(fmt::format("{}:{}: unterminated {} quote", origin, number,
                                            quote == '"' ? "double" : "single"));
        continue;
      }
      if (!after.empty() && after.front() != '#') {
        file.problems.push_back(
            fmt::format("{}:{}: unexpected text after the closing quote", origin, number));
        continue;
      }
    } else {
      std::size_t comment = raw.find(" #");
      if (comment == std::string_view::npos) comment = raw.find("\t#");
      value = std::string(Trim(raw.substr(0, comment)));
    }
    file.entries.push_back(DotEnvEntry{std::string(key), std::move(value), number});
  }
  return file;
}

Result<DotEnvFile> ReadDotEnvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFoundError("{}: no such file", path);
    return UnavailableError("{}: cannot read: {}", path, std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseDotEnv(text.str(), path);
}

}  // namespace pulse::app
