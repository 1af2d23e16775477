#pragma once
// Accounts and sessions of Mind-Log.
//
//  * Sign-up: e-mail (stored encrypted, found through a blind index) + Argon2id password hash.
//  * Login: short-lived access token (JWT HS256, 15 min) + refresh token (random 256 bits,
//    only its SHA-256 stored, 30 days). Refreshing rotates: the old token is marked used and a
//    new one joins the same family. Presenting a used token again means it was stolen (or the
//    client replayed it): the whole family is revoked ("refresh-token-reused").
//  * Logout revokes one family; logout-everywhere revokes all and bumps the session
//    generation, so outstanding access tokens stop working too.
//  * Deletion: password check, then crypto-shredding of the user's data keys, erasure of every
//    registered module's rows, WAL truncation, and an audit event.
//
// Errors (problem codes): "invalid-email" 422, "weak-password" 422, "email-taken" 409,
// "invalid-credentials" 401, "account-locked" 423, "login-rate-limited" 429,
// "refresh-token-invalid" 401, "refresh-token-expired" 401, "refresh-token-reused" 401,
// "auth-required" 401, "session-revoked" 401, token-* 401 from platform/auth.
//
// Thread-safe: state lives in the Database (serialised writes); the throttle and hasher are
// thread-safe.
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "mind_log/accounts/login_throttle.hpp"
#include "mind_log/accounts/password_hasher.hpp"
#include "mind_log/governance/audit_log.hpp"
#include "mind_log/governance/data_registry.hpp"
#include "mind_log/store/database.hpp"
#include "mind_log/vault/vault.hpp"
#include "platform/auth/signed_token.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::accounts {

std::span<const store::Migration> account_migrations();

struct AccountOptions {
  Argon2Params argon2;
  ThrottleOptions throttle;
  platform::Millis access_ttl_ms = 15 * 60'000;
  platform::Millis refresh_ttl_ms = 30LL * 24 * 3'600'000;
  std::size_t min_password_length = 10;
  std::size_t max_password_length = 256;
};

struct Session {
  std::string user_id;
  std::string access_token;
  std::string refresh_token;
  platform::Millis access_expires_in_ms = 0;
};

class AccountService {
 public:
  AccountService(store::Database& db, vault::Vault& vault, governance::AuditLog& audit,
                 const governance::DataRegistry& data, const platform::Clock& clock, AccountOptions options);

  platform::Result<std::string> sign_up(std::string_view email, std::string_view password);
  platform::Result<Session> log_in(std::string_view email, std::string_view password, const std::string& address);
  platform::Result<Session> refresh(std::string_view refresh_token);
  platform::Result<void> log_out(std::string_view refresh_token);
  platform::Result<void> log_out_everywhere(std::string_view user_id);
  platform::Result<void> delete_account(std::string_view user_id, std::string_view password);

  // The user id of a valid, unrevoked access token.
  platform::Result<std::string> authenticate(std::string_view access_token) const;
  platform::Result<std::string> email_of(std::string_view user_id);

  const PasswordHasher& hasher() const { return hasher_; }

 private:
  platform::Result<Session> issue(std::string_view user_id, std::int64_t generation, std::string family_id,
                                  store::Connection& c);

  store::Database& db_;
  vault::Vault& vault_;
  governance::AuditLog& audit_;
  const governance::DataRegistry& data_;
  const platform::Clock& clock_;
  AccountOptions options_;
  PasswordHasher hasher_;
  LoginThrottle throttle_;
  platform::auth::TokenSigner signer_;
};

// Lower-cased, trimmed e-mail, or "invalid-email".
platform::Result<std::string> normalize_email(std::string_view email);

}  // namespace mind_log::accounts
