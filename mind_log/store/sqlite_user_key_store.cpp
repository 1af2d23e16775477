#include "mind_log/store/sqlite_user_key_store.hpp"

namespace mind_log::store {

namespace {
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE vault_user_keys (
  user_id     TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  key_id      BLOB    NOT NULL,
  wrapped     BLOB    NOT NULL,
  kek_version INTEGER NOT NULL,
  PRIMARY KEY (user_id, version)
) WITHOUT ROWID;
CREATE INDEX vault_user_keys_kek ON vault_user_keys (kek_version);
)sql"},
};

vault::WrappedUserKey row(const Statement& s) {
  return vault::WrappedUserKey{s.text(0), static_cast<std::uint32_t>(s.int64(1)), s.blob(2), s.blob(3),
                               static_cast<std::uint32_t>(s.int64(4))};
}
}  // namespace

std::span<const Migration> vault_migrations() { return kMigrations; }

platform::Result<std::vector<vault::WrappedUserKey>> SqliteUserKeyStore::load(std::string_view user_id) {
  std::vector<vault::WrappedUserKey> out;
  auto r = db_.read([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT user_id, version, key_id, wrapped, kek_version FROM vault_user_keys WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    for (;;) {
      auto more = s->step();
      if (!more) return std::unexpected(more.error());
      if (!*more) return {};
      out.push_back(row(*s));
    }
  });
  if (!r) return std::unexpected(r.error());
  return out;
}

platform::Result<void> SqliteUserKeyStore::insert(const vault::WrappedUserKey& key) {
  auto r = db_.write([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "INSERT INTO vault_user_keys (user_id, version, key_id, wrapped, kek_version) VALUES (?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, key.user_id).bind(2, std::int64_t{key.version}).bind_blob(3, key.key_id);
    s->bind_blob(4, key.wrapped).bind(5, std::int64_t{key.kek_version});
    return s->run();
  });
  if (!r && r.error().code == "store-conflict") return platform::fail("vault-key-exists", 409, "Data key already exists");
  return r;
}

platform::Result<void> SqliteUserKeyStore::update_wrapping(const vault::WrappedUserKey& key) {
  return db_.write([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare("UPDATE vault_user_keys SET wrapped = ?, kek_version = ? WHERE user_id = ? AND version = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_blob(1, key.wrapped).bind(2, std::int64_t{key.kek_version}).bind_text(3, key.user_id);
    s->bind(4, std::int64_t{key.version});
    return s->run();
  });
}

platform::Result<void> SqliteUserKeyStore::erase_user(std::string_view user_id) {
  return db_.write([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare("DELETE FROM vault_user_keys WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    return s->run();
  });
}

platform::Result<std::vector<vault::WrappedUserKey>> SqliteUserKeyStore::stale(std::uint32_t kek_version,
                                                                               std::size_t limit) {
  std::vector<vault::WrappedUserKey> out;
  auto r = db_.read([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "SELECT user_id, version, key_id, wrapped, kek_version FROM vault_user_keys WHERE kek_version < ? "
        "ORDER BY user_id, version LIMIT ?");
    if (!s) return std::unexpected(s.error());
    s->bind(1, std::int64_t{kek_version}).bind(2, static_cast<std::int64_t>(limit));
    for (;;) {
      auto more = s->step();
      if (!more) return std::unexpected(more.error());
      if (!*more) return {};
      out.push_back(row(*s));
    }
  });
  if (!r) return std::unexpected(r.error());
  return out;
}

platform::Result<std::size_t> SqliteUserKeyStore::count_stale(std::uint32_t kek_version) {
  std::size_t n = 0;
  auto r = db_.read([&](Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT count(*) FROM vault_user_keys WHERE kek_version < ?");
    if (!s) return std::unexpected(s.error());
    s->bind(1, std::int64_t{kek_version});
    if (auto st = s->step(); !st) return std::unexpected(st.error());
    n = static_cast<std::size_t>(s->int64(0));
    return {};
  });
  if (!r) return std::unexpected(r.error());
  return n;
}

}  // namespace mind_log::store
