#pragma once
// The vault's wrapped data keys in the SQLite store (table vault_user_keys). Deleting a user's
// rows is crypto-shredding; Database::checkpoint_truncate then drops the WAL copies as well.
#include "mind_log/store/database.hpp"
#include "mind_log/vault/user_key_store.hpp"

namespace mind_log::store {

// Migrations of component "vault"; SqliteUserKeyStore's constructor does not apply them.
std::span<const Migration> vault_migrations();

// Thread-safe: every call is one Database read or write.
class SqliteUserKeyStore final : public vault::UserKeyStore {
 public:
  explicit SqliteUserKeyStore(Database& db) : db_(db) {}
  platform::Result<std::vector<vault::WrappedUserKey>> load(std::string_view user_id) override;
  platform::Result<void> insert(const vault::WrappedUserKey& key) override;
  platform::Result<void> update_wrapping(const vault::WrappedUserKey& key) override;
  platform::Result<void> erase_user(std::string_view user_id) override;
  platform::Result<std::vector<vault::WrappedUserKey>> stale(std::uint32_t kek_version, std::size_t limit) override;
  platform::Result<std::size_t> count_stale(std::uint32_t kek_version) override;

 private:
  Database& db_;
};

}  // namespace mind_log::store
