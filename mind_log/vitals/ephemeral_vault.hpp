#pragma once
// A real vault with a random key that lives only in memory (local key provider, in-memory
// wrapped-key store): for tests, benches and `mind-log vitals stats`, which must count real
// ciphertext sizes without touching any stored keyring.
#include <memory>

#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/memory_user_key_store.hpp"
#include "mind_log/vault/vault.hpp"
#include "mind_log/vitals/vault_chunk_sealer.hpp"
#include "platform/crypto/primitives.hpp"

namespace mind_log::vitals {

struct EphemeralVault {
  vault::SystemRandom random;
  vault::MemoryUserKeyStore keys;
  vault::LocalKeyProvider provider{make_keyring(), random};
  vault::Vault vault{provider, keys, random};
  VaultChunkSealer sealer{vault};

  static vault::Keyring make_keyring() {
    vault::Keyring k;
    k.keks[1] = platform::crypto::random_bytes(32);
    k.index_key = platform::crypto::random_bytes(32);
    return k;
  }
};

}  // namespace mind_log::vitals
