// Time to first token added by our server over the model provider, end to end over HTTP:
//   direct:  client -> OpenAI-compatible server (first token after a fixed think time)
//   ours:    client -> mind-log (auth, conversation lookup, journal decrypt + BM25 recall,
//            risk classification, prompt, provider call, SSE parse, output gate) -> the same
//            provider -> SSE to the client
// Both are measured from the request's last byte sent to the first reply text received.
// Prints medians and p95 and one JSON line.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "mind_log/service/counsel_service.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "platform/http/test_client.hpp"
#include "platform/http_client/testing/openai_test_server.hpp"
#include "platform/tests/running_server.hpp"

using namespace mind_log;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

// Sends `request` on a fresh connection and returns ms until `marker` appears in the response.
double time_to(std::uint16_t port, const std::string& request, const std::string& marker) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const auto t0 = Clock::now();
  (void)::send(fd, request.data(), request.size(), 0);
  std::string got;
  char buf[4096];
  double ms = -1;
  while (true) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    if (got.find(marker) != std::string::npos) {
      ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      break;
    }
  }
  // Drain the rest so the server finishes the turn cleanly before the next one.
  while (::recv(fd, buf, sizeof buf, 0) > 0) {
  }
  ::close(fd);
  return ms;
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * double(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  int turns = 40, think_ms = 40;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--turns")) turns = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--think-ms")) think_ms = std::atoi(argv[++i]);
  }
  platform::http_client::testing::OpenAiTestServer model;
  platform::http_client::testing::Scenario sc;
  sc.first_token_delay_ms = think_ms;
  sc.token_delay_ms = 2;
  model.set_default(sc);

  const auto dir = std::filesystem::temp_directory_path() / ("counsel-ttft-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  platform::SystemClock clock;
  platform::metrics::Registry metrics;
  platform::config::Config config("MIND_LOG_BENCH");
  service::declare_options(config);
  service::declare_counsel_options(config);
  if (!config.load({"--counsel-provider", "openai", "--counsel-base-url", model.base_url()}, nullptr)) return 1;
  service::Settings s;
  s.data_dir = (dir / "data").string();
  s.accounts.argon2 = {256, 1, 1};
  s.purge_interval_ms = 0;
  auto app = service::MindLogApp::open(s, clock, metrics, config);
  if (!app) {
    std::fprintf(stderr, "open: %s\n", app.error().detail.c_str());
    return 1;
  }
  platform::http::Router router;
  (*app)->install_routes(router);
  platform::service::ServiceContext ctx{config, router, metrics, s.data_dir, {}, {}, {}};
  if (auto r = service::install_counsel((*app)->app(), ctx, &(*app)->journal(), nullptr); !r) return 1;
  platform::http::ServerConfig sc_http;
  sc_http.threads = 1;
  auto server = std::make_unique<platform::testing::RunningServer>(std::move(router), sc_http);
  const auto port = server->port();
  auto call = [&](const std::string& method, const std::string& target, const std::string& body, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return platform::http::testing::request(port, method, target, body, h);
  };
  const std::string creds = R"({"email":"bench@example.com","password":"correct horse battery"})";
  call("POST", "/api/v1/accounts", creds, "");
  const std::string token(json::parse(call("POST", "/api/v1/sessions", creds, "")->body).at("access_token").as_string());
  for (int i = 0; i < 30; ++i) {  // a realistic journal to decrypt and search each turn
    call("POST", "/api/v1/journal/entries",
         json::serialize(json::object{{"text", "Day " + std::to_string(i) + ": work deadlines again, walked after dinner, slept badly."},
                                      {"mood", 4}, {"occurred_at", "2026-11-2" + std::to_string(i % 7) + "T21:30:00+09:00"},
                                      {"time_zone", "Asia/Seoul"}}),
         token);
  }
  const std::string conv(json::parse(call("POST", "/api/v1/counsel/conversations", "{}", token)->body).at("conversation_id").as_string());

  std::vector<double> direct, ours;
  const std::string direct_body = R"({"model":"m","stream":true,"messages":[{"role":"user","content":"I had a hard day at work"}]})";
  const std::string direct_req = "POST /v1/chat/completions HTTP/1.1\r\nHost: m\r\nContent-Type: application/json\r\nContent-Length: " +
                                 std::to_string(direct_body.size()) + "\r\n\r\n" + direct_body;
  for (int i = 0; i < turns + 2; ++i) {
    const double d = time_to(model.port(), direct_req, "\"content\":\"Hello\"");
    auto posted = call("POST", "/api/v1/counsel/conversations/" + conv + "/messages",
                       json::serialize(json::object{{"text", "I had a hard day at work, turn " + std::to_string(i)}}), token);
    if (!posted || posted->status != 202) {
      std::fprintf(stderr, "post failed\n");
      return 1;
    }
    const std::string events(json::parse(posted->body).at("events").as_string());
    const std::string get = "GET " + events + " HTTP/1.1\r\nHost: m\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
    // The first turn also carries our AI disclosure, which is sent before the model answers;
    // the marker is the model's first token so the comparison is like for like.
    const double o = time_to(port, get, "Hello");
    if (i >= 2 && d > 0 && o > 0) {  // two warm-up turns
      direct.push_back(d);
      ours.push_back(o);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the turn persist
  }
  server.reset();
  app->reset();
  std::filesystem::remove_all(dir);
  if (direct.empty()) return 1;
  const double added = pct(ours, 0.5) - pct(direct, 0.5);
  std::printf("model think time %d ms, %zu turns\n", think_ms, direct.size());
  std::printf("direct to provider: median %.2f ms, p95 %.2f ms\n", pct(direct, 0.5), pct(direct, 0.95));
  std::printf("through mind-log:   median %.2f ms, p95 %.2f ms\n", pct(ours, 0.5), pct(ours, 0.95));
  std::printf("added by our server: median %.2f ms, p95 %.2f ms\n", added, pct(ours, 0.95) - pct(direct, 0.95));
  std::printf("{\"added_ttft_ms\": %.2f, \"added_ttft_p95_ms\": %.2f, \"ttft_direct_ms\": %.2f, \"ttft_ours_ms\": %.2f}\n", added,
              pct(ours, 0.95) - pct(direct, 0.95), pct(direct, 0.5), pct(ours, 0.5));
  return 0;
}
