#pragma once
// Everything the ticketing routes share: the event catalog, keys, the payment provider, the
// admission hook and the live seat-stream hubs.
//
// Synchronisation: built completely during start-up, then only read. The members that change
// (engines, payments, stream subscribers) synchronise themselves; see their headers.
#include <map>
#include <memory>
#include <string>

#include "platform/auth/signed_token.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/message.hpp"
#include "platform/metrics/registry.hpp"
#include "traffic_master/payment/payment_provider.hpp"
#include "traffic_master/service/admission_check.hpp"
#include "traffic_master/service/event_catalog.hpp"
#include "traffic_master/service/seat_stream.hpp"
#include "traffic_master/tickets/ticket_codec.hpp"

namespace traffic_master::service {

struct Keys {
  std::string token_key;      // >= 32 bytes, signs bearer tokens
  std::string ticket_seed;    // 32 bytes, Ed25519 seed for ticket codes
  std::string rotation_key;   // >= 32 bytes, rotating ticket codes
};
// Loads <data_dir>/keys (hex, one per line) or creates it with fresh random keys (mode 0600).
platform::Result<Keys> load_or_create_keys(const std::string& data_dir);

struct TicketingApp {
  TicketingApp(std::unique_ptr<EventCatalog> catalog, const platform::Clock& clock, const Keys& keys,
               std::shared_ptr<payment::PaymentProvider> payments, platform::metrics::Registry& metrics);

  std::unique_ptr<EventCatalog> catalog;
  const platform::Clock& clock;
  platform::auth::TokenSigner tokens;
  tickets::TicketSigner ticket_signer;
  tickets::TicketVerifier ticket_verifier;
  std::shared_ptr<payment::PaymentProvider> payments;
  AdmissionCheck admission = admit_everyone();
  std::function<void()> poll_payments;  // delivers due asynchronous payment outcomes
  std::map<std::string, std::unique_ptr<SeatStreamHub>, std::less<>> hubs;  // one per event
  platform::metrics::Registry& metrics;
  platform::Millis token_ttl_ms = 12 * 3600 * 1000;
  std::size_t max_body_bytes = 16 * 1024;  // ticketing bodies are tiny; refuse anything larger

  // The account id ("sub") of a valid bearer token. Errors: "unauthenticated" (401) when no
  // token is sent, or the token-* codes of platform::auth::TokenSigner.
  platform::Result<std::string> authenticate(const platform::http::Request& req) const;

  // Creates hubs for every event; call once after the catalog is filled.
  void attach_stream_hubs(platform::Millis interval_ms);
  // Sends pending seat deltas and payment webhooks; the service calls it on a timer.
  void tick();
  // Confirms (or refunds, when too late) a payment the provider approved asynchronously.
  void on_payment_webhook(const payment::Payment& p);
};

}  // namespace traffic_master::service
