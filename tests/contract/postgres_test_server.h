// PostgresTestServer: a throwaway PostgreSQL server for contract tests and benchmarks.
// initdb into a temporary directory, listen on a free 127.0.0.1 port (unix socket in the same
// directory), pg_ctl start -w; the destructor stops it (-m fast) and removes the directory.
// When running as root (CI), initdb/pg_ctl run as the `postgres` user via runuser.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse::testing {

// One private PostgreSQL cluster.
// Lifecycle: Start() returns a running server; destroying it stops the server and deletes its
// files. Threading: thread-compatible (create and use it from one thread).
class PostgresTestServer {
 public:
  struct Options {
    // fsync=off and synchronous_commit=off make tests faster; benchmarks keep the defaults.
    bool fast_unsafe = true;
  };

  // FailedPrecondition (with what to install) when the server binaries are missing.
  static Result<std::unique_ptr<PostgresTestServer>> Start(Options options);
  static Result<std::unique_ptr<PostgresTestServer>> Start() { return Start(Options()); }
  ~PostgresTestServer();

  PostgresTestServer(const PostgresTestServer&) = delete;
  PostgresTestServer& operator=(const PostgresTestServer&) = delete;

  // Creates a database (owned by the superuser `postgres`, trust authentication).
  Status CreateDatabase(std::string_view name);
  // postgresql://postgres@127.0.0.1:<port>/<database>
  std::string UrlFor(std::string_view database) const;
  int port() const { return port_; }
  const std::string& directory() const { return dir_; }

  // Where the PostgreSQL server binaries are: $PULSE_PG_BIN_DIR, else the newest
  // /usr/lib/postgresql/<version>/bin holding initdb. FailedPrecondition when none.
  static Result<std::string> FindBinDir();

 private:
  PostgresTestServer() = default;
  Status Stop();

  std::string bin_dir_;
  std::string dir_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace pulse::testing
