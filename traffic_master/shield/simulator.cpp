#include "traffic_master/shield/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace traffic_master::shield {
namespace {

double uniform(std::mt19937_64& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
int uniform_int(std::mt19937_64& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool chance(std::mt19937_64& rng, double p) { return uniform(rng, 0, 1) < p; }
double lognormal(std::mt19937_64& rng, double median, double sigma) {
  return std::lognormal_distribution<double>(std::log(median), sigma)(rng);
}
int log_uniform_int(std::mt19937_64& rng, int lo, int hi) {
  return static_cast<int>(std::lround(std::exp(uniform(rng, std::log(lo), std::log(hi)))));
}
int poisson(std::mt19937_64& rng, double mean) { return std::poisson_distribution<int>(mean)(rng); }

// Human gaps: heavy-tailed (reading, thinking, network), never machine-regular.
void human_requests(SessionTelemetry& t, std::mt19937_64& rng, platform::Millis start, int n, double median_ms, double sigma) {
  double at = static_cast<double>(start);
  for (int i = 0; i < n; ++i) {
    t.request_times.push_back(static_cast<platform::Millis>(at));
    at += std::max(150.0, lognormal(rng, median_ms, sigma));
  }
}

// Timer-driven gaps: a base interval with a small relative jitter.
void timer_requests(SessionTelemetry& t, std::mt19937_64& rng, platform::Millis start, int n, double base_ms, double jitter) {
  double at = static_cast<double>(start);
  for (int i = 0; i < n; ++i) {
    t.request_times.push_back(static_cast<platform::Millis>(at));
    at += base_ms * (1 + uniform(rng, -jitter, jitter));
  }
}

void human_pointer(SessionTelemetry& t, std::mt19937_64& rng, double median_moves) {
  t.pointer_moves = static_cast<int>(lognormal(rng, median_moves, 0.7));
  t.pointer_straightness = uniform(rng, 0.30, 0.86);
  t.pointer_speed_cv = uniform(rng, 0.55, 1.7);
}

}  // namespace

bool is_bot(Profile p) { return p >= Profile::bot_fast_refresh; }

std::string_view to_string(Profile p) {
  switch (p) {
    case Profile::human_desktop: return "human_desktop";
    case Profile::human_mobile: return "human_mobile";
    case Profile::human_fast_fan: return "human_fast_fan";
    case Profile::bot_fast_refresh: return "bot_fast_refresh";
    case Profile::bot_parallel: return "bot_parallel";
    case Profile::bot_headless: return "bot_headless";
    case Profile::bot_humanlike: return "bot_humanlike";
  }
  return "?";
}

SessionTelemetry simulate_session(Profile p, std::mt19937_64& rng, platform::Millis start) {
  SessionTelemetry t;
  switch (p) {
    case Profile::human_desktop:
      human_requests(t, rng, start, uniform_int(rng, 4, 25), 2500, 0.9);
      t.seat_map_to_hold_ms = std::max(600.0, lognormal(rng, 2800, 0.6));
      t.parallel_sessions_device = chance(rng, 0.1) ? 2 : 1;
      t.parallel_sessions_ip = chance(rng, 0.7) ? 1 : chance(rng, 0.85) ? uniform_int(rng, 2, 4) : log_uniform_int(rng, 5, 30);
      t.parallel_sessions_account = chance(rng, 0.05) ? 2 : 1;
      t.telemetry_present = !chance(rng, 0.02);  // privacy extensions block the beacon
      human_pointer(t, rng, 150);
      t.focus_changes = poisson(rng, 2);
      t.webdriver = chance(rng, 0.002);  // assistive tools and some extensions set it
      break;
    case Profile::human_mobile:
      human_requests(t, rng, start, uniform_int(rng, 4, 20), 3500, 0.9);
      t.seat_map_to_hold_ms = std::max(700.0, lognormal(rng, 3500, 0.6));
      t.parallel_sessions_device = 1;
      t.parallel_sessions_ip = log_uniform_int(rng, 1, 60);  // carrier-grade NAT
      t.parallel_sessions_account = 1;
      t.telemetry_present = !chance(rng, 0.02);
      t.pointer_moves = static_cast<int>(lognormal(rng, 20, 0.6));  // touch moves only
      t.pointer_straightness = uniform(rng, 0.4, 0.9);
      t.pointer_speed_cv = uniform(rng, 0.5, 1.5);
      t.focus_changes = poisson(rng, 3);
      break;
    case Profile::human_fast_fan:
      human_requests(t, rng, start, uniform_int(rng, 15, 60), 700, 0.5);
      t.seat_map_to_hold_ms = std::max(350.0, lognormal(rng, 900, 0.4));
      t.parallel_sessions_device = uniform_int(rng, 1, 3);  // a few tabs
      t.parallel_sessions_ip = chance(rng, 0.8) ? 1 : uniform_int(rng, 2, 6);
      t.parallel_sessions_account = chance(rng, 0.2) ? 2 : 1;
      t.telemetry_present = !chance(rng, 0.02);
      human_pointer(t, rng, 120);
      t.focus_changes = poisson(rng, 1);
      break;
    case Profile::bot_fast_refresh:
      timer_requests(t, rng, start, uniform_int(rng, 30, 200), uniform(rng, 50, 300), 0.02);
      t.seat_map_to_hold_ms = uniform(rng, 15, 120);
      t.parallel_sessions_device = uniform_int(rng, 1, 3);
      t.parallel_sessions_ip = uniform_int(rng, 1, 5);
      t.telemetry_present = chance(rng, 0.6);
      t.pointer_moves = uniform_int(rng, 0, 3);
      t.pointer_straightness = 1.0;
      t.pointer_speed_cv = uniform(rng, 0, 0.1);
      t.webdriver = chance(rng, 0.5);
      break;
    case Profile::bot_parallel:
      timer_requests(t, rng, start, uniform_int(rng, 10, 60), uniform(rng, 200, 1000), 0.1);
      t.seat_map_to_hold_ms = uniform(rng, 50, 300);
      t.parallel_sessions_device = log_uniform_int(rng, 10, 200);
      t.parallel_sessions_ip = log_uniform_int(rng, 10, 200);
      t.parallel_sessions_account = uniform_int(rng, 1, 3);
      t.telemetry_present = chance(rng, 0.7);
      t.pointer_moves = uniform_int(rng, 0, 10);
      t.pointer_straightness = uniform(rng, 0.9, 1.0);
      t.pointer_speed_cv = uniform(rng, 0.05, 0.3);
      t.webdriver = chance(rng, 0.3);
      break;
    case Profile::bot_headless:
      timer_requests(t, rng, start, uniform_int(rng, 10, 80), uniform(rng, 100, 800), 0.05);
      t.seat_map_to_hold_ms = uniform(rng, 30, 200);
      t.parallel_sessions_device = uniform_int(rng, 1, 20);
      t.parallel_sessions_ip = uniform_int(rng, 1, 20);
      t.telemetry_present = false;  // no beacon: nothing below is observed
      break;
    case Profile::bot_humanlike:
      human_requests(t, rng, start, uniform_int(rng, 8, 40), 1200, 0.35);
      t.seat_map_to_hold_ms = std::max(250.0, lognormal(rng, 700, 0.3));
      t.parallel_sessions_device = uniform_int(rng, 1, 2);
      t.parallel_sessions_ip = uniform_int(rng, 1, 3);  // residential proxies
      t.telemetry_present = true;
      if (chance(rng, 0.15)) {
        // Replays recorded human pointer traces: indistinguishable by pointer alone.
        human_pointer(t, rng, 120);
        t.focus_changes = poisson(rng, 1);
      } else {
        t.pointer_moves = static_cast<int>(lognormal(rng, 60, 0.5));
        t.pointer_straightness = uniform(rng, 0.80, 0.98);  // spline-generated paths
        t.pointer_speed_cv = uniform(rng, 0.15, 0.5);
        t.focus_changes = chance(rng, 0.1) ? 1 : 0;
      }
      break;
  }
  return t;
}

LabelledSet labelled_sessions(int per_profile, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  LabelledSet set;
  for (auto p : kAllProfiles) {
    for (int i = 0; i < per_profile; ++i) {
      set.x.push_back(extract_features(simulate_session(p, rng)));
      set.y.push_back(is_bot(p) ? 1 : 0);
      set.profile.push_back(p);
    }
  }
  std::vector<std::size_t> idx(set.x.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::shuffle(idx.begin(), idx.end(), rng);
  LabelledSet out;
  for (auto i : idx) {
    out.x.push_back(set.x[i]);
    out.y.push_back(set.y[i]);
    out.profile.push_back(set.profile[i]);
  }
  return out;
}

}  // namespace traffic_master::shield
