#include "mind_log/accounts/account_service.hpp"

#include <algorithm>
#include <cctype>

#include "platform/crypto/primitives.hpp"

namespace mind_log::accounts {

namespace {

constexpr store::Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE users (
  user_id            TEXT    PRIMARY KEY,
  email_index        BLOB    NOT NULL UNIQUE,
  email_ct           BLOB    NOT NULL,
  password_hash      TEXT    NOT NULL,
  created_at         INTEGER NOT NULL,
  session_generation INTEGER NOT NULL DEFAULT 0,
  failed_logins      INTEGER NOT NULL DEFAULT 0,
  first_failed_at    INTEGER NOT NULL DEFAULT 0,
  locked_until       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE refresh_tokens (
  token_hash BLOB    PRIMARY KEY,
  family_id  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  revoked_at INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
)sql"},
};

platform::Error invalid_credentials() {
  return {"invalid-credentials", 401, "E-mail or password is wrong", ""};
}

struct UserRow {
  std::string user_id;
  std::string password_hash;
  std::int64_t generation = 0;
  AccountLockState lock;
};

// Reads the user with this blind index; nullopt when there is none.
platform::Result<std::optional<UserRow>> find_by_index(store::Connection& c, std::string_view index) {
  auto s = c.prepare(
      "SELECT user_id, password_hash, session_generation, failed_logins, first_failed_at, locked_until "
      "FROM users WHERE email_index = ?");
  if (!s) return std::unexpected(s.error());
  s->bind_blob(1, index);
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<UserRow>{};
  return std::optional<UserRow>{UserRow{s->text(0), s->text(1), s->int64(2), {s->int64(3), s->int64(4), s->int64(5)}}};
}

platform::Result<void> save_lock(store::Connection& c, std::string_view user_id, const AccountLockState& s) {
  auto u = c.prepare("UPDATE users SET failed_logins = ?, first_failed_at = ?, locked_until = ? WHERE user_id = ?");
  if (!u) return std::unexpected(u.error());
  u->bind(1, s.failed_logins).bind(2, s.first_failed_at).bind(3, s.locked_until).bind_text(4, user_id);
  return u->run();
}

std::string signing_key(vault::Vault& vault) { return vault.blind_index("access-token-signing-key", "v1"); }

}  // namespace

std::span<const store::Migration> account_migrations() { return kMigrations; }

platform::Result<std::string> normalize_email(std::string_view email) {
  auto bad = [] { return platform::fail("invalid-email", 422, "E-mail address is not valid"); };
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  if (email.size() < 3 || email.size() > 254) return bad();
  auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return bad();
  auto domain = email.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.')
    return bad();
  std::string out;
  for (char ch : email) {
    auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u == 0x7f) return bad();
    out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

AccountService::AccountService(store::Database& db, vault::Vault& vault, governance::AuditLog& audit,
                               const governance::DataRegistry& data, const platform::Clock& clock,
                               AccountOptions options)
    : db_(db),
      vault_(vault),
      audit_(audit),
      data_(data),
      clock_(clock),
      options_(options),
      hasher_(options.argon2),
      throttle_(clock, options.throttle),
      signer_(signing_key(vault), "ml1") {}

platform::Result<std::string> AccountService::sign_up(std::string_view email, std::string_view password) {
  auto normalized = normalize_email(email);
  if (!normalized) return std::unexpected(normalized.error());
  if (password.size() < options_.min_password_length || password.size() > options_.max_password_length)
    return platform::fail("weak-password", 422, "Password is too short or too long",
                          "use " + std::to_string(options_.min_password_length) + " to " +
                              std::to_string(options_.max_password_length) + " characters");
  const std::string index = vault_.blind_index("email", *normalized);
  bool taken = false;
  auto probe = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto u = find_by_index(c, index);
    if (!u) return std::unexpected(u.error());
    taken = u->has_value();
    return {};
  });
  if (!probe) return std::unexpected(probe.error());
  if (taken) return platform::fail("email-taken", 409, "An account with this e-mail exists");

  const std::string user_id = platform::crypto::random_id(16);
  const std::string password_hash = hasher_.hash(password);
  auto email_ct = vault_.encrypt(user_id, user_id, "account.email", *normalized);
  if (!email_ct) return std::unexpected(email_ct.error());
  auto inserted = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "INSERT INTO users (user_id, email_index, email_ct, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id).bind_blob(2, index).bind_blob(3, *email_ct).bind_text(4, password_hash);
    s->bind(5, clock_.now_ms());
    return s->run();
  });
  if (!inserted) {
    (void)vault_.shred(user_id);  // the data key made for this attempt protects nothing now
    if (inserted.error().code == "store-conflict")
      return platform::fail("email-taken", 409, "An account with this e-mail exists");
    return std::unexpected(inserted.error());
  }
  (void)audit_.append("account.created", user_id);
  return user_id;
}

platform::Result<Session> AccountService::log_in(std::string_view email, std::string_view password,
                                                 const std::string& address) {
  std::int64_t retry_after = 0;
  if (!throttle_.admit_address(address, retry_after)) {
    (void)audit_.append("login.rate_limited", "", {{"address", address}});
    return platform::fail("login-rate-limited", 429, "Too many login attempts",
                          "try again in " + std::to_string(retry_after) + " s");
  }
  auto normalized = normalize_email(email);
  if (!normalized) return std::unexpected(normalized.error());
  const std::string index = vault_.blind_index("email", *normalized);
  std::optional<UserRow> user;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto u = find_by_index(c, index);
    if (!u) return std::unexpected(u.error());
    user = std::move(*u);
    return {};
  });
  if (!r) return std::unexpected(r.error());
  if (!user) {
    hasher_.burn(password);
    (void)audit_.append("login.failed", "", {{"reason", "unknown-email"}});
    return std::unexpected(invalid_credentials());
  }
  auto locked_error = [&](const AccountLockState& s) {
    return platform::fail("account-locked", 423, "Account is temporarily locked",
                          "too many failed logins; try again in " + std::to_string(throttle_.lock_seconds_left(s)) +
                              " s");
  };
  if (throttle_.locked(user->lock)) {
    (void)audit_.append("login.locked", user->user_id);
    return locked_error(user->lock);
  }
  if (!hasher_.verify(user->password_hash, password)) {
    AccountLockState after;
    auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
      auto fresh = find_by_index(c, index);  // the current counters, not the ones read before hashing
      if (!fresh) return std::unexpected(fresh.error());
      if (!*fresh) return {};
      after = throttle_.after_failure((*fresh)->lock);
      return save_lock(c, user->user_id, after);
    });
    if (!w) return std::unexpected(w.error());
    (void)audit_.append("login.failed", user->user_id, {{"reason", "password"}});
    if (throttle_.locked(after)) {
      (void)audit_.append("account.locked", user->user_id);
      return locked_error(after);
    }
    return std::unexpected(invalid_credentials());
  }
  std::optional<std::string> rehashed;
  if (hasher_.needs_rehash(user->password_hash)) rehashed = hasher_.hash(password);
  platform::Result<Session> session = platform::fail("store-error", 500, "Storage error");
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    if (auto s = save_lock(c, user->user_id, LoginThrottle::after_success()); !s) return s;
    if (rehashed) {
      auto u = c.prepare("UPDATE users SET password_hash = ? WHERE user_id = ?");
      if (!u) return std::unexpected(u.error());
      u->bind_text(1, *rehashed).bind_text(2, user->user_id);
      if (auto run = u->run(); !run) return run;
    }
    session = issue(user->user_id, user->generation, platform::crypto::random_id(16), c);
    if (!session) return std::unexpected(session.error());
    return {};
  });
  if (!w) return std::unexpected(w.error());
  (void)audit_.append("login.succeeded", user->user_id);
  return session;
}

platform::Result<std::string> AccountService::authenticate(std::string_view access_token) const {
  if (access_token.empty()) return platform::fail("auth-required", 401, "Authentication required");
  auto claims = signer_.verify(access_token, clock_.now_ms());
  if (!claims) return std::unexpected(claims.error());
  auto* sub = claims->if_contains("sub");
  auto* gen = claims->if_contains("gen");
  if (!sub || !sub->is_string() || !gen || !gen->is_int64())
    return platform::fail("token-malformed", 401, "Malformed token");
  std::string user_id(sub->as_string());
  bool current = false;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT session_generation FROM users WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    current = *row && s->int64(0) == gen->as_int64();
    return {};
  });
  if (!r) return std::unexpected(r.error());
  if (!current) return platform::fail("session-revoked", 401, "Session was revoked", "log in again");
  return user_id;
}

platform::Result<std::string> AccountService::email_of(std::string_view user_id) {
  std::optional<std::string> ct;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT email_ct FROM users WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (*row) ct = s->blob(0);
    return {};
  });
  if (!r) return std::unexpected(r.error());
  if (!ct) return platform::fail("account-not-found", 404, "Account not found");
  return vault_.decrypt(user_id, user_id, "account.email", *ct);
}

platform::Result<void> AccountService::delete_account(std::string_view user_id, std::string_view password) {
  std::optional<std::string> hash;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT password_hash FROM users WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (*row) hash = s->text(0);
    return {};
  });
  if (!r) return r;
  if (!hash) return platform::fail("account-not-found", 404, "Account not found");
  if (!hasher_.verify(*hash, password)) {
    (void)audit_.append("account.delete_refused", user_id);
    return std::unexpected(invalid_credentials());
  }
  // Shred first: from this instant every copy of the user's ciphertext anywhere is noise,
  // even if a later step fails and has to be retried.
  if (auto s = vault_.shred(user_id); !s) return s;
  if (auto e = data_.erase_user(user_id); !e) return e;
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    for (const char* sql : {"DELETE FROM refresh_tokens WHERE user_id = ?", "DELETE FROM users WHERE user_id = ?"}) {
      auto s = c.prepare(sql);
      if (!s) return std::unexpected(s.error());
      s->bind_text(1, user_id);
      if (auto run = s->run(); !run) return run;
    }
    return {};
  });
  if (!w) return w;
  if (auto ck = db_.checkpoint_truncate(); !ck) return ck;
  (void)audit_.append("account.deleted", user_id);
  return {};
}

}  // namespace mind_log::accounts
