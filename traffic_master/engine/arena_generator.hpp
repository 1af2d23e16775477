#pragma once
// Generates a realistic arena: a stage at the origin, rings of curved sections around it in a
// horseshoe, aisles between sections (and down the middle of wide sections), row depth and
// seat pitch of real stadium seating, and price categories that fall off with distance and
// with side-on view angle. Deterministic: the same capacity always yields the same venue.
#include <memory>
#include <string>

#include "traffic_master/engine/venue.hpp"

namespace traffic_master::engine {

struct ArenaSpec {
  std::string id = "arena";
  std::string name = "Generated Arena";
  std::size_t capacity = 15'000;  // exact number of seats generated
  int rows_per_ring = 20;
};

std::shared_ptr<const Venue> generate_arena(const ArenaSpec& spec);

}  // namespace traffic_master::engine
