#include "platform/testing/local_servers.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <signal.h>

#include <filesystem>

namespace platform::testing {
namespace {

TEST(LocalServers, RedisAnswersAndIsCleanedUp) {
  std::string dir;
  pid_t pid;
  {
    LocalRedis redis;
    dir = redis.dir();
    pid = redis.pid();
    redisContext* c = redisConnect(redis.host().c_str(), redis.port());
    ASSERT_TRUE(c && !c->err);
    auto* r = static_cast<redisReply*>(redisCommand(c, "SET k v"));
    ASSERT_TRUE(r);
    freeReplyObject(r);
    r = static_cast<redisReply*>(redisCommand(c, "GET k"));
    ASSERT_EQ(r->type, REDIS_REPLY_STRING);
    EXPECT_EQ(std::string(r->str, r->len), "v");
    freeReplyObject(r);
    redisFree(c);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_NE(kill(pid, 0), 0);  // the process is gone
}

TEST(LocalServers, PostgresRunsWithFsyncOnAndIsCleanedUp) {
  std::string dir;
  {
    LocalPostgres pg;
    dir = pg.socket_dir();
    PGconn* c = PQconnectdb(pg.conninfo().c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, "SHOW fsync");
    ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK);
    EXPECT_STREQ(PQgetvalue(r, 0, 0), "on");
    PQclear(r);
    r = PQexec(c, "SELECT current_database()");
    EXPECT_STREQ(PQgetvalue(r, 0, 0), "test");
    PQclear(r);
    PQfinish(c);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(LocalServers, TwoInstancesGetDifferentPorts) {
  LocalRedis a, b;
  EXPECT_NE(a.port(), b.port());
}

}  // namespace
}  // namespace platform::testing
