#include "traffic_master/engine/arena_generator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace traffic_master::engine {
namespace {

constexpr double kSeatPitch = 0.55;  // metres along the row per seat
constexpr double kRowDepth = 0.85;   // metres between rows
constexpr double kAisle = 1.2;       // metres between sections
constexpr double kRingGap = 4.0;     // concourse between rings
constexpr double kFirstRadius = 12.0;
constexpr double kSweep = 230.0 * std::numbers::pi / 180.0;  // horseshoe around the stage
constexpr std::size_t kMidAisleFrom = 30;  // wider rows get an aisle in the middle

std::string row_label(int i) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('A' + i % 26));
    i = i / 26 - 1;
  } while (i >= 0);
  return s;
}

struct Plan {
  struct SeatPos {
    double x, y;
    bool gap_before;
  };
  struct PlannedRow {
    std::vector<SeatPos> seats;
    int ring;
    int row_in_ring;
    double side;  // 0 = facing the stage, 1 = fully side-on
  };
  struct PlannedSection {
    std::string id;
    std::vector<PlannedRow> rows;
  };
  std::vector<PlannedSection> sections;
  std::size_t total = 0;
};

void plan_ring(Plan& plan, int ring, int rows) {
  double inner = kFirstRadius + ring * (rows * kRowDepth + kRingGap);
  double mid = inner + rows * kRowDepth / 2;
  // ~16 m wide sections, at most 99 per ring: a section id is ring * 100 + section, so a
  // stadium-sized outer ring gets wider sections instead of ids that run into the next ring.
  int sections = std::clamp(static_cast<int>(kSweep * mid / 16.0), 6, 99);
  double section_angle = kSweep / sections;
  for (int s = 0; s < sections; ++s) {
    Plan::PlannedSection sec;
    sec.id = std::to_string((ring + 1) * 100 + s + 1);
    double start = -kSweep / 2 + s * section_angle;
    double centre = start + section_angle / 2;
    for (int r = 0; r < rows; ++r) {
      double radius = inner + r * kRowDepth;
      double usable = radius * section_angle - kAisle;
      auto count = static_cast<std::size_t>(std::max(0.0, usable / kSeatPitch));
      Plan::PlannedRow row{{}, ring, r, std::fabs(centre) / (kSweep / 2)};
      double first = centre - (count - 1) * kSeatPitch / radius / 2;
      for (std::size_t k = 0; k < count; ++k) {
        double a = first + k * kSeatPitch / radius;
        bool gap = count >= kMidAisleFrom && k == count / 2;
        row.seats.push_back({radius * std::sin(a), radius * std::cos(a), gap});
      }
      plan.total += count;
      sec.rows.push_back(std::move(row));
    }
    plan.sections.push_back(std::move(sec));
  }
}

}  // namespace

std::shared_ptr<const Venue> generate_arena(const ArenaSpec& spec) {
  Plan plan;
  int rings = 0;
  while (plan.total < spec.capacity) plan_ring(plan, rings++, spec.rows_per_ring);
  // Trim the surplus from the back rows of the outermost ring, spread over its sections.
  std::size_t first_outer = 0;
  for (std::size_t i = 0; i < plan.sections.size(); ++i)
    if (plan.sections[i].rows.front().ring == rings - 1) {
      first_outer = i;
      break;
    }
  std::size_t excess = plan.total - spec.capacity;
  for (std::size_t turn = 0; excess > 0; ++turn) {
    auto& sec = plan.sections[first_outer + turn % (plan.sections.size() - first_outer)];
    auto& row = sec.rows.back();
    row.seats.pop_back();
    if (row.seats.empty()) sec.rows.pop_back();
    --excess;
  }

  std::vector<std::string> categories{"P1", "P2", "P3", "P4"};
  std::vector<Section> sections;
  std::vector<Seat> seats;
  seats.reserve(spec.capacity);
  for (auto& ps : plan.sections) {
    Section sec{ps.id, "Section " + ps.id, {}};
    for (auto& pr : ps.rows) {
      Row row{row_label(pr.row_in_ring), {}};
      int cat = pr.ring == 0 ? (pr.row_in_ring < 8 ? 0 : 1) : std::min(pr.ring + 1, 3);
      if (pr.side > 0.8) cat = std::min(cat + 1, 3);  // side-on views are cheaper
      for (std::size_t k = 0; k < pr.seats.size(); ++k) {
        Seat s;
        s.number = std::to_string(k + 1);
        s.id = sec.id + "-" + row.label + "-" + s.number;
        s.x = pr.seats[k].x;
        s.y = pr.seats[k].y;
        s.category = static_cast<CategoryIndex>(cat);
        s.adjacent_to_previous = k > 0 && !pr.seats[k].gap_before;
        s.section = static_cast<std::uint32_t>(sections.size());
        s.row = static_cast<std::uint32_t>(sec.rows.size());
        row.seats.push_back(static_cast<SeatIndex>(seats.size()));
        seats.push_back(std::move(s));
      }
      sec.rows.push_back(std::move(row));
    }
    sections.push_back(std::move(sec));
  }
  return std::make_shared<const Venue>(spec.id, spec.name, Point{0, 0}, std::move(categories),
                                       std::move(sections), std::move(seats));
}

}  // namespace traffic_master::engine
