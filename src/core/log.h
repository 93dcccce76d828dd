// Logging facade: levelled, structured, redacted log records for every Pulse module.
//
//   LOG_INFO("imported {} rows", n);
//   LOG_WARN({{"symbol", "BTCUSDT"}, {"gap_bars", 3}}, "gap filled in {}", timeframe);
//
// Records go to a human-readable console sink on stderr (coloured on a terminal) and/or to JSON
// lines files under a directory, rotated daily and kept for N days. Timestamps are UTC. Every
// value registered with RegisterSecret() is replaced by "***" in the message and in every field
// before the record reaches any sink. The backend (spdlog) stays inside log.cc.
#pragma once

#include <concepts>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/status.h"

namespace pulse {

enum class LogLevel { kTrace = 0, kDebug = 1, kInfo = 2, kWarn = 3, kError = 4, kOff = 5 };

// "trace", "debug", "info", "warn", "error", "off".
std::string_view LogLevelName(LogLevel level);
// Accepts the names above (and "warning"); InvalidArgument otherwise.
Result<LogLevel> ParseLogLevel(std::string_view text);

// Where console records go and how they look.
enum class LogConsole {
  kAuto,   // human-readable on stderr, coloured when stderr is a terminal
  kHuman,  // human-readable on stderr, never coloured
  kJson,   // JSON lines on stderr (containers, journald)
  kOff,    // no console output
};
std::string_view LogConsoleName(LogConsole console);
Result<LogConsole> ParseLogConsole(std::string_view text);

// What InitLogging sets up. Plain value type.
struct LogOptions {
  LogLevel level = LogLevel::kInfo;
  LogConsole console = LogConsole::kAuto;
  // Directory for JSON lines files; empty means no files. Created when missing.
  std::string dir;
  // Base name of the files: "pulse.jsonl" gives <dir>/pulse_YYYY-MM-DD.jsonl, rotated at midnight
  // (the date follows the process's time zone; servers run in UTC).
  std::string file_name = "pulse.jsonl";
  // Daily files kept; older ones are deleted on rotation. 0 keeps everything.
  int retention_days = 14;
  // Source of record timestamps; nullptr means SystemClock. A SimulatedClock makes test output
  // deterministic. Must outlive the logging set-up (until the next InitLogging/ShutdownLogging).
  const Clock* clock = nullptr;
};

// Replaces the process-wide sinks and level. Before the first call records go to stderr at info
// in the human format. Thread-safe, but meant for start-up; records logged concurrently with a
// re-initialisation go to the old or the new sinks.
Status InitLogging(const LogOptions& options);
// Flushes and closes the file sinks; logging falls back to the stderr default.
void ShutdownLogging();
// Writes buffered records to their files.
void FlushLogs();

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// True when records at `level` are written; cheap (one atomic load).
bool LogEnabled(LogLevel level);

// Adds a value that must never appear in a log record. Empty values are ignored. Thread-safe.
void RegisterSecret(std::string_view value);
// Forgets every registered secret (tests, re-loading config).
void ClearSecrets();
// `text` with every registered secret replaced by "***" (longest secrets first).
std::string RedactSecrets(std::string_view text);

// One key/value pair of a structured record. Strings are quoted in JSON; integers, floating-point
// numbers and booleans are written as JSON numbers and booleans. Value type.
class LogField {
 public:
  enum class Kind { kString, kNumber, kBool };

  LogField(std::string_view key, std::string_view value)
      : key_(key), value_(value), kind_(Kind::kString) {}
  LogField(std::string_view key, const char* value)
      : LogField(key, std::string_view(value == nullptr ? "" : value)) {}
  LogField(std::string_view key, const std::string& value)
      : LogField(key, std::string_view(value)) {}
  LogField(std::string_view key, bool value)
      : key_(key), value_(value ? "true" : "false"), kind_(Kind::kBool) {}
  template <typename T>
  requires(std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char>)
      LogField(std::string_view key, T value)
      : key_(key), value_(fmt::format("{}", value)), kind_(Kind::kNumber) {}
  template <typename T>
  requires std::floating_point<T> LogField(std::string_view key, T value)
      : key_(key),
        value_(FormatDouble(value)),
        kind_(IsFiniteNumber(value_) ? Kind::kNumber : Kind::kString) {}

  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }
  Kind kind() const { return kind_; }

 private:
  static std::string FormatDouble(double value) { return fmt::format("{}", value); }
  static bool IsFiniteNumber(const std::string& text) {
    return text.find_first_of("ni") == std::string::npos;  // "nan", "inf", "-inf"
  }

  std::string key_;
  std::string value_;
  Kind kind_;
};

namespace internal {

// Call site of a record.
struct LogSite {
  const char* file;
  int line;
};

// Redacts, then hands the record to the sinks. Use the LOG_* macros.
void EmitLog(LogLevel level, LogSite site, std::string_view message,
             std::span<const LogField> fields);

template <typename... Args>
void LogNow(LogLevel level, LogSite site, fmt::format_string<Args...> format, Args&&... args) {
  EmitLog(level, site, fmt::format(format, std::forward<Args>(args)...), {});
}

template <typename... Args>
void LogNow(LogLevel level, LogSite site, std::initializer_list<LogField> fields,
            fmt::format_string<Args...> format, Args&&... args) {
  EmitLog(level, site, fmt::format(format, std::forward<Args>(args)...),
          std::span<const LogField>(fields.begin(), fields.size()));
}

}  // namespace internal
}  // namespace pulse

// LOG_<LEVEL>(format, args...) or LOG_<LEVEL>({{"key", value}, ...}, format, args...).
// Arguments are not evaluated when the level is disabled.
#define PULSE_LOG_AT(level, ...)                                                       \
  do {                                                                                 \
    if (::pulse::LogEnabled(level)) {                                                  \
      ::pulse::internal::LogNow(level, ::pulse::internal::LogSite{__FILE__, __LINE__}, \
                                __VA_ARGS__);                                          \
    }                                                                                  \
  } while (false)

#define LOG_TRACE(...) PULSE_LOG_AT(::pulse::LogLevel::kTrace, __VA_ARGS__)
#define LOG_DEBUG(...) PULSE_LOG_AT(::pulse::LogLevel::kDebug, __VA_ARGS__)
#define LOG_INFO(...) PULSE_LOG_AT(::pulse::LogLevel::kInfo, __VA_ARGS__)
#define LOG_WARN(...) PULSE_LOG_AT(::pulse::LogLevel::kWarn, __VA_ARGS__)
#define LOG_ERROR(...) PULSE_LOG_AT(::pulse::LogLevel::kError, __VA_ARGS__)
