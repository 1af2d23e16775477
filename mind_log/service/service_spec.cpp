#include "mind_log/service/service_spec.hpp"

#include <memory>

#include "mind_log/service/counsel_service.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "mind_log/service/vitals_service.hpp"

namespace mind_log {

platform::service::ServiceSpec service_spec() {
  platform::service::ServiceSpec spec;
  spec.name = "mind-log";
  spec.env_prefix = "MIND_LOG";
  spec.default_port = 8090;
  spec.summary = "private mental care: encrypted journal, vitals, counselling agent";
  spec.declare_options = [](platform::config::Config& c) {
    service::declare_options(c);
    service::declare_counsel_options(c);
  };
  spec.start = [](platform::service::ServiceContext& ctx) -> platform::Result<void> {
    static platform::SystemClock clock;
    auto opened = service::MindLogApp::open(service::settings_from(ctx.config, ctx.data_dir), clock, ctx.metrics,
                                            ctx.config);
    if (!opened) return std::unexpected(opened.error());
    std::shared_ptr<service::MindLogApp> app(std::move(*opened));
    app->install_routes(ctx.router);
    if (ctx.config.get_bool("demo"))
      if (auto r = app->load_demo_data(); !r) return r;
    // Feature modules of this folder plug in here (see app.hpp), e.g.:
    //   if (auto r = service::install_vitals(app->app(), ctx); !r) return r;
    vitals::VitalsStore* vitals_store = nullptr;
    if (auto r = service::install_vitals(app->app(), ctx, &vitals_store); !r) return r;
    if (auto r = service::install_counsel(app->app(), ctx, &app->journal(), vitals_store); !r) return r;
    app->start_purge_thread();
    ctx.readiness_checks.emplace_back("database", [app] {
      return static_cast<bool>(app->db().read([](store::Connection& c) { return c.exec("SELECT 1"); }));
    });
    ctx.on_stop.emplace_back([app]() mutable {
      app->stop();
      app.reset();
    });
    return {};
  };
  return spec;
}

}  // namespace mind_log
