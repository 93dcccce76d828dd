// CliRunner: runs the real `pulse` binary in a temporary working directory with a private
// SQLite database, capturing stdout, stderr and the exit status; and reads rows back with
// the sqlite3 library for checks independent of Pulse's own storage code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace pulse::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// One temporary directory per instance, removed on destruction. Not thread-safe.
// The whole file, byte for byte; "" when it cannot be read.
std::string ReadTextFile(const std::string& path);
// One CSV line split into cells; a double-quoted cell may hold commas and "" for a quote; a
// trailing comma gives a last empty cell.
std::vector<std::string> SplitCsvLine(const std::string& line);
// Every line of `text` split with SplitCsvLine.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

class CliRunner {
 public:
  CliRunner();
  ~CliRunner();

  // Runs `pulse <args>` with cwd = dir() and PULSE_DB_URL pointing at db_path().
  CliResult Run(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {}) const;
  // Starts `pulse <args>` as Run does without waiting for it; returns its process id (-1 when
  // it cannot be started). Wait() collects it. One started process at a time.
  int Start(const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env = {}) const;
  CliResult Wait(int pid) const;
  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/pulse.db"; }
  // Writes a file under dir() and returns its path.
  std::string WriteFile(const std::string& name, const std::string& content) const;
  // Runs a query on the database and returns the rows as text (NULL as "NULL").
  std::vector<std::vector<std::string>> Query(const std::string& sql) const;
  // The repository root and the shared reference data directory.
  static std::string SourceDir();
  static std::string SharedDataDir();

 private:
  std::string dir_;
};

}  // namespace pulse::testing
