#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "traffic_master/bench/hold_baselines.hpp"

namespace traffic_master::bench {
namespace {

PGconn* connect_or_die(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::fprintf(stderr, "postgres: %s\n", PQerrorMessage(c));
    std::exit(1);
  }
  return c;
}

void exec_or_die(PGconn* c, const char* sql) {
  PGresult* r = PQexec(c, sql);
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "postgres: %s: %s\n", sql, PQerrorMessage(c));
    std::exit(1);
  }
  PQclear(r);
}

PGresult* exec_prepared(PGconn* c, const char* name, int n, const char* const* values) {
  PGresult* r = PQexecPrepared(c, name, n, values, nullptr, nullptr, 0);
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "postgres: %s: %s\n", name, PQerrorMessage(c));
    std::exit(1);
  }
  return r;
}

void reset(PGconn* c, std::size_t seats) {
  exec_or_die(c, "DROP TABLE IF EXISTS seats, holds");
  exec_or_die(c, "CREATE TABLE seats(seat_id integer PRIMARY KEY, status smallint NOT NULL, hold_id bigint)");
  exec_or_die(c,
              "CREATE TABLE holds(id bigserial PRIMARY KEY, account text NOT NULL, seats integer[] NOT NULL, "
              "expires_at timestamptz NOT NULL)");
  std::string fill = "INSERT INTO seats SELECT g, 0, NULL FROM generate_series(0, " + std::to_string(seats - 1) + ") g";
  exec_or_die(c, fill.c_str());
  exec_or_die(c, "VACUUM ANALYZE seats");
}

}  // namespace

BaselineResult run_postgres_holds(const std::string& conninfo, std::size_t seats, int clients, double min_seconds) {
  PGconn* admin = connect_or_die(conninfo);
  BaselineResult total;
  while (total.seconds < min_seconds) {
    reset(admin, seats);
    std::atomic<std::size_t> ops{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
      threads.emplace_back([&, t] {
        PGconn* c = connect_or_die(conninfo);
        PQclear(PQprepare(c, "lock", "SELECT seat_id, status FROM seats WHERE seat_id = ANY($1::int[]) FOR UPDATE", 1,
                          nullptr));
        PQclear(PQprepare(c, "hold",
                          "INSERT INTO holds(account, seats, expires_at) VALUES($1, $2::int[], now() + interval "
                          "'8 minutes') RETURNING id",
                          2, nullptr));
        PQclear(PQprepare(c, "mark", "UPDATE seats SET status = 1, hold_id = $2 WHERE seat_id = ANY($1::int[])", 2,
                          nullptr));
        // Each client holds pairs from its own slice, as many users picking different seats.
        std::size_t per = seats / clients, begin = t * per, end = begin + per - 1;
        for (std::size_t s = begin; s + 1 <= end; s += 2) {
          std::string arr = "{" + std::to_string(s) + "," + std::to_string(s + 1) + "}";
          std::string account = "acct-" + std::to_string(s);
          exec_or_die(c, "BEGIN");
          const char* lock_args[] = {arr.c_str()};
          PGresult* r = exec_prepared(c, "lock", 1, lock_args);
          bool all_free = PQntuples(r) == 2;
          for (int i = 0; i < PQntuples(r); ++i) all_free = all_free && std::string(PQgetvalue(r, i, 1)) == "0";
          PQclear(r);
          if (!all_free) {
            exec_or_die(c, "ROLLBACK");
            continue;
          }
          const char* hold_args[] = {account.c_str(), arr.c_str()};
          r = exec_prepared(c, "hold", 2, hold_args);
          std::string id = PQgetvalue(r, 0, 0);
          PQclear(r);
          const char* mark_args[] = {arr.c_str(), id.c_str()};
          PQclear(exec_prepared(c, "mark", 2, mark_args));
          exec_or_die(c, "COMMIT");
          ops.fetch_add(1, std::memory_order_relaxed);
        }
        PQfinish(c);
      });
    }
    for (auto& th : threads) th.join();
    total.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total.ops += ops.load();
  }
  PQfinish(admin);
  total.ops_per_s = total.ops / total.seconds;
  return total;
}

}  // namespace traffic_master::bench
