#pragma once
// A UserKeyStore in process memory: for the vault's own tests and benchmarks, and for tools
// that hold keys only transiently. Thread-safe (one mutex).
#include <map>
#include <mutex>
#include <utility>

#include "mind_log/vault/user_key_store.hpp"

namespace mind_log::vault {

class MemoryUserKeyStore final : public UserKeyStore {
 public:
  platform::Result<std::vector<WrappedUserKey>> load(std::string_view user_id) override;
  platform::Result<void> insert(const WrappedUserKey& key) override;
  platform::Result<void> update_wrapping(const WrappedUserKey& key) override;
  platform::Result<void> erase_user(std::string_view user_id) override;
  platform::Result<std::vector<WrappedUserKey>> stale(std::uint32_t kek_version, std::size_t limit) override;
  platform::Result<std::size_t> count_stale(std::uint32_t kek_version) override;

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::uint32_t>, WrappedUserKey> keys_;
};

}  // namespace mind_log::vault
