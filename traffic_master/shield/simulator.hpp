#pragma once
// Session simulator: labelled human and macro sessions with realistic timing and telemetry,
// used to train the behavioural model and to run the bot-vs-human on-sale simulation.
// Deterministic for a given seed. The distributions, and why each profile looks the way it
// does, are described in docs/shield.md.
#include <random>
#include <string_view>
#include <vector>

#include "traffic_master/shield/features.hpp"

namespace traffic_master::shield {

enum class Profile {
  human_desktop,
  human_mobile,       // touch: few pointer events, carrier NAT shares IPs
  human_fast_fan,     // refreshes quickly and clicks fast, but like a person
  bot_fast_refresh,   // fixed-interval refresh at machine speed
  bot_parallel,       // hundreds of sessions per device/IP
  bot_headless,       // no telemetry at all
  bot_humanlike,      // jittered timing and synthetic pointer paths
};
inline constexpr Profile kAllProfiles[] = {Profile::human_desktop,  Profile::human_mobile,  Profile::human_fast_fan,
                                           Profile::bot_fast_refresh, Profile::bot_parallel, Profile::bot_headless,
                                           Profile::bot_humanlike};

bool is_bot(Profile p);
std::string_view to_string(Profile p);

// One session of the profile, requests starting at start_ms.
SessionTelemetry simulate_session(Profile p, std::mt19937_64& rng, platform::Millis start_ms = 0);

struct LabelledSet {
  std::vector<Features> x;
  std::vector<int> y;  // 1 = bot
  std::vector<Profile> profile;
};

// per_profile sessions of every profile, shuffled.
LabelledSet labelled_sessions(int per_profile, std::uint64_t seed);

}  // namespace traffic_master::shield
