#pragma once
// Test-only: a real traffic-master HTTP server on a free port with a ManualClock, a small
// generated arena and two events ("live" on sale, "later" not yet open).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "platform/http/server.hpp"
#include "platform/http/test_client.hpp"
#include "platform/metrics/registry.hpp"
#include "platform/testing/temp_dir.hpp"
#include "traffic_master/engine/arena_generator.hpp"
#include "traffic_master/payment/sandbox_provider.hpp"
#include "traffic_master/service/ticketing_routes.hpp"

namespace traffic_master::service::testing {

namespace http = platform::http;
using Headers = std::vector<std::pair<std::string, std::string>>;

class ServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto catalog = std::make_unique<EventCatalog>(dir, clock, &metrics);
    auto venue = engine::generate_arena({"arena-300", "Arena", 300, 5});
    engine::EventConfig live;
    live.id = "live";
    live.name = "Live";
    live.on_sale_at = clock.now_ms() - 1000;
    live.sale_end_at = clock.now_ms() + 3'600'000;
    live.price_cents = {4000, 3000, 2000, 1000};
    live.per_account_limit = 4;
    live.hold_ttl_ms = 60'000;
    live.payment_extension_ms = 60'000;
    live.hold_hard_cap_ms = 90'000;
    ASSERT_TRUE(catalog->create(venue, live));
    auto later = live;
    later.id = "later";
    later.on_sale_at = clock.now_ms() + 3'600'000;
    later.sale_end_at = clock.now_ms() + 7'200'000;
    ASSERT_TRUE(catalog->create(venue, later));
    Keys keys{std::string(32, 't'), std::string(32, 's'), std::string(32, 'r')};
    sandbox = std::make_shared<payment::SandboxPaymentProvider>(clock, 3000);
    app = std::make_shared<TicketingApp>(std::move(catalog), clock, keys, sandbox, metrics);
    app->poll_payments = [s = sandbox] { s->deliver_due_webhooks(); };
    std::weak_ptr<TicketingApp> weak = app;
    sandbox->set_webhook([weak](const payment::Payment& p) {
      if (auto a = weak.lock()) a->on_payment_webhook(p);
    });
    app->admission = [this](const http::Request& r, std::string_view e, std::string_view a) {
      return admission(r, e, a);
    };
    app->attach_stream_hubs(75);
    http::Router router;
    register_ticketing_routes(router, app);
    http::ServerConfig sc;
    sc.port = 0;
    sc.threads = 1;
    sc.access_log = false;
    server = std::make_unique<http::Server>(sc, std::move(router), metrics);
    server->bind();
    port = server->port();
    thread = std::thread([this] { server->run(false); });
  }
  void TearDown() override {
    server->stop();
    thread.join();
    server.reset();
    app->catalog->close_all();
    app.reset();
  }

  std::string login(const std::string& account) {
    auto r = http::testing::request(port, "POST", "/api/v1/dev/login", R"({"account_id":")" + account + "\"}",
                                    {{"content-type", "application/json"}});
    EXPECT_TRUE(r && r->status == 200);
    return std::string(boost::json::parse(r->body).at("token").as_string());
  }
  struct Reply {
    int status = 0;
    boost::json::value body;
    std::string raw;
    std::string content_type;
    std::string code() const {  // problem type slug
      if (!body.is_object() || !body.as_object().contains("type")) return {};
      std::string t(body.at("type").as_string());
      return t.substr(t.rfind('/') + 1);
    }
  };
  Reply call(const std::string& method, const std::string& target, const std::string& token,
             const std::string& body = {}, const std::string& key = {}, Headers extra = {}) {
    Headers h = std::move(extra);
    if (!token.empty()) h.emplace_back("authorization", "Bearer " + token);
    if (!key.empty()) h.emplace_back("idempotency-key", key);
    if (!body.empty()) h.emplace_back("content-type", "application/json");
    auto r = http::testing::request(port, method, target, body, h);
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    out.content_type = r->header("content-type");
    boost::system::error_code ec;
    out.body = boost::json::parse(r->body, ec);
    return out;
  }
  // Seat counts of an event, read through the public API.
  std::tuple<std::int64_t, std::int64_t, std::int64_t> counts(const std::string& event = "live") {
    auto r = call("GET", "/api/v1/events/" + event + "/seats", "");
    return {r.body.at("seats_free").as_int64(), r.body.at("seats_held").as_int64(), r.body.at("seats_sold").as_int64()};
  }

  std::function<platform::Result<void>(const http::Request&, std::string_view, std::string_view)> admission =
      [](const http::Request&, std::string_view, std::string_view) -> platform::Result<void> { return {}; };
  platform::testing::TempDir temp{"tm-service"};
  std::string dir = temp.path();
  platform::ManualClock clock{1'800'000'000'000};
  platform::metrics::Registry metrics;
  std::shared_ptr<payment::SandboxPaymentProvider> sandbox;
  std::shared_ptr<TicketingApp> app;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;
  std::thread thread;
};

}  // namespace traffic_master::service::testing
