#include "storage_backends.h"

#include <stdlib.h>

#include <atomic>
#include <filesystem>

#include <fmt/format.h>

#include "postgres_test_server.h"

namespace pulse::testing {

namespace {

namespace fs = std::filesystem;

class SqliteFresh final : public FreshDatabase {
 public:
  explicit SqliteFresh(std::string dir) : dir_(std::move(dir)) {
    url_ = "sqlite://" + dir_ + "/var/pulse.db";  // var/ does not exist yet: Open creates it
  }
  ~SqliteFresh() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  std::string dir_;
};

class PostgresFresh final : public FreshDatabase {
 public:
  explicit PostgresFresh(std::string url) { url_ = std::move(url); }
};

// The binary's PostgreSQL server: started on first use, stopped by the environment at exit.
class PostgresEnvironment final : public ::testing::Environment {
 public:
  static PostgresEnvironment* Get() { return instance_; }

  Result<PostgresTestServer*> Server() {
    if (!server_ && start_error_.ok()) {
      auto started = PostgresTestServer::Start();
      if (started.ok()) {
        server_ = std::move(started).value();
      } else {
        start_error_ = started.status();
      }
    }
    if (!start_error_.ok()) {
      return start_error_.WithContext("cannot start the PostgreSQL test server");
    }
    return server_.get();
  }

  void TearDown() override { server_.reset(); }

  static PostgresEnvironment* instance_;

 private:
  std::unique_ptr<PostgresTestServer> server_;
  Status start_error_;
};

PostgresEnvironment* PostgresEnvironment::instance_ = static_cast<PostgresEnvironment*>(
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment()));

}  // namespace

Result<std::unique_ptr<FreshDatabase>> SqliteBackend::Create() {
  std::string templ = (fs::temp_directory_path() / "pulse-sqlite-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) return UnavailableError("mkdtemp failed");
  return std::unique_ptr<FreshDatabase>(new SqliteFresh(templ));
}

Result<std::unique_ptr<FreshDatabase>> PostgresBackend::Create() {
  static std::atomic<int> counter{0};
  ASSIGN_OR_RETURN(PostgresTestServer * server, PostgresEnvironment::Get()->Server());
  const std::string name = fmt::format("pulse_test_{}_{}", ::getpid(), counter++);
  RETURN_IF_ERROR(server->CreateDatabase(name));
  return std::unique_ptr<FreshDatabase>(new PostgresFresh(server->UrlFor(name)));
}

}  // namespace pulse::testing
