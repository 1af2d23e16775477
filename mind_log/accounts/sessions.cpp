// Refresh-token rotation, reuse detection and logout (part of AccountService).
#include "mind_log/accounts/account_service.hpp"
#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace mind_log::accounts {

namespace {

platform::Result<void> revoke_family(store::Connection& c, std::string_view family_id, platform::Millis now) {
  auto s = c.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL");
  if (!s) return std::unexpected(s.error());
  s->bind(1, now).bind_text(2, family_id);
  return s->run();
}

platform::Error invalid_refresh() { return {"refresh-token-invalid", 401, "Refresh token is not valid", ""}; }

}  // namespace

platform::Result<Session> AccountService::issue(std::string_view user_id, std::int64_t generation,
                                                std::string family_id, store::Connection& c) {
  const platform::Millis now = clock_.now_ms();
  std::string refresh = platform::crypto::random_id(32);
  auto s = c.prepare(
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  if (!s) return std::unexpected(s.error());
  s->bind_blob(1, platform::crypto::sha256(refresh)).bind_text(2, family_id).bind_text(3, user_id);
  s->bind(4, now).bind(5, now + options_.refresh_ttl_ms);
  if (auto r = s->run(); !r) return std::unexpected(r.error());
  boost::json::object claims{{"sub", user_id}, {"gen", generation}, {"sid", family_id}};
  return Session{std::string(user_id), signer_.sign(std::move(claims), now, options_.access_ttl_ms), refresh,
                 options_.access_ttl_ms};
}

platform::Result<Session> AccountService::refresh(std::string_view refresh_token) {
  if (refresh_token.empty() || refresh_token.size() > 128) return std::unexpected(invalid_refresh());
  enum class Outcome { rotated, unknown, revoked, reused, expired } outcome = Outcome::unknown;
  std::string user_id;
  platform::Result<Session> session = std::unexpected(invalid_refresh());
  const platform::Millis now = clock_.now_ms();
  // One transaction decides and records: a reuse must commit its revocation even though the
  // caller gets an error, so the lambda succeeds and the outcome is mapped afterwards.
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "SELECT t.family_id, t.user_id, t.expires_at, t.used_at IS NOT NULL, t.revoked_at IS NOT NULL, "
        "u.session_generation FROM refresh_tokens t JOIN users u USING (user_id) WHERE t.token_hash = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_blob(1, platform::crypto::sha256(refresh_token));
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    std::string family = s->text(0);
    user_id = s->text(1);
    const std::int64_t expires_at = s->int64(2), generation = s->int64(5);
    const bool used = s->int64(3) != 0, revoked = s->int64(4) != 0;
    if (revoked) {
      outcome = Outcome::revoked;
      return {};
    }
    if (used) {
      outcome = Outcome::reused;
      return revoke_family(c, family, now);
    }
    if (expires_at <= now) {
      outcome = Outcome::expired;
      return {};
    }
    auto u = c.prepare("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?");
    if (!u) return std::unexpected(u.error());
    u->bind(1, now).bind_blob(2, platform::crypto::sha256(refresh_token));
    if (auto r = u->run(); !r) return r;
    session = issue(user_id, generation, family, c);
    if (!session) return std::unexpected(session.error());
    outcome = Outcome::rotated;
    return {};
  });
  if (!w) return std::unexpected(w.error());
  switch (outcome) {
    case Outcome::rotated:
      return session;
    case Outcome::reused:
      (void)audit_.append("session.refresh_reuse_detected", user_id);
      return platform::fail("refresh-token-reused", 401, "Refresh token was already used",
                            "every session of this login was revoked; log in again");
    case Outcome::expired:
      return platform::fail("refresh-token-expired", 401, "Refresh token has expired");
    case Outcome::revoked:
    case Outcome::unknown:
      break;
  }
  return std::unexpected(invalid_refresh());
}

platform::Result<void> AccountService::log_out(std::string_view refresh_token) {
  std::string user_id;
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = ? AND revoked_at IS NULL");
    if (!s) return std::unexpected(s.error());
    s->bind_blob(1, platform::crypto::sha256(refresh_token));
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::unexpected(invalid_refresh());
    user_id = s->text(1);
    return revoke_family(c, s->text(0), clock_.now_ms());
  });
  if (!w) return w;
  (void)audit_.append("session.logout", user_id);
  return {};
}

platform::Result<void> AccountService::log_out_everywhere(std::string_view user_id) {
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
    if (!s) return std::unexpected(s.error());
    s->bind(1, clock_.now_ms()).bind_text(2, user_id);
    if (auto r = s->run(); !r) return r;
    auto g = c.prepare("UPDATE users SET session_generation = session_generation + 1 WHERE user_id = ?");
    if (!g) return std::unexpected(g.error());
    g->bind_text(1, user_id);
    return g->run();
  });
  if (!w) return w;
  (void)audit_.append("session.logout_everywhere", user_id);
  return {};
}

}  // namespace mind_log::accounts
