#include "traffic_master/service/gate_app.hpp"

#include <boost/json/serialize.hpp>
#include <filesystem>

#include "platform/crypto/primitives.hpp"
#include "platform/log/logger.hpp"
#include "traffic_master/service/gate_status_json.hpp"

namespace traffic_master::service {
namespace json = boost::json;

GateApp::GateApp(GateOptions options, const EventScheduleQuery& events, const platform::Clock& clock,
                 Authenticate authenticate, platform::metrics::Registry& metrics)
    : options_(std::move(options)),
      events_(events),
      clock_(clock),
      authenticate_(std::move(authenticate)),
      metrics_(metrics),
      tokens_(options_.admission_key, "adm1"),
      pow_(options_.pow_key, options_.policy.pow),
      vqa_(shield::VqaConfig{}, [](std::size_t n) { return platform::crypto::random_bytes(n); }),
      policy_(options_.policy, shield::default_model()) {
  if (!options_.data_dir.empty()) std::filesystem::create_directories(options_.data_dir + "/queue");
  joins_new_ = &metrics_.counter("tm_queue_joins_total", "Waiting-room joins", {{"rejoin", "false"}});
  joins_rejoin_ = &metrics_.counter("tm_queue_joins_total", "Waiting-room joins", {{"rejoin", "true"}});
  for (auto v : {shield::Verdict::allow, shield::Verdict::challenge, shield::Verdict::block})
    for (std::string reason : {"ok", "cleared", "bot-score", "automation-flag", "no-telemetry", "vqa-failures",
                               "rate-limit-ip", "rate-limit-account", "rate-limit-device"})
      decision_counters_.push_back(
          {v, reason,
           &metrics_.counter("tm_shield_decisions_total", "Shield decisions by verdict and reason",
                             {{"verdict", std::string(shield::to_string(v))}, {"reason", reason}})});
  last_health_ms_ = last_push_ms_ = last_prune_ms_ = clock_.now_ms();
}

GateApp::~GateApp() { stop(); }

void GateApp::start() {
  ticker_ = std::thread([this] {
    std::unique_lock lock(ticker_mutex_);
    while (!stopping_) {
      ticker_cv_.wait_for(lock, std::chrono::milliseconds(options_.tick_ms));
      if (stopping_) break;
      lock.unlock();
      tick();
      lock.lock();
    }
  });
}

void GateApp::stop() {
  {
    std::lock_guard lock(ticker_mutex_);
    stopping_ = true;
  }
  ticker_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  std::shared_lock lock(rooms_mutex_);
  for (auto& [id, r] : rooms_) {
    std::lock_guard room_lock(r->mutex);
    for (auto& s : r->subscribers) s.stream->end();
    r->subscribers.clear();
    if (r->journal) r->journal->sync();
  }
}

platform::Result<GateApp::Room*> GateApp::room(std::string_view event_id) {
  {
    std::shared_lock lock(rooms_mutex_);
    if (auto it = rooms_.find(event_id); it != rooms_.end()) return it->second.get();
  }
  auto schedule = events_.schedule(event_id);
  if (!schedule) return platform::fail("event-unknown", 404, "Unknown event", std::string(event_id));
  std::unique_lock lock(rooms_mutex_);
  if (auto it = rooms_.find(event_id); it != rooms_.end()) return it->second.get();
  auto r = std::make_unique<Room>();
  auto config = options_.room;
  config.event_id = schedule->event_id;
  config.opens_at_ms = schedule->on_sale_at;
  // Receipts and token ids come from the CSPRNG 4 KiB at a time: RAND_bytes' per-call cost
  // (fork check, locking) was a quarter of a join. Only this room's calls (under its mutex)
  // use the buffer, so it needs no lock of its own.
  auto pool = std::make_shared<std::pair<std::string, std::size_t>>();
  auto random = [pool](std::size_t n) {
    auto& [bytes, used] = *pool;
    if (n > 1024) return platform::crypto::random_bytes(n);
    if (bytes.size() - used < n) {
      bytes = platform::crypto::random_bytes(4096);
      used = 0;
    }
    std::string out = bytes.substr(used, n);
    used += n;
    return out;
  };
  if (!options_.data_dir.empty()) {
    auto path = options_.data_dir + "/queue/" + schedule->event_id + ".journal";
    auto records = WaitingRoomJournalFile::load(path);
    if (!records) return std::unexpected(records.error());
    auto file = WaitingRoomJournalFile::open(path);
    if (!file) return std::unexpected(file.error());
    r->journal = std::move(*file);
    if (!records->empty()) {
      auto restored = queue::WaitingRoom::restore(config, clock_, random, r->journal.get(), *records);
      if (!restored) return std::unexpected(restored.error());
      r->room = std::move(*restored);
      // Admissions that ended before the restart stay revoked.
      for (const auto& [jti, until] : r->room->revoked_jtis()) tokens_.revoke(jti, until);
      platform::log::info("queue.restored", {{"event_id", schedule->event_id}, {"records", records->size()}});
    }
  }
  if (!r->room) r->room = std::make_unique<queue::WaitingRoom>(config, clock_, random, r->journal.get());
  // A sale that has already ended takes no more places.
  if (schedule->sale_end_at > 0 && clock_.now_ms() >= schedule->sale_end_at && r->room->phase() != queue::Phase::closed)
    (void)r->room->close();
  auto* raw = r.get();
  rooms_.emplace(schedule->event_id, std::move(r));
  return raw;
}

void GateApp::tick() {
  auto now = clock_.now_ms();
  bool push = now - last_push_ms_ >= options_.push_interval_ms;
  if (push) last_push_ms_ = now;
  observe_health(now);
  std::int64_t waiting = 0;
  std::shared_lock lock(rooms_mutex_);
  for (auto& [id, r] : rooms_) {
    if (r->journal) r->journal->sync();  // outside the room's mutex: joins never wait for the disk
    std::lock_guard room_lock(r->mutex);
    auto result = r->room->tick();
    for (const auto& [jti, until] : result.revoked) tokens_.revoke(jti, until);
    if (!result.admitted.empty())
      metrics_.counter("tm_queue_admissions_total", "People admitted from the waiting room", {{"event", id}})
          .inc(static_cast<double>(result.admitted.size()));
    if (result.dropped)
      metrics_.counter("tm_queue_dropped_total", "Places dropped for missing heartbeats", {{"event", id}})
          .inc(static_cast<double>(result.dropped));
    auto summary = r->room->summary();
    waiting += summary.waiting;
    metrics_.gauge("tm_queue_waiting", "People waiting", {{"event", id}}).set(static_cast<double>(summary.waiting));
    metrics_.gauge("tm_queue_active_shoppers", "Admitted shoppers", {{"event", id}}).set(static_cast<double>(summary.active));
    if (push) push_updates(id, *r);
  }
  waiting_total_.store(waiting, std::memory_order_relaxed);
  if (now - last_prune_ms_ >= 10'000) {
    last_prune_ms_ = now;
    tokens_.prune(now);
    tracker_.prune(now, 30 * 60'000);
  }
}

void GateApp::push_updates(const std::string& event_id, Room& r) {
  std::erase_if(r.subscribers, [&](Subscriber& s) {
    if (s.stream->closed()) return true;
    auto status = r.room->status(s.account, "");
    if (!status) return !s.stream->write("event: gone\ndata: {}\n\n");
    return !s.stream->write("event: status\ndata: " + place_status_body(*status, issue_token(*status, event_id)) + "\n\n");
  });
}

std::string GateApp::issue_token(const queue::PlaceStatus& s, std::string_view event_id) const {
  if (s.state != queue::PlaceState::admitted) return {};
  queue::AdmissionClaims c{s.account, std::string(event_id), s.device, s.jti,
                           s.admitted_at_ms + options_.room.shopping_max_ms};
  return tokens_.issue(c, clock_.now_ms());
}

void GateApp::record_downstream(double latency_ms, bool ok) {
  std::size_t i = 0;
  while (i < std::size(kLatencyBoundsMs) && latency_ms > kLatencyBoundsMs[i]) ++i;
  latency_buckets_[i].fetch_add(1, std::memory_order_relaxed);
  if (!ok) downstream_errors_.fetch_add(1, std::memory_order_relaxed);
}

void GateApp::sample_server_series(std::vector<std::uint64_t>& counts, std::uint64_t& errors) {
  // The server's histograms use the registry's default bounds (seconds); fold them into the
  // gate's millisecond buckets by upper bound.
  route_snapshots_.resize(options_.downstream_routes.size());
  for (std::size_t r = 0; r < options_.downstream_routes.size(); ++r) {
    const auto& [method, route] = options_.downstream_routes[r];
    auto& h = metrics_.histogram("http_request_duration_seconds", "Time from parsed request to response",
                                 {{"route", route}, {"method", method}});
    auto cumulative = h.bucket_counts();
    auto& snap = route_snapshots_[r];
    if (snap.buckets.size() != cumulative.size()) snap.buckets.assign(cumulative.size(), 0);
    std::uint64_t below = 0;
    for (std::size_t b = 0; b < cumulative.size(); ++b) {
      auto delta_cumulative = cumulative[b] - snap.buckets[b];
      auto in_bucket = delta_cumulative - below;
      below = delta_cumulative;
      double upper_ms = b < h.bounds().size() ? h.bounds()[b] * 1000 : 1e12;
      std::size_t i = 0;
      while (i < std::size(kLatencyBoundsMs) && upper_ms > kLatencyBoundsMs[i]) ++i;
      counts[i] += in_bucket;
    }
    snap.buckets = cumulative;
    double e = 0;
    for (const char* status : {"500", "502", "503", "504"})
      e += metrics_.counter("http_requests_total", "HTTP requests answered",
                            {{"route", route}, {"method", method}, {"status", status}}).value();
    errors += static_cast<std::uint64_t>(e - snap.errors);
    snap.errors = e;
  }
}

void GateApp::observe_health(platform::Millis now) {
  if (now - last_health_ms_ < options_.room.controller.adjust_interval_ms) return;
  last_health_ms_ = now;
  std::vector<std::uint64_t> counts(std::size(kLatencyBoundsMs) + 1, 0);
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = latency_buckets_[i].exchange(0);
  std::uint64_t errors = downstream_errors_.exchange(0);
  sample_server_series(counts, errors);
  std::uint64_t total = 0;
  for (auto c : counts) total += c;
  if (total < 20) return;  // too little traffic to judge; leave the limits alone
  std::uint64_t seen = 0;
  double p99 = kLatencyBoundsMs[std::size(kLatencyBoundsMs) - 1] * 2;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    seen += counts[i];
    if (seen * 100 >= total * 99) {
      p99 = i < std::size(kLatencyBoundsMs) ? kLatencyBoundsMs[i] : p99;
      break;
    }
  }
  queue::HealthSample sample{p99, static_cast<double>(errors) / static_cast<double>(total)};
  metrics_.gauge("tm_gate_downstream_p99_ms", "Hold/confirm latency p99 the admission controller saw").set(p99);
  std::shared_lock lock(rooms_mutex_);
  for (auto& [id, r] : rooms_) {
    std::lock_guard room_lock(r->mutex);
    r->room->observe_health(sample);
    auto limits = r->room->summary().limits;
    metrics_.gauge("tm_queue_max_active", "Admission controller: active shopper limit", {{"event", id}})
        .set(static_cast<double>(limits.max_active));
    metrics_.gauge("tm_queue_admissions_per_minute", "Admission controller: admission rate limit", {{"event", id}})
        .set(limits.per_minute);
  }
}

double GateApp::load() const {
  // Full load at 100k waiting: the point where extra joins mostly add waiting, not sales.
  return std::min(1.0, static_cast<double>(waiting_total_.load(std::memory_order_relaxed)) / 100'000.0);
}

shield::Decision GateApp::screen(const platform::http::Request& req, const std::string& account, const std::string& device,
                                 bool behavioural) {
  auto now = clock_.now_ms();
  auto features = shield::extract_features(tracker_.observe(account, device, req.remote_address, now));
  auto d = policy_.decide({req.remote_address, account, device, behavioural ? &features : nullptr}, now);
  if (!behavioural && d.verdict == shield::Verdict::allow)
    d.pow_bits = shield::pow_difficulty(options_.policy.pow, load(), policy_.model().score(features));
  count_decision(d);
  if (d.verdict != shield::Verdict::allow) {
    json::array reasons;
    for (const auto& r : d.reasons) reasons.emplace_back(r);
    platform::log::info("shield.decision", {{"verdict", std::string(shield::to_string(d.verdict))},
                                            {"reasons", std::move(reasons)},
                                            {"score", d.score},
                                            {"account", account},
                                            {"path", req.path}});
  }
  return d;
}

void GateApp::count_decision(const shield::Decision& d) {
  for (const auto& reason : d.reasons) {
    bool found = false;
    for (auto& c : decision_counters_) {
      if (c.verdict == d.verdict && c.reason == reason) {
        c.counter->inc();
        found = true;
        break;
      }
    }
    if (!found)  // a reason added to the policy later: still counted, via the registry
      metrics_.counter("tm_shield_decisions_total", "Shield decisions by verdict and reason",
                       {{"verdict", std::string(shield::to_string(d.verdict))}, {"reason", reason}})
          .inc();
  }
}

platform::http::Response GateApp::refuse(const shield::Decision& d) const {
  std::string reasons;
  for (const auto& r : d.reasons) reasons += (reasons.empty() ? "" : ", ") + r;
  if (d.verdict == shield::Verdict::block && d.retry_after_ms > 0) {
    return platform::http::Response::problem("rate-limited", 429, "Too many requests", "reasons: " + reasons)
        .with_header("Retry-After", std::to_string((d.retry_after_ms + 999) / 1000));
  }
  if (d.verdict == shield::Verdict::block)
    return platform::http::Response::problem("shield-blocked", 403, "Request blocked by bot defence", "reasons: " + reasons);
  return platform::http::Response::problem("shield-challenge-required", 403, "Solve a challenge to continue",
                                           "POST /api/v1/shield/vqa, answer it, then retry; reasons: " + reasons);
}

void GateApp::count_rejection(const platform::Error& e) {
  metrics_.counter("tm_gate_rejections_total", "Gate requests refused, by problem code", {{"code", e.code}}).inc();
}

AdmissionCheck GateApp::admission_check() {
  if (!options_.require_admission) {
    platform::log::warn("gate.admission_disabled", {{"why", "gate-admission-required=false"}});
    return admit_everyone();
  }
  return [this](const platform::http::Request& req, std::string_view event_id,
                std::string_view account) -> platform::Result<void> {
    auto now = clock_.now_ms();
    std::string device(req.header("x-device-id"));
    auto claims = tokens_.verify(req.header("x-admission-token"), event_id, account, device, now);
    if (!claims) {
      count_rejection(claims.error());
      return std::unexpected(claims.error());
    }
    auto d = screen(req, std::string(account), claims->device);
    if (d.verdict != shield::Verdict::allow) {
      std::string reasons;
      for (const auto& r : d.reasons) reasons += (reasons.empty() ? "" : ", ") + r;
      auto e = d.verdict == shield::Verdict::challenge
                   ? platform::Error{"shield-challenge-required", 403, "Solve a challenge to continue", reasons}
               : d.retry_after_ms > 0 ? shield::rate_limited("rate-limited", "Too many requests", d.retry_after_ms)
                                      : platform::Error{"shield-blocked", 403, "Request blocked by bot defence", reasons};
      count_rejection(e);
      return std::unexpected(e);
    }
    auto r = room(event_id);
    if (!r) return std::unexpected(r.error());
    std::lock_guard lock((*r)->mutex);
    auto touched = (*r)->room->touch(std::string(account), claims->jti);
    if (!touched) {
      count_rejection(touched.error());
      return std::unexpected(touched.error());
    }
    return {};
  };
}

}  // namespace traffic_master::service
