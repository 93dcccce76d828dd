#include "adapters/storage/database_url.h"

#include <charconv>

#include <fmt/format.h>

namespace pulse::storage {

namespace {

constexpr std::string_view kSqliteMemory = "sqlite::memory:";
constexpr std::string_view kSqlitePrefix = "sqlite://";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Result<int> ParsePort(std::string_view text, const std::string& redacted) {
  int port = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || ptr != text.data() + text.size() || port < 1 || port > 65535) {
    return InvalidArgumentError("database URL '{}': port '{}' is not a number in 1..65535",
                                redacted, text);
  }
  return port;
}

Result<DatabaseUrl> ParsePostgres(std::string_view url, std::string_view rest, DatabaseUrl out) {
  const std::string& redacted = out.redacted;
  const std::size_t query_pos = rest.find('?');
  std::string_view query =
      query_pos == std::string_view::npos ? std::string_view() : rest.substr(query_pos + 1);
  std::string_view before_query = rest.substr(0, query_pos);
  const std::size_t slash = before_query.find('/');
  std::string_view authority = before_query.substr(0, slash);
  std::string_view path =
      slash == std::string_view::npos ? std::string_view() : before_query.substr(slash + 1);

  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    const std::size_t colon = userinfo.find(':');
    out.user = std::string(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) out.password = std::string(userinfo.substr(colon + 1));
    if (out.user.empty()) {
      return InvalidArgumentError("database URL '{}': empty user name before '@'", redacted);
    }
  }
  // host[:port]; IPv6 literals in brackets; several hosts separated by commas are left to libpq.
  if (!authority.empty() && authority.find(',') == std::string_view::npos) {
    std::size_t port_colon = std::string_view::npos;
    if (authority.front() == '[') {
      const std::size_t close = authority.find(']');
      if (close == std::string_view::npos) {
        return InvalidArgumentError("database URL '{}': unterminated '[' in the host", redacted);
      }
      out.host = std::string(authority.substr(1, close - 1));
      if (close + 1 < authority.size()) {
        if (authority[close + 1] != ':') {
          return InvalidArgumentError("database URL '{}': junk after ']' in the host", redacted);
        }
        port_colon = close + 1;
      }
    } else {
      port_colon = authority.find(':');
      out.host = std::string(authority.substr(0, port_colon));
    }
    if (port_colon != std::string_view::npos) {
      ASSIGN_OR_RETURN(out.port, ParsePort(authority.substr(port_colon + 1), redacted));
    }
  } else {
    out.host = std::string(authority);
  }
  if (path.empty()) {
    return InvalidArgumentError(
        "database URL '{}' names no database (expected postgresql://user:pass@host:port/dbname)",
        redacted);
  }
  if (path.find('/') != std::string_view::npos) {
    return InvalidArgumentError("database URL '{}': database name '{}' contains '/'", redacted,
                                path);
  }
  out.database = std::string(path);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return InvalidArgumentError("database URL '{}': query parameter '{}' is not key=value",
                                  redacted, item.substr(0, eq));
    }
    out.query.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
  }
  out.conninfo = std::string(url);
  return out;
}

}  // namespace

std::string_view AcceptedDatabaseSchemes() {
  return "sqlite://<path> (relative: sqlite://./var/pulse.db, absolute: sqlite:///abs/path.db), "
         "sqlite::memory:, postgresql://user:pass@host:port/db, postgres://...";
}

std::string MaskSecret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (std::size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos + 3)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

std::string RedactDatabaseUrl(std::string_view url) {
  std::string out(url);
  const std::size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const std::size_t start = scheme_end + 3;
    std::size_t end = out.find_first_of("/?", start);
    if (end == std::string::npos) end = out.size();
    const std::size_t at = out.rfind('@', end - 1);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=... in a query string or a key=value connection string.
  for (std::size_t pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    const std::size_t value = pos + 9;
    std::size_t end = out.find_first_of("& ", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  DatabaseUrl out;
  out.redacted = RedactDatabaseUrl(url);
  if (url.empty()) {
    return InvalidArgumentError("empty database URL; accepted: {}", AcceptedDatabaseSchemes());
  }
  if (url == kSqliteMemory) {
    out.dialect = SqlDialect::kSqlite;
    out.sqlite_path = ":memory:";
    return out;
  }
  if (StartsWith(url, kSqlitePrefix)) {
    out.dialect = SqlDialect::kSqlite;
    std::string_view path = url.substr(kSqlitePrefix.size());
    if (path.empty()) {
      return InvalidArgumentError(
          "database URL '{}' names no file; use sqlite://./var/pulse.db (relative), "
          "sqlite:///abs/path.db (absolute) or sqlite::memory:",
          out.redacted);
    }
    if (path.find('?') != std::string_view::npos) {
      return InvalidArgumentError("database URL '{}': sqlite URLs take no query parameters",
                                  out.redacted);
    }
    if (path.back() == '/') {
      return InvalidArgumentError("database URL '{}' names a directory, not a file", out.redacted);
    }
    out.sqlite_path = std::string(path);
    return out;
  }
  if (StartsWith(url, "sqlite:")) {
    return InvalidArgumentError(
        "database URL '{}': sqlite URLs are sqlite://<path> or sqlite::memory:", out.redacted);
  }
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return InvalidArgumentError("database URL '{}' has no scheme; accepted: {}", out.redacted,
                                AcceptedDatabaseSchemes());
  }
  const std::string_view scheme = url.substr(0, scheme_end);
  if (scheme == "postgresql" || scheme == "postgres") {
    out.dialect = SqlDialect::kPostgres;
    return ParsePostgres(url, url.substr(scheme_end + 3), std::move(out));
  }
  return InvalidArgumentError("unknown database URL scheme '{}' in '{}'; accepted: {}", scheme,
                              out.redacted, AcceptedDatabaseSchemes());
}

}  // namespace pulse::storage
