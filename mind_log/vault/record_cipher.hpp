#pragma once
// Per-record key derivation and AES-256-GCM over one data key. Pure; thread-safe (a
// RecordCipher is immutable after construction; OpenSSL contexts are per thread).
//
// Record key = HKDF-SHA256(IKM = data key, salt = "mind-log/vault/v1",
//                          info = "mind-log record key v1" || record salt, L = 32).
// The random record salt rides in HKDF's info rather than its salt argument so the extract
// step (PRK) is computed once per data key and each record costs one HMAC block: RFC 5869
// expand is a PRF keyed by the PRK, so distinct salts still give independent keys. Any HKDF
// implementation reproduces it (docs/security.md shows openssl and Node).
#include <cstdint>
#include <string>
#include <string_view>

#include "mind_log/vault/ciphertext_format.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vault {

inline constexpr std::string_view kHkdfSalt = "mind-log/vault/v1";
inline constexpr std::string_view kHkdfInfoPrefix = "mind-log record key v1";

class RecordCipher {
 public:
  explicit RecordCipher(std::string_view data_key);  // 32 bytes
  ~RecordCipher();
  RecordCipher(const RecordCipher&) = delete;
  RecordCipher& operator=(const RecordCipher&) = delete;

  // The 32-byte record key for a salt (exposed for the interoperability tests).
  void derive(const std::uint8_t* salt, std::uint8_t* out32) const;

  // `header` already filled (salt, nonce, key id, version); returns header||ct||tag.
  std::string seal(const format::Header& header, std::string_view user_id, std::string_view record_id,
                   std::string_view field, std::string_view plaintext) const;
  // Error "vault-auth-failed" if the tag does not verify.
  platform::Result<std::string> open(const format::Header& header, std::string_view ciphertext,
                                     std::string_view user_id, std::string_view record_id,
                                     std::string_view field) const;

 private:
  struct State;
  State* state_;
};

}  // namespace mind_log::vault
