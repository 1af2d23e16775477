#include "mind_log/vitals/vitals_api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <variant>

#include "mind_log/vitals/batch_wire.hpp"
#include "mind_log/vitals/ephemeral_vault.hpp"
#include "mind_log/vitals/sqlite_chunk_store.hpp"

namespace mind_log::vitals {
namespace {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

constexpr std::int64_t kT0 = 1'767'225'600'000;

// The platform's WebSocket handle, recording what the API sends.
class RecordingSocket final : public platform::http::WebSocket {
 public:
  RecordingSocket(std::uint64_t id, Request req) : id_(id), req_(std::move(req)) {}
  void send_text(std::shared_ptr<const std::string> m) override { sent.push_back(*m); }
  void send_binary(std::shared_ptr<const std::string> m) override { sent.push_back(*m); }
  void close(std::uint16_t code, std::string) override { closed_with = code; }
  const Request& request() const override { return req_; }
  std::uint64_t id() const override { return id_; }
  std::vector<std::string> sent;
  int closed_with = 0;

 private:
  std::uint64_t id_;
  Request req_;
};

class VitalsApiTest : public ::testing::Test {
 protected:
  VitalsApiTest() {
    db_ = std::move(*SqliteChunkStore::open(":memory:"));
    store_ = std::make_unique<VitalsStore>(*db_, vault_.sealer, clock_);
    // Bearer "alice" is user alice: the real token check is the accounts module's, tested there.
    api_ = std::make_unique<VitalsApi>(
        *store_,
        [](const Request& r) -> platform::Result<std::string> {
          if (r.bearer_token().empty()) return platform::fail("auth-required", 401, "Authentication required");
          return std::string(r.bearer_token());
        },
        clock_, metrics_);
    api_->add_routes(router_);
  }

  Request make(std::string method, std::string path, std::string query = {}, std::string body = {},
               std::string content_type = "application/json", std::string user = "alice") {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.query = std::move(query);
    r.target = r.path + (r.query.empty() ? "" : "?" + r.query);
    r.body = std::move(body);
    if (!content_type.empty()) r.headers.emplace_back("content-type", content_type);
    if (!user.empty()) r.headers.emplace_back("authorization", "Bearer " + user);
    return r;
  }
  Response call(Request req) {
    auto m = router_.match(req.method, req);
    EXPECT_NE(m.target, nullptr) << req.method << " " << req.path;
    return std::get<platform::http::Handler>(*m.target)(req);
  }
  static std::string code(const Response& r) {
    return std::string(json::parse(r.body).as_object().at("type").as_string()).substr(10);  // "/problems/"
  }
  std::string hr_json(int n, std::int64_t start = kT0) {
    std::string s = R"({"series":[{"metric":"heart_rate","unit":"bpm","samples":[)";
    for (int i = 0; i < n; ++i) s += (i ? "," : "") + std::string("[") + std::to_string(start + i * 1000) + "," +
                                     std::to_string(60 + i % 9) + "]";
    return s + "]}]}";
  }
  std::size_t stored(const std::string& user = "alice") {
    return store_->raw(user, "heart_rate", kT0 - 86'400'000, kT0 + 86'400'000)->size();
  }

  platform::ManualClock clock_{kT0 + 3'600'000};
  platform::metrics::Registry metrics_;
  EphemeralVault vault_;
  std::unique_ptr<SqliteChunkStore> db_;
  std::unique_ptr<VitalsStore> store_;
  std::unique_ptr<VitalsApi> api_;
  platform::http::Router router_;
};

TEST_F(VitalsApiTest, JsonIngestThenChartAndLatest) {
  auto r = call(make("POST", "/api/v1/vitals/samples", {}, hr_json(600)));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("accepted").as_int64(), 600);
  auto chart = call(make("GET", "/api/v1/vitals/series/heart_rate",
                         "from=" + std::to_string(kT0) + "&to=2026-01-01T00:10:00Z&buckets=10", {}, ""));
  ASSERT_EQ(chart.status, 200) << chart.body;
  auto c = json::parse(chart.body).as_object();
  EXPECT_EQ(c.at("resolution").as_string(), "1m");
  ASSERT_EQ(c.at("buckets").as_array().size(), 10u);
  EXPECT_EQ(c.at("buckets").as_array()[0].at("count").as_int64(), 60);
  auto latest = call(make("GET", "/api/v1/vitals/series/heart_rate/latest", {}, {}, ""));
  ASSERT_EQ(latest.status, 200);
  EXPECT_EQ(json::parse(latest.body).at("t").as_int64(), kT0 + 599'000);
  EXPECT_EQ(metrics_.counter("mindlog_vitals_samples_total", "").value(), 600);
}

TEST_F(VitalsApiTest, BinaryIngestAndCorruptFrames) {
  WireBatch b;
  b.series.push_back({"heart_rate", "", {}});
  for (int i = 0; i < 100; ++i) b.series[0].samples.push_back({kT0 + i * 1000, 70});
  std::string frame = encode_binary_batch(b, {0});
  auto ok = call(make("POST", "/api/v1/vitals/samples", {}, frame, std::string(kBinaryBatchType)));
  ASSERT_EQ(ok.status, 200) << ok.body;
  frame[frame.size() / 2] ^= 0x10;
  auto bad = call(make("POST", "/api/v1/vitals/samples", {}, frame, std::string(kBinaryBatchType)));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(code(bad), "corrupt-frame");
  EXPECT_EQ(stored(), 100u);
}

TEST_F(VitalsApiTest, EachBadInputGetsItsProblemAndNothingIsWritten) {
  struct Case {
    std::string body, content_type;
    int status;
    std::string code;
  };
  const std::string future = std::to_string(kT0 + 10 * 86'400'000LL);
  std::string seventeen = R"({"series":[)";
  for (int i = 0; i < 17; ++i) seventeen += std::string(i ? "," : "") + R"({"metric":"steps","samples":[[1767225600000,1]]})";
  seventeen += "]}";
  std::vector<Case> cases = {
      {R"({"series":[{"metric":"glucose","samples":[[1767225600000,5]]}]})", "application/json", 422, "unknown-metric"},
      {R"({"series":[{"metric":"heart_rate","unit":"hz","samples":[[1767225600000,5]]}]})", "application/json", 422,
       "unsupported-unit"},
      {R"({"series":[{"metric":"heart_rate","samples":[[1767225600000,400]]}]})", "application/json", 422,
       "value-out-of-range"},
      {R"({"series":[{"metric":"heart_rate","samples":[[)" + future + R"(,60]]}]})", "application/json", 422,
       "timestamp-in-future"},
      {R"({"series":[{"metric":"heart_rate","samples":[[1767225601000,60],[1767225600000,61]]}]})",
       "application/json", 422, "non-monotonic-timestamps"},
      {R"({"series":[{"metric":"heart_rate","samples":[[1767225600000,60]]},{"metric":"steps","samples":[[1767225600000,-3]]}]})",
       "application/json", 422, "value-out-of-range"},
      {seventeen, "application/json", 413, "batch-too-large"},
      {R"({"series":[{"metric":"heart_rate","samples":[[1767225600000,60]]}]})", "text/plain", 415,
       "unsupported-media-type"},
      {R"({"series":)", "application/json", 400, "malformed-json"},
      {R"({"user":"mallory","series":[{"metric":"heart_rate","samples":[[1767225600000,60]]}]})", "application/json",
       403, "forbidden-series"},
  };
  for (const Case& c : cases) {
    auto r = call(make("POST", "/api/v1/vitals/samples", {}, c.body, c.content_type));
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_EQ(code(r), c.code) << c.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
  }
  EXPECT_EQ(stored(), 0u);
  EXPECT_EQ(store_->raw("alice", "steps", kT0 - 1, kT0 + 1)->size(), 0u);
}

TEST_F(VitalsApiTest, AuthenticationAndOwnership) {
  auto anon = call(make("POST", "/api/v1/vitals/samples", {}, hr_json(10), "application/json", ""));
  EXPECT_EQ(anon.status, 401);
  ASSERT_EQ(call(make("POST", "/api/v1/vitals/samples", {}, hr_json(10), "application/json", "bob")).status, 200);
  auto peek = call(make("GET", "/api/v1/vitals/series/heart_rate", "user=bob", {}, ""));
  EXPECT_EQ(peek.status, 403);
  EXPECT_EQ(code(peek), "forbidden-series");
  auto own = call(make("GET", "/api/v1/vitals/series/heart_rate/latest", {}, {}, ""));
  EXPECT_EQ(own.status, 404);  // alice has none; bob's are not visible to her
  EXPECT_EQ(code(own), "no-samples");
}

TEST_F(VitalsApiTest, QueryParametersAreValidated) {
  EXPECT_EQ(code(call(make("GET", "/api/v1/vitals/series/heart_rate", "buckets=0", {}, ""))), "invalid-field");
  EXPECT_EQ(code(call(make("GET", "/api/v1/vitals/series/heart_rate", "from=yesterday", {}, ""))), "invalid-field");
  EXPECT_EQ(code(call(make("GET", "/api/v1/vitals/series/heart_rate", "from=2000&to=1000", {}, ""))), "invalid-range");
  EXPECT_EQ(code(call(make("GET", "/api/v1/vitals/series/pulse", {}, {}, ""))), "unknown-metric");
  EXPECT_EQ(code(call(make("GET", "/api/v1/vitals/summaries", "days=0", {}, ""))), "invalid-field");
  auto ok = call(make("GET", "/api/v1/vitals/summaries", "days=3&tz_offset_minutes=540", {}, ""));
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(json::parse(ok.body).at("days").as_array().size(), 3u);
}

TEST_F(VitalsApiTest, AppleHealthImportSkipsWhatIsAlreadySealed) {
  std::string xml = R"(<HealthData>
 <Record type="HKQuantityTypeIdentifierHeartRate" unit="count/min" startDate="2026-01-01 09:00:01 +0900" endDate="2026-01-01 09:00:01 +0900" value="63"/>
 <Record type="HKQuantityTypeIdentifierStepCount" unit="count" startDate="2026-01-01 09:10:00 +0900" endDate="2026-01-01 09:11:00 +0900" value="87"/>
</HealthData>)";
  auto r = call(make("POST", "/api/v1/vitals/import/apple-health", {}, xml, "application/xml"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = json::parse(r.body).as_object();
  EXPECT_EQ(o.at("records").as_int64(), 2);
  EXPECT_EQ(o.at("ingest").at("accepted").as_int64(), 2);
  EXPECT_EQ(code(call(make("POST", "/api/v1/vitals/import/apple-health", {}, "<Record type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"x\" value=\"1\"/>", "application/xml"))),
            "invalid-export");
}

TEST_F(VitalsApiTest, LiveSocketAcksAndFansOutToTheSameUserOnly) {
  Request upgrade = make("GET", "/api/v1/vitals/live", {}, {}, "");
  auto m = router_.match("GET", upgrade);
  ASSERT_NE(m.target, nullptr);
  const auto& ws = std::get<platform::http::WebSocketHandler>(*m.target);
  Request anon = make("GET", "/api/v1/vitals/live", {}, {}, "", "");
  auto refused = ws.authorize(anon);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 401);
  Request by_query = make("GET", "/api/v1/vitals/live", "access_token=alice", {}, "", "");
  EXPECT_FALSE(ws.authorize(by_query).has_value());

  auto phone = std::make_shared<RecordingSocket>(1, by_query);
  auto dashboard = std::make_shared<RecordingSocket>(2, make("GET", "/api/v1/vitals/live", {}, {}, "", "alice"));
  auto stranger = std::make_shared<RecordingSocket>(3, make("GET", "/api/v1/vitals/live", {}, {}, "", "bob"));
  for (auto& s : {phone, dashboard, stranger}) ws.on_open(s);
  EXPECT_EQ(api_->live().size(), 3u);

  ws.on_message(phone, hr_json(5), false);
  ASSERT_FALSE(phone->sent.empty());
  EXPECT_NE(phone->sent.back().find("\"ack\""), std::string::npos);
  ASSERT_EQ(dashboard->sent.size(), 1u);
  EXPECT_NE(dashboard->sent[0].find("\"latest\""), std::string::npos);
  EXPECT_TRUE(stranger->sent.empty());

  ws.on_message(phone, "not json", false);
  EXPECT_NE(phone->sent.back().find("malformed-json"), std::string::npos);
  ws.on_message(phone, "garbage", true);
  EXPECT_NE(phone->sent.back().find("corrupt-frame"), std::string::npos);
  EXPECT_EQ(stored(), 5u);

  ws.on_close(dashboard);
  EXPECT_EQ(api_->live().size(), 2u);
}

}  // namespace
}  // namespace mind_log::vitals
