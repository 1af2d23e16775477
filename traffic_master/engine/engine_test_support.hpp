#pragma once
// Test-only helpers: a tiny venue written in the venue JSON format, and an engine over it.
#include <memory>
#include <string>

#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/engine/venue_json.hpp"

namespace traffic_master::engine::testing {

// Section "S" with `rows` rows of `per_row` seats (ids "S-A-1" ...); seats in rows A..B are
// "P1", the rest "P2". Row A is nearest the stage.
inline std::shared_ptr<const Venue> small_venue(int rows = 4, int per_row = 10) {
  std::string j = R"({"format":"traffic-master/venue@1","id":"v","name":"V","stage":{"x":0,"y":0},)"
                  R"("categories":["P1","P2"],"sections":[{"id":"S","name":"Section S","rows":[)";
  for (int r = 0; r < rows; ++r) {
    if (r) j += ",";
    j += R"({"label":")" + std::string(1, static_cast<char>('A' + r)) + R"(","seats":[)";
    for (int k = 0; k < per_row; ++k) {
      if (k) j += ",";
      j += R"({"number":")" + std::to_string(k + 1) + R"(","x":)" + std::to_string(k - per_row / 2) +
           R"(,"y":)" + std::to_string(5 + r) + R"(,"category":")" + (r < 2 ? "P1" : "P2") + R"("})";
    }
    j += "]}";
  }
  j += "]}]}";
  auto v = venue_from_json(j);
  if (!v) std::abort();
  return *v;
}

inline EventConfig small_event(const Venue& v, std::uint32_t limit = 6) {
  EventConfig e;
  e.id = "ev1";
  e.name = "Event";
  e.on_sale_at = 1'000'000;
  e.sale_end_at = 100'000'000;
  e.price_cents.assign(v.categories().size(), 5000);
  e.price_cents[0] = 9000;
  e.per_account_limit = limit;
  e.hold_ttl_ms = 60'000;
  e.payment_extension_ms = 120'000;
  e.hold_hard_cap_ms = 150'000;
  return e;
}

inline std::unique_ptr<SeatEngine> make_engine(std::shared_ptr<const Venue> v, EventConfig e) {
  auto runs = std::make_shared<const SeatRuns>(*v);
  return std::make_unique<SeatEngine>(std::move(v), std::move(runs), std::move(e));
}

}  // namespace traffic_master::engine::testing
