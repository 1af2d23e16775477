// WebSocket endpoints from a raw socket: echo, backpressure against a client that never reads,
// keepalive pings, and close code 1001 on shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "platform/tests/running_server.hpp"

using namespace platform::http;
using platform::testing::RunningServer;
namespace ht = platform::http::testing;

namespace {

const char* kUpgrade =
    "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

std::string client_frame(std::uint8_t opcode, const std::string& payload) {
  std::string f;
  f += static_cast<char>(0x80 | opcode);
  const unsigned char mask[4] = {0x11, 0x22, 0x33, 0x44};
  if (payload.size() < 126) {
    f += static_cast<char>(0x80 | payload.size());
  } else {
    f += static_cast<char>(0x80 | 126);
    f += static_cast<char>(payload.size() >> 8);
    f += static_cast<char>(payload.size() & 0xff);
  }
  f.append(reinterpret_cast<const char*>(mask), 4);
  for (std::size_t i = 0; i < payload.size(); ++i) f += static_cast<char>(payload[i] ^ mask[i % 4]);
  return f;
}

struct Frame {
  std::uint8_t opcode;
  std::string payload;
};

std::optional<Frame> read_frame(ht::RawConnection& c, int timeout_ms = 3000) {
  auto h = c.read_exact(2, timeout_ms);
  if (!h) return std::nullopt;
  Frame f{static_cast<std::uint8_t>((*h)[0] & 0x0f), {}};
  std::uint64_t len = static_cast<unsigned char>((*h)[1]) & 0x7f;
  if (len == 126) {
    auto e = c.read_exact(2, timeout_ms);
    if (!e) return std::nullopt;
    len = static_cast<unsigned char>((*e)[0]) << 8 | static_cast<unsigned char>((*e)[1]);
  } else if (len == 127) {
    auto e = c.read_exact(8, timeout_ms);
    if (!e) return std::nullopt;
    len = 0;
    for (char b : *e) len = len << 8 | static_cast<unsigned char>(b);
  }
  auto p = c.read_exact(len, timeout_ms);
  if (!p) return std::nullopt;
  f.payload = std::move(*p);
  return f;
}

Router echo_router(std::atomic<int>* closes = nullptr) {
  Router r;
  WebSocketHandler h;
  h.on_message = [](const std::shared_ptr<WebSocket>& ws, std::string_view data, bool binary) {
    auto copy = std::make_shared<const std::string>(data);
    binary ? ws->send_binary(copy) : ws->send_text(copy);
  };
  h.on_close = [closes](const std::shared_ptr<WebSocket>&) {
    if (closes) (*closes)++;
  };
  r.websocket("/ws", h);
  return r;
}

}  // namespace

TEST(ServerWebSocket, EchoesTextAndBinary) {
  RunningServer s(echo_router());
  ht::RawConnection c(s.port());
  c.send(kUpgrade);
  auto up = c.read_response();
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 101);
  EXPECT_EQ(up->header("sec-websocket-accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  c.send(client_frame(0x1, "hello"));
  auto t = read_frame(c);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->opcode, 0x1);
  EXPECT_EQ(t->payload, "hello");
  std::string bin("\x00\x01\x02\xff", 4);
  c.send(client_frame(0x2, bin));
  auto b = read_frame(c);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->opcode, 0x2);
  EXPECT_EQ(b->payload, bin);
}

TEST(ServerWebSocket, PlainGetOnWebSocketRouteIs426) {
  RunningServer s(echo_router());
  auto r = ht::request(s.port(), "GET", "/ws");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 426);
}

TEST(ServerWebSocket, ClientThatNeverReadsIsCutOff) {
  std::mutex m;
  std::shared_ptr<WebSocket> opened;
  std::atomic<bool> closed{false};
  Router r;
  WebSocketHandler h;
  h.on_open = [&](const std::shared_ptr<WebSocket>& ws) {
    std::lock_guard lock(m);
    opened = ws;
  };
  h.on_close = [&](const std::shared_ptr<WebSocket>&) { closed = true; };
  r.websocket("/ws", h);
  ServerConfig cfg;
  cfg.ws_max_queue_bytes = 256 << 10;
  RunningServer s(std::move(r), cfg);
  ht::RawConnection c(s.port());
  c.send(kUpgrade);
  ASSERT_EQ(c.read_response()->status, 101);
  std::shared_ptr<WebSocket> ws;
  for (int i = 0; i < 100 && !ws; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard lock(m);
    ws = opened;
  }
  ASSERT_TRUE(ws);
  auto chunk = std::make_shared<const std::string>(64 << 10, 'z');
  // 64 MiB offered to a client that reads nothing: far beyond socket buffers plus the queue.
  int sent = 0;
  for (; sent < 1024 && !closed; ++sent) {
    ws->send_binary(chunk);
    if (sent % 16 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (int i = 0; i < 300 && !closed; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(closed.load()) << "server kept a non-reading client after " << sent << " messages";
  EXPECT_LT(sent, 1024);
  // Handles must not outlive the server (its io_context owns their sockets).
  ws.reset();
  std::lock_guard lock(m);
  opened.reset();
}

TEST(ServerWebSocket, PeerThatIgnoresPingsIsDropped) {
  std::atomic<int> closes{0};
  ServerConfig cfg;
  cfg.ws_ping_interval_ms = 150;
  RunningServer s(echo_router(&closes), cfg);
  ht::RawConnection c(s.port());
  c.send(kUpgrade);
  ASSERT_EQ(c.read_response()->status, 101);
  // Read frames (pings) but never answer; the server must give up on us.
  bool got_ping = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < deadline && closes.load() == 0) {
    auto f = read_frame(c, 200);
    if (f && f->opcode == 0x9) got_ping = true;
  }
  EXPECT_TRUE(got_ping);
  EXPECT_EQ(closes.load(), 1);
}

TEST(ServerWebSocket, ShutdownClosesWith1001) {
  RunningServer s(echo_router());
  auto conn = std::make_unique<ht::RawConnection>(s.port());
  auto& c = *conn;
  c.send(kUpgrade);
  ASSERT_EQ(c.read_response()->status, 101);
  bool clean = false;
  std::thread stopper([&] { clean = s.stop(); });
  auto f = read_frame(c);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, 0x8);
  ASSERT_GE(f->payload.size(), 2u);
  int code = static_cast<unsigned char>(f->payload[0]) << 8 | static_cast<unsigned char>(f->payload[1]);
  EXPECT_EQ(code, 1001);
  c.send(client_frame(0x8, f->payload.substr(0, 2)));
  EXPECT_TRUE(c.closed_by_peer(3000));  // the server ends the TCP connection after the handshake
  conn.reset();
  stopper.join();
  EXPECT_TRUE(clean);
}
