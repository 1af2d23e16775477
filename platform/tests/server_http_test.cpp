// The server's HTTP behaviour seen from a raw socket: routing, problems, limits, timeouts,
// async replies, metrics and graceful shutdown.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "platform/tests/running_server.hpp"

using namespace platform;
using namespace platform::http;
using platform::testing::RunningServer;
namespace ht = platform::http::testing;

namespace {

Router demo_router() {
  Router r;
  r.get("/items/{id}", [](Request& req) {
    return Response::json(200, {{"id", std::string(req.param("id"))}});
  });
  r.post("/items", [](Request& req) { return Response::json(201, {{"bytes", req.body.size()}}); });
  r.add_async("GET", "/slow", [](Request&, Reply reply) {
    std::thread([reply] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      reply(Response::text(200, "slow-ok"));
    }).detach();
  });
  r.get("/boom", [](Request&) -> Response { throw std::runtime_error("secret internal detail"); });
  return r;
}

void expect_problem(const ht::ParsedResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("type").as_string(), "/problems/" + code);
  EXPECT_EQ(doc.at("status").as_int64(), status);
  EXPECT_TRUE(doc.at("title").is_string());
  EXPECT_EQ(doc.at("request_id").as_string(), r.header("x-request-id"));
}

}  // namespace

TEST(ServerHttp, RoutesWithParams) {
  RunningServer s(demo_router());
  auto r = ht::request(s.port(), "GET", "/items/abc");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"id":"abc"})");
  EXPECT_FALSE(r->header("x-request-id").empty());
}

TEST(ServerHttp, NotFoundAndMethodNotAllowedAreProblems) {
  RunningServer s(demo_router());
  auto nf = ht::request(s.port(), "GET", "/nothing-here");
  ASSERT_TRUE(nf);
  expect_problem(*nf, 404, "not-found");
  auto na = ht::request(s.port(), "DELETE", "/items/abc");
  ASSERT_TRUE(na);
  expect_problem(*na, 405, "method-not-allowed");
  EXPECT_EQ(na->header("allow"), "GET");
}

TEST(ServerHttp, RequestIdEchoedOnlyWhenWellFormed) {
  RunningServer s(demo_router());
  auto good = ht::request(s.port(), "GET", "/items/1", {}, {{"X-Request-Id", "client-42.abc"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->header("x-request-id"), "client-42.abc");
  auto bad = ht::request(s.port(), "GET", "/items/1", {}, {{"X-Request-Id", "has space\"quote"}});
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->header("x-request-id"), "has space\"quote");
  EXPECT_FALSE(bad->header("x-request-id").empty());
}

TEST(ServerHttp, OversizedBodyGets413) {
  http::ServerConfig cfg;
  cfg.max_body_bytes = 1024;
  RunningServer s(demo_router(), cfg);
  auto ok = ht::request(s.port(), "POST", "/items", std::string(1000, 'x'));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201);
  auto big = ht::request(s.port(), "POST", "/items", std::string(5000, 'x'));
  ASSERT_TRUE(big);
  expect_problem(*big, 413, "body-too-large");
  // Chunked bodies have no declared length; the limit still holds while reading.
  ht::RawConnection c(s.port());
  std::string chunk(2000, 'y');
  char size_line[16];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  c.send("POST /items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(size_line) + chunk +
         "\r\n0\r\n\r\n");
  auto chunked = c.read_response();
  ASSERT_TRUE(chunked);
  expect_problem(*chunked, 413, "body-too-large");
}

TEST(ServerHttp, OversizedHeaderGets431) {
  http::ServerConfig cfg;
  cfg.max_header_bytes = 4096;
  RunningServer s(demo_router(), cfg);
  auto r = ht::request(s.port(), "GET", "/items/1", {}, {{"X-Filler", std::string(8000, 'a')}});
  ASSERT_TRUE(r);
  expect_problem(*r, 431, "header-too-large");
}

TEST(ServerHttp, MalformedRequestGets400AndClose) {
  RunningServer s(demo_router());
  ht::RawConnection c(s.port());
  c.send("THIS IS NOT HTTP\r\n\r\n");
  auto r = c.read_response();
  ASSERT_TRUE(r);
  expect_problem(*r, 400, "bad-request");
  EXPECT_TRUE(c.closed_by_peer(2000));
  // Bad percent-encoding in the path is refused too.
  auto enc = ht::request(s.port(), "GET", "/items/%zz");
  ASSERT_TRUE(enc);
  EXPECT_EQ(enc->status, 400);
}

TEST(ServerHttp, SlowlorisIsCutOffAtHeaderTimeout) {
  http::ServerConfig cfg;
  cfg.header_timeout_ms = 400;
  RunningServer s(demo_router(), cfg);
  ht::RawConnection c(s.port());
  auto start = std::chrono::steady_clock::now();
  c.send("GET /items/1 HTTP/1.1\r\n");
  bool closed = false;
  // Trickle one header byte every 100 ms; the server must not wait for the whole head forever.
  for (int i = 0; i < 30 && !closed; ++i) {
    if (!c.send("X")) break;
    closed = c.closed_by_peer(100);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed || !c.send("X"));
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
  // The server is still serving others.
  auto r = ht::request(s.port(), "GET", "/items/2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerHttp, IdleKeepAliveIsClosedAfterIdleTimeout) {
  http::ServerConfig cfg;
  cfg.idle_timeout_ms = 300;
  RunningServer s(demo_router(), cfg);
  ht::RawConnection c(s.port());
  c.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(c.read_response());
  EXPECT_TRUE(c.closed_by_peer(2000));
}

TEST(ServerHttp, KeepAliveServesManyRequestsOnOneConnection) {
  RunningServer s(demo_router());
  ht::RawConnection c(s.port());
  for (int i = 0; i < 5; ++i) {
    c.send("GET /items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "{\"id\":\"" + std::to_string(i) + "\"}");
  }
}

TEST(ServerHttp, HandlerExceptionIs500WithoutDetails) {
  RunningServer s(demo_router());
  auto r = ht::request(s.port(), "GET", "/boom");
  ASSERT_TRUE(r);
  expect_problem(*r, 500, "internal-error");
  EXPECT_EQ(r->body.find("secret"), std::string::npos);
}

TEST(ServerHttp, ReadinessChecksGate503) {
  std::atomic<bool> healthy{true};
  RunningServer s(demo_router());
  s.server().add_readiness_check("store", [&] { return healthy.load(); });
  auto ok = ht::request(s.port(), "GET", "/readyz");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  healthy = false;
  auto bad = ht::request(s.port(), "GET", "/readyz");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 503);
  EXPECT_NE(bad->body.find("\"store\":\"failing\""), std::string::npos);
}

TEST(ServerHttp, MetricsPassPromtool) {
  RunningServer s(demo_router());
  for (int i = 0; i < 3; ++i) ht::request(s.port(), "GET", "/items/" + std::to_string(i));
  ht::request(s.port(), "GET", "/missing");
  auto m = ht::request(s.port(), "GET", "/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 200);
  EXPECT_NE(m->body.find(R"(http_requests_total{route="/items/{id}",method="GET",status="200"} 3)"), std::string::npos)
      << m->body;
  EXPECT_NE(m->body.find("http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m->body.find("http_open_connections"), std::string::npos);
  EXPECT_NE(m->body.find("build_info"), std::string::npos);
  std::string path = ::testing::TempDir() + "metrics.txt";
  std::ofstream(path) << m->body;
  int rc = std::system(("promtool check metrics < " + path + " > /dev/null 2>&1").c_str());
  EXPECT_EQ(rc, 0) << m->body;
}

TEST(ServerHttp, GracefulShutdownFinishesInFlightRequests) {
  RunningServer s(demo_router());
  constexpr int kClients = 12;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&] {
      auto r = ht::request(s.port(), "GET", "/slow");
      if (r && r->status == 200 && r->body == "slow-ok") ok++;
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_TRUE(s.stop());  // drains: returns only after in-flight requests are answered
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients);
  // Nothing is accepted after the drain.
  ht::RawConnection late(s.port());
  EXPECT_FALSE(late.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n") && late.read_response(500));
}
