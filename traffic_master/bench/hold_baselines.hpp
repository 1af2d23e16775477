#pragma once
// Bench-only reference implementations of the same "hold two specific seats" operation the
// engine performs, on real servers: PostgreSQL rows locked with SELECT ... FOR UPDATE inside a
// transaction, and a Redis Lua script. Each runs `clients` connections, one thread each, and
// reports holds per second.
#include <string>

namespace traffic_master::bench {

struct BaselineResult {
  double ops_per_s = 0;
  std::size_t ops = 0;
  double seconds = 0;
};

BaselineResult run_postgres_holds(const std::string& conninfo, std::size_t seats, int clients, double min_seconds);
BaselineResult run_redis_holds(const std::string& host, int port, std::size_t seats, int clients, double min_seconds);

}  // namespace traffic_master::bench
