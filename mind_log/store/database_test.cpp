#include "mind_log/store/database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "mind_log/store/sqlite_user_key_store.hpp"
#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/vault.hpp"

namespace mind_log::store {
namespace {

struct DatabaseTest : ::testing::Test {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ml-store-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::unique_ptr<Database> db;
  void SetUp() override {
    std::filesystem::create_directories(dir);
    auto r = Database::open((dir / "mind-log.db").string());
    ASSERT_TRUE(r) << r.error().detail;
    db = std::move(*r);
  }
  void TearDown() override {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  std::int64_t count(const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(db->read([&](Connection& c) -> platform::Result<void> {
      auto s = c.prepare("SELECT count(*) FROM " + table);
      if (!s) return std::unexpected(s.error());
      (void)s->step();
      n = s->int64(0);
      return {};
    }));
    return n;
  }
};

constexpr Migration kNotes[] = {
    {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE);"},
    {2, "ALTER TABLE notes ADD COLUMN tag TEXT;"},
};

TEST_F(DatabaseTest, MigrationsApplyOnceInOrder) {
  ASSERT_TRUE(db->migrate("notes", kNotes));
  ASSERT_TRUE(db->migrate("notes", kNotes));  // second run is a no-op
  EXPECT_EQ(count("schema_migrations"), 2);
  ASSERT_TRUE(db->write([](Connection& c) { return c.exec("INSERT INTO notes (body, tag) VALUES ('a', 't')"); }));
  EXPECT_EQ(count("notes"), 1);
}

TEST_F(DatabaseTest, FailedWriteRollsBackAloneInItsGroup) {
  ASSERT_TRUE(db->migrate("notes", kNotes));
  ASSERT_TRUE(db->write([](Connection& c) { return c.exec("INSERT INTO notes (body) VALUES ('dup')"); }));
  auto r = db->write([](Connection& c) -> platform::Result<void> {
    if (auto a = c.exec("INSERT INTO notes (body) VALUES ('fresh')"); !a) return a;
    return c.exec("INSERT INTO notes (body) VALUES ('dup')");  // unique violation after a good insert
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "store-conflict");
  EXPECT_EQ(count("notes"), 1);  // 'fresh' was rolled back with its failing write
}

TEST_F(DatabaseTest, ConcurrentWritersShareCommits) {
  ASSERT_TRUE(db->migrate("notes", kNotes));
  const std::uint64_t before = db->commits();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto body = std::to_string(t) + "-" + std::to_string(i);
        ASSERT_TRUE(db->write([&](Connection& c) -> platform::Result<void> {
          auto s = c.prepare("INSERT INTO notes (body) VALUES (?)");
          if (!s) return std::unexpected(s.error());
          s->bind_text(1, body);
          return s->run();
        }));
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(count("notes"), 400);
  EXPECT_LT(db->commits() - before, 400u);  // grouped: fewer commits than writes
}

TEST_F(DatabaseTest, CheckpointTruncateEmptiesTheWal) {
  ASSERT_TRUE(db->migrate("notes", kNotes));
  ASSERT_TRUE(db->write([](Connection& c) { return c.exec("INSERT INTO notes (body) VALUES ('x')"); }));
  EXPECT_GT(std::filesystem::file_size(dir / "mind-log.db-wal"), 0u);
  for (auto name : {"mind-log.db", "mind-log.db-wal"}) {
    auto perms = std::filesystem::status(dir / name).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none)
        << name;
  }
  ASSERT_TRUE(db->checkpoint_truncate());
  EXPECT_EQ(std::filesystem::file_size(dir / "mind-log.db-wal"), 0u);
  EXPECT_EQ(count("notes"), 1);
}

TEST_F(DatabaseTest, UserKeyStoreBacksTheVault) {
  ASSERT_TRUE(db->migrate("vault", vault_migrations()));
  SqliteUserKeyStore keys(*db);
  vault::SystemRandom random;
  vault::Keyring ring = vault::with_new_version({}, random);
  ring.index_key.assign(32, 'i');
  vault::LocalKeyProvider provider(ring, random);
  vault::Vault v(provider, keys, random);
  auto ct = v.encrypt("u1", "r", "f", "hello");
  ASSERT_TRUE(ct);
  vault::Vault fresh(provider, keys, random);  // no cache: key comes back from SQLite
  EXPECT_EQ(*fresh.decrypt("u1", "r", "f", *ct), "hello");
  vault::WrappedUserKey dup{"u1", 1, std::string(16, 'k'), "w", 1};
  EXPECT_EQ(keys.insert(dup).error().code, "vault-key-exists");
  ASSERT_TRUE(fresh.shred("u1"));
  EXPECT_EQ(count("vault_user_keys"), 0);
  EXPECT_EQ(fresh.decrypt("u1", "r", "f", *ct).error().code, "vault-key-unknown");
}

}  // namespace
}  // namespace mind_log::store
