#include "mind_log/journal/journal_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mind_log/store/sqlite_user_key_store.hpp"
#include "mind_log/vault/ciphertext_format.hpp"
#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/record_cipher.hpp"

namespace mind_log::journal {
namespace {

struct JournalTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ml-journal-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  platform::ManualClock clock;
  vault::SystemRandom random;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::SqliteUserKeyStore> keys;
  std::unique_ptr<vault::LocalKeyProvider> provider;
  std::unique_ptr<vault::Vault> vault;
  std::unique_ptr<JournalStore> journal;

  void SetUp() override {
    std::filesystem::create_directories(dir);
    db = std::move(*store::Database::open((dir / "mind-log.db").string()));
    ASSERT_TRUE(db->migrate("vault", store::vault_migrations()));
    ASSERT_TRUE(db->migrate("journal", journal_migrations()));
    keys = std::make_unique<store::SqliteUserKeyStore>(*db);
    vault::Keyring ring = vault::with_new_version({}, random);
    ring.index_key.assign(32, 'i');
    provider = std::make_unique<vault::LocalKeyProvider>(ring, random);
    vault = std::make_unique<vault::Vault>(*provider, *keys, random);
    journal = std::make_unique<JournalStore>(*db, *vault, clock);
  }
  void TearDown() override {
    journal.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  static EntryInput input(std::string text, std::string when = "2026-11-27T21:30:00+09:00") {
    EntryInput in;
    in.text = std::move(text);
    in.mood = 4;
    in.tags = {"anxious"};
    in.activities = {"work", "walk"};
    in.sleep_hours = 6;
    in.occurred_at = std::move(when);
    in.time_zone = "Asia/Seoul";
    return in;
  }
  std::string raw_bytes() {
    std::string all;
    for (auto name : {"mind-log.db", "mind-log.db-wal"}) {
      std::ifstream in(dir / name, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      all += ss.str();
    }
    return all;
  }
  std::int64_t count() {
    std::int64_t n = 0;
    EXPECT_TRUE(db->read([&](store::Connection& c) -> platform::Result<void> {
      auto s = c.prepare("SELECT count(*) FROM journal_entries");
      (void)s->step();
      n = s->int64(0);
      return {};
    }));
    return n;
  }
};

TEST_F(JournalTest, CreateReadUpdateListDelete) {
  auto e = journal->create("alice", input("시험 때문에 너무 불안했다"));
  ASSERT_TRUE(e) << e.error().code;
  auto back = journal->get("alice", e->entry_id);
  ASSERT_TRUE(back) << back.error().code;
  EXPECT_EQ(back->text, "시험 때문에 너무 불안했다");
  EXPECT_EQ(back->mood, 4);
  EXPECT_EQ(back->activities, (std::vector<std::string>{"work", "walk"}));
  EXPECT_EQ(*back->sleep_hours, 6.0);
  EXPECT_EQ(back->time_zone, "Asia/Seoul");
  EXPECT_EQ(back->utc_offset_minutes, 540);
  ASSERT_TRUE(back->emotions);
  EXPECT_EQ(back->emotions->dominant, "anxiety");

  clock.advance(1000);
  auto in = input("Calm and relaxed now.");
  in.sleep_hours.reset();
  auto up = journal->update("alice", e->entry_id, in);
  ASSERT_TRUE(up);
  back = journal->get("alice", e->entry_id);
  EXPECT_EQ(back->text, "Calm and relaxed now.");
  EXPECT_FALSE(back->sleep_hours);
  EXPECT_EQ(back->emotions->dominant, "calm");
  EXPECT_GT(back->updated_at, back->created_at);

  ASSERT_TRUE(journal->create("alice", input("next day", "2026-11-28T08:00:00+09:00")));
  ASSERT_TRUE(journal->create("alice", input("week later", "2026-12-05T08:00:00+09:00")));
  auto from = platform::parse_timestamp("2026-11-27T00:00:00+09:00")->utc_ms;
  auto to = platform::parse_timestamp("2026-11-29T00:00:00+09:00")->utc_ms;
  auto listed = journal->list("alice", from, to, 100);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].text, "next day");
  EXPECT_EQ(journal->list("alice", to, from, 100).error().code, "invalid-field");
  EXPECT_EQ(journal->list("alice", from, to, 0).error().code, "invalid-field");

  ASSERT_TRUE(journal->remove("alice", e->entry_id));
  EXPECT_EQ(journal->get("alice", e->entry_id).error().code, "entry-not-found");
  EXPECT_EQ(journal->remove("alice", e->entry_id).error().code, "entry-not-found");
}

TEST_F(JournalTest, AnotherUsersEntryIsNotFoundAndUntouched) {
  auto e = journal->create("alice", input("alice only"));
  ASSERT_TRUE(e);
  EXPECT_EQ(journal->get("bob", e->entry_id).error().code, "entry-not-found");
  EXPECT_EQ(journal->update("bob", e->entry_id, input("bob was here")).error().code, "entry-not-found");
  EXPECT_EQ(journal->remove("bob", e->entry_id).error().code, "entry-not-found");
  EXPECT_EQ(journal->get("alice", e->entry_id)->text, "alice only");
}

TEST_F(JournalTest, InvalidInputChangesNothing) {
  auto e = journal->create("alice", input("original"));
  ASSERT_TRUE(e);
  auto bad = input("changed");
  bad.mood = 42;
  EXPECT_EQ(journal->update("alice", e->entry_id, bad).error().code, "invalid-field");
  EXPECT_EQ(journal->create("alice", bad).error().code, "invalid-field");
  auto big = input(std::string(20'001, 'x'));
  EXPECT_EQ(journal->create("alice", big).error().code, "entry-too-large");
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(journal->get("alice", e->entry_id)->text, "original");
}

TEST_F(JournalTest, KnownPhrasesNeverReachTheDatabaseFileOrWal) {
  const std::string phrase = "nobody knows about the panic attack on the bridge";
  const std::string korean = "다리 위에서 공황이 왔다는 건 아무도 모른다";
  ASSERT_TRUE(journal->create("alice", input(phrase)));
  auto k = journal->create("alice", input(korean));
  ASSERT_TRUE(k);
  ASSERT_TRUE(journal->update("alice", k->entry_id, input(korean + " 다시")));
  auto raw = raw_bytes();
  ASSERT_GT(raw.size(), 4096u);
  EXPECT_EQ(raw.find(phrase), std::string::npos);
  EXPECT_EQ(raw.find("panic attack"), std::string::npos);
  EXPECT_EQ(raw.find(korean), std::string::npos);
  EXPECT_EQ(raw.find("공황"), std::string::npos);
  EXPECT_EQ(raw.find("Asia/Seoul"), std::string::npos);
  EXPECT_EQ(raw.find("\"walk\""), std::string::npos);
}

TEST_F(JournalTest, AfterShreddingRawBytesOnDiskAreUnreadableWithAnyRemainingKey) {
  const std::string secret = "alice's words that must disappear";
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(journal->create("alice", input(secret)));
  ASSERT_TRUE(journal->create("bob", input("bob stays")));
  std::string alice_key_id;
  ASSERT_TRUE(db->read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT key_id FROM vault_user_keys WHERE user_id = 'alice'");
    (void)s->step();
    alice_key_id = s->blob(0);
    return {};
  }));
  std::string before = raw_bytes();  // what a backup or a disk image taken now holds

  ASSERT_TRUE(vault->shred("alice"));
  ASSERT_TRUE(journal->erase_user("alice"));
  std::string after = raw_bytes();

  // Every remaining data key, unwrapped, tried against every ciphertext header found on disk.
  std::vector<std::pair<std::string, std::unique_ptr<vault::RecordCipher>>> remaining;
  auto rows = keys->stale(1'000'000, 1'000);
  ASSERT_TRUE(rows);
  for (auto& k : *rows) {
    auto clear = provider->decrypt_data_key(k.wrapped, "user=" + k.user_id + ";version=1");
    ASSERT_TRUE(clear);
    remaining.emplace_back(k.key_id, std::make_unique<vault::RecordCipher>(*clear));
    EXPECT_NE(k.key_id, alice_key_id);
  }
  ASSERT_EQ(remaining.size(), 1u);  // bob's
  int alice_ciphertexts = 0;
  for (const std::string* image : {&before, &after}) {
    for (auto pos = image->find("MV\x01\x01"); pos != std::string::npos; pos = image->find("MV\x01\x01", pos + 1)) {
      if (image->compare(pos + 4, 16, alice_key_id) != 0) continue;
      ++alice_ciphertexts;
      auto candidate = image->substr(pos, vault::format::kOverhead + secret.size());
      auto h = vault::format::parse_header(candidate);
      ASSERT_TRUE(h);
      for (auto& [id, cipher] : remaining) {
        for (auto field : {"journal.text", "journal.mood", "journal.tags"}) {
          auto r = cipher->open(*h, candidate, "alice", "any", field);
          EXPECT_FALSE(r);
        }
      }
      // And through the vault under every identity: the key is gone.
      for (auto user : {"alice", "bob"})
        EXPECT_FALSE(vault->decrypt(user, "x", "journal.text", candidate));
    }
  }
  EXPECT_GT(alice_ciphertexts, 0);  // the test saw real leftovers, so it can fail
  EXPECT_EQ(after.find(secret), std::string::npos);
}

TEST_F(JournalTest, ExportPagesThroughEveryEntry) {
  for (int i = 0; i < 501; ++i) ASSERT_TRUE(journal->create("alice", input("e" + std::to_string(i))));
  auto exported = journal->export_user("alice");
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->as_array().size(), 501u);
  ASSERT_TRUE(journal->erase_user("alice"));
  EXPECT_EQ(journal->export_user("alice")->as_array().size(), 0u);
}

}  // namespace
}  // namespace mind_log::journal
