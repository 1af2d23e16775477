#pragma once
// Hashcash-style proof of work. The server issues a challenge string
//   "pow1.<nonce>.<bits>.<expires_ms>.<mac>"
// where nonce is 16 random bytes (base64url) and mac = base64url(HMAC-SHA256(key,
// "pow1|nonce|bits|expires_ms|subject"))[:22] binds it to the subject (account or IP) without
// server state. The client finds a decimal counter such that
//   SHA-256(challenge ":" counter) starts with `bits` zero bits.
// Verification is one HMAC + one SHA-256 + one set insert (O(1)); the used-nonce set makes
// every challenge single-use and forgets nonces once they have expired anyway.
//
// Thread-safe: the key is immutable; the used-nonce set is guarded by a mutex.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace traffic_master::shield {

struct PowConfig {
  int base_bits = 16;          // about 65k hashes: well under a second in a browser worker
  int max_bits = 24;
  int load_bits = 4;           // added at full load
  int suspicion_bits = 6;      // added at suspicion 1.0
  platform::Millis ttl_ms = 120'000;
};

// Difficulty for the current load (0..1, e.g. queue growth vs capacity) and the requester's
// suspicion (0..1, the behavioural score).
int pow_difficulty(const PowConfig& config, double load, double suspicion);

// Leading zero bits of SHA-256(challenge ":" counter).
int pow_leading_zero_bits(std::string_view challenge, std::string_view counter);

// Finds a counter; for tests, benches and the simulator (the browser does this in a worker).
std::string pow_solve(std::string_view challenge, int bits);

class ProofOfWork {
 public:
  ProofOfWork(std::string key, PowConfig config);

  std::string issue(std::string_view subject, int bits, std::string nonce_bytes, platform::Millis now_ms) const;

  // Errors: "pow-malformed" 400; "pow-forged" (edited, or issued to another subject),
  // "pow-expired", "pow-insufficient", "pow-replayed" (all 403). Only a fully valid solution consumes the nonce.
  platform::Result<int> verify(std::string_view challenge, std::string_view counter, std::string_view subject,
                               platform::Millis now_ms);

  const PowConfig& config() const { return config_; }
  std::size_t used_nonces() const;

 private:
  std::string mac(std::string_view nonce, int bits, platform::Millis expires_ms, std::string_view subject) const;
  void prune(platform::Millis now_ms);

  std::string key_;
  PowConfig config_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> used_;
  std::deque<std::pair<platform::Millis, std::string>> expiry_order_;
};

}  // namespace traffic_master::shield
