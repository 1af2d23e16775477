#include "mind_log/vitals/vitals_api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "mind_log/vitals/apple_health_import.hpp"
#include "mind_log/vitals/batch_wire.hpp"
#include "mind_log/vitals/csv_samples.hpp"
#include "platform/http/json_body.hpp"

namespace mind_log::vitals {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

platform::Error field_error(std::string detail) {
  return {"invalid-field", 422, "A field is missing or has the wrong type or range", std::move(detail)};
}

// A time parameter: epoch milliseconds or ISO-8601 with zone.
platform::Result<std::int64_t> time_param(const Request& req, std::string_view name, std::int64_t fallback) {
  auto v = req.query_param(name);
  if (!v) return fallback;
  auto t = parse_timestamp_ms(*v);
  if (!t) return std::unexpected(field_error(std::string(name) + ": epoch milliseconds or ISO-8601 with zone"));
  return *t;
}

platform::Result<std::int64_t> int_param(const Request& req, std::string_view name, std::int64_t fallback,
                                         std::int64_t min, std::int64_t max) {
  auto v = req.query_param(name);
  if (!v) return fallback;
  std::int64_t out;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < min || out > max)
    return std::unexpected(
        field_error(std::string(name) + ": an integer in " + std::to_string(min) + ".." + std::to_string(max)));
  return out;
}

json::value optional_number(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object report_json(const IngestReport& r) {
  return {{"accepted", r.accepted}, {"added", r.added},          {"replaced", r.replaced},
          {"unchanged", r.unchanged}, {"sealed_chunks", r.sealed_chunks}};
}

json::object problem_json(const platform::Error& e) {
  return {{"type", "/problems/" + e.code}, {"code", e.code}, {"status", e.status}, {"title", e.title},
          {"detail", e.detail}};
}

std::vector<SeriesBatch> views(const WireBatch& batch) {
  std::vector<SeriesBatch> out;
  for (const WireSeries& s : batch.series) {
    const MetricInfo* m = find_metric(s.metric);
    std::string_view unit = s.unit.empty() && m ? m->unit : std::string_view(s.unit);
    out.push_back({s.metric, unit, s.samples});
  }
  return out;
}

}  // namespace

void LiveHub::add(const std::string& user, const std::shared_ptr<platform::http::WebSocket>& ws) {
  std::lock_guard lock(mutex_);
  sockets_[user][ws->id()] = ws;
  users_[ws->id()] = user;
}

void LiveHub::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return;
  auto& mine = sockets_[it->second];
  mine.erase(id);
  if (mine.empty()) sockets_.erase(it->second);
  users_.erase(it);
}

std::optional<std::string> LiveHub::user_of(std::uint64_t id) const {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return std::nullopt;
  return it->second;
}

void LiveHub::publish(const std::string& user, std::uint64_t except_id,
                      const std::shared_ptr<const std::string>& message) {
  std::vector<std::shared_ptr<platform::http::WebSocket>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = sockets_.find(user);
    if (it == sockets_.end()) return;
    for (auto& [id, weak] : it->second)
      if (id != except_id)
        if (auto ws = weak.lock()) targets.push_back(std::move(ws));
  }
  for (auto& ws : targets) ws->send_text(message);  // outside the lock: sends may block briefly
}

std::size_t LiveHub::size() const {
  std::lock_guard lock(mutex_);
  return users_.size();
}

VitalsApi::VitalsApi(VitalsStore& store, Authenticate authenticate, const platform::Clock& clock,
                     platform::metrics::Registry& metrics)
    : store_(store),
      authenticate_(std::move(authenticate)),
      clock_(clock),
      metrics_(metrics),
      samples_(metrics.counter("mindlog_vitals_samples_total", "Vitals samples accepted")),
      sealed_(metrics.counter("mindlog_vitals_chunks_sealed_total", "Vitals chunks sealed and encrypted")) {}

void VitalsApi::count_rejection(const platform::Error& e) {
  metrics_.counter("mindlog_vitals_rejected_batches_total", "Vitals batches refused, by problem code",
                   {{"code", e.code}})
      .inc();
}

platform::Result<std::string> VitalsApi::caller(const Request& req) const {
  auto user = authenticate_(req);
  if (!user) return user;
  if (auto named = req.query_param("user"); named && *named != *user)
    return platform::fail("forbidden-series", 403, "Another user's series", "only your own vitals are reachable");
  return user;
}

platform::Result<IngestReport> VitalsApi::ingest_body(const std::string& user, std::string_view content_type,
                                                      std::string_view body) {
  platform::Result<WireBatch> batch;
  if (content_type.starts_with(kBinaryBatchType)) {
    batch = parse_binary_batch(body);
  } else if (content_type.starts_with("application/json")) {
    json::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_object())
      batch = platform::fail("malformed-json", 400, "Malformed JSON", "the body must be a JSON object");
    else
      batch = parse_json_batch(v.as_object());
  } else {
    batch = platform::fail("unsupported-media-type", 415, "Unsupported media type",
                           "send application/json or " + std::string(kBinaryBatchType));
  }
  if (batch && batch->user && *batch->user != user)
    batch = platform::fail("forbidden-series", 403, "Another user's series", "only your own vitals are reachable");
  if (!batch) {
    count_rejection(batch.error());
    return std::unexpected(batch.error());
  }
  auto series = views(*batch);
  auto report = store_.ingest(user, series);
  if (!report) {
    count_rejection(report.error());
    return report;
  }
  samples_.inc(static_cast<double>(report->accepted));
  sealed_.inc(static_cast<double>(report->sealed_chunks));
  // Live dashboards get the newest value of every series in the batch.
  for (const WireSeries& s : batch->series) {
    auto latest = store_.latest(user, s.metric);
    if (!latest || !*latest) continue;
    auto msg = std::make_shared<const std::string>(json::serialize(json::object{
        {"type", "latest"}, {"metric", s.metric}, {"t", (*latest)->t}, {"value", (*latest)->v}}));
    hub_.publish(user, 0, msg);
  }
  return report;
}

void VitalsApi::add_routes(platform::http::Router& router) {
  router.post("/api/v1/vitals/samples", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    auto report = ingest_body(*user, req.header("content-type"), req.body);
    if (!report) return Response::problem(report.error());
    return Response::json(200, report_json(*report));
  });

  router.post("/api/v1/vitals/import/apple-health", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    auto ct = req.header("content-type");
    if (!ct.starts_with("application/xml") && !ct.starts_with("text/xml"))
      return Response::problem("unsupported-media-type", 415, "Unsupported media type", "send the export.xml");
    auto imported = import_apple_health(req.body);
    if (!imported) return Response::problem(imported.error());
    // History already covered by sealed data is skipped rather than refused, so re-importing
    // an export after live syncing is harmless.
    std::vector<SeriesBatch> batches;
    json::object per_metric;
    std::size_t already = 0;
    for (auto& [metric, samples] : imported->series) {
      auto watermark = store_.sealed_until(*user, metric);
      if (!watermark) return Response::problem(watermark.error());
      auto fresh = std::upper_bound(samples.begin(), samples.end(), *watermark,
                                    [](std::int64_t t, const Sample& s) { return t < s.t; });
      already += static_cast<std::size_t>(fresh - samples.begin());
      std::span<const Sample> rest(fresh, samples.end());
      per_metric[metric] = rest.size();
      if (!rest.empty()) batches.push_back({metric, find_metric(metric)->unit, rest});
    }
    IngestReport report;
    if (!batches.empty()) {
      auto r = store_.ingest(*user, batches);
      if (!r) {
        count_rejection(r.error());
        return Response::problem(r.error());
      }
      report = *r;
      samples_.inc(static_cast<double>(report.accepted));
      sealed_.inc(static_cast<double>(report.sealed_chunks));
    }
    return Response::json(200, json::object{{"records", imported->records},
                                            {"skipped_records", imported->skipped},
                                            {"duplicates", imported->duplicates},
                                            {"already_stored", already},
                                            {"series", std::move(per_metric)},
                                            {"ingest", report_json(report)}});
  });

  router.get("/api/v1/vitals/metrics", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    json::array out;
    for (const MetricInfo& m : all_metrics()) {
      json::array units{json::string(m.unit)};
      for (const UnitAlias& a : m.aliases) units.emplace_back(json::string(a.name));
      out.push_back(json::object{{"name", m.name}, {"unit", m.unit}, {"accepted_units", units},
                                 {"min", m.min}, {"max", m.max}});
    }
    return Response::json(200, json::object{{"metrics", std::move(out)}});
  });

  router.get("/api/v1/vitals/series/{metric}", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    const std::int64_t now = clock_.now_ms();
    auto from = time_param(req, "from", now - 86'400'000);
    if (!from) return Response::problem(from.error());
    auto to = time_param(req, "to", now + 1);
    if (!to) return Response::problem(to.error());
    auto buckets = int_param(req, "buckets", 1000, 1, static_cast<std::int64_t>(kMaxBuckets));
    if (!buckets) return Response::problem(buckets.error());
    std::string metric(req.param("metric"));
    auto r = store_.range(*user, metric, *from, *to, *buckets);
    if (!r) return Response::problem(r.error());
    json::array out;
    for (const Bucket& b : r->buckets)
      out.push_back(json::object{{"t", b.start}, {"count", b.count}, {"min", b.min}, {"max", b.max}, {"avg", b.avg}});
    return Response::json(200, json::object{{"metric", metric},
                                            {"unit", find_metric(metric)->unit},
                                            {"resolution", r->plan.resolution()},
                                            {"bucket_ms", r->plan.width},
                                            {"from", r->plan.start},
                                            {"to", r->plan.end()},
                                            {"buckets", std::move(out)}});
  });

  router.get("/api/v1/vitals/series/{metric}/latest", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    std::string metric(req.param("metric"));
    auto latest = store_.latest(*user, metric);
    if (!latest) return Response::problem(latest.error());
    if (!*latest) return Response::problem("no-samples", 404, "No samples yet", metric);
    return Response::json(200, json::object{{"metric", metric}, {"t", (*latest)->t}, {"value", (*latest)->v}});
  });

  router.get("/api/v1/vitals/summaries", [this](Request& req) {
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    auto days = int_param(req, "days", 7, 1, 400);
    if (!days) return Response::problem(days.error());
    auto tz = int_param(req, "tz_offset_minutes", 0, -14 * 60, 14 * 60);
    if (!tz) return Response::problem(tz.error());
    auto r = recent_daily_summaries(store_, *user, clock_.now_ms(), static_cast<int>(*days), static_cast<int>(*tz));
    if (!r) return Response::problem(r.error());
    json::array out;
    for (const DailySummary& d : *r)
      out.push_back(json::object{
          {"day_start", d.day_start},
          {"resting_heart_rate_bpm", optional_number(d.resting_heart_rate_bpm)},
          {"sleep_minutes", d.sleep_minutes ? json::value(*d.sleep_minutes) : json::value(nullptr)},
          {"hrv_avg_ms", optional_number(d.hrv_avg_ms)},
          {"mood_avg", optional_number(d.mood_avg)}});
    return Response::json(200, json::object{{"days", std::move(out)}});
  });

  platform::http::WebSocketHandler live;
  live.authorize = [this](Request& req) -> std::optional<Response> {
    // Browsers cannot set headers on a WebSocket upgrade: accept ?access_token= as the bearer.
    if (req.bearer_token().empty())
      if (auto token = req.query_param("access_token")) req.headers.emplace_back("authorization", "Bearer " + *token);
    auto user = caller(req);
    if (!user) return Response::problem(user.error());
    return std::nullopt;
  };
  live.on_open = [this](const std::shared_ptr<platform::http::WebSocket>& ws) {
    Request req = ws->request();
    if (req.bearer_token().empty())
      if (auto token = req.query_param("access_token")) req.headers.emplace_back("authorization", "Bearer " + *token);
    auto user = authenticate_(req);
    if (!user) {
      ws->close(1008, "authentication failed");
      return;
    }
    hub_.add(*user, ws);
  };
  live.on_message = [this](const std::shared_ptr<platform::http::WebSocket>& ws, std::string_view data, bool binary) {
    auto user = hub_.user_of(ws->id());
    if (!user) {
      ws->close(1008, "not authenticated");
      return;
    }
    auto report = ingest_body(*user, binary ? kBinaryBatchType : "application/json", data);
    json::object reply = report ? json::object{{"type", "ack"}, {"report", report_json(*report)}}
                                : json::object{{"type", "problem"}, {"problem", problem_json(report.error())}};
    ws->send_text(std::make_shared<const std::string>(json::serialize(reply)));
  };
  live.on_close = [this](const std::shared_ptr<platform::http::WebSocket>& ws) { hub_.remove(ws->id()); };
  router.websocket("/api/v1/vitals/live", std::move(live));
}

}  // namespace mind_log::vitals
