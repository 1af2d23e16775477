#include "mind_log/service/vitals_service.hpp"

#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "mind_log/vitals/metric.hpp"
#include "mind_log/vitals/sqlite_chunk_store.hpp"
#include "mind_log/vitals/vault_chunk_sealer.hpp"
#include "mind_log/vitals/vitals_api.hpp"
#include "platform/log/logger.hpp"

namespace mind_log::service {
namespace {
namespace json = boost::json;

constexpr std::int64_t kSealEveryMs = 60'000;
constexpr int kRetentionEveryTicks = 60;  // hourly

// Everything vitals keeps for the life of the server. Synchronisation: the store and API are
// thread-safe; `stopping` is guarded by `mutex`.
struct VitalsRuntime {
  std::unique_ptr<vitals::SqliteChunkStore> db;
  std::unique_ptr<vitals::VaultChunkSealer> sealer;
  std::unique_ptr<vitals::VitalsStore> store;
  std::unique_ptr<vitals::VitalsApi> api;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread maintenance;

  void run() {
    int tick = 0;
    std::unique_lock lock(mutex);
    while (!wake.wait_for(lock, std::chrono::milliseconds(kSealEveryMs), [this] { return stopping; })) {
      lock.unlock();
      if (auto r = store->seal_idle(); !r) platform::log::error("vitals.seal_failed", {{"code", r.error().code}});
      if (++tick % kRetentionEveryTicks == 0) {
        auto r = store->apply_retention(vitals::RetentionPolicy{});
        if (!r) platform::log::error("vitals.retention_failed", {{"code", r.error().code}});
        else if (r->chunks_deleted || r->rollup_blocks_deleted)
          platform::log::info("vitals.retention", {{"chunks", r->chunks_deleted}, {"rollup_blocks", r->rollup_blocks_deleted}});
      }
      lock.lock();
    }
  }
  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    if (maintenance.joinable()) maintenance.join();
    (void)store->seal_idle();  // the head log already holds everything; this only tidies
  }
};

platform::Result<json::value> export_vitals(vitals::VitalsStore& store, std::string_view user, std::int64_t now) {
  json::object out;
  for (const vitals::MetricInfo& m : vitals::all_metrics()) {
    auto latest = store.latest(user, m.name);
    if (!latest) return std::unexpected(latest.error());
    if (!*latest) continue;
    auto raw = store.raw(user, m.name, 0, now + 86'400'000, SIZE_MAX);
    if (!raw) return std::unexpected(raw.error());
    auto hours = store.rollups(user, m.name, vitals::Tier::hour, 0, now + 86'400'000);
    if (!hours) return std::unexpected(hours.error());
    json::array samples, hourly;
    for (const auto& s : *raw) samples.push_back(json::array{s.t, s.v});
    for (const auto& e : *hours)
      hourly.push_back(json::array{e.start, e.agg.count, e.agg.min, e.agg.max, e.agg.avg()});
    out[m.name] = json::object{{"unit", m.unit},
                               {"samples", std::move(samples)},
                               {"hourly_fields", json::array{"t", "count", "min", "max", "avg"}},
                               {"hourly", std::move(hourly)}};
  }
  return out;
}

}  // namespace

platform::Result<void> install_vitals(App& app, platform::service::ServiceContext& ctx,
                                      vitals::VitalsStore** store_out) {
  auto rt = std::make_shared<VitalsRuntime>();
  auto db = vitals::SqliteChunkStore::open(app.data_dir + "/vitals.db");
  if (!db) return std::unexpected(db.error());
  rt->db = std::move(*db);
  rt->sealer = std::make_unique<vitals::VaultChunkSealer>(app.vault);
  rt->store = std::make_unique<vitals::VitalsStore>(*rt->db, *rt->sealer, app.clock);
  rt->api = std::make_unique<vitals::VitalsApi>(*rt->store, app.authenticate, app.clock, app.metrics);
  rt->api->add_routes(ctx.router);

  vitals::VitalsStore* store = rt->store.get();
  const platform::Clock* clock = &app.clock;
  app.data.add({"vitals",
                [store, clock](std::string_view user) { return export_vitals(*store, user, clock->now_ms()); },
                [store](std::string_view user) { return store->erase_user(user); }});

  rt->maintenance = std::thread([raw = rt.get()] { raw->run(); });
  ctx.on_stop.emplace_back([rt]() mutable {
    rt->stop();
    rt.reset();
  });
  if (store_out) *store_out = store;
  return {};
}

}  // namespace mind_log::service
