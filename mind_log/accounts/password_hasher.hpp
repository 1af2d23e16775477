#pragma once
// Argon2id password hashing (libargon2, RFC 9106). The encoded form carries its parameters,
// so raising them later only affects new hashes; needs_rehash() tells login to upgrade.
//
// Defaults: m = 19 MiB, t = 2, p = 1 (OWASP's first Argon2id recommendation). Measured on the
// 2-vCPU target: see docs/security.md ("Passwords"); the cost bounds a login burst, so the
// per-address limiter in login_throttle.hpp caps how many hashes one client can make us run.
// Pure and thread-safe (each call allocates its own memory block).
#include <cstdint>
#include <string>
#include <string_view>

namespace mind_log::accounts {

struct Argon2Params {
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Params params = {}) : params_(params) {}
  std::string hash(std::string_view password) const;  // "$argon2id$v=19$m=...,t=...,p=...$salt$hash"
  bool verify(std::string_view encoded, std::string_view password) const;
  bool needs_rehash(std::string_view encoded) const;
  // Spends the same work as a verify, for logins of unknown e-mails (no timing oracle).
  void burn(std::string_view password) const;
  const Argon2Params& params() const { return params_; }

 private:
  Argon2Params params_;
};

}  // namespace mind_log::accounts
