#include "mind_log/accounts/account_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "mind_log/store/sqlite_user_key_store.hpp"
#include "mind_log/vault/local_key_provider.hpp"

namespace mind_log::accounts {
namespace {

// Small Argon2 parameters keep the suite fast; the production defaults are tested once below.
AccountOptions fast_options() {
  AccountOptions o;
  o.argon2 = {64, 1, 1};
  return o;
}

struct AccountsTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ml-accounts-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  platform::ManualClock clock;
  vault::SystemRandom random;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::SqliteUserKeyStore> keys;
  std::unique_ptr<vault::LocalKeyProvider> provider;
  std::unique_ptr<vault::Vault> vault;
  std::unique_ptr<governance::AuditLog> audit;
  governance::DataRegistry registry;
  std::unique_ptr<AccountService> accounts;

  void SetUp() override {
    std::filesystem::create_directories(dir);
    db = std::move(*store::Database::open((dir / "mind-log.db").string()));
    ASSERT_TRUE(db->migrate("vault", store::vault_migrations()));
    ASSERT_TRUE(db->migrate("accounts", account_migrations()));
    keys = std::make_unique<store::SqliteUserKeyStore>(*db);
    vault::Keyring ring = vault::with_new_version({}, random);
    ring.index_key.assign(32, 'i');
    provider = std::make_unique<vault::LocalKeyProvider>(ring, random);
    vault = std::make_unique<vault::Vault>(*provider, *keys, random);
    audit = std::move(*governance::AuditLog::open((dir / "audit.log").string(), clock));
    accounts = std::make_unique<AccountService>(*db, *vault, *audit, registry, clock, fast_options());
  }
  void TearDown() override {
    accounts.reset();
    db.reset();
    std::filesystem::remove_all(dir);
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
  std::string sign_up(const std::string& email = "mina@example.com") {
    auto id = accounts->sign_up(email, "correct horse battery");
    EXPECT_TRUE(id) << id.error().code;
    return id.value_or("");
  }
};

TEST_F(AccountsTest, SignUpLogInAuthenticate) {
  auto id = sign_up("  Mina@Example.COM ");
  auto s = accounts->log_in("mina@example.com", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(s) << s.error().code;
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(*accounts->authenticate(s->access_token), id);
  EXPECT_EQ(*accounts->email_of(id), "mina@example.com");
  // The e-mail is stored only as ciphertext and a blind index.
  EXPECT_EQ(scalar("SELECT count(*) FROM users WHERE CAST(email_ct AS TEXT) LIKE '%mina%'"), 0);
}

TEST_F(AccountsTest, BadSignUpsGetSpecificCodesAndChangeNothing) {
  sign_up();
  for (const char* email : {"", "no-at-sign", "@example.com", "a@b", "a@@example.com", "a b@example.com",
                            "a@.example.com", "a@example."}) {
    auto r = accounts->sign_up(email, "correct horse battery");
    ASSERT_FALSE(r) << email;
    EXPECT_EQ(r.error().code, "invalid-email") << email;
  }
  EXPECT_EQ(accounts->sign_up("new@example.com", "short").error().code, "weak-password");
  EXPECT_EQ(accounts->sign_up("new@example.com", std::string(300, 'x')).error().code, "weak-password");
  EXPECT_EQ(accounts->sign_up("MINA@example.com", "another long password").error().code, "email-taken");
  EXPECT_EQ(scalar("SELECT count(*) FROM users"), 1);
  EXPECT_EQ(scalar("SELECT count(DISTINCT user_id) FROM vault_user_keys"), 1);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownEmailLookTheSame) {
  sign_up();
  EXPECT_EQ(accounts->log_in("mina@example.com", "wrong password!", "a").error().code, "invalid-credentials");
  EXPECT_EQ(accounts->log_in("nobody@example.com", "wrong password!", "a").error().code, "invalid-credentials");
}

TEST_F(AccountsTest, LockoutAfterFiveFailuresThenUnlocksWithTime) {
  sign_up();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(accounts->log_in("mina@example.com", "bad password", "ip" + std::to_string(i)).error().code,
              "invalid-credentials");
  auto fifth = accounts->log_in("mina@example.com", "bad password", "ip5");
  EXPECT_EQ(fifth.error().code, "account-locked");
  EXPECT_EQ(fifth.error().status, 423);
  // Locked even for the right password.
  EXPECT_EQ(accounts->log_in("mina@example.com", "correct horse battery", "ip6").error().code, "account-locked");
  clock.advance(15 * 60'000 + 1);
  EXPECT_TRUE(accounts->log_in("mina@example.com", "correct horse battery", "ip7"));
  EXPECT_EQ(scalar("SELECT failed_logins FROM users"), 0);
}

TEST_F(AccountsTest, FailuresOutsideTheWindowDoNotAccumulate) {
  sign_up();
  for (int i = 0; i < 4; ++i) (void)accounts->log_in("mina@example.com", "bad password", "x" + std::to_string(i));
  clock.advance(16 * 60'000);
  EXPECT_EQ(accounts->log_in("mina@example.com", "bad password", "y").error().code, "invalid-credentials");
}

TEST_F(AccountsTest, PerAddressRateLimit) {
  sign_up();
  for (int i = 0; i < 10; ++i) (void)accounts->log_in("nobody@example.com", "whatever pw", "203.0.113.9");
  auto r = accounts->log_in("mina@example.com", "correct horse battery", "203.0.113.9");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "login-rate-limited");
  EXPECT_EQ(r.error().status, 429);
  EXPECT_TRUE(accounts->log_in("mina@example.com", "correct horse battery", "198.51.100.1"));  // other address
  clock.advance(6'000);  // one token back
  EXPECT_TRUE(accounts->log_in("mina@example.com", "correct horse battery", "203.0.113.9"));
}

TEST_F(AccountsTest, RefreshRotatesAndReuseRevokesTheFamily) {
  sign_up();
  auto s1 = accounts->log_in("mina@example.com", "correct horse battery", "a");
  ASSERT_TRUE(s1);
  auto s2 = accounts->refresh(s1->refresh_token);
  ASSERT_TRUE(s2) << s2.error().code;
  EXPECT_NE(s2->refresh_token, s1->refresh_token);
  // The stolen, already-used token comes back: the family dies, including s2's token.
  auto reuse = accounts->refresh(s1->refresh_token);
  ASSERT_FALSE(reuse);
  EXPECT_EQ(reuse.error().code, "refresh-token-reused");
  EXPECT_EQ(accounts->refresh(s2->refresh_token).error().code, "refresh-token-invalid");
  EXPECT_EQ(accounts->refresh("not-a-token").error().code, "refresh-token-invalid");
  EXPECT_EQ(accounts->refresh("").error().code, "refresh-token-invalid");
}

TEST_F(AccountsTest, OtherSessionsSurviveAReuseInOneFamily) {
  sign_up();
  auto phone = accounts->log_in("mina@example.com", "correct horse battery", "a");
  auto laptop = accounts->log_in("mina@example.com", "correct horse battery", "b");
  ASSERT_TRUE(phone && laptop);
  ASSERT_TRUE(accounts->refresh(phone->refresh_token));
  EXPECT_FALSE(accounts->refresh(phone->refresh_token));
  EXPECT_TRUE(accounts->refresh(laptop->refresh_token));
}

TEST_F(AccountsTest, TokensExpire) {
  sign_up();
  auto s = accounts->log_in("mina@example.com", "correct horse battery", "a");
  ASSERT_TRUE(s);
  clock.advance(15 * 60'000 + 1);
  EXPECT_EQ(accounts->authenticate(s->access_token).error().code, "token-expired");
  clock.advance(30LL * 24 * 3'600'000);
  EXPECT_EQ(accounts->refresh(s->refresh_token).error().code, "refresh-token-expired");
}

TEST_F(AccountsTest, ForgedAndMissingTokens) {
  sign_up();
  auto s = accounts->log_in("mina@example.com", "correct horse battery", "a");
  ASSERT_TRUE(s);
  // Change a character in the middle of the signature: the last base64url character also
  // carries padding bits, so changing it may leave the decoded signature identical.
  std::string forged = s->access_token;
  char& c = forged[forged.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_EQ(accounts->authenticate(forged).error().code, "token-signature");
  EXPECT_EQ(accounts->authenticate("").error().code, "auth-required");
  EXPECT_EQ(accounts->authenticate("abc").error().code, "token-malformed");
}

TEST_F(AccountsTest, LogoutAndLogoutEverywhere) {
  sign_up();
  auto a = accounts->log_in("mina@example.com", "correct horse battery", "a");
  auto b = accounts->log_in("mina@example.com", "correct horse battery", "b");
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(accounts->log_out(a->refresh_token));
  EXPECT_EQ(accounts->refresh(a->refresh_token).error().code, "refresh-token-invalid");
  EXPECT_EQ(accounts->log_out(a->refresh_token).error().code, "refresh-token-invalid");
  EXPECT_TRUE(accounts->authenticate(b->access_token));
  ASSERT_TRUE(accounts->log_out_everywhere(b->user_id));
  EXPECT_EQ(accounts->authenticate(b->access_token).error().code, "session-revoked");
  EXPECT_EQ(accounts->refresh(b->refresh_token).error().code, "refresh-token-invalid");
  auto c = accounts->log_in("mina@example.com", "correct horse battery", "c");
  ASSERT_TRUE(c);
  EXPECT_TRUE(accounts->authenticate(c->access_token));
}

TEST_F(AccountsTest, DeletionNeedsThePasswordThenShredsEverything) {
  auto id = sign_up();
  auto s = accounts->log_in("mina@example.com", "correct horse battery", "a");
  ASSERT_TRUE(s);
  EXPECT_EQ(accounts->delete_account(id, "wrong password").error().code, "invalid-credentials");
  EXPECT_EQ(scalar("SELECT count(*) FROM users"), 1);
  ASSERT_TRUE(accounts->delete_account(id, "correct horse battery"));
  EXPECT_EQ(scalar("SELECT count(*) FROM users"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM refresh_tokens"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM vault_user_keys"), 0);
  EXPECT_EQ(accounts->authenticate(s->access_token).error().code, "session-revoked");
  EXPECT_EQ(accounts->log_in("mina@example.com", "correct horse battery", "b").error().code, "invalid-credentials");
  EXPECT_EQ(accounts->delete_account(id, "correct horse battery").error().code, "account-not-found");
  auto report = governance::verify_audit_file(audit->path());
  ASSERT_TRUE(report);
  EXPECT_GE(report->lines, 4u);
}

TEST_F(AccountsTest, LoginUpgradesOldHashParameters) {
  auto id = sign_up();
  AccountOptions stronger = fast_options();
  stronger.argon2 = {128, 2, 1};
  AccountService upgraded(*db, *vault, *audit, registry, clock, stronger);
  ASSERT_TRUE(upgraded.log_in("mina@example.com", "correct horse battery", "a"));
  EXPECT_EQ(scalar("SELECT count(*) FROM users WHERE password_hash LIKE '%m=128,t=2,p=1%'"), 1);
  EXPECT_TRUE(accounts->log_in("mina@example.com", "correct horse battery", "b"));
}

TEST(PasswordHasherTest, DefaultParametersRoundTrip) {
  PasswordHasher h;
  auto encoded = h.hash("correct horse battery");
  EXPECT_TRUE(encoded.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << encoded;
  EXPECT_TRUE(h.verify(encoded, "correct horse battery"));
  EXPECT_FALSE(h.verify(encoded, "correct horse batterY"));
  EXPECT_FALSE(h.verify("garbage", "x"));
  EXPECT_FALSE(h.needs_rehash(encoded));
}

}  // namespace
}  // namespace mind_log::accounts
