#pragma once
// Real Redis and PostgreSQL servers on loopback for tests and benchmarks ("no mocks of servers
// we can run"). Each instance lives in its own temporary directory, listens on 127.0.0.1 on a
// free port, is ready when the constructor returns, and is stopped (SIGTERM, then SIGKILL after
// a grace period) and deleted in the destructor.
//
//   platform::testing::LocalRedis redis;          // redis.port()
//   platform::testing::LocalPostgres pg;          // pg.conninfo() -> "host=... port=... ..."
//
// Binaries: redis-server from PATH (override: REDIS_SERVER); PostgreSQL from
// /usr/lib/postgresql/15/bin (override: PG_BIN_DIR). PostgreSQL refuses to run as root, so
// when the process is root the server runs as the "postgres" system user (or "nobody"), and
// the data directory is given to that user. Failures to start throw std::runtime_error with
// the server's log tail: a test that needs the server cannot continue without it.
//
// Thread-safety: construct and destroy on one thread; the accessors are const and safe to
// call from any thread.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace platform::testing {

// Returns a port that was free on 127.0.0.1 a moment ago (bind to port 0, read, close).
int free_port();

struct RedisOptions {
  std::vector<std::string> extra_args;  // e.g. {"--maxmemory", "64mb"}
  int start_timeout_ms = 10'000;
};

class LocalRedis {
 public:
  explicit LocalRedis(RedisOptions options = {});
  ~LocalRedis();
  LocalRedis(const LocalRedis&) = delete;
  LocalRedis& operator=(const LocalRedis&) = delete;

  int port() const { return port_; }
  const std::string& host() const { return host_; }
  const std::string& dir() const { return dir_; }
  pid_t pid() const { return pid_; }

 private:
  std::string host_ = "127.0.0.1";
  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

struct PostgresOptions {
  // Server settings passed as -c name=value. fsync stays on by default: benchmarks measure
  // the durable configuration, not a faster unsafe one.
  std::map<std::string, std::string> settings{{"fsync", "on"}, {"synchronous_commit", "on"}};
  std::string database = "test";  // created after start
  int start_timeout_ms = 60'000;
};

class LocalPostgres {
 public:
  explicit LocalPostgres(PostgresOptions options = {});
  ~LocalPostgres();
  LocalPostgres(const LocalPostgres&) = delete;
  LocalPostgres& operator=(const LocalPostgres&) = delete;

  int port() const { return port_; }
  const std::string& host() const { return host_; }
  const std::string& socket_dir() const { return socket_dir_; }
  const std::string& database() const { return database_; }
  const std::string& user() const { return user_; }
  // libpq connection string over TCP loopback.
  std::string conninfo() const;
  pid_t pid() const { return pid_; }

 private:
  std::string host_ = "127.0.0.1";
  std::string dir_, socket_dir_, database_, user_ = "postgres";
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace platform::testing
