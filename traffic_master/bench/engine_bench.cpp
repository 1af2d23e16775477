// `./dev bench engine`: engine-only operations per second on one core, and the same hold
// operation on PostgreSQL (SELECT ... FOR UPDATE in a transaction) and Redis (Lua script),
// both real servers started on loopback for this run. Ends with one JSON line.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "platform/testing/local_servers.hpp"
#include "traffic_master/bench/engine_workload.hpp"
#include "traffic_master/bench/hold_baselines.hpp"
#include "traffic_master/engine/arena_generator.hpp"

namespace {

double arg_double(int argc, char** argv, const char* name, double fallback) {
  std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0) return std::atof(argv[i] + prefix.size());
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace traffic_master;
  double seconds = arg_double(argc, argv, "seconds", 2.0);
  int pg_clients = static_cast<int>(arg_double(argc, argv, "pg-clients", 4));
  int redis_clients = static_cast<int>(arg_double(argc, argv, "redis-clients", 4));
  auto capacity = static_cast<std::size_t>(arg_double(argc, argv, "capacity", 15000));

  auto venue = engine::generate_arena({"arena", "Arena", capacity, 20});
  engine::EventConfig config;
  config.id = "bench";
  config.name = "Bench";
  config.on_sale_at = 1'000;
  config.price_cents = {20000, 15000, 9000, 5000};
  config.per_account_limit = 8;

  std::printf("venue: %zu seats, %zu sections\n", venue->capacity(), venue->sections().size());
  auto hc = bench::run_hold_confirm(venue, config, seconds);
  std::printf("engine hold+confirm: %.0f ops/s per CPU second (%.0f per wall second; %zu ops, %zu passes, 1 thread)\n",
              hc.ops_per_s, hc.wall_ops_per_s, hc.ops, hc.passes);
  auto ba = bench::run_best_available(venue, config, seconds);
  std::printf("engine best-available(2): %.0f ops/s per CPU second (%.0f per wall second; %zu ops, %zu passes)\n",
              ba.ops_per_s, ba.wall_ops_per_s, ba.ops, ba.passes);

  bench::BaselineResult pg, rd;
  {
    platform::testing::LocalPostgres server;
    pg = bench::run_postgres_holds(server.conninfo(), capacity, pg_clients, seconds);
  }
  std::printf("postgres SELECT FOR UPDATE hold (fsync on, %d clients): %.0f ops/s (%zu ops in %.2f s)\n", pg_clients,
              pg.ops_per_s, pg.ops, pg.seconds);
  {
    platform::testing::LocalRedis server;
    rd = bench::run_redis_holds(server.host(), server.port(), capacity, redis_clients, seconds);
  }
  std::printf("redis Lua hold (%d clients, unpipelined): %.0f ops/s (%zu ops in %.2f s)\n", redis_clients,
              rd.ops_per_s, rd.ops, rd.seconds);
  double vs_pg = hc.ops_per_s / pg.ops_per_s, vs_redis = hc.ops_per_s / rd.ops_per_s;
  std::printf("ratio engine/postgres: %.1fx (target >= 50x)\n", vs_pg);
  std::printf("ratio engine/redis: %.1fx (target >= 10x)\n", vs_redis);
  std::printf(
      "{\"engine_ops_per_s\":%.0f,\"best_available_ops_per_s\":%.0f,\"postgres_ops_per_s\":%.0f,"
      "\"redis_ops_per_s\":%.0f,\"ratio_vs_postgres\":%.1f,\"ratio_vs_redis\":%.1f,\"engine_wall_ops_per_s\":%.0f,"
      "\"seats\":%zu}\n",
      hc.ops_per_s, ba.ops_per_s, pg.ops_per_s, rd.ops_per_s, vs_pg, vs_redis, hc.wall_ops_per_s, venue->capacity());
  return 0;
}
