#include "traffic_master/shield/onsale_simulation.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::shield;

// The small-scale bot-vs-human simulation (./dev bench shield runs the full size).
TEST(OnSaleSimulation, MacrosGetAlmostNothingAndHumansAreNotBlocked) {
  OnSaleConfig c;
  c.tickets = 1500;
  c.humans = 2000;
  c.bot_accounts_per_profile = 30;  // the same macro-to-human ratio as the full-size bench
  c.seed = 3;
  auto r = run_onsale(c, default_model(), PolicyConfig{});
  EXPECT_EQ(r.tickets_sold, c.tickets);
  // One macro purchase is 4 of 1,500 tickets (0.27%), so at this size the share moves in big
  // steps between seeds (0.3%-1.3% over seeds 2-5); the full-size bench holds the 1% target.
  EXPECT_LE(r.macro_ticket_share, 0.02);
  EXPECT_EQ(r.humans_blocked, 0);
  EXPECT_LE(r.humans_rechallenged_share, 0.02);
  // Macros were in the queue and were stopped by the shield, not simply never admitted.
  int bots_admitted = 0;
  for (const auto& [p, o] : r.by_profile)
    if (is_bot(p)) bots_admitted += o.admitted;
  EXPECT_GT(bots_admitted, 30);
}
