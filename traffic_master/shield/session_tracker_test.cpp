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

TEST(SessionTracker, RequestTimesStayExactAcrossAWideRangeOfClockValues) {
  SessionTracker t;
  const platform::Millis start = 1'800'000'000'000;
  for (int i = 0; i < 40; ++i) t.record_request("a", "d", "ip", start + i * 3'600'000LL);  // hourly, 39 h
  auto s = t.telemetry("a", "d", "ip");
  ASSERT_EQ(s.request_times.size(), SessionTracker::kKeptRequests);
  EXPECT_EQ(s.request_times.front(), start + 8 * 3'600'000LL);
  EXPECT_EQ(s.request_times.back(), start + 39 * 3'600'000LL);
  // A request 60 days later: the newest time is exact, older ones at least 24 days before it.
  const platform::Millis later = start + 60LL * 86'400'000;
  t.record_request("a", "d", "ip", later);
  s = t.telemetry("a", "d", "ip");
  EXPECT_EQ(s.request_times.back(), later);
  EXPECT_LE(s.request_times[s.request_times.size() - 2], later - 24LL * 86'400'000);
  t.record_request("a", "d", "ip", later + 5);
  EXPECT_EQ(t.telemetry("a", "d", "ip").request_times.back(), later + 5);
}
