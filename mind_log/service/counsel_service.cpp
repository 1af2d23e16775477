#include "mind_log/service/counsel_service.hpp"

#include <boost/json.hpp>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "mind_log/counsel/provider/openai_provider.hpp"
#include "mind_log/counsel/provider/turn_streamer.hpp"
#include "mind_log/journal/journal_store.hpp"
#include "mind_log/service/counsel_store.hpp"
#include "mind_log/service/http_support.hpp"
#include "mind_log/vitals/daily_summary.hpp"
#include "mind_log/vitals/vitals_store.hpp"
#include "platform/crypto/primitives.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log/logger.hpp"

namespace mind_log::service {
namespace {

namespace json = boost::json;
namespace http = platform::http;
using platform::Result;

struct PendingTurn {
  std::string text;
  std::optional<int> mood;
};

// One conversation's live state. Guarded by CounselRuntime::mutex; `busy` makes turns of
// one conversation strictly sequential (a second message waits for the first reply).
struct Slot {
  std::string user;
  counsel::Conversation conv;
  bool busy = false;
  std::map<std::string, PendingTurn> pending;
  explicit Slot(std::uint64_t seed) : conv(seed) {}
};

// Everything the feature keeps for the life of the server. Synchronisation: `mutex` guards
// `slots` and `running`; the store, counsellor and provider are thread-safe.
struct CounselRuntime {
  App& app;
  CounselStore store;
  counsel::Counsellor counsellor;
  std::unique_ptr<counsel::CircuitBreaker> breaker;
  std::unique_ptr<counsel::OpenAiProvider> provider;
  std::unique_ptr<counsel::TurnStreamer> streamer;
  journal::JournalStore* journal = nullptr;
  vitals::VitalsStore* vitals = nullptr;
  std::string region;
  std::string operator_token;
  int tz_offset_minutes = 540;
  std::mutex mutex;
  std::condition_variable idle;
  std::map<std::string, std::shared_ptr<Slot>> slots;
  int running = 0;
  bool stopping = false;
  platform::metrics::Counter* replaced;
  platform::metrics::Counter* fallbacks;
  platform::metrics::Histogram* ttft;

  CounselRuntime(App& a, counsel::CrisisDirectory lines)
      : app(a), store(a.db, a.vault, a.clock), counsellor(std::move(lines)) {}

  // The slot for a conversation of `user`, loading and replaying it from the store if needed.
  Result<std::shared_ptr<Slot>> slot(std::string_view user, std::string_view id) {
    {
      std::lock_guard lock(mutex);
      if (auto it = slots.find(std::string(id)); it != slots.end()) {
        if (it->second->user != user) return platform::fail("conversation-not-found", 404, "No such conversation");
        return it->second;
      }
    }
    if (auto ok = store.check_conversation(user, id); !ok) return std::unexpected(ok.error());
    auto msgs = store.messages(user, id);
    if (!msgs) return std::unexpected(msgs.error());
    auto s = std::make_shared<Slot>(platform::crypto::random_u64());
    s->user = std::string(user);
    // Replaying the person's messages restores what the classifier remembers (disclosures).
    for (const auto& m : *msgs) {
      if (m.role == "user") s->conv.risk.observe(counsellor.classifier().assess(m.text, s->conv.risk));
      else s->conv.engine.disclosed = true;
      s->conv.history.emplace_back(m.role, m.text);
    }
    std::lock_guard lock(mutex);
    return slots.emplace(std::string(id), s).first->second;
  }

  std::vector<counsel::MemorySource> memory_sources(std::string_view user) {
    std::vector<counsel::MemorySource> out;
    if (!journal) return out;
    const auto now = app.clock.now_ms();
    auto entries = journal->list(user, now - 90LL * 86'400'000, now + 1, 200);
    if (!entries) {
      platform::log::warn("counsel.journal_unavailable", {{"code", entries.error().code}});
      return out;
    }
    for (const auto& e : *entries) out.push_back({"journal:" + e.entry_id, "journal", e.occurred_at, e.text});
    return out;
  }

  counsel::MultimodalInput multimodal(std::string_view user, std::optional<int> mood) {
    counsel::MultimodalInput in;
    in.mood_now = mood;
    if (!vitals) return in;
    auto days = vitals::recent_daily_summaries(*vitals, user, app.clock.now_ms(), 10, tz_offset_minutes);
    if (!days) return in;
    for (const auto& d : *days) {
      counsel::DayVitals v;
      v.day_start_ms = d.day_start;
      v.sleep_minutes = d.sleep_minutes;
      v.resting_hr_bpm = d.resting_heart_rate_bpm;
      v.hrv_ms = d.hrv_avg_ms;
      v.mood = d.mood_avg;
      in.days.push_back(v);
    }
    return in;
  }
};

std::string sse(std::string_view event, const json::value& data) {
  return "event: " + std::string(event) + "\ndata: " + json::serialize(data) + "\n\n";
}

// Runs one turn on its own thread and streams it; persists the outcome.
void run_turn(std::shared_ptr<CounselRuntime> rt, std::shared_ptr<Slot> slot, std::string conversation_id,
              PendingTurn turn, std::shared_ptr<http::Stream> stream) {
  const auto started = std::chrono::steady_clock::now();
  bool first = true;
  auto sources = rt->memory_sources(slot->user);
  auto stored_profile = rt->store.profile(slot->user);
  // The profile stored after the previous turn is used for this one; it is rebuilt after the
  // reply has streamed, so the rebuild never delays the first token.
  counsel::MemoryProfile profile = stored_profile ? *stored_profile : counsel::MemoryProfile{};
  const bool rebuild_first = profile.items.empty() && profile.forgotten.empty();
  auto rebuild = [&] {
    auto ratings = rt->store.ratings(slot->user);
    return counsel::build_profile(sources, ratings ? *ratings : std::vector<counsel::ExerciseRating>{}, profile);
  };
  if (rebuild_first) profile = rebuild();
  counsel::TurnInput in;
  in.message = turn.text;
  in.region = rt->region;
  in.profile = &profile;
  in.memory_sources = &sources;
  in.multimodal = rt->multimodal(slot->user, turn.mood);
  const auto outcome = rt->streamer->run(in, slot->conv, [&](const counsel::StreamEvent& e) {
    using T = counsel::StreamEvent::Type;
    switch (e.type) {
      case T::meta: return stream->write(sse("meta", json::parse(e.text)));
      case T::delta:
        if (first && !e.text.empty()) {
          first = false;
          rt->ttft->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        }
        return stream->write(sse("delta", json::object{{"text", e.text}}));
      case T::replace: return stream->write(sse("replace", json::object{{"text", e.text}}));
      case T::done: return stream->write(sse("done", json::object{}));
    }
    return true;
  });
  const auto& r = outcome.result;
  const std::string& user = slot->user;
  // Persist (encrypted) after streaming: the person never waits for the disk. The risk event
  // goes first: it is what a human reviewer must not miss.
  if (r.plan.risk_event) {
    if (auto id = rt->store.add_risk_event(user, conversation_id, r.plan.risk)) {
      rt->app.metrics.counter("counsel_risk_events_total", "Risk events queued for human review",
                              {{"level", std::string(counsel::to_string(r.plan.risk.level))}}).inc();
      rt->app.audit.append("counsel.risk_event", user);
    }
  }
  if (auto a = rt->store.append(user, conversation_id, "user", turn.text); !a)
    platform::log::error("counsel.persist_failed", {{"code", a.error().code}});
  if (!r.reply.empty()) (void)rt->store.append(user, conversation_id, "assistant", r.reply);
  if (r.rating) (void)rt->store.add_rating(user, *r.rating);
  if (r.completed_plan) {
    auto plan = *r.completed_plan;
    plan.updated_at_ms = rt->app.clock.now_ms();
    (void)rt->store.put_safety_plan(user, plan);
  }
  (void)rt->store.put_profile(user, rebuild_first ? profile : rebuild());
  if (r.replaced) rt->replaced->inc();
  if (outcome.source == "fallback") rt->fallbacks->inc();
  if (outcome.provider_error) {
    platform::log::warn("counsel.provider_failed", {{"code", outcome.provider_error->code}});
  }
  rt->app.metrics.counter("counsel_turns_total", "Counselling turns by reply source", {{"source", outcome.source}}).inc();
  stream->end();
  std::lock_guard lock(rt->mutex);
  slot->busy = false;
  --rt->running;
  rt->idle.notify_all();
}

bool operator_ok(const CounselRuntime& rt, const http::Request& req) {
  return !rt.operator_token.empty() && platform::crypto::constant_time_equal(req.bearer_token(), rt.operator_token);
}

json::object event_json(const RiskEvent& e) {
  json::array reasons;
  for (const auto& r : e.reasons) reasons.emplace_back(r);
  return {{"event_id", e.event_id}, {"user_id", e.user_id}, {"conversation_id", e.conversation_id},
          {"level", e.level},       {"reasons", reasons},    {"status", e.status},
          {"note", e.note},         {"created_at", e.created_at}, {"resolved_at", e.resolved_at}};
}

}  // namespace

void declare_counsel_options(platform::config::Config& c) {
  c.add_string("counsel-provider", "offline", "reply provider: offline | openai (the safety layer always runs)")
      .add_string("counsel-base-url", "http://127.0.0.1:8000/v1", "OpenAI-compatible endpoint (vLLM, llama.cpp, Ollama, SageMaker)")
      .add_string("counsel-model", "mind-log-counsel", "model name sent to the endpoint")
      .add_string("counsel-api-key-file", "", "file holding the endpoint API key (never logged)")
      .add_string("counsel-api-key-env", "MIND_LOG_COUNSEL_API_KEY", "environment variable holding the API key")
      .add_int("counsel-first-token-timeout-ms", 10'000, 100, 120'000, "provider time to first byte before falling back")
      .add_int("counsel-max-attempts", 3, 1, 10, "provider attempts before falling back (only before the first token)")
      .add_string("counsel-crisis-lines", std::string(counsel::CrisisDirectory::default_spec()),
                  "REGION|NUMBER|English name|Korean name|crisis-or-emergency;...")
      .add_string("counsel-region", "KR", "region whose crisis lines are shown")
      .add_int("counsel-tz-offset-minutes", 540, -720, 840, "offset used for daily vitals summaries")
      .add_string("counsel-operator-token-file", "", "file with the bearer token of risk reviewers (empty: queue disabled)");
}

Result<void> install_counsel(App& app, platform::service::ServiceContext& ctx, journal::JournalStore* journal,
                             vitals::VitalsStore* vitals_store) {
  const auto& cfg = app.config;
  auto lines = counsel::CrisisDirectory::parse(cfg.get_string("counsel-crisis-lines"));
  if (!lines) return std::unexpected(lines.error());
  if (auto m = app.db.migrate("counsel", CounselStore::migrations()); !m) return m;
  auto rt = std::make_shared<CounselRuntime>(app, std::move(*lines));
  rt->journal = journal;
  rt->vitals = vitals_store;
  rt->region = cfg.get_string("counsel-region");
  rt->tz_offset_minutes = static_cast<int>(cfg.get_int("counsel-tz-offset-minutes"));
  if (const auto f = cfg.get_string("counsel-operator-token-file"); !f.empty()) {
    std::ifstream in(f);
    std::getline(in, rt->operator_token);
    if (rt->operator_token.size() < 16) {
      return platform::fail("invalid-operator-token", 400, "Operator token file must hold at least 16 characters", f);
    }
  }
  rt->replaced = &app.metrics.counter("counsel_replies_replaced_total", "Generated replies that failed verification and were replaced");
  rt->fallbacks = &app.metrics.counter("counsel_provider_fallbacks_total", "Turns answered offline after a provider failure");
  rt->ttft = &app.metrics.histogram("counsel_first_token_seconds", "Time from stream open to the first reply text");
  const std::string provider = cfg.get_string("counsel-provider");
  if (provider == "openai") {
    counsel::OpenAiConfig oc;
    oc.base_url = cfg.get_string("counsel-base-url");
    oc.model = cfg.get_string("counsel-model");
    auto key = counsel::load_api_key(cfg.get_string("counsel-api-key-file"), cfg.get_string("counsel-api-key-env"));
    if (key) oc.api_key = *key;  // local endpoints may need none; the key itself is never logged
    oc.first_token_timeout_ms = static_cast<int>(cfg.get_int("counsel-first-token-timeout-ms"));
    oc.max_attempts = static_cast<int>(cfg.get_int("counsel-max-attempts"));
    rt->breaker = std::make_unique<counsel::CircuitBreaker>(app.clock);
    rt->provider = std::make_unique<counsel::OpenAiProvider>(
        oc, *rt->breaker, [](platform::Millis ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); },
        [] { return double(platform::crypto::random_u64() >> 11) / double(1ULL << 53); });
    platform::log::info("counsel.provider", {{"provider", "openai"}, {"model", oc.model}, {"api_key_present", !oc.api_key.empty()}});
  } else if (provider != "offline") {
    return platform::fail("invalid-config", 400, "counsel-provider must be offline or openai", provider);
  }
  rt->streamer = std::make_unique<counsel::TurnStreamer>(rt->counsellor, rt->provider.get());

  auto& router = ctx.router;
  router.post("/api/v1/counsel/conversations", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto id = rt->store.create_conversation(*user);
    if (!id) return problem(id.error());
    return http::Response::json(201, json::object{{"conversation_id", *id}});
  });
  router.get("/api/v1/counsel/conversations", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto ids = rt->store.conversations(*user);
    if (!ids) return problem(ids.error());
    json::array a;
    for (const auto& id : *ids) a.emplace_back(id);
    return http::Response::json(200, json::object{{"conversations", a}});
  });
  router.get("/api/v1/counsel/conversations/{id}", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto msgs = rt->store.messages(*user, req.param("id"));
    if (!msgs) return problem(msgs.error());
    if (auto ok = rt->store.check_conversation(*user, req.param("id")); !ok) return problem(ok.error());
    json::array a;
    for (const auto& m : *msgs) a.push_back(json::object{{"role", m.role}, {"text", m.text}, {"at", m.at}});
    return http::Response::json(200, json::object{{"conversation_id", req.param("id")}, {"messages", a}});
  });
  router.del("/api/v1/counsel/conversations/{id}", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    if (auto r = rt->store.delete_conversation(*user, req.param("id")); !r) return problem(r.error());
    std::lock_guard lock(rt->mutex);
    rt->slots.erase(std::string(req.param("id")));
    return http::Response::no_content();
  });
  router.post("/api/v1/counsel/conversations/{id}/messages", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto body = http::json_object_body(req);
    if (!body) return problem(body.error());
    auto text = http::string_field(*body, "text", 64 * 1024);
    if (!text) return problem(text.error());
    if (auto valid = counsel::validate_message(*text); !valid) return problem(valid.error());
    auto mood = http::optional_int_field(*body, "mood", 1, 10);
    if (!mood) return problem(mood.error());
    auto slot = rt->slot(*user, req.param("id"));
    if (!slot) return problem(slot.error());
    std::lock_guard lock(rt->mutex);
    if ((*slot)->busy || !(*slot)->pending.empty()) {
      return problem(platform::Error{"turn-in-progress", 409, "The previous message is still being answered", ""});
    }
    const std::string turn_id = platform::crypto::random_id();
    (*slot)->pending[turn_id] = PendingTurn{*text, *mood ? std::optional<int>(static_cast<int>(**mood)) : std::nullopt};
    const std::string events = "/api/v1/counsel/conversations/" + std::string(req.param("id")) + "/turns/" + turn_id + "/events";
    return http::Response::json(202, json::object{{"turn_id", turn_id}, {"events", events}});
  });
  http::StreamHandler sh;
  sh.authorize = [rt](http::Request& req) -> std::optional<http::Response> {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto slot = rt->slot(*user, req.param("id"));
    if (!slot) return problem(slot.error());
    std::lock_guard lock(rt->mutex);
    if (!(*slot)->pending.count(std::string(req.param("turn_id")))) {
      return problem(platform::Error{"turn-not-found", 404, "No such pending turn", ""});
    }
    if (rt->stopping) return problem(platform::Error{"shutting-down", 503, "Service is shutting down", ""});
    return std::nullopt;
  };
  sh.on_open = [rt](http::Request& req, std::shared_ptr<http::Stream> stream) {
    // authorize() has checked the token and ownership and loaded the slot; the turn id is an
    // unguessable capability for this one pending message.
    std::shared_ptr<Slot> slot;
    PendingTurn turn;
    {
      std::lock_guard lock(rt->mutex);
      auto s = rt->slots.find(std::string(req.param("id")));
      if (s == rt->slots.end()) {
        stream->end();
        return;
      }
      slot = s->second;
      auto it = slot->pending.find(std::string(req.param("turn_id")));
      if (it == slot->pending.end() || slot->busy) {
        stream->end();
        return;
      }
      turn = std::move(it->second);
      slot->pending.erase(it);
      slot->busy = true;
      ++rt->running;
    }
    // A turn may wait seconds for a model: it runs on its own thread, never on the I/O thread.
    std::thread(run_turn, rt, slot, std::string(req.param("id")), std::move(turn), std::move(stream)).detach();
  };
  router.stream("/api/v1/counsel/conversations/{id}/turns/{turn_id}/events", std::move(sh));

  router.get("/api/v1/counsel/memory", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto stored = rt->store.profile(*user);
    if (!stored) return problem(stored.error());
    auto ratings = rt->store.ratings(*user);
    if (!ratings) return problem(ratings.error());
    const auto p = counsel::build_profile(rt->memory_sources(*user), *ratings, *stored);
    if (auto w = rt->store.put_profile(*user, p); !w) return problem(w.error());
    auto j = counsel::to_json(p);
    j.erase("forgotten");
    return http::Response::json(200, j);
  });
  router.del("/api/v1/counsel/memory/{item_id}", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto stored = rt->store.profile(*user);
    if (!stored) return problem(stored.error());
    auto ratings = rt->store.ratings(*user);
    if (!ratings) return problem(ratings.error());
    auto p = counsel::build_profile(rt->memory_sources(*user), *ratings, *stored);
    if (auto f = counsel::forget_item(p, req.param("item_id")); !f) return problem(f.error());
    if (auto w = rt->store.put_profile(*user, p); !w) return problem(w.error());
    return http::Response::no_content();
  });
  router.del("/api/v1/counsel/memory", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto stored = rt->store.profile(*user);
    if (!stored) return problem(stored.error());
    auto ratings = rt->store.ratings(*user);
    if (!ratings) return problem(ratings.error());
    auto p = counsel::build_profile(rt->memory_sources(*user), *ratings, *stored);
    counsel::forget_all(p);
    if (auto w = rt->store.put_profile(*user, p); !w) return problem(w.error());
    return http::Response::no_content();
  });

  router.get("/api/v1/counsel/safety-plan", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto plan = rt->store.safety_plan(*user);
    if (!plan) return problem(plan.error());
    return http::Response::json(200, counsel::to_json(*plan));
  });
  router.put("/api/v1/counsel/safety-plan", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    auto body = http::json_object_body(req);
    if (!body) return problem(body.error());
    body->erase("updated_at_ms");
    auto plan = counsel::safety_plan_from_json(*body);
    if (!plan) return problem(plan.error());
    plan->updated_at_ms = rt->app.clock.now_ms();
    if (auto w = rt->store.put_safety_plan(*user, *plan); !w) return problem(w.error());
    return http::Response::json(200, counsel::to_json(*plan));
  });
  router.del("/api/v1/counsel/safety-plan", [rt](http::Request& req) {
    auto user = rt->app.authenticate(req);
    if (!user) return problem(user.error());
    if (auto d = rt->store.delete_safety_plan(*user); !d) return problem(d.error());
    return http::Response::no_content();
  });

  router.get("/api/v1/operator/counsel/risk-events", [rt](http::Request& req) {
    if (!operator_ok(*rt, req)) return problem(platform::Error{"operator-auth-required", 401, "Operator token required", ""});
    const auto status = req.query_param("status").value_or("open");
    if (status != "open" && status != "resolved") {
      return problem(platform::Error{"invalid-field", 422, "Invalid field", "status: open or resolved"});
    }
    auto events = rt->store.risk_events(status, 200);
    if (!events) return problem(events.error());
    json::array a;
    for (const auto& e : *events) a.push_back(event_json(e));
    return http::Response::json(200, json::object{{"events", a}});
  });
  router.post("/api/v1/operator/counsel/risk-events/{event_id}/resolve", [rt](http::Request& req) {
    if (!operator_ok(*rt, req)) return problem(platform::Error{"operator-auth-required", 401, "Operator token required", ""});
    auto body = http::json_object_body(req);
    if (!body) return problem(body.error());
    auto note = http::string_field(*body, "note", 2000);
    if (!note) return problem(note.error());
    auto e = rt->store.resolve_risk_event(req.param("event_id"), *note);
    if (!e) return problem(e.error());
    rt->app.audit.append("counsel.risk_event_resolved", e->user_id);
    return http::Response::json(200, event_json(*e));
  });

  CounselStore* store = &rt->store;
  app.data.add({"counselling", [store](std::string_view user) { return store->export_user(user); },
                [rt](std::string_view user) -> Result<void> {
                  {
                    std::lock_guard lock(rt->mutex);
                    for (auto it = rt->slots.begin(); it != rt->slots.end();) {
                      it = it->second->user == user ? rt->slots.erase(it) : std::next(it);
                    }
                  }
                  return rt->store.erase_user(user);
                }});
  ctx.on_drain.emplace_back([rt] {
    // Let turns in flight finish their reply (bounded), then refuse new ones.
    std::unique_lock lock(rt->mutex);
    rt->stopping = true;
    rt->idle.wait_for(lock, std::chrono::seconds(8), [&] { return rt->running == 0; });
  });
  return {};
}

}  // namespace mind_log::service
