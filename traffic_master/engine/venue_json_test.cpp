#include "traffic_master/engine/venue_json.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace traffic_master::engine {
namespace {

std::string doc(std::string sections, std::string categories = R"(["P1","P2"])") {
  return R"({"format":"traffic-master/venue@1","id":"v1","name":"Hall","stage":{"x":0,"y":-3},"categories":)" +
         categories + R"(,"sections":)" + sections + "}";
}
const std::string kGood = R"([{"id":"101","name":"Section 101","rows":[
  {"label":"A","seats":[{"number":"1","x":0,"y":0,"category":"P1"},{"number":"2","x":1,"y":0,"category":"P1"},
                        {"number":"3","x":3,"y":0,"category":"P2","gap_before":true}]},
  {"label":"B","seats":[{"number":"1","x":0,"y":1,"category":"P2","id":"custom-id"}]}]}])";

std::string error_detail(const std::string& text) {
  auto v = venue_from_json(text);
  EXPECT_FALSE(v);
  if (v) return {};
  EXPECT_EQ(v.error().code, "invalid-venue");
  EXPECT_EQ(v.error().status, 422);
  return v.error().detail;
}

TEST(VenueJson, ImportsSectionsRowsSeats) {
  auto v = venue_from_json(doc(kGood));
  ASSERT_TRUE(v) << v.error().detail;
  const Venue& venue = **v;
  EXPECT_EQ(venue.id(), "v1");
  EXPECT_EQ(venue.capacity(), 4u);
  auto s = venue.find_seat("101-A-2");
  ASSERT_TRUE(s);
  EXPECT_EQ(venue.seats()[*s].x, 1);
  EXPECT_TRUE(venue.seats()[*s].adjacent_to_previous);
  EXPECT_FALSE(venue.seats()[*venue.find_seat("101-A-3")].adjacent_to_previous);
  EXPECT_FALSE(venue.seats()[*venue.find_seat("101-A-1")].adjacent_to_previous);
  EXPECT_TRUE(venue.find_seat("custom-id"));
  EXPECT_FALSE(venue.find_seat("101-B-1"));
  EXPECT_EQ(venue.seats()[*venue.find_seat("custom-id")].category, 1);
  EXPECT_DOUBLE_EQ(venue.seats()[*s].stage_distance, std::hypot(1.0, 3.0));
  EXPECT_EQ(venue.seat_label(*s), "Section 101, Row A, Seat 2");
}

TEST(VenueJson, RoundTripsThroughExport) {
  auto v = venue_from_json(doc(kGood));
  ASSERT_TRUE(v);
  auto again = venue_from_json(venue_to_json(**v));
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ((*again)->capacity(), 4u);
  EXPECT_TRUE((*again)->find_seat("custom-id"));
  EXPECT_FALSE((*again)->seats()[*(*again)->find_seat("101-A-3")].adjacent_to_previous);
}

TEST(VenueJson, ErrorsNameTheOffendingPath) {
  EXPECT_EQ(venue_from_json("{not json").error().code, "malformed-json");
  EXPECT_EQ(error_detail("[]"), "$: expected an object");
  EXPECT_EQ(error_detail(R"({"format":"x"})"), R"($.format: must be "traffic-master/venue@1")");
  EXPECT_EQ(error_detail(doc("[]")), "$.sections: must not be empty");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","x":0,"y":0,"category":"VIP"}]}]}])")),
            R"($.sections[0].rows[0].seats[0].category: unknown category "VIP")");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","x":"0","y":0,"category":"P1"}]}]}])")),
            "$.sections[0].rows[0].seats[0].x: expected a number");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","y":0,"category":"P1"}]}]}])")),
            "$.sections[0].rows[0].seats[0].x: is required");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","x":0,"y":0,"category":"P1"},{"number":"1","x":1,"y":0,"category":"P1"}]}]}])")),
            R"($.sections[0].rows[0].seats[1]: duplicate seat id "1-A-1")");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","x":0,"y":0,"category":"P1"}]},{"label":"A","seats":[{"number":"2","x":0,"y":0,"category":"P1"}]}]}])")),
            R"($.sections[0].rows[1].label: duplicate row label "A")");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"n","rows":[{"label":"A","seats":[{"number":"1","x":0,"y":0,"category":"P1","gap_before":1}]}]}])")),
            "$.sections[0].rows[0].seats[0].gap_before: expected a boolean");
  EXPECT_EQ(error_detail(doc(kGood, R"(["P1","P1"])")), R"($.categories[1]: duplicate category "P1")");
  EXPECT_EQ(error_detail(doc(R"([{"id":"1","name":"","rows":[]}])")), "$.sections[0].name: must be 1..64 characters");
}

}  // namespace
}  // namespace traffic_master::engine
