#include "mind_log/vault/vault.hpp"

#include <cstring>
#include <mutex>

#include "mind_log/vault/ciphertext_format.hpp"
#include "mind_log/vault/record_cipher.hpp"

namespace mind_log::vault {

struct Vault::CachedKey {
  std::string key_id;
  std::uint32_t version;
  RecordCipher cipher;
  CachedKey(std::string id, std::uint32_t v, std::string_view data_key)
      : key_id(std::move(id)), version(v), cipher(data_key) {}
};

namespace {

// user id, NUL, version as 4 raw bytes: built on every encrypt, so no number formatting.
std::string cache_key(std::string_view user_id, std::uint32_t version) {
  std::string k;
  k.reserve(user_id.size() + 5);
  k.append(user_id);
  k.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) k.push_back(static_cast<char>(version >> shift));
  return k;
}

// Bound into the wrapping so a wrapped key copied to another user's row does not unwrap.
std::string wrap_context(std::string_view user_id, std::uint32_t version) {
  std::string c = "user=";
  c.append(user_id);
  c.append(";version=");
  c.append(std::to_string(version));
  return c;
}

platform::Error key_unknown(std::string detail) {
  return platform::Error{"vault-key-unknown", 500, "Key is unknown", std::move(detail)};
}

}  // namespace

Vault::Vault(KeyProvider& provider, UserKeyStore& store, Random& random)
    : provider_(provider), store_(store), random_(random) {}

platform::Result<std::shared_ptr<const Vault::CachedKey>> Vault::key_for(std::string_view user_id,
                                                                         std::uint32_t version, bool create) {
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(cache_key(user_id, version));
    if (it != cache_.end()) return it->second;
  }
  return load_key(user_id, version, create);
}

platform::Result<std::shared_ptr<const Vault::CachedKey>> Vault::load_key(std::string_view user_id,
                                                                          std::uint32_t version, bool create) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto keys = store_.load(user_id);
    if (!keys) return std::unexpected(keys.error());
    const WrappedUserKey* found = nullptr;
    for (auto& k : *keys)
      if (k.version == version) found = &k;
    if (found) {
      auto clear = provider_.decrypt_data_key(found->wrapped, wrap_context(user_id, version));
      if (!clear) return std::unexpected(clear.error());
      auto entry = std::make_shared<const CachedKey>(found->key_id, version, *clear);
      std::memset(clear->data(), 0, clear->size());
      std::unique_lock lock(mutex_);
      return cache_.try_emplace(cache_key(user_id, version), std::move(entry)).first->second;
    }
    if (!create) return std::unexpected(key_unknown("no data key of this version for the user"));
    auto fresh = provider_.generate_data_key(wrap_context(user_id, version));
    if (!fresh) return std::unexpected(fresh.error());
    WrappedUserKey row{std::string(user_id), version, std::string(format::kKeyIdSize, '\0'), fresh->wrapped,
                       fresh->kek_version};
    random_.fill(reinterpret_cast<std::uint8_t*>(row.key_id.data()), row.key_id.size());
    auto inserted = store_.insert(row);
    std::memset(fresh->plaintext.data(), 0, fresh->plaintext.size());
    if (!inserted && inserted.error().code != "vault-key-exists") return std::unexpected(inserted.error());
    // Inserted, or another thread won the race: either way the next load finds it.
  }
  return std::unexpected(key_unknown("data key could not be created"));
}

platform::Result<void> Vault::ensure_user_key(std::string_view user_id) {
  auto k = key_for(user_id, provider_.current_version(), true);
  if (!k) return std::unexpected(k.error());
  return {};
}

platform::Result<std::string> Vault::encrypt(std::string_view user_id, std::string_view record_id,
                                             std::string_view field, std::string_view plaintext) {
  auto key = key_for(user_id, provider_.current_version(), true);
  if (!key) return std::unexpected(key.error());
  format::Header h;
  std::memcpy(h.key_id.data(), (*key)->key_id.data(), format::kKeyIdSize);
  h.key_version = (*key)->version;
  std::uint8_t rnd[format::kSaltSize + format::kNonceSize];
  random_.fill(rnd, sizeof rnd);
  std::memcpy(h.salt.data(), rnd, format::kSaltSize);
  std::memcpy(h.nonce.data(), rnd + format::kSaltSize, format::kNonceSize);
  return (*key)->cipher.seal(h, user_id, record_id, field, plaintext);
}

platform::Result<std::string> Vault::decrypt(std::string_view user_id, std::string_view record_id,
                                             std::string_view field, std::string_view ciphertext) {
  auto integrity_failure = [&](platform::Error e) -> platform::Result<std::string> {
    if (on_integrity_failure_) on_integrity_failure_(e.code);
    return std::unexpected(std::move(e));
  };
  auto h = format::parse_header(ciphertext);
  if (!h) return integrity_failure(h.error());
  if (h->key_version < min_key_version_.load())
    return platform::fail("vault-key-retired", 500, "Key version is retired",
                          "data key version " + std::to_string(h->key_version) + " is below the minimum");
  auto key = key_for(user_id, h->key_version, false);
  if (!key) return std::unexpected(key.error());
  if (std::memcmp((*key)->key_id.data(), h->key_id.data(), format::kKeyIdSize) != 0)
    return std::unexpected(key_unknown("key id does not name this user's data key"));
  auto opened = (*key)->cipher.open(*h, ciphertext, user_id, record_id, field);
  if (!opened) return integrity_failure(opened.error());
  return opened;
}

platform::Result<void> Vault::shred(std::string_view user_id) {
  auto erased = store_.erase_user(user_id);
  std::unique_lock lock(mutex_);
  std::string prefix(user_id);
  prefix.push_back('\0');
  std::erase_if(cache_, [&](const auto& kv) { return kv.first.starts_with(prefix); });
  return erased;
}

platform::Result<RotationProgress> Vault::rewrap_batch(std::size_t batch) {
  const std::uint32_t current = provider_.current_version();
  auto stale = store_.stale(current, batch);
  if (!stale) return std::unexpected(stale.error());
  RotationProgress progress;
  for (auto& key : *stale) {
    auto rewrapped = provider_.re_encrypt(key.wrapped, wrap_context(key.user_id, key.version));
    if (!rewrapped) return std::unexpected(rewrapped.error());
    std::memset(rewrapped->plaintext.data(), 0, rewrapped->plaintext.size());
    key.wrapped = std::move(rewrapped->wrapped);
    key.kek_version = rewrapped->kek_version;
    if (auto r = store_.update_wrapping(key); !r) return std::unexpected(r.error());
    ++progress.rewrapped;
  }
  auto remaining = store_.count_stale(current);
  if (!remaining) return std::unexpected(remaining.error());
  progress.remaining = *remaining;
  return progress;
}

std::string Vault::blind_index(std::string_view purpose, std::string_view value) const {
  std::string input(purpose);
  input.push_back('\0');
  input.append(value);
  return provider_.mac(input);
}

platform::Result<Vault::HeaderInfo> Vault::inspect(std::string_view ciphertext) {
  auto h = format::parse_header(ciphertext);
  if (!h) return std::unexpected(h.error());
  return HeaderInfo{h->format_version, h->algorithm,
                    std::string(reinterpret_cast<const char*>(h->key_id.data()), h->key_id.size()), h->key_version};
}

void Vault::forget_cached_keys() {
  std::unique_lock lock(mutex_);
  cache_.clear();
}

}  // namespace mind_log::vault
