#include "traffic_master/engine/venue.hpp"

#include <cmath>
#include <cstdlib>

namespace traffic_master::engine {

Venue::Venue(std::string id, std::string name, Point stage, std::vector<std::string> categories,
             std::vector<Section> sections, std::vector<Seat> seats)
    : id_(std::move(id)),
      name_(std::move(name)),
      stage_(stage),
      categories_(std::move(categories)),
      sections_(std::move(sections)),
      seats_(std::move(seats)) {
  by_id_.reserve(seats_.size());
  for (SeatIndex i = 0; i < seats_.size(); ++i) {
    auto& s = seats_[i];
    s.stage_distance = std::hypot(s.x - stage_.x, s.y - stage_.y);
    // Duplicate ids are rejected by the importer; reaching here with one is a programming error.
    if (!by_id_.emplace(s.id, i).second) std::abort();
  }
}

std::optional<SeatIndex> Venue::find_seat(std::string_view seat_id) const {
  auto it = by_id_.find(seat_id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<CategoryIndex> Venue::find_category(std::string_view name) const {
  for (std::size_t i = 0; i < categories_.size(); ++i)
    if (categories_[i] == name) return static_cast<CategoryIndex>(i);
  return std::nullopt;
}

std::string Venue::seat_label(SeatIndex seat) const {
  const auto& s = seats_.at(seat);
  const auto& sec = sections_.at(s.section);
  return sec.name + ", Row " + sec.rows.at(s.row).label + ", Seat " + s.number;
}

}  // namespace traffic_master::engine
