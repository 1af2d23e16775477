// shield_sim: the bot-vs-human on-sale simulation with the shipped model, plus that model's
// precision/recall on freshly generated held-out sessions (a seed it was not trained on).
//   shield_sim [--tickets N] [--humans N] [--bots-per-profile N] [--seed S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "traffic_master/shield/model.hpp"
#include "traffic_master/shield/onsale_simulation.hpp"
#include "traffic_master/shield/simulator.hpp"

using namespace traffic_master::shield;

int main(int argc, char** argv) {
  OnSaleConfig config;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--tickets") config.tickets = std::atoi(argv[i + 1]);
    else if (flag == "--humans") config.humans = std::atoi(argv[i + 1]);
    else if (flag == "--bots-per-profile") config.bot_accounts_per_profile = std::atoi(argv[i + 1]);
    else if (flag == "--seed") config.seed = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  const auto& model = default_model();
  PolicyConfig policy;
  auto held_out = labelled_sessions(2000, config.seed * 7919 + 13);
  auto e = evaluate(model, held_out.x, held_out.y, policy.challenge_threshold);
  std::printf("model on %zu held-out sessions @%.2f: precision %.4f recall %.4f human FPR %.4f\n", held_out.x.size(),
              policy.challenge_threshold, e.precision, e.recall, e.false_positive_rate);

  auto t0 = std::chrono::steady_clock::now();
  auto r = run_onsale(config, model, policy);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("on-sale: %d tickets, %d humans, %d macro accounts per profile (simulated in %.1f s)\n", config.tickets,
              config.humans, config.bot_accounts_per_profile, secs);
  std::printf("  %-18s %7s %8s %7s %8s %10s %8s %12s\n", "profile", "actors", "admitted", "buyers", "tickets",
              "challenged", "blocked", "rate-limited");
  for (const auto& [p, o] : r.by_profile)
    std::printf("  %-18s %7d %8d %7d %8d %10d %8d %12d\n", std::string(to_string(p)).c_str(), o.actors, o.admitted,
                o.buyers, o.tickets, o.challenged, o.blocked, o.rate_limited);
  std::printf("decisions by reason:\n");
  for (const auto& [k, v] : r.decisions) std::printf("  %-28s %d\n", k.c_str(), v);
  std::printf("tickets sold %d, macro tickets %d -> macro share %.4f (target <= 0.01)\n", r.tickets_sold,
              r.macro_tickets, r.macro_ticket_share);
  std::printf("humans blocked %d (target 0); challenged %d; challenged more than once %d -> %.4f (target <= 0.02)\n",
              r.humans_blocked, r.humans_challenged, r.humans_rechallenged, r.humans_rechallenged_share);
  std::printf(
      "{\"macro_ticket_share\": %.5f, \"humans_blocked\": %d, \"humans_rechallenged_share\": %.5f, "
      "\"model_precision\": %.4f, \"model_recall\": %.4f, \"tickets_sold\": %d, \"humans_challenged\": %d}\n",
      r.macro_ticket_share, r.humans_blocked, r.humans_rechallenged_share, e.precision, e.recall, r.tickets_sold,
      r.humans_challenged);
  return 0;
}
