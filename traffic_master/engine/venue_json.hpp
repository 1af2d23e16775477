#pragma once
// Venue JSON import/export (format "traffic-master/venue@1", see docs/venue-format.md).
// Import validates everything and reports the first problem with its JSON path, e.g.
//   code "invalid-venue", detail "$.sections[3].rows[0].seats[7].category: unknown category \"VIP\"".
#include <memory>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"
#include "traffic_master/engine/venue.hpp"

namespace boost::json { class value; }

namespace traffic_master::engine {

inline constexpr std::size_t kMaxVenueSeats = 200'000;

platform::Result<std::shared_ptr<const Venue>> venue_from_json(std::string_view text);
platform::Result<std::shared_ptr<const Venue>> venue_from_json_value(const boost::json::value& doc);
std::string venue_to_json(const Venue& venue);

}  // namespace traffic_master::engine
