// The hand-written place status body is valid JSON with the documented fields and escaping.
#include "traffic_master/service/gate_status_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

using namespace traffic_master;
namespace json = boost::json;

TEST(GateStatusJson, WaitingPlaceWithEtaRange) {
  queue::PlaceStatus s;
  s.receipt = "abc_DEF-123";
  s.state = queue::PlaceState::waiting;
  s.phase = queue::Phase::open;
  s.position = 42;
  s.ahead = 41;
  s.eta.low_s = 10.4;
  s.eta.high_s = 17.6;
  auto text = service::place_status_body(s, "ignored-while-waiting", true);
  auto v = json::parse(text).as_object();
  EXPECT_EQ(v.at("receipt").as_string(), "abc_DEF-123");
  EXPECT_EQ(v.at("state").as_string(), "waiting");
  EXPECT_EQ(v.at("phase").as_string(), "open");
  EXPECT_EQ(v.at("in_prequeue").as_bool(), false);
  EXPECT_EQ(v.at("position").as_int64(), 42);
  EXPECT_EQ(v.at("ahead").as_int64(), 41);
  const auto& eta = v.at("eta").as_object();
  EXPECT_TRUE(eta.at("known").as_bool());
  EXPECT_EQ(eta.at("low_s").as_int64(), 10);
  EXPECT_EQ(eta.at("high_s").as_int64(), 18);
  EXPECT_FALSE(eta.contains("reason"));
  EXPECT_FALSE(v.contains("admission_token"));
  EXPECT_EQ(v.at("rejoined").as_bool(), true);
}

TEST(GateStatusJson, AdmittedPlaceCarriesItsTokenAndUnknownEtaItsReason) {
  queue::PlaceStatus s;
  s.receipt = "r";
  s.state = queue::PlaceState::admitted;
  s.phase = queue::Phase::paused;
  s.eta.known = false;
  s.eta.reason = "a \"quoted\" reason\\ with\ta tab";
  s.admission_expires_ms = 1'800'000'000'123;
  auto text = service::place_status_body(s, "h.p.sig");
  auto v = json::parse(text).as_object();
  EXPECT_EQ(v.at("state").as_string(), "admitted");
  const auto& eta = v.at("eta").as_object();
  EXPECT_FALSE(eta.at("known").as_bool());
  EXPECT_FALSE(eta.contains("low_s"));
  EXPECT_EQ(eta.at("reason").as_string(), s.eta.reason);
  EXPECT_EQ(v.at("admission_token").as_string(), "h.p.sig");
  EXPECT_EQ(v.at("admission_expires_at_ms").as_int64(), 1'800'000'000'123);
  EXPECT_FALSE(v.contains("rejoined"));
}
