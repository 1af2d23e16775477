#pragma once
// Randomness is injected into the vault so the core owns no OS resource of its own.
#include <cstddef>
#include <cstdint>

namespace mind_log::vault {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::uint8_t* out, std::size_t n) = 0;  // thread-safe
};

// OpenSSL's CSPRNG, drawn through a small per-thread buffer so a 28-byte salt+nonce does not
// pay a full DRBG round trip per record. Thread-safe (buffers are thread_local).
class SystemRandom final : public Random {
 public:
  void fill(std::uint8_t* out, std::size_t n) override;
};

}  // namespace mind_log::vault
