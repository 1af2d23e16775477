#include "traffic_master/service/service_spec.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include "platform/log/logger.hpp"
#include "traffic_master/engine/arena_generator.hpp"
#include "traffic_master/payment/sandbox_provider.hpp"
#include "traffic_master/service/gate_wiring.hpp"
#include "traffic_master/service/ticketing_routes.hpp"

namespace traffic_master {
namespace {

using service::TicketingApp;

platform::SystemClock& system_clock() {
  static platform::SystemClock clock;
  return clock;
}

// A 15,000-seat (by default) arena on sale from now for 30 days.
platform::Result<void> create_demo_event(service::EventCatalog& catalog, const platform::config::Config& cfg,
                                         platform::Millis now) {
  auto capacity = static_cast<std::size_t>(cfg.get_int("demo-capacity"));
  auto venue = engine::generate_arena({"arena-" + std::to_string(capacity), "Seoul Arena", capacity, 20});
  engine::EventConfig e;
  e.id = "demo-concert";
  e.name = "Demo Concert";
  e.on_sale_at = now - 60'000;
  e.sale_end_at = now + 30LL * 24 * 3600 * 1000;
  e.currency = "KRW";
  e.price_cents = {16500000, 13200000, 9900000, 7700000};
  e.per_account_limit = static_cast<std::uint32_t>(cfg.get_int("demo-account-limit"));
  auto created = catalog.create(venue, e);
  if (!created) return std::unexpected(created.error());
  platform::log::info("event.demo_created", {{"event_id", e.id}, {"seats", venue->capacity()}});
  return {};
}

// Drives the seat-stream broadcasts and the sandbox payment webhooks.
struct Ticker {
  std::atomic<bool> stop{false};
  std::thread thread;
};

}  // namespace

platform::service::ServiceSpec service_spec() {
  platform::service::ServiceSpec spec;
  spec.name = "traffic-master";
  spec.env_prefix = "TRAFFIC_MASTER";
  spec.default_port = 8080;
  spec.summary = "ticketing: waiting room, seat holds, bot defence, live seat map";
  spec.declare_options = [](platform::config::Config& c) {
    c.add_string("role", "all", "all (embedded: one process serves everything), or in cluster mode api, ws or worker")
        .add_int("demo-capacity", 15'000, 10, 200'000, "seats of the generated demo arena (with --demo)")
        .add_int("demo-account-limit", 6, 1, 64, "per-account ticket limit of the demo event")
        .add_int("stream-interval-ms", 75, 10, 5'000, "seat stream coalescing interval")
        .add_int("payment-webhook-delay-ms", 3'000, 0, 600'000, "sandbox: delay of the delayed-approval test card");
    service::declare_gate_options(c);
  };
  spec.start = [](platform::service::ServiceContext& ctx) -> platform::Result<void> {
    // The split roles share state through the cluster stores; one embedded process is all of them.
    auto role = ctx.config.get_string("role");
    if (role != "all" && role != "api" && role != "ws" && role != "worker")
      return platform::fail("config-invalid", 2, "Invalid configuration", "setting 'role' must be all, api, ws or worker");
    if (role != "all")
      return platform::fail("config-invalid", 2, "Invalid configuration",
                            "role '" + role + "' is one part of a cluster deployment; embedded mode runs --role all");
    auto& clock = system_clock();
    auto catalog = std::make_unique<service::EventCatalog>(ctx.data_dir, clock, &ctx.metrics);
    auto opened = catalog->open_existing();
    if (!opened) return std::unexpected(opened.error());
    if (*opened == 0 && ctx.config.get_bool("demo"))
      if (auto demo = create_demo_event(*catalog, ctx.config, clock.now_ms()); !demo) return demo;
    auto keys = service::load_or_create_keys(ctx.data_dir);
    if (!keys) return std::unexpected(keys.error());
    auto sandbox = std::make_shared<payment::SandboxPaymentProvider>(clock, ctx.config.get_int("payment-webhook-delay-ms"));
    auto app = std::make_shared<TicketingApp>(std::move(catalog), clock, *keys, sandbox, ctx.metrics);
    // Holds, confirms and payments require an admission token from the waiting room.
    auto gate = service::install_gate(ctx, *app->catalog, clock,
                                      [app](const platform::http::Request& r) { return app->authenticate(r); },
                                      keys->token_key);
    if (!gate) return std::unexpected(gate.error());
    app->admission = (*gate)->admission_check();
    app->poll_payments = [sandbox] { sandbox->deliver_due_webhooks(); };
    std::weak_ptr<TicketingApp> weak = app;
    sandbox->set_webhook([weak](const payment::Payment& p) {
      if (auto a = weak.lock()) a->on_payment_webhook(p);
    });
    app->attach_stream_hubs(ctx.config.get_int("stream-interval-ms"));
    service::register_ticketing_routes(ctx.router, app);

    auto ticker = std::make_shared<Ticker>();
    auto interval = std::chrono::milliseconds(ctx.config.get_int("stream-interval-ms"));
    ticker->thread = std::thread([app, ticker, interval] {
      while (!ticker->stop.load()) {
        std::this_thread::sleep_for(interval);
        app->tick();
      }
    });
    ctx.readiness_checks.emplace_back("events", [app] { return !app->catalog->events().empty(); });
    ctx.on_stop.emplace_back([app, ticker] {
      ticker->stop.store(true);
      ticker->thread.join();
      app->catalog->close_all();  // drains every writer: all acknowledged work is on disk
    });
    return {};
  };
  return spec;
}

}  // namespace traffic_master
