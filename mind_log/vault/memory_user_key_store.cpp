#include "mind_log/vault/memory_user_key_store.hpp"

namespace mind_log::vault {

platform::Result<std::vector<WrappedUserKey>> MemoryUserKeyStore::load(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  std::vector<WrappedUserKey> out;
  for (auto it = keys_.lower_bound({std::string(user_id), 0}); it != keys_.end() && it->first.first == user_id; ++it)
    out.push_back(it->second);
  return out;
}

platform::Result<void> MemoryUserKeyStore::insert(const WrappedUserKey& key) {
  std::lock_guard lock(mutex_);
  if (!keys_.try_emplace({key.user_id, key.version}, key).second)
    return platform::fail("vault-key-exists", 409, "Data key already exists");
  return {};
}

platform::Result<void> MemoryUserKeyStore::update_wrapping(const WrappedUserKey& key) {
  std::lock_guard lock(mutex_);
  auto it = keys_.find({key.user_id, key.version});
  if (it == keys_.end()) return platform::fail("vault-key-unknown", 500, "Key is unknown");
  it->second.wrapped = key.wrapped;
  it->second.kek_version = key.kek_version;
  return {};
}

platform::Result<void> MemoryUserKeyStore::erase_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(keys_, [&](const auto& kv) { return kv.first.first == user_id; });
  return {};
}

platform::Result<std::vector<WrappedUserKey>> MemoryUserKeyStore::stale(std::uint32_t kek_version, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<WrappedUserKey> out;
  for (auto& [k, v] : keys_) {
    if (out.size() >= limit) break;
    if (v.kek_version < kek_version) out.push_back(v);
  }
  return out;
}

platform::Result<std::size_t> MemoryUserKeyStore::count_stale(std::uint32_t kek_version) {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (auto& [k, v] : keys_) n += v.kek_version < kek_version;
  return n;
}

}  // namespace mind_log::vault
