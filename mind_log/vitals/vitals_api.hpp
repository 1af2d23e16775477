#pragma once
// The vitals HTTP and WebSocket API over a VitalsStore (docs/api: /api/v1/vitals/...):
//   POST /api/v1/vitals/samples                 JSON or application/vnd.mind-log.vitals-batch
//   POST /api/v1/vitals/import/apple-health      Apple Health export.xml
//   GET  /api/v1/vitals/metrics                  the metric catalogue
//   GET  /api/v1/vitals/series/{metric}?from=&to=&buckets=   chart buckets (min/max/avg)
//   GET  /api/v1/vitals/series/{metric}/latest
//   GET  /api/v1/vitals/summaries?days=&tz_offset_minutes=
//   GET  /api/v1/vitals/live                     WebSocket: batches in, acks and live values out
// Every route authenticates first; the caller's own series are the only ones reachable (a
// body "user" or ?user= naming someone else is "forbidden-series" 403).
//
// Thread-safe: handlers run on server threads; the store and the live hub synchronise.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "mind_log/vitals/vitals_store.hpp"
#include "platform/http/router.hpp"
#include "platform/metrics/registry.hpp"

namespace mind_log::vitals {

// Open live sockets per user, so a sample from the phone shows on the user's open dashboards.
// Thread-safe: one mutex around both maps.
class LiveHub {
 public:
  void add(const std::string& user, const std::shared_ptr<platform::http::WebSocket>& ws);
  void remove(std::uint64_t socket_id);
  std::optional<std::string> user_of(std::uint64_t socket_id) const;
  // Sends to every socket of the user except `except_id`.
  void publish(const std::string& user, std::uint64_t except_id, const std::shared_ptr<const std::string>& message);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<std::uint64_t, std::weak_ptr<platform::http::WebSocket>>> sockets_;
  std::map<std::uint64_t, std::string> users_;
};

class VitalsApi {
 public:
  // authenticate: the user behind a request, or the problem to answer (App::authenticate).
  using Authenticate = std::function<platform::Result<std::string>(const platform::http::Request&)>;
  VitalsApi(VitalsStore& store, Authenticate authenticate, const platform::Clock& clock,
            platform::metrics::Registry& metrics);

  void add_routes(platform::http::Router& router);
  LiveHub& live() { return hub_; }

  // The ingestion core shared by POST and the WebSocket: parsed batch in, report or problem out.
  platform::Result<IngestReport> ingest_body(const std::string& user, std::string_view content_type,
                                             std::string_view body);

 private:
  platform::Result<std::string> caller(const platform::http::Request& req) const;
  void count_rejection(const platform::Error& e);

  VitalsStore& store_;
  Authenticate authenticate_;
  const platform::Clock& clock_;
  platform::metrics::Registry& metrics_;
  platform::metrics::Counter& samples_;
  platform::metrics::Counter& sealed_;
  LiveHub hub_;
};

}  // namespace mind_log::vitals
