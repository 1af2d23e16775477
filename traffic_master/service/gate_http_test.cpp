// The admission gate over real HTTP: waiting-room routes, admission tokens on the
// AdmissionCheck, proof of work, VQA, operator controls and restart from the journal.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <regex>
#include <set>

#include "platform/testing/temp_dir.hpp"
#include "platform/tests/running_server.hpp"
#include "traffic_master/queue/verify_shuffle.hpp"
#include "traffic_master/service/gate_routes.hpp"
#include "traffic_master/service/gate_test_support.hpp"

using namespace traffic_master;
using namespace traffic_master::service;
namespace ht = platform::http::testing;
namespace json = boost::json;

namespace {

constexpr platform::Millis kOpen = 1'800'000'600'000;

struct Gate {
  // dir empty: the gate's own temporary directory, removed with it.
  explicit Gate(const std::string& dir = {}, int pow_bits = 0)
      : clock(kOpen - 10'000), signer(std::string(32, 's'), "s1") {
    schedules.add({"ev1", "Concert", kOpen, kOpen + 3'600'000});
    GateOptions o;
    o.data_dir = dir.empty() ? own_dir.path() : dir;
    o.admission_key = std::string(32, 'a');
    o.pow_key = std::string(32, 'p');
    o.admin_token = "operator-secret";
    o.pow_base_bits = pow_bits;
    o.room.controller.initial_per_minute = 60'000;
    app = std::make_unique<GateApp>(o, schedules, clock, gate_testing::bearer_auth(signer, clock), metrics);
    platform::http::Router router;
    add_gate_routes(router, *app);
    AdmissionCheck check = app->admission_check();
    router.post("/api/v1/events/{id}/holds", [check, this](platform::http::Request& req) {
      auto account = gate_testing::bearer_auth(signer, clock)(req);
      if (!account) return platform::http::Response::problem(account.error());
      auto ok = check(req, req.param("id"), *account);
      if (!ok) return platform::http::Response::problem(ok.error());
      return platform::http::Response::json(201, {{"held", true}});
    });
    server = std::make_unique<platform::testing::RunningServer>(std::move(router));
  }
  std::string bearer(const std::string& account) { return "Bearer " + signer.sign({{"sub", account}}, clock.now_ms(), 3'600'000); }
  std::optional<ht::ParsedResponse> call(const std::string& method, const std::string& target, const std::string& account,
                                         const std::string& body = {}, std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!account.empty()) headers.emplace_back("Authorization", bearer(account));
    headers.emplace_back("X-Device-Id", "dev-" + account);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return ht::request(server->port(), method, target, body, headers);
  }

  platform::testing::TempDir own_dir{"gate-test"};
  platform::ManualClock clock;
  platform::auth::TokenSigner signer;
  gate_testing::FixedSchedules schedules;
  platform::metrics::Registry metrics;
  std::unique_ptr<GateApp> app;
  std::unique_ptr<platform::testing::RunningServer> server;
};

std::string problem_code(const ht::ParsedResponse& r) {
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto type = std::string(json::parse(r.body).as_object().at("type").as_string());
  return type.substr(std::string("/problems/").size());
}

json::object body(const ht::ParsedResponse& r) { return json::parse(r.body).as_object(); }

}  // namespace

TEST(GateHttp, JoinStatusAndBadInputs) {
  Gate g;
  auto j = g.call("POST", "/api/v1/events/ev1/queue/join", "alice", "{}");
  ASSERT_TRUE(j);
  ASSERT_EQ(j->status, 201) << j->body;
  auto receipt = std::string(body(*j).at("receipt").as_string());
  EXPECT_TRUE(body(*j).at("in_prequeue").as_bool());
  auto again = g.call("POST", "/api/v1/events/ev1/queue/join", "alice", "{}");
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(body(*again).at("receipt").as_string(), receipt);

  auto st = g.call("GET", "/api/v1/events/ev1/queue/status", "alice");
  EXPECT_EQ(st->status, 200);
  EXPECT_EQ(st->header("cache-control"), "private, max-age=1");

  auto anon = g.call("POST", "/api/v1/events/ev1/queue/join", "", "{}");
  EXPECT_EQ(anon->status, 401);
  EXPECT_EQ(problem_code(*anon), "unauthenticated");
  auto unknown = g.call("POST", "/api/v1/events/nope/queue/join", "bob", "{}");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(problem_code(*unknown), "event-unknown");
  auto theft = g.call("POST", "/api/v1/events/ev1/queue/heartbeat", "mallory", R"({"receipt":")" + receipt + "\"}");
  EXPECT_EQ(theft->status, 403);
  EXPECT_EQ(problem_code(*theft), "place-not-yours");
  auto malformed = g.call("POST", "/api/v1/events/ev1/queue/heartbeat", "alice", "{nope");
  EXPECT_EQ(problem_code(*malformed), "malformed-json");
  // Nothing changed: one place, still alice's.
  auto summary = g.call("GET", "/api/v1/events/ev1/queue", "");
  EXPECT_EQ(body(*summary).at("waiting").as_int64(), 1);
}

TEST(GateHttp, AdmissionTokenGuardsHoldsAndCannotBeReplayed) {
  Gate g;
  ASSERT_EQ(g.call("POST", "/api/v1/events/ev1/queue/join", "alice", "{}")->status, 201);
  ASSERT_EQ(g.call("POST", "/api/v1/events/ev1/queue/join", "bob", "{}")->status, 201);
  g.clock.set(kOpen);
  g.app->tick();
  auto st = g.call("GET", "/api/v1/events/ev1/queue/status", "alice");
  ASSERT_EQ(body(*st).at("state").as_string(), "admitted") << st->body;
  EXPECT_EQ(st->header("cache-control"), "private, no-store");
  std::string token(body(*st).at("admission_token").as_string());

  auto hold = [&](const std::string& account, const std::string& tok, const std::string& event = "ev1") {
    return g.call("POST", "/api/v1/events/" + event + "/holds", account, "{}", {{"X-Admission-Token", tok}});
  };
  EXPECT_EQ(hold("alice", token)->status, 201);
  auto none = hold("alice", "");
  EXPECT_EQ(none->status, 403);
  EXPECT_EQ(problem_code(*none), "admission-required");
  EXPECT_EQ(problem_code(*hold("bob", token)), "admission-wrong-account");
  EXPECT_EQ(problem_code(*hold("alice", token, "ev2")), "admission-wrong-event");
  auto forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(problem_code(*hold("alice", forged)), "admission-invalid");

  // Leaving ends the admission; the same token is refused from then on.
  auto receipt = std::string(body(*st).at("receipt").as_string());
  EXPECT_EQ(g.call("POST", "/api/v1/events/ev1/queue/leave", "alice", R"({"receipt":")" + receipt + "\"}")->status, 204);
  EXPECT_EQ(problem_code(*hold("alice", token)), "admission-revoked");
  // Expiry of the token itself.
  auto bob = g.call("GET", "/api/v1/events/ev1/queue/status", "bob");
  std::string bob_token(body(*bob).at("admission_token").as_string());
  g.clock.advance(GateOptions{}.room.shopping_max_ms);
  EXPECT_EQ(problem_code(*hold("bob", bob_token)), "admission-expired");
}

TEST(GateHttp, ProofOfWorkIsRequiredSingleUseAndBoundToTheAccount) {
  Gate g({}, 8);
  auto missing = g.call("POST", "/api/v1/events/ev1/queue/join", "alice", "{}");
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(problem_code(*missing), "pow-required");
  auto ch = g.call("GET", "/api/v1/events/ev1/queue/pow", "alice");
  ASSERT_EQ(ch->status, 200);
  std::string challenge(body(*ch).at("challenge").as_string());
  int bits = static_cast<int>(body(*ch).at("bits").as_int64());
  EXPECT_GE(bits, 8);
  auto counter = shield::pow_solve(challenge, bits);
  auto solution = json::serialize(json::object{{"pow", {{"challenge", challenge}, {"counter", counter}}}});
  EXPECT_EQ(g.call("POST", "/api/v1/events/ev1/queue/join", "mallory", solution)->status, 403);
  EXPECT_EQ(problem_code(*g.call("POST", "/api/v1/events/ev1/queue/join", "mallory", solution)), "pow-forged");
  EXPECT_EQ(g.call("POST", "/api/v1/events/ev1/queue/join", "alice", solution)->status, 201);
  EXPECT_EQ(problem_code(*g.call("POST", "/api/v1/events/ev1/queue/join", "alice", solution)), "pow-replayed");
}

TEST(GateHttp, VqaChallengeIsAnImageAnsweredOnce) {
  Gate g;
  auto issued = g.call("POST", "/api/v1/shield/vqa", "alice", R"({"lang":"ko"})");
  ASSERT_EQ(issued->status, 201) << issued->body;
  auto o = body(*issued);
  EXPECT_TRUE(std::string(o.at("image").as_string()).starts_with("data:image/png;base64,"));
  EXPECT_FALSE(o.contains("answer"));
  std::string id(o.at("id").as_string());
  auto wrong = g.call("POST", "/api/v1/shield/vqa/" + id + "/answer", "alice", R"({"answer":"99"})");
  EXPECT_EQ(problem_code(*wrong), "vqa-wrong-answer");
  auto reuse = g.call("POST", "/api/v1/shield/vqa/" + id + "/answer", "alice", R"({"answer":"1"})");
  EXPECT_EQ(problem_code(*reuse), "vqa-unknown");
  auto text = g.call("POST", "/api/v1/shield/vqa", "alice", R"({"accessible":true})");
  EXPECT_TRUE(body(*text).contains("description"));
  EXPECT_EQ(problem_code(*g.call("POST", "/api/v1/shield/vqa", "alice", R"({"lang":"fr"})")), "invalid-field");
  auto tele = g.call("POST", "/api/v1/shield/telemetry", "alice",
                     R"({"pointer_moves":120,"pointer_straightness":0.6,"pointer_speed_cv":1.1,"focus_changes":2,"webdriver":false})");
  EXPECT_EQ(tele->status, 204);
  EXPECT_EQ(problem_code(*g.call("POST", "/api/v1/shield/telemetry", "alice", R"({"pointer_moves":-1})")), "invalid-field");
}

TEST(GateHttp, OperatorControlsAndPublishedShuffle) {
  Gate g;
  for (auto a : {"a", "b", "c", "d", "e"}) g.call("POST", "/api/v1/events/ev1/queue/join", a, "{}");
  auto before = body(*g.call("GET", "/api/v1/events/ev1/queue/shuffle", ""));
  EXPECT_EQ(before.at("seed").as_string(), "");
  EXPECT_EQ(problem_code(*g.call("POST", "/api/v1/admin/events/ev1/queue/pause", "")), "admin-forbidden");
  auto paused = g.call("POST", "/api/v1/admin/events/ev1/queue/pause", "", "", {{"X-Admin-Token", "operator-secret"}});
  EXPECT_EQ(paused->status, 200);
  EXPECT_EQ(body(*paused).at("phase").as_string(), "paused");
  g.clock.set(kOpen);
  g.app->tick();
  EXPECT_EQ(body(*g.call("GET", "/api/v1/events/ev1/queue/status", "a")).at("state").as_string(), "waiting");
  g.call("POST", "/api/v1/admin/events/ev1/queue/resume", "", "", {{"X-Admin-Token", "operator-secret"}});
  g.app->tick();
  auto record = queue::shuffle_record_from_json(json::parse(g.call("GET", "/api/v1/events/ev1/queue/shuffle", "")->body));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->commitment_hex, std::string(before.at("commitment").as_string()));
  EXPECT_TRUE(queue::verify_shuffle(*record));
}

TEST(GateHttp, RestartKeepsEveryonesPlace) {
  platform::testing::TempDir dir{"gate-test"};
  std::map<std::string, std::pair<std::string, std::int64_t>> before;  // receipt, position
  const std::vector<std::string> accounts{"a", "b", "c", "d"};
  {
    Gate g(dir.path());
    for (auto a : {"a", "b", "c"}) g.call("POST", "/api/v1/events/ev1/queue/join", a, "{}");
    g.call("POST", "/api/v1/admin/events/ev1/queue/pause", "", "", {{"X-Admin-Token", "operator-secret"}});
    g.clock.set(kOpen);
    g.app->tick();
    g.call("POST", "/api/v1/events/ev1/queue/join", "d", "{}");
    for (const auto& a : accounts) {
      auto st = body(*g.call("GET", "/api/v1/events/ev1/queue/status", a));
      before[a] = {std::string(st.at("receipt").as_string()), st.at("position").as_int64()};
    }
  }
  Gate g2(dir.path());
  g2.clock.set(kOpen + 1000);
  std::set<std::int64_t> positions;
  for (const auto& a : accounts) {
    auto st = body(*g2.call("GET", "/api/v1/events/ev1/queue/status", a));
    EXPECT_EQ(st.at("receipt").as_string(), before[a].first) << a;
    EXPECT_EQ(st.at("position").as_int64(), before[a].second) << json::serialize(st);
    positions.insert(st.at("position").as_int64());
  }
  EXPECT_EQ(positions, (std::set<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(before["d"].second, 4);  // joined after open: behind the shuffled pre-queue
}

TEST(GateHttp, SlowHoldsSeenInTheServerMetricsTightenTheController) {
  Gate g;
  ASSERT_TRUE(g.app->room("ev1"));
  auto limits = [&] { return body(*g.call("GET", "/api/v1/events/ev1/queue", "")).at("limits").as_object(); };
  auto before = limits().at("max_active").as_int64();
  // What the platform server records for 100 slow hold requests.
  auto& h = g.metrics.histogram("http_request_duration_seconds", "Time from parsed request to response",
                                {{"route", "/api/v1/events/{id}/holds"}, {"method", "POST"}});
  for (int i = 0; i < 100; ++i) h.observe(0.8);
  g.clock.advance(GateOptions{}.room.controller.adjust_interval_ms);
  g.app->tick();
  EXPECT_LT(limits().at("max_active").as_int64(), before);
  // Fast holds raise it again.
  for (int i = 0; i < 100; ++i) h.observe(0.002);
  auto lowered = limits().at("max_active").as_int64();
  g.clock.advance(GateOptions{}.room.controller.adjust_interval_ms);
  g.app->tick();
  EXPECT_GT(limits().at("max_active").as_int64(), lowered);
}

// docs/api/traffic-master-gate.yaml and the gate's routes agree both ways.
TEST(GateHttp, OpenApiDocumentMatchesTheRoutes) {
  std::string root = std::getenv("REPO_ROOT") ? std::getenv("REPO_ROOT") : ".";
  std::ifstream in(root + "/docs/api/traffic-master-gate.yaml");
  ASSERT_TRUE(in) << "docs/api/traffic-master-gate.yaml not found (REPO_ROOT=" << root << ")";
  std::map<std::string, std::set<std::string>> ops;
  std::regex path_re(R"(^  (/[^ :]+):\s*$)"), method_re(R"(^    (get|post|put|patch|delete):( .*)?$)");
  std::string line, current;
  bool in_paths = false;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ') in_paths = line.rfind("paths:", 0) == 0;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re)) current = m[1];
    else if (std::regex_match(line, m, method_re) && !current.empty()) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      ops[current].insert(method);
    }
  }
  ASSERT_EQ(ops.size(), 16u);

  Gate g;
  platform::http::Router router;
  add_gate_routes(router, *g.app);
  for (auto& [path, methods] : ops) {
    for (std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      platform::http::Request req;
      req.method = method;
      req.path = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "x1");
      auto match = router.match(method, req);
      EXPECT_EQ(match.target != nullptr && match.route == path, methods.count(method) > 0) << method << " " << path;
    }
  }
  // Every route literal in the gate's sources is documented ("/.../queue/" + action families too).
  std::size_t literals = 0;
  for (std::string file : {"waiting_room_routes.cpp", "shield_routes.cpp"}) {
    std::ifstream src(root + "/traffic_master/service/" + file);
    std::string text((std::istreambuf_iterator<char>(src)), {});
    std::regex literal_re(R"lit("(/api/v1/[^" ]*)")lit");
    for (std::sregex_iterator it(text.begin(), text.end(), literal_re), end; it != end; ++it) {
      std::string route = (*it)[1];
      ++literals;
      bool found = ops.count(route) > 0;
      if (!found && route.back() == '/')
        for (auto& [p, _] : ops) found = found || p.rfind(route, 0) == 0;
      EXPECT_TRUE(found) << file << ": " << route << " is not in docs/api/traffic-master-gate.yaml";
    }
  }
  EXPECT_GE(literals, 11u);
}
