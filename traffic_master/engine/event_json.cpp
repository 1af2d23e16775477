#include "traffic_master/engine/event_json.hpp"

namespace traffic_master::engine {
namespace json = boost::json;

json::object event_to_json(const EventConfig& e, const Venue& venue) {
  json::object prices;
  for (std::size_t i = 0; i < e.price_cents.size(); ++i)
    if (e.price_cents[i] >= 0) prices[venue.categories()[i]] = e.price_cents[i];
  return json::object{{"id", e.id},
                      {"name", e.name},
                      {"venue_id", venue.id()},
                      {"on_sale_at", e.on_sale_at},
                      {"sale_end_at", e.sale_end_at},
                      {"currency", e.currency},
                      {"prices", std::move(prices)},
                      {"per_account_limit", e.per_account_limit},
                      {"hold_ttl_ms", e.hold_ttl_ms},
                      {"payment_extension_ms", e.payment_extension_ms},
                      {"hold_hard_cap_ms", e.hold_hard_cap_ms}};
}

platform::Result<EventConfig> event_from_json(const json::object& o, const Venue& venue) {
  auto bad = [](std::string detail) {
    return platform::fail("invalid-event", 422, "Event definition is invalid", std::move(detail));
  };
  auto text = [&](std::string_view key, std::string& out) -> bool {
    auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return false;
    out = std::string(v->as_string());
    return true;
  };
  auto integer = [&](std::string_view key, std::int64_t& out) -> bool {
    auto* v = o.if_contains(key);
    if (!v || !v->is_int64()) return false;
    out = v->as_int64();
    return true;
  };
  EventConfig e;
  if (!text("id", e.id)) return bad("id: expected a string");
  if (!text("name", e.name) || e.name.empty() || e.name.size() > 200) return bad("name: expected 1..200 characters");
  if (!text("currency", e.currency) || e.currency.size() != 3) return bad("currency: expected a 3-letter code");
  if (!integer("on_sale_at", e.on_sale_at)) return bad("on_sale_at: expected an integer (ms since epoch)");
  if (!integer("sale_end_at", e.sale_end_at)) return bad("sale_end_at: expected an integer (ms since epoch)");
  std::int64_t limit = 0;
  if (!integer("per_account_limit", limit) || limit < 1 || limit > 64) return bad("per_account_limit: 1..64");
  e.per_account_limit = static_cast<std::uint32_t>(limit);
  if (!integer("hold_ttl_ms", e.hold_ttl_ms)) return bad("hold_ttl_ms: expected an integer");
  if (!integer("payment_extension_ms", e.payment_extension_ms)) return bad("payment_extension_ms: expected an integer");
  if (!integer("hold_hard_cap_ms", e.hold_hard_cap_ms)) return bad("hold_hard_cap_ms: expected an integer");
  auto* prices = o.if_contains("prices");
  if (!prices || !prices->is_object()) return bad("prices: expected an object");
  e.price_cents.assign(venue.categories().size(), -1);
  for (auto& [name, price] : prices->as_object()) {
    auto c = venue.find_category(name);
    if (!c) return bad("prices." + std::string(name) + ": not a category of the venue");
    if (!price.is_int64() || price.as_int64() < 0 || price.as_int64() > 100'000'000)
      return bad("prices." + std::string(name) + ": expected cents 0..100000000");
    e.price_cents[*c] = price.as_int64();
  }
  if (auto ok = validate_event(e, venue); !ok) return std::unexpected(ok.error());
  return e;
}

}  // namespace traffic_master::engine
