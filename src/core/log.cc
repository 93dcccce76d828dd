#include "core/log.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "core/json_text.h"
#include "core/time.h"

namespace pulse {
namespace {

// The payload handed to spdlog is "<message>\x1e<json fields>\x1e<human fields>": the message and
// the fields pre-rendered for both formats, already redacted. Records that do not carry the
// separator (someone calling spdlog directly) are redacted by the formatters.
constexpr char kFieldSeparator = '\x1e';
constexpr std::string_view kMask = "***";

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};

// Everything a record needs, swapped as a whole by InitLogging.
struct Backend {
  std::shared_ptr<spdlog::logger> logger;
  const Clock* clock = nullptr;
};

struct State {
  std::mutex mu;
  std::shared_ptr<const Backend> backend;
  // Sorted longest first so that a secret containing another is masked whole.
  std::shared_ptr<const std::vector<std::string>> secrets =
      std::make_shared<const std::vector<std::string>>();
};

State& GlobalState() {
  static State* state = new State();  // never destroyed: records may be logged during exit
  return *state;
}

std::shared_ptr<const std::vector<std::string>> SecretsSnapshot() {
  State& state = GlobalState();
  std::lock_guard lock(state.mu);
  return state.secrets;
}

std::string Redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const std::string& secret : secrets) {
    std::size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), kMask);
      pos += kMask.size();
    }
  }
  return out;
}

spdlog::level::level_enum ToSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::string_view SpdlogLevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

bool IsReservedKey(std::string_view key) {
  return key == "ts" || key == "level" || key == "msg" || key == "src";
}

// "2026-11-21T10:00:00.123Z".
std::string FormatTimestamp(spdlog::log_clock::time_point time) {
  UnixNanos nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  CivilTime c = ToCivil(nanos);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second, c.nanos / kNanosPerMilli);
}

std::string_view Basename(const char* path) {
  std::string_view p(path == nullptr ? "" : path);
  std::size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

// The three parts of a payload; `fields_*` are empty for foreign records.
struct Parts {
  std::string message;
  std::string fields_json;
  std::string fields_human;
};

Parts SplitPayload(std::string_view payload) {
  Parts parts;
  std::size_t first = payload.find(kFieldSeparator);
  if (first == std::string_view::npos) {
    parts.message = Redact(payload, *SecretsSnapshot());
    return parts;
  }
  std::size_t second = payload.find(kFieldSeparator, first + 1);
  parts.message = std::string(payload.substr(0, first));
  if (second == std::string_view::npos) second = payload.size();
  parts.fields_json = std::string(payload.substr(first + 1, second - first - 1));
  if (second < payload.size()) parts.fields_human = std::string(payload.substr(second + 1));
  return parts;
}

// {"ts":"...","level":"info","msg":"...","src":"file.cc:12","key":value,...}
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    Parts parts = SplitPayload(std::string_view(msg.payload.data(), msg.payload.size()));
    std::string line = "{\"ts\":\"" + FormatTimestamp(msg.time) + "\",\"level\":\"";
    line += SpdlogLevelName(msg.level);
    line += "\",\"msg\":";
    AppendJsonString(parts.message, line);
    if (!msg.source.empty()) {
      line += ",\"src\":";
      AppendJsonString(fmt::format("{}:{}", Basename(msg.source.filename), msg.source.line), line);
    }
    line += parts.fields_json;
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

// 2026-11-21T10:00:00.123Z INFO  imported 3 rows symbol=BTCUSDT rows=3
class HumanFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    Parts parts = SplitPayload(std::string_view(msg.payload.data(), msg.payload.size()));
    std::string line = FormatTimestamp(msg.time);
    line += ' ';
    msg.color_range_start = dest.size() + line.size();
    std::string level(SpdlogLevelName(msg.level));
    std::transform(level.begin(), level.end(), level.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    line += level;
    msg.color_range_end = dest.size() + line.size();
    line.append(level.size() < 5 ? 6 - level.size() : 1, ' ');
    line += parts.message;
    line += parts.fields_human;
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<HumanFormatter>();
  }
};

std::shared_ptr<spdlog::sinks::sink> MakeConsoleSink(LogConsole console) {
  switch (console) {
    case LogConsole::kAuto:
    case LogConsole::kHuman: {
      auto sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(
          console == LogConsole::kAuto ? spdlog::color_mode::automatic : spdlog::color_mode::never);
      sink->set_formatter(std::make_unique<HumanFormatter>());
      return sink;
    }
    case LogConsole::kJson: {
      auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
      sink->set_formatter(std::make_unique<JsonFormatter>());
      return sink;
    }
    case LogConsole::kOff:
      return nullptr;
  }
  return nullptr;
}

std::shared_ptr<spdlog::logger> MakeLogger(std::vector<spdlog::sink_ptr> sinks) {
  auto logger = std::make_shared<spdlog::logger>("pulse", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::trace);  // filtering happens in LogEnabled
  logger->flush_on(spdlog::level::trace);   // a crash loses no written record
  logger->set_error_handler([](const std::string& error) {
    std::fprintf(stderr, "pulse logging error: %s\n", error.c_str());
  });
  return logger;
}

std::shared_ptr<const Backend> DefaultBackend() {
  auto backend = std::make_shared<Backend>();
  backend->logger = MakeLogger({MakeConsoleSink(LogConsole::kAuto)});
  return backend;
}

std::shared_ptr<const Backend> BackendSnapshot() {
  State& state = GlobalState();
  std::lock_guard lock(state.mu);
  if (state.backend == nullptr) state.backend = DefaultBackend();
  return state.backend;
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return "trace";
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "info";
}

Result<LogLevel> ParseLogLevel(std::string_view text) {
  for (LogLevel level : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn,
                         LogLevel::kError, LogLevel::kOff}) {
    if (text == LogLevelName(level)) return level;
  }
  if (text == "warning") return LogLevel::kWarn;
  return InvalidArgumentError("'{}' is not a log level (trace, debug, info, warn, error, off)",
                              text);
}

std::string_view LogConsoleName(LogConsole console) {
  switch (console) {
    case LogConsole::kAuto:
      return "auto";
    case LogConsole::kHuman:
      return "human";
    case LogConsole::kJson:
      return "json";
    case LogConsole::kOff:
      return "off";
  }
  return "auto";
}

Result<LogConsole> ParseLogConsole(std::string_view text) {
  for (LogConsole console :
       {LogConsole::kAuto, LogConsole::kHuman, LogConsole::kJson, LogConsole::kOff}) {
    if (text == LogConsoleName(console)) return console;
  }
  return InvalidArgumentError("'{}' is not a console mode (auto, human, json, off)", text);
}

Status InitLogging(const LogOptions& options) {
  if (options.retention_days < 0 ||
      options.retention_days > std::numeric_limits<std::uint16_t>::max()) {
    return InvalidArgumentError("log retention_days must be in 0..65535, got {}",
                                options.retention_days);
  }
  std::vector<spdlog::sink_ptr> sinks;
  if (auto console = MakeConsoleSink(options.console)) sinks.push_back(std::move(console));
  if (!options.dir.empty()) {
    if (options.file_name.empty() || options.file_name.find('/') != std::string::npos) {
      return InvalidArgumentError("log file_name must be a plain file name, got '{}'",
                                  options.file_name);
    }
    std::error_code ec;
    std::filesystem::create_directories(options.dir, ec);
    if (ec) {
      return UnavailableError("cannot create log directory '{}': {}", options.dir, ec.message());
    }
    try {
      auto file = std::make_shared<spdlog::sinks::daily_file_sink_mt>(
          (std::filesystem::path(options.dir) / options.file_name).string(), 0, 0, false,
          static_cast<std::uint16_t>(options.retention_days));
      file->set_formatter(std::make_unique<JsonFormatter>());
      sinks.push_back(std::move(file));
    } catch (const std::exception& e) {
      return UnavailableError("cannot open log file in '{}': {}", options.dir, e.what());
    }
  }
  auto backend = std::make_shared<Backend>();
  backend->logger = MakeLogger(std::move(sinks));
  backend->clock = options.clock;

  std::shared_ptr<const Backend> old;
  {
    State& state = GlobalState();
    std::lock_guard lock(state.mu);
    old = std::move(state.backend);
    state.backend = std::move(backend);
  }
  if (old != nullptr) old->logger->flush();
  SetLogLevel(options.level);
  return Status::Ok();
}

void ShutdownLogging() {
  std::shared_ptr<const Backend> old;
  {
    State& state = GlobalState();
    std::lock_guard lock(state.mu);
    old = std::move(state.backend);
    state.backend = nullptr;
  }
  if (old != nullptr) old->logger->flush();
}

void FlushLogs() { BackendSnapshot()->logger->flush(); }

void SetLogLevel(LogLevel level) { g_level.store(static_cast<int>(level)); }

LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }

bool LogEnabled(LogLevel level) {
  return level != LogLevel::kOff &&
         static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void RegisterSecret(std::string_view value) {
  if (value.empty()) return;
  State& state = GlobalState();
  std::lock_guard lock(state.mu);
  if (std::find(state.secrets->begin(), state.secrets->end(), value) != state.secrets->end()) {
    return;
  }
  auto secrets = std::make_shared<std::vector<std::string>>(*state.secrets);
  secrets->emplace_back(value);
  std::stable_sort(secrets->begin(), secrets->end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  state.secrets = std::move(secrets);
}

void ClearSecrets() {
  State& state = GlobalState();
  std::lock_guard lock(state.mu);
  state.secrets = std::make_shared<const std::vector<std::string>>();
}

std::string RedactSecrets(std::string_view text) { return Redact(text, *SecretsSnapshot()); }

namespace internal {

void EmitLog(LogLevel level, LogSite site, std::string_view message,
             std::span<const LogField> fields) {
  if (!LogEnabled(level)) return;
  std::shared_ptr<const std::vector<std::string>> secrets = SecretsSnapshot();
  std::shared_ptr<const Backend> backend = BackendSnapshot();

  std::string payload = Redact(message, *secrets);
  // A separator inside the message would split it; it has no business in a log line.
  std::replace(payload.begin(), payload.end(), kFieldSeparator, ' ');
  std::string json;
  std::string human;
  for (const LogField& field : fields) {
    std::string key = Redact(field.key(), *secrets);
    std::string value = Redact(field.value(), *secrets);
    std::replace(key.begin(), key.end(), kFieldSeparator, ' ');
    std::replace(value.begin(), value.end(), kFieldSeparator, ' ');
    json += ',';
    AppendJsonString(IsReservedKey(key) ? "field." + key : key, json);
    json += ':';
    if (field.kind() == LogField::Kind::kString) {
      AppendJsonString(value, json);
    } else {
      json += value;
    }
    human += ' ';
    human += key;
    human += '=';
    bool quote = field.kind() == LogField::Kind::kString &&
                 (value.empty() || value.find_first_of(" \"=") != std::string::npos);
    if (quote) {
      AppendJsonString(value, human);
    } else {
      human += value;
    }
  }
  payload += kFieldSeparator;
  payload += json;
  payload += kFieldSeparator;
  payload += human;

  const Clock& clock = backend->clock != nullptr
                           ? *backend->clock
                           : static_cast<const Clock&>(SystemClock::Instance());
  spdlog::log_clock::time_point time{std::chrono::duration_cast<spdlog::log_clock::duration>(
      std::chrono::nanoseconds(clock.Now()))};
  backend->logger->log(time, spdlog::source_loc{site.file, site.line, nullptr}, ToSpdlog(level),
                       spdlog::string_view_t(payload.data(), payload.size()));
}

}  // namespace internal
}  // namespace pulse
