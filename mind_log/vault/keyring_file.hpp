#pragma once
// Loading and saving the local keyring: the only file I/O of the vault module, kept out of
// the pure core. Formats are in docs/security.md ("Local key provider").
#include <string>
#include <string_view>

#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/random.hpp"

namespace mind_log::vault {

// Reads the keyring JSON at `path`; when the file does not exist, creates it (mode 0600,
// created exclusively, fsynced) with KEK version 1 and a fresh index key. Refuses a file that
// is readable by group or others ("keyring-permissions").
platform::Result<Keyring> load_or_create_keyring(const std::string& path, Random& random);

// The keyring from an environment variable's value: either the keyring JSON, or one base64url
// 32-byte master key (KEK version 1; the index key is derived from it with HKDF).
platform::Result<Keyring> keyring_from_env(std::string_view value);

// Atomically replaces the file (write 0600 temp, fsync, rename, fsync dir).
platform::Result<void> save_keyring(const std::string& path, const Keyring& keyring);

std::string keyring_to_json(const Keyring& keyring);
platform::Result<Keyring> keyring_from_json(std::string_view text);

}  // namespace mind_log::vault
