#pragma once
// The vault: field-level envelope encryption for everything sensitive Mind-Log stores.
//
//   KEK (KeyProvider) --wraps--> per-user data key, one per version (UserKeyStore, wrapped only)
//   data key --HKDF-SHA256 with a random 128-bit record salt--> per-record AES-256 key
//   AES-256-GCM, 96-bit random nonce; AAD = header || user id || record id || field name
//
// A ciphertext is self-describing (docs/security.md, "Ciphertext format"): format version,
// algorithm, key id, key version, salt, nonce, then ciphertext and tag. Because every record
// gets its own key, the 2^32-messages-per-key limit of random GCM nonces never applies.
//
// Usage from any module:
//   auto ct = vault.encrypt(user_id, entry_id, "journal.text", text);   // Result<std::string>
//   auto pt = vault.decrypt(user_id, entry_id, "journal.text", *ct);
// Callers compress before encrypting (ciphertext does not compress).
//
// Errors (platform::Error codes; status 500 unless noted, since stored data should never fail):
//   "vault-malformed"    header truncated or bad magic
//   "vault-unsupported"  unknown format version or algorithm
//   "vault-key-unknown"  no data key with this key id/version for this user (another user's
//                        record, or the user was shredded)
//   "vault-key-retired"  key version below the minimum decryption version
//   "vault-auth-failed"  tag check failed: tampered bytes, wrong record/field/user binding
// Nothing is ever returned from a failed decryption.
//
// Thread-safe: the cache of unwrapped data keys is guarded by a shared_mutex; everything else
// is per call. The vault performs no I/O itself: the KeyProvider and UserKeyStore do.
#include <atomic>
#include <functional>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mind_log/vault/key_provider.hpp"
#include "mind_log/vault/random.hpp"
#include "mind_log/vault/user_key_store.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vault {

struct RotationProgress {
  std::size_t rewrapped = 0;   // in this call
  std::size_t remaining = 0;   // still under an older KEK version after this call
};

class Vault {
 public:
  Vault(KeyProvider& provider, UserKeyStore& store, Random& random);

  // Creates the user's data key for the current version if it does not exist yet.
  platform::Result<void> ensure_user_key(std::string_view user_id);

  // Encrypts under the user's data key for the provider's current version (created on first
  // use after a rotation: records move to the new key when they are next written).
  platform::Result<std::string> encrypt(std::string_view user_id, std::string_view record_id,
                                        std::string_view field, std::string_view plaintext);
  platform::Result<std::string> decrypt(std::string_view user_id, std::string_view record_id,
                                        std::string_view field, std::string_view ciphertext);

  // Crypto-shredding: destroys every wrapped data key of the user and forgets cached ones.
  // Every copy of the user's records anywhere (database, WAL, backups, CDC) becomes noise.
  platform::Result<void> shred(std::string_view user_id);

  // KEK rotation: rewraps up to `batch` data keys still under an older KEK version. Record
  // data is untouched. Idempotent and resumable; call until remaining == 0.
  platform::Result<RotationProgress> rewrap_batch(std::size_t batch);

  // Blind index for equality lookups on sensitive values (HMAC under a separate key):
  // `purpose` separates domains so equal values in different columns do not collide.
  std::string blind_index(std::string_view purpose, std::string_view value) const;

  // Header fields of a ciphertext, without decrypting (tools, rotation reports).
  struct HeaderInfo {
    std::uint8_t format_version = 0;
    std::uint8_t algorithm = 0;
    std::string key_id;
    std::uint32_t key_version = 0;
  };
  static platform::Result<HeaderInfo> inspect(std::string_view ciphertext);

  void forget_cached_keys();  // e.g. after the keyring changed under a running process

  // Minimum decryption version: records sealed under an older data key version fail with
  // "vault-key-retired". Raise it only once every record was rewritten (0 = no minimum).
  void set_min_key_version(std::uint32_t version) { min_key_version_.store(version); }

  // Called with the error code whenever a ciphertext fails its integrity checks
  // ("vault-auth-failed", "vault-malformed", "vault-unsupported"): tampering or a key problem,
  // never normal operation, so operators alert on any. Missing or retired keys are not
  // reported: reading a crypto-shredded user's record fails that way by design. Set before
  // the vault is shared between threads; the observer must be thread-safe.
  void set_integrity_failure_observer(std::function<void(std::string_view code)> observer) {
    on_integrity_failure_ = std::move(observer);
  }

 private:
  struct CachedKey;
  platform::Result<std::shared_ptr<const CachedKey>> key_for(std::string_view user_id, std::uint32_t version,
                                                             bool create);
  platform::Result<std::shared_ptr<const CachedKey>> load_key(std::string_view user_id,
                                                              std::uint32_t version, bool create);

  KeyProvider& provider_;
  UserKeyStore& store_;
  Random& random_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CachedKey>> cache_;  // "user\0version"
  std::atomic<std::uint32_t> min_key_version_{0};
  std::function<void(std::string_view)> on_integrity_failure_;
};

}  // namespace mind_log::vault
