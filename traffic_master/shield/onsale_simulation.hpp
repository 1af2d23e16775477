#pragma once
// Bot-vs-human on-sale simulation through the real components: every actor joins the real
// WaitingRoom (pre-queue, shuffle, admission), replays its request stream through the real
// Policy (GCRA limits, behavioural model), and answers real VqaChallenges when challenged.
// Only the people and the macros are simulated: their timing/telemetry (simulator.hpp) and
// the probability that each answers a VQA question correctly.
#include <cstdint>
#include <map>
#include <string>

#include "traffic_master/shield/model.hpp"
#include "traffic_master/shield/policy.hpp"
#include "traffic_master/shield/simulator.hpp"

namespace traffic_master::shield {

struct OnSaleConfig {
  int tickets = 15'000;
  int humans = 20'000;
  int bot_accounts_per_profile = 300;
  int max_tickets_per_account = 4;
  double human_vqa_success = 0.90;  // per question; people misread or mistype sometimes
  double bot_vqa_success = 0.03;    // a macro kit's solver on counting/spatial questions
  int human_max_challenges = 3;     // a person gives up after this many pictures
  std::uint64_t seed = 1;
};

struct ProfileOutcome {
  int actors = 0, admitted = 0, buyers = 0, tickets = 0, challenged = 0, blocked = 0, rate_limited = 0;
};

struct OnSaleResult {
  int tickets_sold = 0;
  int macro_tickets = 0;
  double macro_ticket_share = 0;
  int humans = 0;
  int humans_blocked = 0;
  int humans_challenged = 0;
  int humans_rechallenged = 0;
  double humans_rechallenged_share = 0;
  std::map<Profile, ProfileOutcome> by_profile;
  std::map<std::string, int> decisions;  // "verdict/reason" -> count
};

OnSaleResult run_onsale(const OnSaleConfig& config, const LogisticModel& model, const PolicyConfig& policy);

}  // namespace traffic_master::shield
