#pragma once
// Admission tokens: what the waiting room hands to an admitted shopper and what every
// hold/confirm request must carry. A JWS (HS256) with claims
//   typ "tm-admission", sub account, evt event id, dev device id, jti unique token id, exp.
// Verification is stateless (signature, expiry, bindings) plus an in-memory revocation set
// for admissions that ended early (purchase finished, idle, left) - no store lookup on the
// hot path. Replay by another account, on another event or device fails the bindings.
//
// Thread-safe: the signer is immutable; the revocation set is guarded by a shared_mutex
// (readers on every request, a writer only when an admission ends).
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/auth/signed_token.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace traffic_master::queue {

struct AdmissionClaims {
  std::string account, event_id, device, jti;
  platform::Millis expires_ms = 0;
};

class AdmissionTokens {
 public:
  AdmissionTokens(std::string key, std::string kid);

  std::string issue(const AdmissionClaims& claims, platform::Millis now_ms) const;

  // Errors (all 403): "admission-required", "admission-invalid", "admission-expired",
  // "admission-wrong-account", "admission-wrong-event", "admission-wrong-device",
  // "admission-revoked". device may be empty when the request carries no device id.
  platform::Result<AdmissionClaims> verify(std::string_view token, std::string_view event_id,
                                           std::string_view account, std::string_view device,
                                           platform::Millis now_ms) const;

  // A revoked jti is remembered until the token would have expired anyway.
  void revoke(const std::string& jti, platform::Millis token_expires_ms);
  std::size_t prune(platform::Millis now_ms);
  std::size_t revoked_count() const;

 private:
  platform::auth::TokenSigner signer_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, platform::Millis> revoked_;
};

}  // namespace traffic_master::queue
