#include "traffic_master/service/event_catalog.hpp"

#include <boost/json.hpp>
#include <filesystem>

#include "platform/log/logger.hpp"
#include "traffic_master/engine/event_json.hpp"
#include "traffic_master/engine/venue_json.hpp"

namespace traffic_master::service {
namespace fs = std::filesystem;

EventCatalog::EventCatalog(std::string data_dir, const platform::Clock& clock, platform::metrics::Registry* metrics)
    : dir_(std::move(data_dir) + "/events"), clock_(clock), metrics_(metrics) {}

store::EventWriter::BatchObserver EventCatalog::batch_observer(const std::string& event_id) {
  if (!metrics_) return {};
  platform::metrics::Labels labels{{"event", event_id}};
  auto* commands = &metrics_->histogram("tm_event_batch_commands", "Commands the event writer applied per batch",
                                        labels, {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096});
  auto* commit = &metrics_->histogram("tm_event_commit_seconds", "One batch's SQLite transaction including the fsync",
                                      labels);
  auto* batch = &metrics_->histogram(
      "tm_event_batch_seconds", "One writer batch from taking the queue to durable and published (replies follow)",
      labels);
  return [commands, commit, batch](const store::BatchReport& r) {
    commands->observe(static_cast<double>(r.commands));
    if (r.commit_seconds > 0) commit->observe(r.commit_seconds);
    batch->observe(r.batch_seconds);
  };
}

platform::Result<std::size_t> EventCatalog::open_existing() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return platform::fail("store-unavailable", 503, "Cannot create the events directory", ec.message());
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(dir_))
    if (e.path().extension() == ".db") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (auto& f : files)
    if (auto opened = open_file(f); !opened) return std::unexpected(opened.error());
  return files.size();
}

platform::Result<EventEntry*> EventCatalog::open_file(const std::string& path) {
  auto st = store::EventStore::open(path);
  if (!st) return std::unexpected(st.error());
  auto def = (*st)->load_definition();
  if (!def) return platform::fail("store-corrupt", 500, "Event file has no definition", path);
  auto venue = engine::venue_from_json(def->venue_json);
  if (!venue) return std::unexpected(venue.error());
  boost::system::error_code jec;
  auto ev_json = boost::json::parse(def->event_json, jec);
  if (jec || !ev_json.is_object()) return platform::fail("store-corrupt", 500, "Event definition unreadable", path);
  auto config = engine::event_from_json(ev_json.as_object(), **venue);
  if (!config) return std::unexpected(config.error());
  auto runs = std::make_shared<const engine::SeatRuns>(**venue);
  auto eng = std::make_unique<engine::SeatEngine>(*venue, runs, *config);
  auto stats = (*st)->recover(*eng, clock_.now_ms());
  platform::log::info("event.recovered", {{"event_id", config->id},
                                          {"holds", stats.holds},
                                          {"orders", stats.orders},
                                          {"idempotency_keys", stats.idempotency_keys},
                                          {"expired_on_recovery", stats.expired_on_recovery}});
  auto entry = std::make_unique<EventEntry>();
  entry->id = config->id;
  entry->venue_json = def->venue_json;
  entry->writer = std::make_unique<store::EventWriter>(std::move(eng), std::move(*st), clock_,
                                                       store::EventWriter::kSweepIntervalMs, batch_observer(config->id));
  auto* raw = entry.get();
  events_[raw->id] = std::move(entry);
  return raw;
}

platform::Result<EventEntry*> EventCatalog::create(std::shared_ptr<const engine::Venue> venue,
                                                   engine::EventConfig config) {
  if (auto ok = engine::validate_event(config, *venue); !ok) return std::unexpected(ok.error());
  if (find(config.id)) return platform::fail("event-exists", 409, "An event with this id exists", config.id);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  auto path = dir_ + "/" + config.id + ".db";
  {
    auto st = store::EventStore::open(path);
    if (!st) return std::unexpected(st.error());
    (*st)->save_definition({boost::json::serialize(engine::event_to_json(config, *venue)),
                            engine::venue_to_json(*venue)});
  }
  return open_file(path);
}

EventEntry* EventCatalog::find(std::string_view id) const {
  auto it = events_.find(id);
  return it == events_.end() ? nullptr : it->second.get();
}

std::optional<EventSchedule> EventCatalog::schedule(std::string_view event_id) const {
  auto* e = find(event_id);
  if (!e) return std::nullopt;
  const auto& c = e->writer->config();
  auto snap = e->writer->snapshot();
  return EventSchedule{c.id,        c.name, c.on_sale_at, c.sale_end_at, engine::sale_status(c, clock_.now_ms()),
                       snap->status.size(), snap->counts.free};
}

std::vector<EventSchedule> EventCatalog::schedules() const {
  std::vector<EventSchedule> out;
  for (auto& [id, e] : events_) out.push_back(*schedule(id));
  return out;
}

void EventCatalog::close_all() {
  for (auto& [id, e] : events_) e->writer.reset();
}

}  // namespace traffic_master::service
