#pragma once
// Where wrapped per-user data keys live (the SQLite store implements it). The vault only ever
// hands it wrapped keys; deleting a user's rows here is crypto-shredding.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.hpp"

namespace mind_log::vault {

struct WrappedUserKey {
  std::string user_id;
  std::uint32_t version = 0;  // data key version (= KEK version at creation); in every header
  std::string key_id;         // 16 random bytes naming this data key; in every header
  std::string wrapped;        // KeyProvider blob
  std::uint32_t kek_version = 0;
};

class UserKeyStore {
 public:
  virtual ~UserKeyStore() = default;
  virtual platform::Result<std::vector<WrappedUserKey>> load(std::string_view user_id) = 0;
  // Error "vault-key-exists" (409) when (user_id, version) is already stored: another thread won
  // the race to create it; the caller reloads.
  virtual platform::Result<void> insert(const WrappedUserKey& key) = 0;
  virtual platform::Result<void> update_wrapping(const WrappedUserKey& key) = 0;
  virtual platform::Result<void> erase_user(std::string_view user_id) = 0;
  // Up to `limit` keys wrapped under a KEK version below `kek_version`. Rewrapped keys drop out
  // of this set, so rotation walks it in batches and resumes after a crash by simply rerunning.
  virtual platform::Result<std::vector<WrappedUserKey>> stale(std::uint32_t kek_version,
                                                              std::size_t limit) = 0;
  virtual platform::Result<std::size_t> count_stale(std::uint32_t kek_version) = 0;
};

}  // namespace mind_log::vault
