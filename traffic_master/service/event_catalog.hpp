#pragma once
// The events this process serves, each with its single writer (engine + SQLite file) and the
// read-only schedule view the waiting room uses.
//
// Synchronisation: events are opened or created during start-up, before the server accepts
// connections; afterwards the catalog is read-only, so lookups need no lock. Everything that
// changes lives behind each event's EventWriter.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "platform/metrics/registry.hpp"
#include "traffic_master/engine/event.hpp"
#include "traffic_master/store/event_writer.hpp"

namespace traffic_master::service {

// What the waiting room needs to know about an event's sale, without touching the engine.
struct EventSchedule {
  std::string event_id;
  std::string name;
  platform::Millis on_sale_at = 0;
  platform::Millis sale_end_at = 0;
  engine::SaleStatus status = engine::SaleStatus::scheduled;  // at the time of the query
  std::size_t capacity = 0;
  std::size_t available = 0;  // free seats in the latest published snapshot
};

class EventScheduleQuery {
 public:
  virtual ~EventScheduleQuery() = default;
  virtual std::optional<EventSchedule> schedule(std::string_view event_id) const = 0;
  virtual std::vector<EventSchedule> schedules() const = 0;
};

struct EventEntry {
  std::string id;
  std::string venue_json;  // served as-is by GET /api/v1/venues/{id}
  std::unique_ptr<store::EventWriter> writer;
};

class EventCatalog final : public EventScheduleQuery {
 public:
  // `metrics` (optional) receives each event writer's batch figures (store::WriterMetrics).
  EventCatalog(std::string data_dir, const platform::Clock& clock, platform::metrics::Registry* metrics = nullptr);

  // Re-opens every event found under <data_dir>/events/ and recovers it.
  platform::Result<std::size_t> open_existing();
  // Creates a new event (its own SQLite file) unless one with this id exists.
  platform::Result<EventEntry*> create(std::shared_ptr<const engine::Venue> venue, engine::EventConfig config);

  EventEntry* find(std::string_view id) const;
  const std::map<std::string, std::unique_ptr<EventEntry>, std::less<>>& events() const { return events_; }
  const platform::Clock& clock() const { return clock_; }

  std::optional<EventSchedule> schedule(std::string_view event_id) const override;
  std::vector<EventSchedule> schedules() const override;

  void close_all();  // drains every writer; call after the server stopped

 private:
  platform::Result<EventEntry*> open_file(const std::string& path);
  store::EventWriter::BatchObserver batch_observer(const std::string& event_id);
  std::string dir_;
  const platform::Clock& clock_;
  platform::metrics::Registry* metrics_;
  std::map<std::string, std::unique_ptr<EventEntry>, std::less<>> events_;
};

}  // namespace traffic_master::service
