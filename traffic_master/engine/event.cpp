#include "traffic_master/engine/event.hpp"

#include <cctype>

namespace traffic_master::engine {

platform::Result<void> validate_event(const EventConfig& e, const Venue& venue) {
  auto bad = [](std::string detail) {
    return platform::fail("invalid-event", 422, "Event definition is invalid", std::move(detail));
  };
  if (e.id.empty() || e.id.size() > 64) return bad("id: must be 1..64 characters");
  for (char c : e.id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      return bad("id: only letters, digits, '-' and '_'");
  if (e.sale_end_at <= e.on_sale_at) return bad("sale_end_at: must be after on_sale_at");
  if (e.price_cents.size() != venue.categories().size())
    return bad("prices: one price per venue category is required");
  if (e.per_account_limit < 1 || e.per_account_limit > 64) return bad("per_account_limit: 1..64");
  if (e.hold_ttl_ms < 1000) return bad("hold_ttl_ms: at least 1000");
  if (e.payment_extension_ms < 0) return bad("payment_extension_ms: must not be negative");
  if (e.hold_hard_cap_ms < e.hold_ttl_ms) return bad("hold_hard_cap_ms: must be >= hold_ttl_ms");
  return {};
}

}  // namespace traffic_master::engine
