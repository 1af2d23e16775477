#pragma once
// The physical venue: sections -> rows -> seats. Immutable once built, so any number of threads
// may read it without synchronisation. Seats are addressed inside the engine by a dense index
// (SeatIndex) into seats(); the stable text id ("101-F-12") is what the API and tickets show.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/string_map.hpp"

namespace traffic_master::engine {

using SeatIndex = std::uint32_t;
using CategoryIndex = std::uint16_t;

struct Seat {
  std::string id;      // stable, unique in the venue
  std::string number;  // label printed on the seat
  std::uint32_t section = 0;
  std::uint32_t row = 0;  // index into Section::rows
  double x = 0, y = 0;    // map coordinates, stage-relative units
  CategoryIndex category = 0;
  // False when an aisle or a gap separates this seat from the previous one in its row:
  // people sitting on either side are not "together".
  bool adjacent_to_previous = false;
  double stage_distance = 0;  // derived: distance from the stage point
};

struct Row {
  std::string label;
  std::vector<SeatIndex> seats;  // in order along the row
};

struct Section {
  std::string id;
  std::string name;
  std::vector<Row> rows;
};

struct Point {
  double x = 0, y = 0;
};

class Venue {
 public:
  Venue(std::string id, std::string name, Point stage, std::vector<std::string> categories,
        std::vector<Section> sections, std::vector<Seat> seats);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  Point stage() const { return stage_; }
  const std::vector<std::string>& categories() const { return categories_; }
  const std::vector<Section>& sections() const { return sections_; }
  const std::vector<Seat>& seats() const { return seats_; }
  std::size_t capacity() const { return seats_.size(); }

  std::optional<SeatIndex> find_seat(std::string_view seat_id) const;
  std::optional<CategoryIndex> find_category(std::string_view name) const;

  // Label for humans and tickets: "Section 101, Row F, Seat 12".
  std::string seat_label(SeatIndex seat) const;

 private:
  std::string id_;
  std::string name_;
  Point stage_;
  std::vector<std::string> categories_;
  std::vector<Section> sections_;
  std::vector<Seat> seats_;
  platform::StringMap<SeatIndex> by_id_;
};

}  // namespace traffic_master::engine
