#pragma once
// An event: a venue plus the rules of its sale. Immutable once the event is created.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "traffic_master/engine/venue.hpp"

namespace traffic_master::engine {

struct EventConfig {
  std::string id;
  std::string name;
  platform::Millis on_sale_at = 0;
  platform::Millis sale_end_at = std::numeric_limits<platform::Millis>::max();
  std::string currency = "EUR";
  // Price per venue category, indexed like Venue::categories(); a negative price means the
  // category is not offered in this event.
  std::vector<std::int64_t> price_cents;
  std::uint32_t per_account_limit = 6;  // seats held + bought per account, 1..64
  platform::Millis hold_ttl_ms = 8 * 60'000;
  platform::Millis payment_extension_ms = 5 * 60'000;  // granted once, on entering payment
  platform::Millis hold_hard_cap_ms = 15 * 60'000;     // no hold lives longer than this
};

enum class SaleStatus { scheduled, on_sale, closed };

inline SaleStatus sale_status(const EventConfig& e, platform::Millis now) {
  if (now < e.on_sale_at) return SaleStatus::scheduled;
  if (now >= e.sale_end_at) return SaleStatus::closed;
  return SaleStatus::on_sale;
}

inline const char* to_string(SaleStatus s) {
  switch (s) {
    case SaleStatus::scheduled: return "scheduled";
    case SaleStatus::on_sale: return "on_sale";
    case SaleStatus::closed: return "closed";
  }
  return "closed";
}

// Checks an event definition against its venue; errors are "invalid-event" (422).
platform::Result<void> validate_event(const EventConfig& e, const Venue& venue);

}  // namespace traffic_master::engine
