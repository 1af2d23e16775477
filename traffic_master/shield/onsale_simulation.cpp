#include "traffic_master/shield/onsale_simulation.hpp"

#include <algorithm>
#include <optional>
#include <queue>
#include <random>
#include <unordered_map>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/queue/waiting_room.hpp"
#include "traffic_master/shield/vqa_challenges.hpp"

namespace traffic_master::shield {
namespace {

struct Actor {
  Profile profile;
  std::string account, device, ip;
  int wants = 1;
};

// Deterministic byte source so a run is reproducible from its seed.
queue::RandomBytes seeded_bytes(std::uint64_t seed) {
  auto rng = std::make_shared<std::mt19937_64>(seed);
  return [rng](std::size_t n) {
    std::string out(n, '\0');
    for (auto& c : out) c = static_cast<char>((*rng)() & 0xff);
    return out;
  };
}

std::vector<Actor> make_actors(const OnSaleConfig& c, std::mt19937_64& rng) {
  std::vector<Actor> actors;
  for (int i = 0; i < c.humans; ++i) {
    double r = std::uniform_real_distribution<double>(0, 1)(rng);
    Actor a;
    a.profile = r < 0.55 ? Profile::human_desktop : r < 0.9 ? Profile::human_mobile : Profile::human_fast_fan;
    a.account = "h" + std::to_string(i);
    a.device = "hd" + std::to_string(i);
    // Mobile carriers put about twenty people behind one address; home users have their own.
    a.ip = a.profile == Profile::human_mobile ? "cgnat-" + std::to_string(i % std::max(1, c.humans / 20))
                                              : "home-" + std::to_string(i);
    a.wants = std::uniform_int_distribution<int>(1, c.max_tickets_per_account)(rng);
    actors.push_back(a);
  }
  for (auto p : {Profile::bot_fast_refresh, Profile::bot_parallel, Profile::bot_headless, Profile::bot_humanlike}) {
    for (int i = 0; i < c.bot_accounts_per_profile; ++i) {
      Actor a;
      a.profile = p;
      auto tag = std::string(to_string(p)) + "-";
      a.account = tag + std::to_string(i);
      // How many accounts share one device/address is what tells these macros apart.
      int per_device = p == Profile::bot_parallel ? 100 : p == Profile::bot_headless ? 10 : 1;
      int per_ip = p == Profile::bot_parallel ? 100 : p == Profile::bot_fast_refresh ? 5 : p == Profile::bot_headless ? 10 : 1;
      a.device = tag + "dev" + std::to_string(i / per_device);
      a.ip = tag + "ip" + std::to_string(i / per_ip);
      a.wants = c.max_tickets_per_account;
      actors.push_back(a);
    }
  }
  std::shuffle(actors.begin(), actors.end(), rng);  // arrival order before the sale opens
  return actors;
}

}  // namespace

OnSaleResult run_onsale(const OnSaleConfig& c, const LogisticModel& model, const PolicyConfig& policy_config) {
  std::mt19937_64 rng(c.seed);
  const platform::Millis start = 1'800'000'000'000;
  const platform::Millis opens = start + 600'000;
  platform::ManualClock clock(start);

  queue::RoomConfig room_config;
  room_config.event_id = "onsale";
  room_config.opens_at_ms = opens;
  room_config.heartbeat_timeout_ms = 24 * 3600'000;  // everyone stays; heartbeats are tested elsewhere
  room_config.controller.initial_per_minute = 6000;
  room_config.controller.initial_max_active = 1'000'000;
  queue::WaitingRoom room(room_config, clock, seeded_bytes(c.seed ^ 0x51), nullptr);
  Policy policy(policy_config, model);
  VqaConfig vqa_config;
  vqa_config.render_images = false;
  VqaChallenges vqa(vqa_config, seeded_bytes(c.seed ^ 0x7a));

  auto actors = make_actors(c, rng);
  std::unordered_map<std::string, std::size_t> by_account;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    by_account[actors[i].account] = i;
    clock.set(start + static_cast<platform::Millis>(i) * 500'000 / static_cast<platform::Millis>(actors.size()));
    (void)room.join(actors[i].account, actors[i].device);
  }

  OnSaleResult out;
  out.humans = c.humans;
  for (const auto& a : actors) ++out.by_profile[a.profile].actors;
  auto count = [&](const Decision& d) {
    for (const auto& r : d.reasons) ++out.decisions[std::string(to_string(d.verdict)) + "/" + r];
  };
  std::uniform_real_distribution<double> coin(0, 1);

  // Shoppers act concurrently: each is a small state machine, and all their requests are
  // replayed in time order (the rate limiters, like a real server, see time move forward).
  struct Shopper {
    std::size_t actor;
    SessionTelemetry session;
    Features features;
    std::size_t next_request = 0;
    platform::Millis admitted_at = 0;
    int challenges = 0;
    bool limited = false;
  };
  std::vector<Shopper> shoppers;
  using Event = std::pair<platform::Millis, std::size_t>;  // (time, shopper index)
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;

  auto done = [&](Shopper& s) {
    if (s.limited) ++out.by_profile[actors[s.actor].profile].rate_limited;
    room.finish(actors[s.actor].account);
  };
  // Runs one step of a shopper at time t; returns the time of its next step, or nullopt.
  auto step = [&](Shopper& s, platform::Millis t) -> std::optional<platform::Millis> {
    const auto& a = actors[s.actor];
    auto& po = out.by_profile[a.profile];
    bool human = !is_bot(a.profile);
    if (s.next_request + 1 < s.session.request_times.size()) {
      // Browsing (seat map, refreshes): only the rate limits apply, telemetry is not in yet.
      auto d = policy.decide({a.ip, a.account, a.device, nullptr}, t);
      if (d.verdict == Verdict::block) s.limited = true;
      return s.session.request_times[++s.next_request];
    }
    auto d = policy.decide({a.ip, a.account, a.device, &s.features}, t);
    count(d);
    if (d.verdict == Verdict::block && d.retry_after_ms > 0 && d.reasons[0].starts_with("rate-limit")) {
      s.limited = true;
      return t + d.retry_after_ms;  // a 429: wait as told, then retry
    }
    if (d.verdict == Verdict::block) {
      ++po.blocked;
      if (human) ++out.humans_blocked;
      return std::nullopt;
    }
    if (d.verdict == Verdict::allow) {
      int n = std::min(a.wants, c.tickets - out.tickets_sold);
      if (n <= 0) return std::nullopt;
      out.tickets_sold += n;
      po.tickets += n;
      ++po.buyers;
      if (!human) out.macro_tickets += n;
      return std::nullopt;
    }
    // Challenge: a fresh picture, answered right with the actor's success probability.
    if (t > s.admitted_at + 300'000) return std::nullopt;        // the shopping window is over
    if (human && s.challenges >= c.human_max_challenges) return std::nullopt;  // gave up
    auto issued = vqa.issue(a.account, Lang::en, false, t);
    if (!issued) return t + retry_after_seconds(issued.error()).value_or(5) * 1000;
    ++s.challenges;
    if (s.challenges == 1) ++po.challenged;
    if (human && s.challenges == 1) ++out.humans_challenged;
    if (human && s.challenges == 2) ++out.humans_rechallenged;
    int expected = *vqa.expected_answer_for_testing(issued->id);
    bool right = coin(rng) < (human ? c.human_vqa_success : c.bot_vqa_success);
    platform::Millis answer_at = t + (human ? 6'000 : 500);
    auto answered = vqa.answer(a.account, issued->id, std::to_string(right ? expected : expected + 1), answer_at);
    if (!answered && answered.error().code == "vqa-rate-limited")
      return answer_at + retry_after_seconds(answered.error()).value_or(10) * 1000;
    policy.record_vqa(a.account, answered.has_value(), answer_at);
    return answer_at;
  };

  clock.set(opens);
  bool queue_empty = false;
  while (out.tickets_sold < c.tickets && !(queue_empty && events.empty())) {
    auto tick = room.tick();
    queue_empty = tick.admitted.empty() && room.summary().waiting == 0;
    for (const auto& adm : tick.admitted) {
      Shopper s;
      s.actor = by_account[adm.account];
      s.session = simulate_session(actors[s.actor].profile, rng, clock.now_ms());
      s.features = extract_features(s.session);
      s.admitted_at = clock.now_ms();
      ++out.by_profile[actors[s.actor].profile].admitted;
      shoppers.push_back(std::move(s));
      events.emplace(clock.now_ms(), shoppers.size() - 1);
    }
    platform::Millis until = clock.now_ms() + 1000;
    while (!events.empty() && events.top().first < until && out.tickets_sold < c.tickets) {
      auto [t, i] = events.top();
      events.pop();
      if (auto next = step(shoppers[i], t)) events.emplace(*next, i);
      else done(shoppers[i]);
    }
    clock.set(until);
  }
  out.macro_ticket_share = out.tickets_sold ? double(out.macro_tickets) / out.tickets_sold : 0;
  out.humans_rechallenged_share = c.humans ? double(out.humans_rechallenged) / c.humans : 0;
  return out;
}

}  // namespace traffic_master::shield
