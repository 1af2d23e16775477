#include "platform/testing/local_servers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace platform::testing {
namespace fs = std::filesystem;
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::string make_temp_dir(const char* prefix) {
  std::string tmpl = (fs::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

std::string tail_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

struct RunAs {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs unprivileged_user() {
  RunAs r;
  if (geteuid() != 0) return r;
  for (const char* name : {"postgres", "nobody"}) {
    if (auto* pw = getpwnam(name)) {
      r.drop = true;
      r.uid = pw->pw_uid;
      r.gid = pw->pw_gid;
      return r;
    }
  }
  throw std::runtime_error("running as root and no unprivileged user to run PostgreSQL");
}

void chown_tree(const std::string& root, const RunAs& as) {
  if (!as.drop) return;
  chown(root.c_str(), as.uid, as.gid);
  for (auto& e : fs::recursive_directory_iterator(root)) (void)!chown(e.path().c_str(), as.uid, as.gid);
}

// fork + exec with stdout/stderr to log_path; optionally as another user.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path, const RunAs& as = {}) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    setpgid(0, 0);  // signals to the test's process group do not hit the server twice
    if (as.drop && (setgid(as.gid) != 0 || setuid(as.uid) != 0)) _exit(126);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int run_and_wait(const std::vector<std::string>& argv, const std::string& log_path, const RunAs& as = {}) {
  pid_t pid = spawn(argv, log_path, as);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

void stop_process(pid_t pid, int signal_first) {
  if (pid <= 0) return;
  kill(pid, signal_first);
  for (int i = 0; i < 200; ++i) {  // up to 10 s of grace
    if (exited(pid)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

bool redis_ping(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const char ping[] = "PING\r\n";
    char buf[16] = {};
    if (write(fd, ping, sizeof ping - 1) == static_cast<ssize_t>(sizeof ping - 1))
      ok = read(fd, buf, sizeof buf - 1) > 0 && std::strncmp(buf, "+PONG", 5) == 0;
  }
  close(fd);
  return ok;
}

}  // namespace

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("bind to a free port failed");
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// ---------------------------------------------------------------- Redis

LocalRedis::LocalRedis(RedisOptions options) : dir_(make_temp_dir("local-redis")) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::vector<std::string> argv{env_or("REDIS_SERVER", "redis-server"), "--port", std::to_string(port_),
                                  "--bind", host_, "--dir", dir_, "--save", "", "--appendonly", "no",
                                  "--protected-mode", "no", "--daemonize", "no"};
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    pid_ = spawn(argv, dir_ + "/redis.log");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.start_timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (redis_ping(port_)) return;
      if (exited(pid_)) break;  // e.g. the port was taken in between: try another
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop_process(pid_, SIGKILL);
    pid_ = -1;
  }
  auto log = tail_of(dir_ + "/redis.log");
  fs::remove_all(dir_);
  throw std::runtime_error("redis-server did not start: " + log);
}

LocalRedis::~LocalRedis() {
  stop_process(pid_, SIGTERM);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

// ---------------------------------------------------------------- PostgreSQL

LocalPostgres::LocalPostgres(PostgresOptions options)
    : dir_(make_temp_dir("local-postgres")), database_(options.database) {
  auto as = unprivileged_user();
  std::string bin = env_or("PG_BIN_DIR", "/usr/lib/postgresql/15/bin");
  std::string data = dir_ + "/data";
  socket_dir_ = dir_ + "/sock";
  fs::create_directories(socket_dir_);
  chmod(dir_.c_str(), 0755);
  chown_tree(dir_, as);
  std::string log = dir_ + "/postgres.log";
  if (as.drop) (void)!chown(log.c_str(), as.uid, as.gid);
  // --no-sync only skips the fsync of the freshly created template files; the server itself
  // runs with fsync on.
  int rc = run_and_wait({bin + "/initdb", "-D", data, "-U", user_, "--auth=trust", "-E", "UTF8",
                         "--no-sync", "--no-locale"},
                        dir_ + "/initdb.log", as);
  if (rc != 0) {
    auto tail = tail_of(dir_ + "/initdb.log");
    fs::remove_all(dir_);
    throw std::runtime_error("initdb failed: " + tail);
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::vector<std::string> argv{bin + "/postgres", "-D", data, "-k", socket_dir_, "-p", std::to_string(port_),
                                  "-c", "listen_addresses=" + host_};
    for (auto& [k, v] : options.settings) {
      argv.push_back("-c");
      argv.push_back(k + "=" + v);
    }
    pid_ = spawn(argv, log, as);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.start_timeout_ms);
    std::string admin = "host=" + host_ + " port=" + std::to_string(port_) + " user=" + user_ + " dbname=postgres";
    while (std::chrono::steady_clock::now() < deadline) {
      if (PQping(admin.c_str()) == PQPING_OK) {
        PGconn* c = PQconnectdb(admin.c_str());
        std::string create = "CREATE DATABASE \"" + database_ + "\"";
        PGresult* r = PQexec(c, create.c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        std::string err = PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + err);
        return;
      }
      if (exited(pid_)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop_process(pid_, SIGKILL);
    pid_ = -1;
  }
  auto tail = tail_of(log);
  fs::remove_all(dir_);
  throw std::runtime_error("postgres did not start: " + tail);
}

LocalPostgres::~LocalPostgres() {
  stop_process(pid_, SIGINT);  // "fast" shutdown: roll back sessions, checkpoint, exit
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string LocalPostgres::conninfo() const {
  return "host=" + host_ + " port=" + std::to_string(port_) + " user=" + user_ + " dbname=" + database_;
}

}  // namespace platform::testing
