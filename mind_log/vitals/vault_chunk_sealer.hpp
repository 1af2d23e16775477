#pragma once
// ChunkSealer over the Mind-Log vault: AES-256-GCM under the user's data key, with the record
// id and the field "vitals" in the AAD. Thread-safe (the vault is).
#include "mind_log/vault/vault.hpp"
#include "mind_log/vitals/chunk_sealer.hpp"

namespace mind_log::vitals {

class VaultChunkSealer final : public ChunkSealer {
 public:
  explicit VaultChunkSealer(vault::Vault& vault) : vault_(vault) {}
  platform::Result<std::string> seal(std::string_view user, std::string_view record_id,
                                     std::string_view bytes) override {
    return vault_.encrypt(user, record_id, kField, bytes);
  }
  platform::Result<std::string> open(std::string_view user, std::string_view record_id,
                                     std::string_view sealed) override {
    return vault_.decrypt(user, record_id, kField, sealed);
  }

 private:
  static constexpr std::string_view kField = "vitals";
  vault::Vault& vault_;
};

}  // namespace mind_log::vitals
