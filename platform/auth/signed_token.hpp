#pragma once
// Compact signed tokens in JWS compact form (RFC 7515/7519, alg HS256), so any JWT library can
// read them. Verification is stateless: signature, then exp/nbf against the injected clock.
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace platform::auth {

class TokenSigner {
 public:
  // key: at least 32 bytes of secret. kid names the key so a rotated key can be told apart.
  TokenSigner(std::string key, std::string kid);

  // Adds iat/exp (seconds) to claims and signs them.
  std::string sign(boost::json::object claims, Millis now_ms, Millis ttl_ms) const;

  // Errors: "token-malformed" (401), "token-signature" (401), "token-expired" (401).
  Result<boost::json::object> verify(std::string_view token, Millis now_ms) const;

  // The non-empty "sub" claim of a valid token (same errors; no "sub" is token-malformed).
  // Each thread remembers the tokens it verified last, by their whole text: a client sends the
  // same bearer token with every request, and the signature check and claim parsing cost more
  // than the rest of a cheap request. Expiry is checked on every call.
  Result<std::string> verify_subject(std::string_view token, Millis now_ms) const;

  const std::string& kid() const { return kid_; }

 private:
  std::string key_;
  std::string kid_;
  std::uint64_t serial_;  // tells this signer's remembered tokens from another key's
};

}  // namespace platform::auth
