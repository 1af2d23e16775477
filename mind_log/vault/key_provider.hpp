#pragma once
// The root of the key hierarchy. A KeyProvider owns the key-encryption keys (KEKs) and never
// hands them out: it mints per-user data keys and unwraps them, exactly the semantics of AWS
// KMS GenerateDataKey / Decrypt / ReEncrypt / GenerateMac, so a KMS-backed provider is a thin
// adapter (see docs/security.md, "Key providers"). `LocalKeyProvider` is the default.
//
// Implementations must be thread-safe: the vault calls them from request threads.
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"

namespace mind_log::vault {

// A fresh data key: `plaintext` (32 bytes) is used in memory only; `wrapped` is what is stored.
struct DataKey {
  std::string plaintext;
  std::string wrapped;
  std::uint32_t kek_version = 0;
};

class KeyProvider {
 public:
  virtual ~KeyProvider() = default;

  virtual std::string_view name() const = 0;  // "local", "aws-kms"

  // The KEK version new data keys are wrapped under. Versions only grow.
  virtual std::uint32_t current_version() const = 0;
  // Wrapped keys under a lower version are refused ("vault-key-retired").
  virtual std::uint32_t min_version() const = 0;

  // GenerateDataKey: 32 random bytes, returned in clear and wrapped under the current KEK.
  // `context` is bound to the wrapping (KMS EncryptionContext): unwrapping needs the same.
  virtual platform::Result<DataKey> generate_data_key(std::string_view context) = 0;

  // Decrypt: the clear data key. Errors: "vault-key-retired", "vault-key-unknown" (KEK version
  // not in the keyring), "vault-auth-failed" (wrong context or tampered blob).
  virtual platform::Result<std::string> decrypt_data_key(std::string_view wrapped,
                                                         std::string_view context) = 0;

  // ReEncrypt: the same data key wrapped under the current KEK (rotation; no record changes).
  virtual platform::Result<DataKey> re_encrypt(std::string_view wrapped, std::string_view context) = 0;

  // The KEK version a wrapped blob names, without unwrapping it (for rotation progress).
  virtual platform::Result<std::uint32_t> wrapped_version(std::string_view wrapped) const = 0;

  // GenerateMac: HMAC-SHA256 under a key kept apart from the KEKs, for blind indexes.
  virtual std::string mac(std::string_view data) const = 0;
};

}  // namespace mind_log::vault
