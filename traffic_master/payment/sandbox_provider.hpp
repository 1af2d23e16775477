#pragma once
// A sandbox payment gateway with documented test cards (docs/api/traffic-master.yaml lists
// them too):
//   4242 4242 4242 4242  approved immediately
//   4000 0000 0000 0002  declined
//   4000 0000 0000 0119  the gateway times out (no payment is created)
//   4000 0000 0000 3220  pending; approved by a webhook `webhook_delay_ms` later
// Spaces are ignored; any other number is "invalid-card".
//
// Thread-safe: one mutex around the payment table; the webhook is invoked without it held.
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "platform/core/string_map.hpp"
#include "traffic_master/payment/payment_provider.hpp"

namespace traffic_master::payment {

inline constexpr std::string_view kCardApprove = "4242424242424242";
inline constexpr std::string_view kCardDecline = "4000000000000002";
inline constexpr std::string_view kCardTimeout = "4000000000000119";
inline constexpr std::string_view kCardDelayed = "4000000000003220";

class SandboxPaymentProvider final : public PaymentProvider {
 public:
  explicit SandboxPaymentProvider(const platform::Clock& clock, platform::Millis webhook_delay_ms = 3000);

  platform::Result<Payment> charge(const ChargeRequest& request) override;
  platform::Result<Payment> refund(std::string_view payment_id, std::string_view reason) override;
  std::optional<Payment> find(std::string_view payment_id) const override;
  void set_webhook(std::function<void(const Payment&)> webhook) override;

  // Approves pending payments whose delay has passed and delivers their webhooks; returns how
  // many were delivered. The service calls it from a timer; tests call it after moving a clock.
  std::size_t deliver_due_webhooks();

 private:
  const platform::Clock& clock_;
  const platform::Millis delay_ms_;
  std::optional<std::uint32_t> index_locked(std::string_view payment_id) const;
  std::string new_payment_id_locked();

  // Payments live in a deque (stable, never moved) and the maps hold indexes, so a growing map
  // moves small entries, not whole payments, while the provider's callers wait.
  mutable std::mutex mutex_;
  std::deque<Payment> payments_;                       // guarded by mutex_
  platform::StringMap<std::uint32_t> by_id_;           // payment id -> index; mutex_
  platform::StringMap<std::uint32_t> live_by_ref_;     // reference -> index of its live payment; mutex_
  std::vector<std::pair<platform::Millis, std::uint32_t>> due_;  // pending approvals; mutex_
  std::string random_pool_;  // CSPRNG bytes not yet used for ids; mutex_
  std::function<void(const Payment&)> webhook_;
};

}  // namespace traffic_master::payment
