#include "postgres_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace pulse::testing {

namespace {

namespace fs = std::filesystem;

Result<int> FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return UnavailableError("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return UnavailableError("cannot bind a loopback port");
  }
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string Tail(const std::string& path, std::size_t max_chars = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
  return text;
}

// Runs argv (as the postgres user when we are root), output appended to `log`. Returns the
// exit status or an error.
Status RunCommand(std::vector<std::string> argv, const std::string& log, bool as_postgres) {
  if (as_postgres && ::geteuid() == 0) {
    argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  }
  const pid_t pid = ::fork();
  if (pid < 0) return UnavailableError("fork failed");
  if (pid == 0) {
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
      ::close(out);
    }
    const int in = ::open("/dev/null", O_RDONLY);
    if (in >= 0) ::dup2(in, 0);
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return UnavailableError("waitpid failed");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  return UnavailableError("'{}' failed (exit {}); log {}:\n{}", fmt::join(argv, " "),
                          WIFEXITED(status) ? WEXITSTATUS(status) : -1, log, Tail(log));
}

}  // namespace

Result<std::string> PostgresTestServer::FindBinDir() {
  if (const char* env = std::getenv("PULSE_PG_BIN_DIR"); env && *env) {
    if (fs::exists(fs::path(env) / "initdb")) return std::string(env);
    return FailedPreconditionError("PULSE_PG_BIN_DIR={} holds no initdb", env);
  }
  std::string best;
  int best_version = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin" / "initdb")) {
      best_version = version;
      best = (entry.path() / "bin").string();
    }
  }
  if (best.empty()) {
    return FailedPreconditionError(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb and "
        "no PULSE_PG_BIN_DIR): install them with `apt-get install postgresql-15` (`make test` "
        "does this via scripts/install-deps)");
  }
  return best;
}

Result<std::unique_ptr<PostgresTestServer>> PostgresTestServer::Start(Options options) {
  ASSIGN_OR_RETURN(std::string bin_dir, FindBinDir());
  const bool root = ::geteuid() == 0;
  uid_t uid = 0;
  gid_t gid = 0;
  if (root) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) {
      return FailedPreconditionError(
          "running as root but there is no `postgres` user to run initdb as (the Debian "
          "postgresql package creates it)");
    }
    uid = pw->pw_uid;
    gid = pw->pw_gid;
  }
  std::unique_ptr<PostgresTestServer> server(new PostgresTestServer());
  server->bin_dir_ = bin_dir;
  std::string templ = (fs::temp_directory_path() / "pulse-pg-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) return UnavailableError("mkdtemp failed");
  server->dir_ = templ;
  if (root && ::chown(templ.c_str(), uid, gid) != 0) {
    return UnavailableError("cannot chown {} to postgres", templ);
  }
  const std::string data = templ + "/data";
  const std::string log = templ + "/setup.log";
  RETURN_IF_ERROR(RunCommand({bin_dir + "/initdb", "-D", data, "-U", "postgres", "-A", "trust",
                              "-E", "UTF8", "--locale=C", "--no-sync"},
                             log, true));
  Status started;
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(server->port_, FreeLoopbackPort());
    std::string opts = fmt::format(
        "-c listen_addresses=127.0.0.1 -p {} -k {} -c max_connections=50 -c "
        "shared_buffers=32MB",
        server->port_, templ);
    if (options.fast_unsafe)
      opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    started = RunCommand({bin_dir + "/pg_ctl", "-D", data, "-l", templ + "/server.log", "-w", "-t",
                          "60", "-o", opts, "start"},
                         log, true);
    if (started.ok()) break;
  }
  if (!started.ok()) return started;
  server->running_ = true;
  return server;
}

PostgresTestServer::~PostgresTestServer() {
  (void)Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

Status PostgresTestServer::Stop() {
  if (!running_) return Status::Ok();
  running_ = false;
  return RunCommand({bin_dir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "stop"},
                    dir_ + "/setup.log", true);
}

Status PostgresTestServer::CreateDatabase(std::string_view name) {
  return RunCommand({bin_dir_ + "/createdb", "-h", "127.0.0.1", "-p", std::to_string(port_), "-U",
                     "postgres", std::string(name)},
                    dir_ + "/client.log", false);
}

std::string PostgresTestServer::UrlFor(std::string_view database) const {
  return fmt::format("postgresql://postgres@127.0.0.1:{}/{}", port_, database);
}

}  // namespace pulse::testing
