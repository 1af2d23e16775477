// The live seat stream over a real WebSocket: snapshot on connect, one coalesced delta per
// tick with version numbers, resync on request.
#include <gtest/gtest.h>

#include "traffic_master/engine/seat_stream_codec.hpp"
#include "traffic_master/service/service_test_support.hpp"

namespace traffic_master::service {
namespace {

using StreamTest = testing::ServiceFixture;

class WsClient {
 public:
  WsClient(std::uint16_t port, const std::string& path) : conn_(port) {
    conn_.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos) {
      auto c = conn_.read_exact(1);
      if (!c) break;
      head += *c;
    }
    status_line_ = head.substr(0, head.find("\r\n"));
  }
  const std::string& status_line() const { return status_line_; }
  // Next data frame: {opcode, payload}.
  std::optional<std::pair<int, std::string>> next(int timeout_ms = 3000) {
    for (;;) {
      auto h = conn_.read_exact(2, timeout_ms);
      if (!h) return std::nullopt;
      int opcode = (*h)[0] & 0x0f;
      std::uint64_t len = static_cast<unsigned char>((*h)[1]) & 0x7f;
      if (len >= 126) {
        auto ext = conn_.read_exact(len == 126 ? 2 : 8, timeout_ms);
        if (!ext) return std::nullopt;
        len = 0;
        for (unsigned char c : *ext) len = (len << 8) | c;
      }
      auto payload = len ? conn_.read_exact(len, timeout_ms) : std::optional<std::string>("");
      if (!payload) return std::nullopt;
      if (opcode == 9 || opcode == 10) continue;  // ping/pong
      return std::make_pair(opcode, *payload);
    }
  }
  void send_text(const std::string& text) {  // client frames are masked (RFC 6455 5.3)
    std::string f;
    f.push_back(static_cast<char>(0x81));
    f.push_back(static_cast<char>(0x80 | text.size()));
    const char mask[4] = {1, 2, 3, 4};
    f.append(mask, 4);
    for (std::size_t i = 0; i < text.size(); ++i) f.push_back(static_cast<char>(text[i] ^ mask[i % 4]));
    conn_.send(f);
  }

 private:
  platform::http::testing::RawConnection conn_;
  std::string status_line_;
};

engine::DecodedFrame decode(const std::string& s) {
  auto f = engine::decode_frame({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
  EXPECT_TRUE(f);
  return f.value_or(engine::DecodedFrame{});
}

TEST_F(StreamTest, SeatStreamSendsSnapshotThenCoalescedDeltas) {
  WsClient ws(port, "/ws/events/live/seats");
  ASSERT_NE(ws.status_line().find("101"), std::string::npos) << ws.status_line();
  auto first = ws.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->first, 2);  // binary
  engine::SeatMirror mirror;
  ASSERT_TRUE(mirror.apply(decode(first->second)));
  EXPECT_EQ(mirror.status().size(), 300u);
  for (int i = 0; i < 50 && app->hubs.at("live")->subscribers() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));

  // Three holds between two ticks arrive as ONE delta frame.
  for (const char* who : {"a", "b", "c"}) {
    auto token = login(who);
    auto r = call("POST", "/api/v1/events/live/holds/best-available", token, R"({"category":"P1","count":2})", "k");
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  EXPECT_EQ(app->hubs.at("live")->tick(), 1u);
  auto delta = ws.next();
  ASSERT_TRUE(delta);
  auto frame = decode(delta->second);
  EXPECT_EQ(frame.type, engine::kFrameDelta);
  EXPECT_EQ(frame.changes.size(), 6u);
  ASSERT_TRUE(mirror.apply(frame));
  EXPECT_EQ(std::count(mirror.status().begin(), mirror.status().end(), 1), 6);
  EXPECT_EQ(mirror.version(), app->catalog->find("live")->writer->snapshot()->version);
  EXPECT_EQ(app->hubs.at("live")->tick(), 0u);  // nothing new: nothing sent

  ws.send_text("resync");
  auto snap = ws.next();
  ASSERT_TRUE(snap);
  auto s = decode(snap->second);
  EXPECT_EQ(s.type, engine::kFrameSnapshot);
  EXPECT_EQ(s.version, mirror.version());
  EXPECT_EQ(s.status, mirror.status());
}

TEST_F(StreamTest, SeatStreamRejectsUnknownEvents) {
  WsClient ws(port, "/ws/events/nope/seats");
  EXPECT_NE(ws.status_line().find("404"), std::string::npos) << ws.status_line();
}

}  // namespace
}  // namespace traffic_master::service
