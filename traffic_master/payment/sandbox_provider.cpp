#include "traffic_master/payment/sandbox_provider.hpp"

#include <algorithm>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace traffic_master::payment {

const char* to_string(PaymentStatus s) {
  switch (s) {
    case PaymentStatus::pending: return "pending";
    case PaymentStatus::approved: return "approved";
    case PaymentStatus::declined: return "declined";
    case PaymentStatus::refunded: return "refunded";
  }
  return "unknown";
}

SandboxPaymentProvider::SandboxPaymentProvider(const platform::Clock& clock, platform::Millis webhook_delay_ms)
    : clock_(clock), delay_ms_(webhook_delay_ms) {
  by_id_.reserve(1 << 16);
  live_by_ref_.reserve(1 << 16);
}

// 12 random bytes per id, drawn from a pool filled 3 KiB at a time: each RAND_bytes call
// costs a getpid() system call (OpenSSL's fork check) on top of the generator itself.
std::string SandboxPaymentProvider::new_payment_id_locked() {
  constexpr std::size_t kIdBytes = 12;
  if (random_pool_.size() < kIdBytes) random_pool_ = platform::crypto::random_bytes(256 * kIdBytes);
  std::string id = "pay_" + platform::base64url_encode(std::string_view(random_pool_).substr(random_pool_.size() - kIdBytes));
  random_pool_.resize(random_pool_.size() - kIdBytes);
  return id;
}

std::optional<std::uint32_t> SandboxPaymentProvider::index_locked(std::string_view payment_id) const {
  auto it = by_id_.find(payment_id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

platform::Result<Payment> SandboxPaymentProvider::charge(const ChargeRequest& request) {
  std::string card;
  for (char c : request.card_number)
    if (c != ' ') card.push_back(c);
  if (card != kCardApprove && card != kCardDecline && card != kCardTimeout && card != kCardDelayed)
    return platform::fail("invalid-card", 422, "Card number is not a sandbox test card",
                          "use 4242424242424242, 4000000000000002, 4000000000000119 or 4000000000003220");
  if (request.amount_cents <= 0) return platform::fail("invalid-amount", 422, "Amount must be positive");
  if (card == kCardTimeout) return platform::fail("payment-timeout", 504, "The payment gateway timed out");
  std::lock_guard lock(mutex_);
  if (auto it = live_by_ref_.find(request.reference); it != live_by_ref_.end()) {
    auto& existing = payments_[it->second];
    if (existing.status == PaymentStatus::pending || existing.status == PaymentStatus::approved) return existing;
  }
  auto index = static_cast<std::uint32_t>(payments_.size());
  Payment& p = payments_.emplace_back();
  p.id = new_payment_id_locked();
  p.reference = request.reference;
  p.amount_cents = request.amount_cents;
  p.currency = request.currency;
  p.created_at = p.updated_at = clock_.now_ms();
  if (card == kCardApprove) p.status = PaymentStatus::approved;
  else if (card == kCardDecline) p.status = PaymentStatus::declined;
  else {
    p.status = PaymentStatus::pending;
    due_.emplace_back(p.created_at + delay_ms_, index);
  }
  if (p.status != PaymentStatus::declined) live_by_ref_[p.reference] = index;
  by_id_.emplace(p.id, index);
  return p;
}

platform::Result<Payment> SandboxPaymentProvider::refund(std::string_view payment_id, std::string_view reason) {
  std::lock_guard lock(mutex_);
  auto index = index_locked(payment_id);
  if (!index) return platform::fail("payment-not-found", 404, "No such payment");
  auto& p = payments_[*index];
  if (p.status == PaymentStatus::refunded) return p;  // refunds are idempotent
  if (p.status != PaymentStatus::approved)
    return platform::fail("payment-not-refundable", 409, "Only approved payments can be refunded");
  p.status = PaymentStatus::refunded;
  p.refund_reason = std::string(reason);
  p.updated_at = clock_.now_ms();
  live_by_ref_.erase(p.reference);
  return p;
}

std::optional<Payment> SandboxPaymentProvider::find(std::string_view payment_id) const {
  std::lock_guard lock(mutex_);
  auto index = index_locked(payment_id);
  if (!index) return std::nullopt;
  return payments_[*index];
}

void SandboxPaymentProvider::set_webhook(std::function<void(const Payment&)> webhook) {
  std::lock_guard lock(mutex_);
  webhook_ = std::move(webhook);
}

std::size_t SandboxPaymentProvider::deliver_due_webhooks() {
  std::vector<Payment> approved;
  std::function<void(const Payment&)> hook;
  {
    std::lock_guard lock(mutex_);
    auto now = clock_.now_ms();
    auto split = std::partition(due_.begin(), due_.end(), [&](auto& d) { return d.first > now; });
    for (auto it = split; it != due_.end(); ++it) {
      auto& p = payments_[it->second];
      p.status = PaymentStatus::approved;
      p.updated_at = now;
      approved.push_back(p);
    }
    due_.erase(split, due_.end());
    hook = webhook_;
  }
  if (hook)
    for (auto& p : approved) hook(p);
  return approved.size();
}

}  // namespace traffic_master::payment
