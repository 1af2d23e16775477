#include <hiredis/hiredis.h>

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

// All or nothing: if any seat key exists the hold fails; otherwise every seat is marked with
// the hold id and the TTL, and the hold record is written. Same contract as the engine's hold.
constexpr const char* kHoldScript = R"lua(
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
local id = redis.call('INCR', 'hold:seq')
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], id, 'PX', ARGV[2])
end
redis.call('HSET', 'hold:' .. id, 'account', ARGV[1], 'seats', table.concat(KEYS, ','))
redis.call('PEXPIRE', 'hold:' .. id, ARGV[2])
return id
)lua";

redisContext* connect_or_die(const std::string& host, int port) {
  redisContext* c = redisConnect(host.c_str(), port);
  if (!c || c->err) {
    std::fprintf(stderr, "redis: cannot connect\n");
    std::exit(1);
  }
  return c;
}

}  // namespace

BaselineResult run_redis_holds(const std::string& host, int port, std::size_t seats, int clients, double min_seconds) {
  redisContext* admin = connect_or_die(host, port);
  auto* loaded = static_cast<redisReply*>(redisCommand(admin, "SCRIPT LOAD %s", kHoldScript));
  std::string sha(loaded->str, loaded->len);
  freeReplyObject(loaded);
  BaselineResult total;
  while (total.seconds < min_seconds) {
    freeReplyObject(redisCommand(admin, "FLUSHDB"));
    std::atomic<std::size_t> ops{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
      threads.emplace_back([&, t] {
        redisContext* c = connect_or_die(host, port);
        std::size_t per = seats / clients, begin = t * per, end = begin + per - 1;
        for (std::size_t s = begin; s + 1 <= end; s += 2) {
          std::string k1 = "seat:ev:" + std::to_string(s), k2 = "seat:ev:" + std::to_string(s + 1);
          std::string account = "acct-" + std::to_string(s);
          auto* r = static_cast<redisReply*>(redisCommand(c, "EVALSHA %s 2 %s %s %s 480000", sha.c_str(), k1.c_str(),
                                                          k2.c_str(), account.c_str()));
          if (!r || r->type == REDIS_REPLY_ERROR) {
            std::fprintf(stderr, "redis: %s\n", r ? r->str : "no reply");
            std::exit(1);
          }
          if (r->integer > 0) ops.fetch_add(1, std::memory_order_relaxed);
          freeReplyObject(r);
        }
        redisFree(c);
      });
    }
    for (auto& th : threads) th.join();
    total.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total.ops += ops.load();
  }
  redisFree(admin);
  total.ops_per_s = total.ops / total.seconds;
  return total;
}

}  // namespace traffic_master::bench
