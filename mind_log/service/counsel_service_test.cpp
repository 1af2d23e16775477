// The counselling feature end to end over HTTP: streamed turns (SSE), bad input with stable
// problem codes, crisis handling and the operator review queue, safety plan, memory view and
// deletion, export and erasure.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "mind_log/service/counsel_service.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "platform/http/test_client.hpp"
#include "platform/tests/running_server.hpp"

namespace mind_log::service {
namespace {

namespace json = boost::json;
using platform::http::testing::ParsedResponse;
const std::string kOperatorToken = "operator-token-0123456789abcdef";

struct CounselServiceTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ml-counsel-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  platform::SystemClock clock;
  platform::metrics::Registry metrics;
  platform::config::Config config{"MIND_LOG_TEST"};
  std::unique_ptr<MindLogApp> app;
  std::unique_ptr<platform::testing::RunningServer> server;
  std::vector<std::function<void()>> drain;

  void SetUp() override {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "operator.token") << kOperatorToken << "\n";
    declare_options(config);
    declare_counsel_options(config);
    ASSERT_TRUE(config.load({"--counsel-operator-token-file", (dir / "operator.token").string()}, nullptr));
    Settings s;
    s.data_dir = (dir / "data").string();
    s.accounts.argon2 = {256, 1, 1};
    s.purge_interval_ms = 0;
    auto opened = MindLogApp::open(s, clock, metrics, config);
    ASSERT_TRUE(opened) << opened.error().detail;
    app = std::move(*opened);
    platform::http::Router router;
    app->install_routes(router);
    platform::service::ServiceContext ctx{config, router, metrics, s.data_dir, {}, {}, {}};
    auto installed = install_counsel(app->app(), ctx, &app->journal(), nullptr);
    ASSERT_TRUE(installed) << installed.error().detail;
    drain = ctx.on_drain;
    server = std::make_unique<platform::testing::RunningServer>(std::move(router));
  }
  void TearDown() override {
    for (auto& d : drain) d();
    server.reset();
    app.reset();
    std::filesystem::remove_all(dir);
  }

  ParsedResponse call(const std::string& method, const std::string& target, const std::string& body = {},
                      const std::string& token = {}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    auto r = platform::http::testing::request(server->port(), method, target, body, headers);
    EXPECT_TRUE(r);
    return r.value_or(ParsedResponse{});
  }
  static std::string code(const ParsedResponse& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("type")) return "";
    std::string type(v.as_object().at("type").as_string());
    return type.substr(type.rfind('/') + 1);
  }
  static json::object obj(const ParsedResponse& r) { return json::parse(r.body).as_object(); }
  std::string log_in(const std::string& email) {
    const std::string creds = R"({"email":")" + email + R"(","password":"correct horse battery"})";
    EXPECT_EQ(call("POST", "/api/v1/accounts", creds).status, 201);
    return std::string(obj(call("POST", "/api/v1/sessions", creds)).at("access_token").as_string());
  }
  // Sends a message and reads its SSE stream to the end; returns the raw event stream.
  std::size_t message_count(const std::string& token, const std::string& conv) {
    auto msgs = call("GET", "/api/v1/counsel/conversations/" + conv, {}, token);
    return msgs.status == 200 ? obj(msgs).at("messages").as_array().size() : 0;
  }
  std::string say(const std::string& token, const std::string& conv, const std::string& text) {
    const std::size_t before = message_count(token, conv);
    auto posted = call("POST", "/api/v1/counsel/conversations/" + conv + "/messages",
                       json::serialize(json::object{{"text", text}}), token);
    EXPECT_EQ(posted.status, 202) << posted.body;
    const std::string events(obj(posted).at("events").as_string());
    platform::http::testing::RawConnection c(server->port());
    c.send("GET " + events + " HTTP/1.1\r\nHost: t\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (got.find("event: done") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      auto b = c.read_exact(1, 5000);
      if (!b) break;
      got += *b;
    }
    // Persistence happens right after the stream ends; give it a moment before reading back.
    for (int i = 0; i < 200 && message_count(token, conv) < before + 2; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return got;
  }
};

TEST_F(CounselServiceTest, StreamsATurnAndStoresTheConversation) {
  const auto t = log_in("a@example.com");
  auto created = call("POST", "/api/v1/counsel/conversations", "{}", t);
  ASSERT_EQ(created.status, 201);
  const std::string conv(obj(created).at("conversation_id").as_string());
  const auto stream = say(t, conv, "I can't sleep and work is stressing me out");
  EXPECT_NE(stream.find("text/event-stream"), std::string::npos);
  EXPECT_NE(stream.find("event: meta"), std::string::npos);
  EXPECT_NE(stream.find("event: delta"), std::string::npos);
  EXPECT_NE(stream.find("AI"), std::string::npos);
  const auto msgs = obj(call("GET", "/api/v1/counsel/conversations/" + conv, {}, t)).at("messages").as_array();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].at("text").as_string(), "I can't sleep and work is stressing me out");
  // The text is encrypted at rest.
  std::ifstream db(dir / "data" / "mind-log.db", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(db)), {});
  EXPECT_EQ(bytes.find("stressing me out"), std::string::npos);
}

TEST_F(CounselServiceTest, BadInputGetsStableCodesAndChangesNothing) {
  const auto t = log_in("b@example.com");
  const auto other = log_in("c@example.com");
  const std::string conv(obj(call("POST", "/api/v1/counsel/conversations", "{}", t)).at("conversation_id").as_string());
  const std::string path = "/api/v1/counsel/conversations/" + conv + "/messages";
  EXPECT_EQ(code(call("POST", path, R"({"text":"   "})", t)), "empty-message");
  EXPECT_EQ(call("POST", path, json::serialize(json::object{{"text", std::string(5000, 'a')}}), t).status, 413);
  EXPECT_EQ(code(call("POST", path, R"({"text":"hi","mood":11})", t)), "invalid-field");
  EXPECT_EQ(code(call("POST", path, "{nope", t)), "malformed-json");
  EXPECT_EQ(code(call("POST", path, R"({"text":"hi"})")), "auth-required");
  EXPECT_EQ(code(call("POST", path, R"({"text":"hi"})", other)), "conversation-not-found");
  EXPECT_EQ(call("POST", path, R"({"text":"hi"})", t).status, 202);
  EXPECT_EQ(code(call("POST", path, R"({"text":"again"})", t)), "turn-in-progress");
  EXPECT_EQ(code(call("GET", "/api/v1/counsel/conversations/" + conv + "/turns/nope/events", {}, t)), "turn-not-found");
  EXPECT_EQ(obj(call("GET", "/api/v1/counsel/conversations/" + conv, {}, t)).at("messages").as_array().size(), 0u);
}

TEST_F(CounselServiceTest, CrisisTurnQueuesARiskEventForOperators) {
  const auto t = log_in("d@example.com");
  const std::string conv(obj(call("POST", "/api/v1/counsel/conversations", "{}", t)).at("conversation_id").as_string());
  const auto stream = say(t, conv, "오늘 밤에 죽을 거야");
  EXPECT_NE(stream.find("\"risk\":\"imminent\""), std::string::npos);
  EXPECT_NE(stream.find("109"), std::string::npos);
  EXPECT_EQ(code(call("GET", "/api/v1/operator/counsel/risk-events", {}, t)), "operator-auth-required");
  auto events = obj(call("GET", "/api/v1/operator/counsel/risk-events", {}, kOperatorToken)).at("events").as_array();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("level").as_string(), "imminent");
  EXPECT_EQ(events[0].as_object().count("text"), 0u);  // reviewers see level and reasons, not the words
  const std::string id(events[0].at("event_id").as_string());
  EXPECT_EQ(code(call("POST", "/api/v1/operator/counsel/risk-events/nope/resolve", R"({"note":"x"})", kOperatorToken)),
            "risk-event-not-found");
  EXPECT_EQ(call("POST", "/api/v1/operator/counsel/risk-events/" + id + "/resolve", R"({"note":"called, safe"})", kOperatorToken).status, 200);
  EXPECT_TRUE(obj(call("GET", "/api/v1/operator/counsel/risk-events", {}, kOperatorToken)).at("events").as_array().empty());
}

TEST_F(CounselServiceTest, SafetyPlanMemoryExportAndErase) {
  const auto t = log_in("e@example.com");
  EXPECT_EQ(code(call("GET", "/api/v1/counsel/safety-plan", {}, t)), "safety-plan-not-found");
  EXPECT_EQ(code(call("PUT", "/api/v1/counsel/safety-plan", R"({"people":[{"name":""}]})", t)), "invalid-safety-plan");
  EXPECT_EQ(code(call("GET", "/api/v1/counsel/safety-plan", {}, t)), "safety-plan-not-found");
  EXPECT_EQ(call("PUT", "/api/v1/counsel/safety-plan", R"({"coping_steps":["walk"],"reasons_to_live":["my cat"]})", t).status, 200);
  EXPECT_EQ(obj(call("GET", "/api/v1/counsel/safety-plan", {}, t)).at("reasons_to_live").at(0).as_string(), "my cat");

  const std::string entry = R"({"text":"Work stress again, took a walk after.","mood":4,"occurred_at":"2026-11-27T21:30:00+09:00","time_zone":"Asia/Seoul"})";
  ASSERT_EQ(call("POST", "/api/v1/journal/entries", entry, t).status, 201);
  auto mem = obj(call("GET", "/api/v1/counsel/memory", {}, t));
  bool has_walking = false;
  for (const auto& i : mem.at("items").as_array()) has_walking = has_walking || i.at("id").as_string() == "activity:walking";
  ASSERT_TRUE(has_walking);
  EXPECT_EQ(code(call("DELETE", "/api/v1/counsel/memory/activity:nothing", {}, t)), "memory-item-not-found");
  EXPECT_EQ(call("DELETE", "/api/v1/counsel/memory/activity:walking", {}, t).status, 204);
  mem = obj(call("GET", "/api/v1/counsel/memory", {}, t));
  for (const auto& i : mem.at("items").as_array()) EXPECT_NE(i.at("id").as_string(), "activity:walking");

  const std::string conv(obj(call("POST", "/api/v1/counsel/conversations", "{}", t)).at("conversation_id").as_string());
  say(t, conv, "hello");
  auto exported = app->app().data.export_user(std::string(json::parse(
      call("GET", "/api/v1/me", {}, t).body).at("user_id").as_string()), 0);
  ASSERT_TRUE(exported);
  const auto& c = exported->at("sections").at("counselling").as_object();
  EXPECT_EQ(c.at("conversations").as_array().size(), 1u);
  EXPECT_EQ(c.at("safety_plan").at("coping_steps").at(0).as_string(), "walk");
  EXPECT_EQ(call("DELETE", "/api/v1/counsel/conversations/" + conv, {}, t).status, 204);
  EXPECT_EQ(code(call("GET", "/api/v1/counsel/conversations/" + conv, {}, t)), "conversation-not-found");
}

}  // namespace
}  // namespace mind_log::service
