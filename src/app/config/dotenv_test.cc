#include "app/config/dotenv.h"

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

TEST(DotEnvTest, ParsesAssignmentsQuotesCommentsAndExport) {
  DotEnvFile file = ParseDotEnv(
      "# comment\n"
      "\n"
      "PLAIN=value with spaces  # trailing comment\n"
      "export EXPORTED=1\r\n"
      "DOUBLE=\"a \\\"quoted\\\" \\n line # not a comment\"\n"
      "SINGLE='literal \\n $HOME'\n"
      "EMPTY=\n"
      "HASH=abc#def\n",
      ".env");
  EXPECT_TRUE(file.problems.empty());
  ASSERT_EQ(file.entries.size(), 6u);
  EXPECT_EQ(file.entries[0].key, "PLAIN");
  EXPECT_EQ(file.entries[0].value, "value with spaces");
  EXPECT_EQ(file.entries[0].line, 3);
  EXPECT_EQ(file.entries[1].key, "EXPORTED");
  EXPECT_EQ(file.entries[1].value, "1");
  EXPECT_EQ(file.entries[2].value, "a \"quoted\" \n line # not a comment");
  EXPECT_EQ(file.entries[3].value, "literal \\n $HOME");
  EXPECT_EQ(file.entries[4].value, "");
  EXPECT_EQ(file.entries[5].value, "abc#def");
}

TEST(DotEnvTest, ReportsMalformedLinesWithTheirNumbers) {
  DotEnvFile file =
      ParseDotEnv("GOOD=1\nno equals sign\n1BAD=2\nOPEN=\"never closed\nX='a' b\n", "/srv/.env");
  ASSERT_EQ(file.entries.size(), 1u);
  EXPECT_EQ(file.problems, (std::vector<std::string>{
                               "/srv/.env:2: expected KEY=VALUE",
                               "/srv/.env:3: '1BAD' is not a variable name",
                               "/srv/.env:4: unterminated double quote",
                               "/srv/.env:5: unexpected text after the closing quote",
                           }));
}

TEST(DotEnvTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadDotEnvFile("/nonexistent/.env").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pulse::app
