#include "platform/http_client/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "platform/http_client/sse_parser.hpp"
#include "platform/http_client/testing/openai_test_server.hpp"

namespace platform::http_client {
namespace {

using testing::OpenAiTestServer;
using testing::Scenario;

ClientRequest chat(const OpenAiTestServer& s, bool stream) {
  ClientRequest r;
  r.method = "POST";
  r.url = s.base_url() + "/chat/completions";
  r.headers = {{"content-type", "application/json"}, {"authorization", "Bearer k"}};
  r.body = std::string(R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stream":)") + (stream ? "true}" : "false}");
  return r;
}

TEST(Url, ParsesAndRejects) {
  auto u = Url::parse("https://api.example.com/v1/chat?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/v1/chat?x=1");
  EXPECT_EQ(Url::parse("http://[::1]:8080")->host, "::1");
  EXPECT_EQ(Url::join("http://h:1/v1/", "/chat/completions")->target, "/v1/chat/completions");
  EXPECT_EQ(Url::parse("ftp://x").error().code, "invalid-url");
  EXPECT_EQ(Url::parse("http://user:pw@h/").error().code, "invalid-url");
  EXPECT_EQ(Url::parse("http://h:80a/").error().code, "invalid-url");
}

TEST(HttpClient, FetchesJson) {
  OpenAiTestServer s;
  auto r = fetch(chat(s, false));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->head.status, 200);
  const auto j = boost::json::parse(r->body);
  EXPECT_EQ(j.at("choices").at(0).at("message").at("content").as_string(), "Hello, I'm here with you.");
  ASSERT_EQ(s.requests().size(), 1u);
  EXPECT_EQ(s.requests()[0].authorization, "Bearer k");
}

TEST(HttpClient, StreamsChunkedSseIncrementally) {
  OpenAiTestServer s;
  Scenario sc;
  sc.token_delay_ms = 5;
  s.push(sc);
  SseParser parser;
  std::string text;
  int events = 0, body_calls = 0;
  auto head = stream(chat(s, true), [](const ResponseHead& h) { return h.status == 200; },
                     [&](std::string_view chunk) {
                       ++body_calls;
                       return parser
                           .feed(chunk,
                                 [&](const SseEvent& e) {
                                   ++events;
                                   if (e.data == "[DONE]") return true;
                                   const auto j = boost::json::parse(e.data);
                                   const auto& d = j.at("choices").at(0).at("delta").as_object();
                                   if (auto* c = d.if_contains("content")) text += c->as_string();
                                   return true;
                                 })
                           .has_value();
                     });
  ASSERT_TRUE(head) << head.error().detail;
  EXPECT_EQ(head->header("content-type"), "text/event-stream");
  EXPECT_EQ(text, "Hello, I'm here with you.");
  EXPECT_EQ(events, 10);  // role, 7 tokens, finish, [DONE]
  EXPECT_GE(body_calls, 5);  // arrived in pieces, not as one buffered body
}

TEST(HttpClient, ErrorStatusIsAResponseNotATransportFailure) {
  OpenAiTestServer s;
  Scenario sc;
  sc.kind = Scenario::Kind::error;
  sc.status = 429;
  s.push(sc);
  auto r = fetch(chat(s, true));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->head.status, 429);
}

TEST(HttpClient, TimeoutsConnectFailuresAndDisconnects) {
  OpenAiTestServer s;
  Scenario hang;
  hang.kind = Scenario::Kind::hang;
  hang.first_token_delay_ms = 2'000;
  s.push(hang);
  auto req = chat(s, true);
  req.first_byte_timeout_ms = 150;
  auto t = fetch(req);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "upstream-timeout");

  Scenario slow;
  slow.token_delay_ms = 400;
  s.push(slow);
  auto idle = chat(s, true);
  idle.idle_timeout_ms = 100;
  auto i = fetch(idle);
  ASSERT_FALSE(i);
  EXPECT_EQ(i.error().code, "upstream-timeout");

  Scenario drop;
  drop.kind = Scenario::Kind::disconnect;
  s.push(drop);
  auto d = fetch(chat(s, true));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, "upstream-closed");

  ClientRequest closed;
  closed.url = "http://127.0.0.1:1/";
  auto c = fetch(closed);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "upstream-connect");

  auto big = fetch(chat(s, false), 10);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "upstream-body-too-large");
}

TEST(HttpClient, TlsToAPlainServerFailsCleanly) {
  OpenAiTestServer s;
  ClientRequest r;
  r.url = "https://127.0.0.1:" + std::to_string(s.port()) + "/v1/chat/completions";
  r.connect_timeout_ms = 1000;
  auto res = fetch(r);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, "upstream-tls");
}

}  // namespace
}  // namespace platform::http_client
