#include "platform/http_client/sse_parser.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace platform::http_client {
namespace {

std::vector<SseEvent> parse_in_pieces(std::string_view stream, std::size_t piece) {
  SseParser p;
  std::vector<SseEvent> out;
  for (std::size_t i = 0; i < stream.size(); i += piece) {
    auto r = p.feed(stream.substr(i, piece), [&](const SseEvent& e) {
      out.push_back(e);
      return true;
    });
    EXPECT_TRUE(r);
  }
  return out;
}

TEST(SseParser, SameEventsWhateverTheChunking) {
  const std::string s =
      "\xEF\xBB\xBF: keep-alive\r\ndata: {\"a\":1}\r\n\r\nevent: ping\ndata: x\ndata: y\nid: 7\n\n"
      "data:no-space\r\rdata: [DONE]\n\n";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    const auto ev = parse_in_pieces(s, piece);
    ASSERT_EQ(ev.size(), 4u) << piece;
    EXPECT_EQ(ev[0].data, "{\"a\":1}");
    EXPECT_EQ(ev[0].event, "message");
    EXPECT_EQ(ev[1].event, "ping");
    EXPECT_EQ(ev[1].data, "x\ny");
    EXPECT_EQ(ev[1].id, "7");
    EXPECT_EQ(ev[2].data, "no-space");
    EXPECT_EQ(ev[3].data, "[DONE]");
  }
}

TEST(SseParser, UnterminatedEventIsNotDispatched) {
  SseParser p;
  int n = 0;
  ASSERT_TRUE(p.feed("data: half", [&](const SseEvent&) { return ++n, true; }));
  EXPECT_EQ(n, 0);
  EXPECT_TRUE(p.has_partial_event());
}

TEST(SseParser, LimitsAndStop) {
  SseParser small(16);
  auto r = small.feed(std::string(40, 'x'), [](const SseEvent&) { return true; });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "sse-event-too-large");
  SseParser p;
  auto stopped = p.feed("data: a\n\ndata: b\n\n", [](const SseEvent&) { return false; });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, "sse-stopped");
}

}  // namespace
}  // namespace platform::http_client
