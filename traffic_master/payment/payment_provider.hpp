#pragma once
// The seam to a payment gateway. The service only talks to this interface; the sandbox
// provider below implements it for development, tests and demos (a real gateway cannot run
// here, so a test double is allowed for it).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace traffic_master::payment {

enum class PaymentStatus { pending, approved, declined, refunded };
const char* to_string(PaymentStatus s);

struct ChargeRequest {
  std::string reference;  // what is paid for; one live payment per reference ("<event>/<hold>")
  std::int64_t amount_cents = 0;
  std::string currency = "EUR";
  std::string card_number;
};

struct Payment {
  std::string id;
  std::string reference;
  std::int64_t amount_cents = 0;
  std::string currency;
  PaymentStatus status = PaymentStatus::pending;
  platform::Millis created_at = 0;
  platform::Millis updated_at = 0;
  std::string refund_reason;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  // Charging a reference that already has a pending or approved payment returns that payment
  // instead of charging twice. Errors: "invalid-card" (422), "payment-timeout" (504).
  // A declined card is not an error here: the payment comes back with status declined.
  virtual platform::Result<Payment> charge(const ChargeRequest& request) = 0;
  // Errors: "payment-not-found" (404), "payment-not-refundable" (409).
  virtual platform::Result<Payment> refund(std::string_view payment_id, std::string_view reason) = 0;
  virtual std::optional<Payment> find(std::string_view payment_id) const = 0;
  // Receives asynchronous outcomes (a pending payment approved later). Set before use.
  virtual void set_webhook(std::function<void(const Payment&)> webhook) = 0;
};

}  // namespace traffic_master::payment
