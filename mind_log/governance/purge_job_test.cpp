// Retention purge and schema coverage over the real migrations of accounts, journal and vault.
#include "mind_log/governance/purge_job.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "mind_log/accounts/account_service.hpp"
#include "mind_log/journal/journal_store.hpp"
#include "mind_log/store/sqlite_user_key_store.hpp"

namespace mind_log::governance {
namespace {

constexpr platform::Millis kDay = 86'400'000;

struct PurgeTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ml-purge-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  platform::ManualClock clock;
  std::unique_ptr<store::Database> db;
  void SetUp() override {
    std::filesystem::create_directories(dir);
    db = std::move(*store::Database::open((dir / "mind-log.db").string()));
    ASSERT_TRUE(db->migrate("vault", store::vault_migrations()));
    ASSERT_TRUE(db->migrate("accounts", accounts::account_migrations()));
    ASSERT_TRUE(db->migrate("journal", journal::journal_migrations()));
  }
  void TearDown() override {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  void exec(const std::string& sql) {
    ASSERT_TRUE(db->write([&](store::Connection& c) { return c.exec(sql); })) << sql;
  }
  std::int64_t scalar(const std::string& sql) {
    std::int64_t v = -1;
    EXPECT_TRUE(db->read([&](store::Connection& c) -> platform::Result<void> {
      auto s = c.prepare(sql);
      if (!s) return std::unexpected(s.error());
      (void)s->step();
      v = s->int64(0);
      return {};
    }));
    return v;
  }
  void entry(const std::string& id, platform::Millis occurred, platform::Millis updated) {
    exec("INSERT INTO journal_entries VALUES ('" + id + "', 'u', " + std::to_string(occurred) +
         ", x'00', x'00', x'00', x'00', x'00', x'00', x'01', 0, " + std::to_string(updated) + ")");
  }
};

TEST_F(PurgeTest, EveryStoredColumnHasADeclaredClass) {
  auto missing = undeclared_columns(*db);
  ASSERT_TRUE(missing);
  EXPECT_TRUE(missing->empty()) << "undeclared: " << (missing->empty() ? "" : missing->front());
  exec("CREATE TABLE sneaky (id INTEGER, secret TEXT)");
  missing = undeclared_columns(*db);
  EXPECT_EQ(*missing, (std::vector<std::string>{"sneaky.id", "sneaky.secret"}));
}

TEST_F(PurgeTest, RetentionPerClassFollowsTheClock) {
  const platform::Millis now = clock.now_ms();
  entry("old", now - 400 * kDay, now - 400 * kDay);       // derived data past 365 days
  entry("recent", now - 10 * kDay, now - 10 * kDay);
  exec("INSERT INTO users (user_id, email_index, email_ct, password_hash, created_at) VALUES ('u', x'01', x'02', 'h', 0)");
  exec("INSERT INTO refresh_tokens VALUES (x'01', 'f', 'u', 0, " + std::to_string(now - 100 * kDay) + ", NULL, NULL)");
  exec("INSERT INTO refresh_tokens VALUES (x'02', 'f', 'u', 0, " + std::to_string(now + 10 * kDay) + ", NULL, NULL)");

  RetentionPolicy policy;  // defaults: health-sensitive kept, derived 365 d, operational 90 d
  auto report = purge_expired(*db, policy, clock);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->rows_deleted, 1);    // the refresh token that expired 100 days ago
  EXPECT_EQ(report->values_cleared, 1);  // emotion scores of the 400-day-old entry
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries"), 2);
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries WHERE emotions_ct IS NULL"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM refresh_tokens"), 1);
  EXPECT_EQ(purge_expired(*db, policy, clock)->values_cleared, 0);  // idempotent

  // A configured health-sensitive retention of 30 days deletes entries once the clock passes it.
  policy.health_sensitive_days = 30;
  EXPECT_EQ(purge_expired(*db, policy, clock)->rows_deleted, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries"), 1);
  clock.advance(21 * kDay);
  EXPECT_EQ(purge_expired(*db, policy, clock)->rows_deleted, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries"), 0);
}

}  // namespace
}  // namespace mind_log::governance
