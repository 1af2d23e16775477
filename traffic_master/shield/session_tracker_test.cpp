#include "traffic_master/shield/session_tracker.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::shield;

TEST(SessionTracker, CountsSessionsSharingADeviceAnIpAndAnAccount) {
  SessionTracker t;
  t.record_request("a1", "dev", "1.1.1.1", 0);
  t.record_request("a2", "dev", "1.1.1.1", 0);
  t.record_request("a2", "dev", "1.1.1.1", 10);  // same session again
  t.record_request("a1", "phone", "2.2.2.2", 20);
  auto s = t.telemetry("a1", "dev", "1.1.1.1");
  EXPECT_EQ(s.parallel_sessions_device, 2);
  EXPECT_EQ(s.parallel_sessions_ip, 2);
  EXPECT_EQ(s.parallel_sessions_account, 2);
  EXPECT_EQ(t.telemetry("a2", "dev", "1.1.1.1").request_times, (std::vector<platform::Millis>{0, 10}));
  EXPECT_FALSE(s.telemetry_present);
  // Moving networks moves the session's share.
  t.record_request("a2", "dev", "3.3.3.3", 30);
  EXPECT_EQ(t.telemetry("a1", "dev", "1.1.1.1").parallel_sessions_ip, 1);
  EXPECT_EQ(t.telemetry("a2", "dev", "3.3.3.3").parallel_sessions_ip, 1);
}

TEST(SessionTracker, TelemetryAndPruning) {
  SessionTracker t;
  ClientTelemetry c;
  c.pointer_moves = 42;
  c.webdriver = true;
  t.record_request("a", "d", "ip", 0);
  t.record_telemetry("a", "d", c, 5);
  auto s = t.telemetry("a", "d", "ip");
  EXPECT_TRUE(s.telemetry_present);
  EXPECT_EQ(s.pointer_moves, 42);
  EXPECT_TRUE(s.webdriver);
  t.record_request("b", "d", "ip", 1000);
  EXPECT_EQ(t.prune(1005, 1000), 1u);  // a was last seen at 5: idle for the full window
  EXPECT_EQ(t.sessions(), 1u);
  EXPECT_EQ(t.telemetry("b", "d", "ip").parallel_sessions_device, 1);
}

TEST(SessionTracker, RequestHistoryIsBounded) {
  SessionTracker t;
  for (int i = 0; i < 100; ++i) t.record_request("a", "d", "ip", i);
  auto s = t.telemetry("a", "d", "ip");
  ASSERT_EQ(s.request_times.size(), SessionTracker::kKeptRequests);
  EXPECT_EQ(s.request_times.back(), 99);
}
