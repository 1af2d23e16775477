#include "mind_log/accounts/password_hasher.hpp"

#include <argon2.h>

#include <cstdlib>

#include "platform/crypto/primitives.hpp"

namespace mind_log::accounts {

namespace {
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
}  // namespace

std::string PasswordHasher::hash(std::string_view password) const {
  std::string salt = platform::crypto::random_bytes(kSaltBytes);
  std::size_t len = argon2_encodedlen(params_.iterations, params_.memory_kib, params_.parallelism, kSaltBytes,
                                      kHashBytes, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(params_.iterations, params_.memory_kib, params_.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(), len);
  // Only an allocation failure or broken parameters get here: both are invariants, not input.
  if (rc != ARGON2_OK) std::abort();
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  std::string e(encoded);  // argon2 wants a NUL-terminated string
  return argon2id_verify(e.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  std::string want = "$m=" + std::to_string(params_.memory_kib) + ",t=" + std::to_string(params_.iterations) +
                     ",p=" + std::to_string(params_.parallelism) + "$";
  return encoded.find(want) == std::string_view::npos;
}

void PasswordHasher::burn(std::string_view password) const {
  static const std::string dummy = PasswordHasher(params_).hash("dummy password for timing");
  (void)verify(dummy, password);
}

}  // namespace mind_log::accounts
