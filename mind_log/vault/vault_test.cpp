#include "mind_log/vault/vault.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "mind_log/vault/ciphertext_format.hpp"
#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/memory_user_key_store.hpp"
#include "mind_log/vault/record_cipher.hpp"

namespace mind_log::vault {
namespace {

Keyring fresh_keyring(Random& random) {
  Keyring k = with_new_version(Keyring{}, random);
  k.index_key.assign(32, '\x07');
  return k;
}

struct Fixture : ::testing::Test {
  SystemRandom random;
  MemoryUserKeyStore store;
  Keyring keyring = fresh_keyring(random);
  LocalKeyProvider provider{keyring, random};
  Vault vault{provider, store, random};
};

TEST_F(Fixture, RoundTripsManySizes) {
  for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 4096u, 1u << 20}) {
    std::string pt(n, '\0');
    for (std::size_t i = 0; i < n; ++i) pt[i] = static_cast<char>(i * 31 + 7);
    auto ct = vault.encrypt("alice", "entry-1", "journal.text", pt);
    ASSERT_TRUE(ct);
    EXPECT_EQ(ct->size(), n + format::kOverhead);
    auto back = vault.decrypt("alice", "entry-1", "journal.text", *ct);
    ASSERT_TRUE(back) << back.error().code;
    EXPECT_EQ(*back, pt);
  }
}

TEST_F(Fixture, SamePlaintextNeverGivesSameCiphertext) {
  auto a = vault.encrypt("alice", "r", "f", "same words");
  auto b = vault.encrypt("alice", "r", "f", "same words");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
}

TEST_F(Fixture, EverySingleBitFlipIsRejected) {
  auto ct = vault.encrypt("alice", "entry-1", "journal.text", "I told no one about this.");
  ASSERT_TRUE(ct);
  for (std::size_t bit = 0; bit < ct->size() * 8; ++bit) {
    std::string t = *ct;
    t[bit / 8] = static_cast<char>(t[bit / 8] ^ (1 << (bit % 8)));
    auto r = vault.decrypt("alice", "entry-1", "journal.text", t);
    ASSERT_FALSE(r) << "bit " << bit << " flipped was accepted";
    // Header bits give a format/key error; everything after the key lookup is a tag failure.
    static const std::set<std::string> codes{"vault-malformed", "vault-unsupported", "vault-key-unknown",
                                             "vault-auth-failed"};
    EXPECT_TRUE(codes.contains(r.error().code)) << r.error().code;
  }
}

TEST_F(Fixture, EverySingleBitFlipInTheBoundDataIsRejected) {
  const std::string user = "alice", record = "entry-1", field = "journal.text";
  auto ct = vault.encrypt(user, record, field, "payload");
  ASSERT_TRUE(ct);
  auto flips = [](std::string s, std::size_t bit) {
    s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
    return s;
  };
  for (std::size_t bit = 0; bit < record.size() * 8; ++bit) {
    auto r = vault.decrypt(user, flips(record, bit), field, *ct);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vault-auth-failed");
  }
  for (std::size_t bit = 0; bit < field.size() * 8; ++bit) {
    auto r = vault.decrypt(user, record, flips(field, bit), *ct);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vault-auth-failed");
  }
  for (std::size_t bit = 0; bit < user.size() * 8; ++bit) {
    auto r = vault.decrypt(flips(user, bit), record, field, *ct);
    ASSERT_FALSE(r);  // that user has no data key at all
    EXPECT_EQ(r.error().code, "vault-key-unknown");
  }
  // Moving bytes between fields (same record) is also caught.
  EXPECT_EQ(vault.decrypt(user, record, "journal.mood", *ct).error().code, "vault-auth-failed");
}

TEST_F(Fixture, TruncatedCiphertextIsMalformed) {
  auto ct = vault.encrypt("alice", "r", "f", "x");
  ASSERT_TRUE(ct);
  for (std::size_t n = 0; n < format::kOverhead; ++n) {
    auto r = vault.decrypt("alice", "r", "f", ct->substr(0, n));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vault-malformed") << n;
  }
  // Cutting the tag short but keeping the size above the minimum: authentication fails.
  auto r = vault.decrypt("alice", "r", "f", ct->substr(0, ct->size() - 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vault-auth-failed");
}

TEST_F(Fixture, UserBCannotReadUserARecords) {
  ASSERT_TRUE(vault.ensure_user_key("bob"));
  auto ct = vault.encrypt("alice", "entry-1", "journal.text", "alice's secret");
  ASSERT_TRUE(ct);
  // Through the vault: bob's data key of that version has another key id.
  auto r = vault.decrypt("bob", "entry-1", "journal.text", *ct);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vault-key-unknown");
  // Even forcing bob's raw data key onto the record fails authentication.
  auto bob_keys = store.load("bob");
  ASSERT_TRUE(bob_keys && bob_keys->size() == 1);
  auto bob_key = provider.decrypt_data_key((*bob_keys)[0].wrapped, "user=bob;version=1");
  ASSERT_TRUE(bob_key);
  RecordCipher bob_cipher(*bob_key);
  auto h = format::parse_header(*ct);
  ASSERT_TRUE(h);
  auto forced = bob_cipher.open(*h, *ct, "alice", "entry-1", "journal.text");
  ASSERT_FALSE(forced);
  EXPECT_EQ(forced.error().code, "vault-auth-failed");
}

TEST_F(Fixture, WrappedKeyCopiedToAnotherUserDoesNotUnwrap) {
  ASSERT_TRUE(vault.ensure_user_key("alice"));
  auto alice = store.load("alice");
  ASSERT_TRUE(alice && alice->size() == 1);
  WrappedUserKey stolen = (*alice)[0];
  stolen.user_id = "mallory";
  ASSERT_TRUE(store.insert(stolen));
  auto ct = vault.encrypt("alice", "r", "f", "x");
  ASSERT_TRUE(ct);
  auto r = vault.decrypt("mallory", "r", "f", *ct);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vault-auth-failed");  // the wrapping is bound to user and version
}

TEST_F(Fixture, ShreddingMakesEveryCopyUnreadable) {
  auto ct = vault.encrypt("alice", "r", "f", "gone for good");
  ASSERT_TRUE(ct);
  std::string backup_copy = *ct;
  ASSERT_TRUE(vault.shred("alice"));
  auto r = vault.decrypt("alice", "r", "f", backup_copy);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vault-key-unknown");
  // A new key for the same id (re-registration) cannot read the old copy either.
  ASSERT_TRUE(vault.ensure_user_key("alice"));
  r = vault.decrypt("alice", "r", "f", backup_copy);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vault-key-unknown");
}

TEST_F(Fixture, IntegrityFailuresAreReportedShreddedKeysAreNot) {
  std::vector<std::string> reported;
  vault.set_integrity_failure_observer([&](std::string_view code) { reported.emplace_back(code); });
  auto ct = vault.encrypt("alice", "r", "f", "secret");
  ASSERT_TRUE(ct);
  std::string tampered = *ct;
  tampered.back() ^= 1;
  EXPECT_FALSE(vault.decrypt("alice", "r", "f", tampered));
  EXPECT_FALSE(vault.decrypt("alice", "r", "f", ct->substr(0, 3)));
  EXPECT_FALSE(vault.decrypt("alice", "r2", "f", *ct));  // moved to another record: auth fails
  ASSERT_TRUE(vault.decrypt("alice", "r", "f", *ct));
  ASSERT_TRUE(vault.shred("alice"));
  EXPECT_FALSE(vault.decrypt("alice", "r", "f", *ct));  // by design after shredding: not reported
  EXPECT_EQ(reported, (std::vector<std::string>{"vault-auth-failed", "vault-malformed", "vault-auth-failed"}));
}

TEST_F(Fixture, KekRotationRewrapsWithoutTouchingRecordsAndRetiresOldVersion) {
  std::vector<std::pair<std::string, std::string>> records;
  for (int u = 0; u < 25; ++u) {
    std::string user = "user-" + std::to_string(u);
    auto ct = vault.encrypt(user, "r", "f", "note of " + user);
    ASSERT_TRUE(ct);
    records.emplace_back(user, *ct);
  }
  auto old_wrapped = store.load("user-0");
  ASSERT_TRUE(old_wrapped);

  // Version 2 of the KEK: a new provider over the extended keyring, rewrap in batches.
  Keyring k2 = with_new_version(keyring, random);
  LocalKeyProvider p2(k2, random);
  Vault v2(p2, store, random);
  std::size_t total = 0;
  RotationProgress progress;
  do {
    auto step = v2.rewrap_batch(10);
    ASSERT_TRUE(step);
    progress = *step;
    total += progress.rewrapped;
  } while (progress.remaining > 0);
  EXPECT_EQ(total, 25u);
  EXPECT_EQ(v2.rewrap_batch(10)->rewrapped, 0u);  // idempotent

  // Retire KEK 1: only version 2 remains; records sealed before rotation still open.
  LocalKeyProvider p3(retire_below(k2, 2), random);
  Vault v3(p3, store, random);
  for (auto& [user, ct] : records) {
    auto pt = v3.decrypt(user, "r", "f", ct);
    ASSERT_TRUE(pt) << pt.error().code;
    EXPECT_EQ(*pt, "note of " + user);
    EXPECT_EQ(Vault::inspect(ct)->key_version, 1u);
  }
  // A data key still wrapped under the retired KEK (e.g. from an old backup) is refused.
  auto stale = p3.decrypt_data_key((*old_wrapped)[0].wrapped, "user=user-0;version=1");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "vault-key-retired");

  // New writes use data key version 2 (records move lazily on write) ...
  auto fresh = v3.encrypt("user-0", "r", "f", "rewritten");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(Vault::inspect(*fresh)->key_version, 2u);
  // ... and the minimum decryption version retires records not yet rewritten.
  v3.set_min_key_version(2);
  EXPECT_EQ(v3.decrypt("user-1", "r", "f", records[1].second).error().code, "vault-key-retired");
  EXPECT_EQ(*v3.decrypt("user-0", "r", "f", *fresh), "rewritten");
}

TEST_F(Fixture, BlindIndexIsDeterministicPerPurposeAndKey) {
  auto a = vault.blind_index("email", "a@example.com");
  EXPECT_EQ(a, vault.blind_index("email", "a@example.com"));
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, vault.blind_index("email", "b@example.com"));
  EXPECT_NE(a, vault.blind_index("phone", "a@example.com"));
  Keyring other = keyring;
  other.index_key.assign(32, '\x08');
  LocalKeyProvider p2(other, random);
  Vault v2(p2, store, random);
  EXPECT_NE(a, v2.blind_index("email", "a@example.com"));
}

TEST_F(Fixture, UnknownFormatVersionOrAlgorithmIsUnsupported) {
  auto ct = vault.encrypt("alice", "r", "f", "x");
  ASSERT_TRUE(ct);
  std::string v = *ct;
  v[2] = 2;
  EXPECT_EQ(vault.decrypt("alice", "r", "f", v).error().code, "vault-unsupported");
  std::string a = *ct;
  a[3] = 9;
  EXPECT_EQ(vault.decrypt("alice", "r", "f", a).error().code, "vault-unsupported");
  std::string m = *ct;
  m[0] = 'X';
  EXPECT_EQ(vault.decrypt("alice", "r", "f", m).error().code, "vault-malformed");
}

TEST_F(Fixture, ConcurrentFirstWritesOfOneUserShareOneDataKey) {
  std::vector<std::thread> threads;
  std::vector<std::string> cts(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      auto ct = vault.encrypt("carol", "r" + std::to_string(t), "f", "note " + std::to_string(t));
      ASSERT_TRUE(ct);
      cts[static_cast<std::size_t>(t)] = *ct;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(store.load("carol")->size(), 1u);
  Vault fresh(provider, store, random);
  for (int t = 0; t < 8; ++t)
    EXPECT_EQ(*fresh.decrypt("carol", "r" + std::to_string(t), "f", cts[static_cast<std::size_t>(t)]),
              "note " + std::to_string(t));
}

TEST(KeyringTest, ValidateRejectsBrokenKeyrings) {
  Keyring k;
  EXPECT_EQ(validate(k).error().code, "keyring-invalid");
  k.keks[1] = std::string(31, 'x');
  k.index_key.assign(32, 'i');
  EXPECT_EQ(validate(k).error().code, "keyring-invalid");
  k.keks[1] = std::string(32, 'x');
  EXPECT_TRUE(validate(k));
  k.min_version = 3;
  EXPECT_EQ(validate(k).error().code, "keyring-invalid");
}

}  // namespace
}  // namespace mind_log::vault
