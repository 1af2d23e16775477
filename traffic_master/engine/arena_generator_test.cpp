#include "traffic_master/engine/arena_generator.hpp"

#include <gtest/gtest.h>

#include <set>

#include "traffic_master/engine/venue_json.hpp"

namespace traffic_master::engine {
namespace {

TEST(ArenaGenerator, ProducesExactCapacitiesWithCurvedSectionsAndAisles) {
  for (std::size_t capacity : {15'000u, 60'000u}) {
    auto v = generate_arena({"arena", "Arena", capacity, 20});
    EXPECT_EQ(v->capacity(), capacity);
    EXPECT_GT(v->sections().size(), 20u);
    std::set<CategoryIndex> cats;
    std::size_t gaps = 0;
    for (auto& s : v->seats()) {
      cats.insert(s.category);
      if (!s.adjacent_to_previous && s.number != "1") ++gaps;
      EXPECT_GT(s.stage_distance, 11.0);  // nobody sits on the stage
    }
    EXPECT_EQ(cats.size(), 4u);
    EXPECT_GT(gaps, 0u);  // wide sections get a middle aisle
  }
}

TEST(ArenaGenerator, StadiumSizedArenasKeepSectionAndSeatIdsUnique) {
  // Outer rings of a very large arena would need more than 99 sections; ids stay unique
  // because such rings get wider sections (Venue aborts on a duplicate seat id).
  auto v = generate_arena({"stadium", "Stadium", 600'000u, 20});
  EXPECT_EQ(v->capacity(), 600'000u);
  std::set<std::string> section_ids;
  for (auto& s : v->sections()) EXPECT_TRUE(section_ids.insert(s.id).second) << s.id;
}

TEST(ArenaGenerator, FrontRowsAreTheBestCategory) {
  auto v = generate_arena({"arena", "Arena", 15'000, 20});
  double p1_max = 0, p4_min = 1e9;
  for (auto& s : v->seats()) {
    if (s.category == 0) p1_max = std::max(p1_max, s.stage_distance);
    if (s.category == 3) p4_min = std::min(p4_min, s.stage_distance);
  }
  EXPECT_LT(p1_max, p4_min);
}

TEST(ArenaGenerator, OutputIsAValidVenueDocument) {
  auto v = generate_arena({"arena-15k", "Arena 15k", 15'000, 20});
  auto text = venue_to_json(*v);
  auto again = venue_from_json(text);
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ((*again)->capacity(), 15'000u);
  EXPECT_EQ((*again)->sections().size(), v->sections().size());
  // Deterministic: the same spec gives the same document.
  EXPECT_EQ(venue_to_json(*generate_arena({"arena-15k", "Arena 15k", 15'000, 20})), text);
}

}  // namespace
}  // namespace traffic_master::engine
