#pragma once
// Ticket codes a gate verifies offline.
//
// Static code:   "TM1." base64url(payload) "." base64url(Ed25519 signature of payload)
//   payload = ticket_id "|" event_id "|" order_id "|" seat_id "|" account "|" issued_at_ms
//   Gates hold only the public key, so they can verify but never mint tickets.
// Rotating code: static_code "." window "." base64url(first 10 bytes of
//   HMAC-SHA256(ticket_secret, static_code "." window)), window = floor(now / window_ms).
//   ticket_secret = HMAC-SHA256(rotation_key, ticket_id) is given to the ticket holder's app
//   so it can produce codes offline; gates derive it from the rotation key. A screenshot stops
//   working after at most two windows (the current one and the one before, for clock skew).
//
// Thread-safe: immutable after construction.
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace traffic_master::tickets {

struct TicketClaims {
  std::string ticket_id;
  std::string event_id;
  std::string order_id;
  std::string seat_id;
  std::string account;
  platform::Millis issued_at = 0;
};

class TicketSigner {
 public:
  // signing_seed: 32 bytes (Ed25519 private seed); rotation_key: >= 32 bytes.
  TicketSigner(std::string signing_seed, std::string rotation_key, platform::Millis window_ms = 15'000);
  ~TicketSigner();
  TicketSigner(const TicketSigner&) = delete;
  TicketSigner& operator=(const TicketSigner&) = delete;

  std::string issue(const TicketClaims& claims) const;
  std::string rotating_code(const std::string& static_code, platform::Millis now) const;
  std::string ticket_secret(std::string_view ticket_id) const;  // for the holder's app
  std::string public_key() const;                               // 32 raw bytes, for gates
  platform::Millis window_ms() const { return window_ms_; }

 private:
  void* key_;  // EVP_PKEY*
  std::string rotation_key_;
  platform::Millis window_ms_;
};

// What a gate runs, with only public material (and the rotation key for rotating codes).
class TicketVerifier {
 public:
  TicketVerifier(std::string public_key, std::string rotation_key, platform::Millis window_ms = 15'000);
  ~TicketVerifier();
  TicketVerifier(const TicketVerifier&) = delete;
  TicketVerifier& operator=(const TicketVerifier&) = delete;

  // Errors: "ticket-malformed", "ticket-signature" (both 400).
  platform::Result<TicketClaims> verify(std::string_view static_code) const;
  // Also "ticket-code-expired" (400) when the window is too old or in the future.
  platform::Result<TicketClaims> verify_rotating(std::string_view code, platform::Millis now) const;

 private:
  void* key_;  // EVP_PKEY*
  std::string rotation_key_;
  platform::Millis window_ms_;
};

}  // namespace traffic_master::tickets
