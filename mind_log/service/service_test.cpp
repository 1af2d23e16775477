// End to end over HTTP: accounts, journal, export/erase, shredding, audit, key rotation.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "mind_log/service/cli.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "platform/http/test_client.hpp"
#include "platform/tests/running_server.hpp"

namespace mind_log::service {
namespace {
namespace json = boost::json;
using platform::http::testing::ParsedResponse;

const std::string kPhraseEn = "I never told anyone about the pills in the drawer";
const std::string kPhraseKo = "서랍 속 약에 대해 아무에게도 말하지 않았다";

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct ServiceTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ml-service-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::path log_path = dir / "stderr.log";
  int saved_stderr = -1;
  platform::SystemClock clock;
  platform::metrics::Registry metrics;
  platform::config::Config config{"MIND_LOG_TEST"};
  std::unique_ptr<MindLogApp> app;
  std::unique_ptr<platform::testing::RunningServer> server;

  Settings settings() {
    Settings s;
    s.data_dir = (dir / "data").string();
    s.accounts.argon2 = {256, 1, 1};
    s.purge_interval_ms = 0;
    return s;
  }
  void SetUp() override {
    std::filesystem::create_directories(dir);
    // Everything the service logs during the test goes to a file we scan afterwards.
    std::fflush(stderr);
    saved_stderr = ::dup(2);
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
    start();
  }
  void start() {
    auto opened = MindLogApp::open(settings(), clock, metrics, config);
    ASSERT_TRUE(opened) << opened.error().detail;
    app = std::move(*opened);
    platform::http::Router router;
    app->install_routes(router);
    server = std::make_unique<platform::testing::RunningServer>(std::move(router));
  }
  void stop() {
    server.reset();
    app.reset();
  }
  void TearDown() override {
    stop();
    std::fflush(stderr);
    ::dup2(saved_stderr, 2);
    ::close(saved_stderr);
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

  std::string sign_up_and_log_in(const std::string& email, std::string* refresh = nullptr) {
    std::string creds = R"({"email":")" + email + R"(","password":"correct horse battery"})";
    EXPECT_EQ(call("POST", "/api/v1/accounts", creds).status, 201);
    auto s = call("POST", "/api/v1/sessions", creds);
    EXPECT_EQ(s.status, 201) << s.body;
    if (refresh) *refresh = std::string(obj(s).at("refresh_token").as_string());
    return std::string(obj(s).at("access_token").as_string());
  }
  static std::string entry(const std::string& text, int mood = 3) {
    json::object o{{"text", text},         {"mood", mood},
                   {"tags", {"anxious"}},  {"activities", {"walk"}},
                   {"sleep_hours", 5.5},   {"occurred_at", "2026-11-27T21:30:00+09:00"},
                   {"time_zone", "Asia/Seoul"}};
    return json::serialize(o);
  }
  std::int64_t user_keys() {
    std::int64_t n = -1;
    EXPECT_TRUE(app->db().read([&](store::Connection& c) -> platform::Result<void> {
      auto s = c.prepare("SELECT count(*) FROM vault_user_keys");
      (void)s->step();
      n = s->int64(0);
      return {};
    }));
    return n;
  }
};

TEST_F(ServiceTest, JournalLifecycleOverHttp) {
  auto token = sign_up_and_log_in("mina@example.com");
  auto created = call("POST", "/api/v1/journal/entries", entry(kPhraseEn), token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(obj(created).at("id").as_string());
  EXPECT_EQ(created.header("location"), "/api/v1/journal/entries/" + id);
  auto got = call("GET", "/api/v1/journal/entries/" + id, {}, token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(obj(got).at("text").as_string(), kPhraseEn);
  EXPECT_EQ(obj(got).at("occurred_at").as_string(), "2026-11-27T21:30:00.000+09:00");

  auto updated = call("PUT", "/api/v1/journal/entries/" + id, entry(kPhraseKo, 7), token);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(obj(updated).at("mood").as_int64(), 7);

  auto listed = call("GET", "/api/v1/journal/entries?from=2026-11-27T00:00:00%2B09:00&to=2026-11-28T00:00:00%2B09:00",
                     {}, token);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(obj(listed).at("entries").as_array().size(), 1u);
  auto outside = call("GET", "/api/v1/journal/entries?from=2026-12-01T00:00:00Z", {}, token);
  EXPECT_EQ(obj(outside).at("entries").as_array().size(), 0u);

  EXPECT_EQ(call("DELETE", "/api/v1/journal/entries/" + id, {}, token).status, 204);
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries/" + id, {}, token)), "entry-not-found");
}

TEST_F(ServiceTest, BadInputGetsSpecificProblemsAndChangesNothing) {
  auto token = sign_up_and_log_in("mina@example.com");
  auto e = call("POST", "/api/v1/journal/entries", entry("original"), token);
  std::string id(obj(e).at("id").as_string());

  auto bad_email = call("POST", "/api/v1/accounts", R"({"email":"nope","password":"correct horse battery"})");
  EXPECT_EQ(bad_email.status, 422);
  EXPECT_EQ(bad_email.header("content-type"), "application/problem+json");
  EXPECT_EQ(code(bad_email), "invalid-email");
  EXPECT_EQ(code(call("POST", "/api/v1/accounts", R"({"email":"a@example.com","password":"short"})")), "weak-password");
  EXPECT_EQ(code(call("POST", "/api/v1/accounts", R"({"email":"mina@example.com","password":"correct horse battery"})")),
            "email-taken");
  EXPECT_EQ(code(call("POST", "/api/v1/accounts", "{not json")), "malformed-json");
  auto wrong_type = platform::http::testing::request(server->port(), "POST", "/api/v1/accounts", "x=1",
                                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(code(*wrong_type), "unsupported-media-type");
  EXPECT_EQ(code(call("POST", "/api/v1/sessions", R"({"email":"mina@example.com","password":"wrong password"})")),
            "invalid-credentials");

  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries")), "auth-required");
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries", {}, token + "x")), "token-signature");
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries", {}, "garbage")), "token-malformed");

  auto bad_mood = json::parse(entry("changed")).as_object();
  bad_mood["mood"] = 11;
  EXPECT_EQ(code(call("PUT", "/api/v1/journal/entries/" + id, json::serialize(bad_mood), token)), "invalid-field");
  auto bad_date = json::parse(entry("changed")).as_object();
  bad_date["occurred_at"] = "2026-02-30T10:00:00Z";
  EXPECT_EQ(code(call("PUT", "/api/v1/journal/entries/" + id, json::serialize(bad_date), token)), "invalid-field");
  auto too_big = call("PUT", "/api/v1/journal/entries/" + id, entry(std::string(20'001, 'x')), token);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(code(too_big), "entry-too-large");
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries?from=yesterday", {}, token)), "invalid-field");
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries?limit=0", {}, token)), "invalid-field");

  // Another user's record id is simply not found, and stays as it was.
  auto other = sign_up_and_log_in("joon@example.com");
  EXPECT_EQ(code(call("GET", "/api/v1/journal/entries/" + id, {}, other)), "entry-not-found");
  EXPECT_EQ(code(call("PUT", "/api/v1/journal/entries/" + id, entry("hijack"), other)), "entry-not-found");
  EXPECT_EQ(code(call("DELETE", "/api/v1/journal/entries/" + id, {}, other)), "entry-not-found");
  EXPECT_EQ(obj(call("GET", "/api/v1/journal/entries/" + id, {}, token)).at("text").as_string(), "original");
}

TEST_F(ServiceTest, RefreshReuseAndLogoutEverywhere) {
  std::string refresh;
  auto token = sign_up_and_log_in("mina@example.com", &refresh);
  auto rotated = call("POST", "/api/v1/sessions/refresh", R"({"refresh_token":")" + refresh + "\"}");
  ASSERT_EQ(rotated.status, 200);
  EXPECT_EQ(rotated.header("cache-control"), "no-store");
  auto reuse = call("POST", "/api/v1/sessions/refresh", R"({"refresh_token":")" + refresh + "\"}");
  EXPECT_EQ(reuse.status, 401);
  EXPECT_EQ(code(reuse), "refresh-token-reused");
  EXPECT_EQ(call("POST", "/api/v1/sessions/logout-all", {}, token).status, 204);
  EXPECT_EQ(code(call("GET", "/api/v1/me", {}, token)), "session-revoked");
}

TEST_F(ServiceTest, ExportThenEraseRoundTripLeavesNothingReadable) {
  auto token = sign_up_and_log_in("mina@example.com");
  ASSERT_EQ(call("POST", "/api/v1/journal/entries", entry(kPhraseEn), token).status, 201);
  ASSERT_EQ(call("POST", "/api/v1/journal/entries", entry(kPhraseKo), token).status, 201);
  auto bystander = sign_up_and_log_in("joon@example.com");
  ASSERT_EQ(call("POST", "/api/v1/journal/entries", entry("joon's own day"), bystander).status, 201);

  auto exported = call("GET", "/api/v1/me/export", {}, token);
  ASSERT_EQ(exported.status, 200);
  auto archive = obj(exported);
  EXPECT_EQ(archive.at("format").as_string(), "mind-log-export/1");
  EXPECT_EQ(archive.at("sections").at("account").at("email").as_string(), "mina@example.com");
  auto& entries = archive.at("sections").at("journal").as_array();
  ASSERT_EQ(entries.size(), 2u);
  std::set<std::string> texts;
  for (auto& e : entries) {
    texts.emplace(e.at("text").as_string());
    EXPECT_TRUE(e.at("emotions").is_object());
  }
  EXPECT_EQ(texts, (std::set<std::string>{kPhraseEn, kPhraseKo}));
  std::string before_image = slurp(dir / "data" / "mind-log.db") + slurp(dir / "data" / "mind-log.db-wal");

  EXPECT_EQ(code(call("DELETE", "/api/v1/me", R"({"password":"wrong password"})", token)), "invalid-credentials");
  EXPECT_EQ(call("DELETE", "/api/v1/me", R"({"password":"correct horse battery"})", token).status, 204);
  EXPECT_EQ(code(call("GET", "/api/v1/me/export", {}, token)), "session-revoked");
  EXPECT_EQ(user_keys(), 1);  // only the bystander's data key is left

  // Re-registering the same e-mail starts empty; the old ciphertext in any old image stays noise.
  auto again = sign_up_and_log_in("mina@example.com");
  auto fresh = obj(call("GET", "/api/v1/me/export", {}, again));
  EXPECT_EQ(fresh.at("sections").at("journal").as_array().size(), 0u);
  EXPECT_EQ(obj(call("GET", "/api/v1/journal/entries", {}, bystander)).at("entries").as_array().size(), 1u);

  // The WAL was truncated at erasure; nothing on disk or in the logs holds the words.
  stop();
  std::string after_image;
  for (auto& f : std::filesystem::directory_iterator(dir / "data")) after_image += slurp(f.path());
  std::string logs = slurp(log_path);
  for (const std::string* image : {&before_image, &after_image, &logs}) {
    EXPECT_EQ(image->find(kPhraseEn), std::string::npos);
    EXPECT_EQ(image->find("pills in the drawer"), std::string::npos);
    EXPECT_EQ(image->find(kPhraseKo), std::string::npos);
    EXPECT_EQ(image->find("mina@example.com"), std::string::npos);
  }
}

TEST_F(ServiceTest, DemoDataLoadsOnceAndIsUsable) {
  ASSERT_TRUE(app->load_demo_data());
  ASSERT_TRUE(app->load_demo_data());  // second start: data exists, nothing added
  auto s = call("POST", "/api/v1/sessions", R"({"email":"demo@mind-log.example","password":"demo password 1234"})");
  ASSERT_EQ(s.status, 201);
  auto list = call("GET", "/api/v1/journal/entries", {}, std::string(obj(s).at("access_token").as_string()));
  EXPECT_EQ(obj(list).at("entries").as_array().size(), 3u);
}

TEST_F(ServiceTest, AuditVerifyCatchesAnEditedLine) {
  sign_up_and_log_in("mina@example.com");
  (void)call("POST", "/api/v1/sessions", R"({"email":"mina@example.com","password":"wrong password"})");
  stop();
  const std::string data = (dir / "data").string();
  EXPECT_EQ(run_cli({"audit", "verify", "--data-dir", data}), std::optional<int>(0));
  auto log = slurp(dir / "data" / "audit.log");
  auto pos = log.find("login.failed");
  ASSERT_NE(pos, std::string::npos);
  log.replace(pos, 12, "login.passed");
  std::ofstream(dir / "data" / "audit.log", std::ios::trunc) << log;
  EXPECT_EQ(run_cli({"audit", "verify", "--data-dir", data}), std::optional<int>(1));
}

TEST_F(ServiceTest, KeyRotationKeepsEverythingReadableAndRetiresTheOldVersion) {
  auto token = sign_up_and_log_in("mina@example.com");
  auto created = call("POST", "/api/v1/journal/entries", entry(kPhraseEn), token);
  std::string id(obj(created).at("id").as_string());
  stop();
  const std::string data = (dir / "data").string();
  ASSERT_EQ(run_cli({"keys", "rotate", "--data-dir", data, "--batch", "1", "--retire"}), std::optional<int>(0));
  auto ring = json::parse(slurp(dir / "data" / "keyring.json")).as_object();
  EXPECT_EQ(ring.at("min_version").as_int64(), 2);
  EXPECT_EQ(ring.at("keks").as_object().size(), 1u);  // version 1 is gone
  start();
  auto relog = call("POST", "/api/v1/sessions", R"({"email":"mina@example.com","password":"correct horse battery"})");
  ASSERT_EQ(relog.status, 201);
  std::string t2(obj(relog).at("access_token").as_string());
  auto got = call("GET", "/api/v1/journal/entries/" + id, {}, t2);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(obj(got).at("text").as_string(), kPhraseEn);
  // An edit moves the record to data key version 2.
  ASSERT_EQ(call("PUT", "/api/v1/journal/entries/" + id, entry("after rotation"), t2).status, 200);
  EXPECT_EQ(user_keys(), 2);
  EXPECT_EQ(run_cli({"audit", "verify", "--data-dir", data}), std::optional<int>(0));
}

}  // namespace
}  // namespace mind_log::service
