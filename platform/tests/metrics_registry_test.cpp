#include "platform/metrics/registry.hpp"

#include <gtest/gtest.h>

namespace platform::metrics {
namespace {

TEST(MetricsRegistry, RendersHistogramBucketsCumulativeWithPlainBounds) {
  Registry r;
  auto& h = r.histogram("batch_seconds", "Batch time", {{"event", "e1"}}, {0.0005, 0.01, 4096});
  h.observe(0.0001);
  h.observe(0.005);
  h.observe(10'000);
  auto text = r.render();
  EXPECT_NE(text.find("# TYPE batch_seconds histogram\n"), std::string::npos) << text;
  // Bounds as the shortest plain text that reads back exactly; counts cumulative.
  EXPECT_NE(text.find("batch_seconds_bucket{event=\"e1\",le=\"0.0005\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("batch_seconds_bucket{event=\"e1\",le=\"0.01\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("batch_seconds_bucket{event=\"e1\",le=\"4096\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("batch_seconds_bucket{event=\"e1\",le=\"+Inf\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("batch_seconds_count{event=\"e1\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("batch_seconds_sum{event=\"e1\"} 10000.0051\n"), std::string::npos) << text;
}

TEST(MetricsRegistry, SameNameAndLabelsIsTheSameSeries) {
  Registry r;
  r.counter("requests_total", "Requests", {{"route", "/a"}}).inc();
  r.counter("requests_total", "Requests", {{"route", "/a"}}).inc(2);
  r.counter("requests_total", "Requests", {{"route", "/b"}}).inc();
  auto text = r.render();
  EXPECT_NE(text.find("requests_total{route=\"/a\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("requests_total{route=\"/b\"} 1\n"), std::string::npos) << text;
}

TEST(MetricsRegistry, EscapesLabelValues) {
  Registry r;
  r.gauge("waiting", "People waiting", {{"event", "a\"b\\c\nd"}}).set(1.5);
  EXPECT_NE(r.render().find("waiting{event=\"a\\\"b\\\\c\\nd\"} 1.5\n"), std::string::npos) << r.render();
}

}  // namespace
}  // namespace platform::metrics
