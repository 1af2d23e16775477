#pragma once
// The default KeyProvider: KEKs held in process memory, loaded from a keyring (key file or
// environment; see keyring_file.hpp). Pure: no I/O here.
//
// Wrapped data key blob (64 bytes):
//   0  4   KEK version, unsigned big-endian
//   4  12  nonce (random)
//   16 32  AES-256-GCM ciphertext of the 32-byte data key
//   48 16  GCM tag
// AAD = "mind-log kek wrap v1" || KEK version (4 bytes BE) || context.
//
// Immutable after construction, hence thread-safe; a rotated keyring means a new provider.
#include <cstdint>
#include <map>
#include <string>

#include "mind_log/vault/key_provider.hpp"
#include "mind_log/vault/random.hpp"

namespace mind_log::vault {

struct Keyring {
  std::uint32_t min_version = 1;
  std::map<std::uint32_t, std::string> keks;  // version -> 32 bytes; highest is current
  std::string index_key;                      // 32 bytes, blind-index HMAC key
};

// Errors: "keyring-invalid" when the keyring is empty, a key is not 32 bytes, or min_version
// names no key.
platform::Result<void> validate(const Keyring& keyring);
// A keyring with a new highest KEK version (random key); older versions stay for unwrapping.
Keyring with_new_version(Keyring keyring, Random& random);
// Drops KEK versions below `min_version` (after every data key was rewrapped).
Keyring retire_below(Keyring keyring, std::uint32_t min_version);

class LocalKeyProvider final : public KeyProvider {
 public:
  // Aborts on an invalid keyring: call validate() on untrusted input first.
  LocalKeyProvider(Keyring keyring, Random& random);

  std::string_view name() const override { return "local"; }
  std::uint32_t current_version() const override { return keyring_.keks.rbegin()->first; }
  std::uint32_t min_version() const override { return keyring_.min_version; }
  platform::Result<DataKey> generate_data_key(std::string_view context) override;
  platform::Result<std::string> decrypt_data_key(std::string_view wrapped, std::string_view context) override;
  platform::Result<DataKey> re_encrypt(std::string_view wrapped, std::string_view context) override;
  platform::Result<std::uint32_t> wrapped_version(std::string_view wrapped) const override;
  std::string mac(std::string_view data) const override;

 private:
  DataKey wrap(std::string plaintext, std::string_view context);
  Keyring keyring_;
  Random& random_;
};

}  // namespace mind_log::vault
