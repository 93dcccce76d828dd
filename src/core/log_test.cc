#include "core/log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pulse {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards; logging reset to the default.
class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("pulse_log_test_{}_{}", ::testing::UnitTest::GetInstance()->random_seed(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ClearSecrets();
  }
  void TearDown() override {
    ShutdownLogging();
    ClearSecrets();
    SetLogLevel(LogLevel::kInfo);
    fs::remove_all(dir_);
  }

  Status InitToDir(LogLevel level = LogLevel::kInfo) {
    LogOptions options;
    options.level = level;
    options.console = LogConsole::kOff;
    options.dir = dir_.string();
    options.retention_days = 3;
    options.clock = &clock_;
    return InitLogging(options);
  }

  // The lines of the single JSON file in dir_.
  std::vector<std::string> ReadLines() {
    FlushLogs();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_)) files.push_back(entry.path());
    EXPECT_EQ(files.size(), 1u);
    if (files.empty()) return {};
    std::string name = files[0].filename().string();
    EXPECT_EQ(name.rfind("pulse_", 0), 0u) << name;
    EXPECT_TRUE(name.ends_with(".jsonl")) << name;
    std::ifstream in(files[0]);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  fs::path dir_;
  // 2026-11-21T10:00:00.123Z
  SimulatedClock clock_{1795255200LL * kNanosPerSecond + 123 * kNanosPerMilli};
};

TEST_F(LogTest, WritesJsonLinesWithUtcTimestampAndFields) {
  ASSERT_TRUE(InitToDir().ok());
  LOG_INFO("imported {} rows", 3);
  const int line = __LINE__ + 1;
  LOG_WARN({{"symbol", "BTCUSDT"}, {"rows", 42}, {"ok", true}, {"ratio", 0.25}}, "gap in {}", "5m");

  std::vector<std::string> lines = ReadLines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], fmt::format("{{\"ts\":\"2026-11-21T10:00:00.123Z\",\"level\":\"info\","
                                  "\"msg\":\"imported 3 rows\",\"src\":\"log_test.cc:{}\"}}",
                                  line - 2));
  EXPECT_EQ(lines[1], fmt::format("{{\"ts\":\"2026-11-21T10:00:00.123Z\",\"level\":\"warn\","
                                  "\"msg\":\"gap in 5m\",\"src\":\"log_test.cc:{}\","
                                  "\"symbol\":\"BTCUSDT\",\"rows\":42,\"ok\":true,\"ratio\":0.25}}",
                                  line));
}

TEST_F(LogTest, LevelFiltersRecordsAndSkipsArgumentEvaluation) {
  ASSERT_TRUE(InitToDir(LogLevel::kWarn).ok());
  int evaluated = 0;
  auto count = [&] { return ++evaluated; };
  LOG_DEBUG("debug {}", count());
  LOG_INFO("info {}", count());
  LOG_ERROR("error {}", count());
  EXPECT_EQ(evaluated, 1);
  std::vector<std::string> lines = ReadLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"level\":\"error\",\"msg\":\"error 1\""), std::string::npos);
  EXPECT_EQ(GetLogLevel(), LogLevel::kWarn);
  EXPECT_FALSE(LogEnabled(LogLevel::kInfo));
  EXPECT_TRUE(LogEnabled(LogLevel::kError));
}

TEST_F(LogTest, RegisteredSecretsNeverReachTheFile) {
  ASSERT_TRUE(InitToDir().ok());
  RegisterSecret("123456:ABC-telegram-token");
  RegisterSecret("hunter2");
  RegisterSecret("");  // ignored
  LOG_INFO("calling https://api.telegram.org/bot{}/sendMessage", "123456:ABC-telegram-token");
  LOG_ERROR({{"password", "hunter2"}, {"url", "smtp://user:hunter2@mail"}, {"hunter2", 1}},
            "smtp login failed for hunter2");

  std::vector<std::string> lines = ReadLines();
  ASSERT_EQ(lines.size(), 2u);
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
    EXPECT_EQ(line.find("ABC-telegram-token"), std::string::npos) << line;
  }
  EXPECT_NE(lines[0].find("\"msg\":\"calling https://api.telegram.org/bot***/sendMessage\""),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("\"msg\":\"smtp login failed for ***\",\"src\":"), std::string::npos)
      << lines[1];
  EXPECT_NE(lines[1].find("\"password\":\"***\",\"url\":\"smtp://user:***@mail\",\"***\":1"),
            std::string::npos)
      << lines[1];
}

TEST_F(LogTest, RedactSecretsMasksLongestFirst) {
  RegisterSecret("abc");
  RegisterSecret("abcdef");
  EXPECT_EQ(RedactSecrets("x abcdef y abc z"), "x *** y *** z");
  ClearSecrets();
  EXPECT_EQ(RedactSecrets("x abcdef"), "x abcdef");
}

TEST_F(LogTest, EscapesJsonAndRenamesReservedKeys) {
  ASSERT_TRUE(InitToDir().ok());
  LOG_INFO({{"msg", "a\"b"}, {"path", "c:\\x\ny"}}, "quote \" tab \t");
  std::vector<std::string> lines = ReadLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"msg\":\"quote \\\" tab \\t\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"field.msg\":\"a\\\"b\",\"path\":\"c:\\\\x\\ny\"}"), std::string::npos)
      << lines[0];
}

TEST_F(LogTest, ParsesLevelsAndConsoleModes) {
  EXPECT_EQ(ParseLogLevel("debug").value(), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("warning").value(), LogLevel::kWarn);
  EXPECT_EQ(ParseLogLevel("loud").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LogLevelName(LogLevel::kError), "error");
  EXPECT_EQ(ParseLogConsole("off").value(), LogConsole::kOff);
  EXPECT_FALSE(ParseLogConsole("fancy").ok());
}

TEST_F(LogTest, RejectsBadOptions) {
  LogOptions options;
  options.console = LogConsole::kOff;
  options.retention_days = -1;
  EXPECT_EQ(InitLogging(options).code(), StatusCode::kInvalidArgument);
  options.retention_days = 1;
  options.dir = dir_.string();
  options.file_name = "a/b.jsonl";
  EXPECT_EQ(InitLogging(options).code(), StatusCode::kInvalidArgument);
}

TEST_F(LogTest, HumanConsoleFormatOnStderr) {
  LogOptions options;
  options.console = LogConsole::kHuman;
  options.clock = &clock_;
  ASSERT_TRUE(InitLogging(options).ok());
  RegisterSecret("s3cret");
  ::testing::internal::CaptureStderr();
  LOG_INFO({{"symbol", "ETHUSDT"}, {"note", "two words"}, {"key", "s3cret"}}, "hello {}", 7);
  FlushLogs();
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err,
            "2026-11-21T10:00:00.123Z INFO  hello 7 symbol=ETHUSDT note=\"two words\" key=***\n");
}

}  // namespace
}  // namespace pulse
