#include "traffic_master/shield/policy.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::shield;

namespace {
// A hand-set model: only the webdriver feature counts.
LogisticModel webdriver_model(double weight, double bias) {
  LogisticModel m;
  m.scale.fill(1);
  m.weight[10] = weight;
  m.bias = bias;
  return m;
}
Features with_webdriver(bool on) {
  Features f{};
  f[10] = on ? 1 : 0;
  return f;
}
}  // namespace

TEST(Policy, RateLimitsBlockWithReasonAndRetryAfter) {
  PolicyConfig c;
  c.per_ip = {1, 2};
  Policy p(c, webdriver_model(0, -5));
  EXPECT_EQ(p.decide({"ip", "a1", "d1"}, 0).verdict, Verdict::allow);
  EXPECT_EQ(p.decide({"ip", "a2", "d2"}, 0).verdict, Verdict::allow);
  auto d = p.decide({"ip", "a3", "d3"}, 0);
  EXPECT_EQ(d.verdict, Verdict::block);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0], "rate-limit-ip");
  EXPECT_EQ(d.retry_after_ms, 1000);
}

TEST(Policy, ScoreThresholdsChooseAllowChallengeOrBlock) {
  PolicyConfig c;
  auto human = with_webdriver(false), bot = with_webdriver(true);
  Policy challenge_only(c, webdriver_model(5, -3));  // bot score ~0.88
  auto d = challenge_only.decide({"ip", "a", "d", &bot}, 0);
  EXPECT_EQ(d.verdict, Verdict::challenge);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"bot-score"});
  EXPECT_GT(d.pow_bits, c.pow.base_bits);  // suspicion raises the work
  EXPECT_EQ(challenge_only.decide({"ip", "b", "e", &human}, 0).verdict, Verdict::allow);

  Policy blocking(c, webdriver_model(20, -3));  // bot score ~1
  auto b = blocking.decide({"ip", "a", "d", &bot}, 0);
  EXPECT_EQ(b.verdict, Verdict::block);
  EXPECT_EQ(b.reasons, (std::vector<std::string>{"bot-score", "automation-flag"}));
}

TEST(Policy, PassingAChallengeClearsTheSubjectForAWhile) {
  PolicyConfig c;
  auto bot = with_webdriver(true);
  Policy p(c, webdriver_model(5, -3));
  p.record_vqa("a", true, 1000);
  auto d = p.decide({"ip", "a", "d", &bot}, 2000);
  EXPECT_EQ(d.verdict, Verdict::allow);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"cleared"});
  EXPECT_EQ(p.decide({"ip", "a", "d", &bot}, 1000 + c.clearance_ms).verdict, Verdict::challenge);
}

TEST(Policy, RepeatedWrongAnswersBlockTheSubject) {
  PolicyConfig c;
  auto bot = with_webdriver(true);
  Policy p(c, webdriver_model(5, -3));
  for (int i = 0; i < c.max_vqa_failures - 1; ++i) p.record_vqa("a", false, i);
  EXPECT_EQ(p.decide({"ip", "a", "d", &bot}, 10).verdict, Verdict::challenge);
  p.record_vqa("a", false, 11);
  auto d = p.decide({"ip", "a", "d", &bot}, 12);
  EXPECT_EQ(d.verdict, Verdict::block);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"vqa-failures"});
  // A pass resets the count.
  p.record_vqa("b", false, 0);
  p.record_vqa("b", true, 1);
  for (int i = 0; i < c.max_vqa_failures - 1; ++i) p.record_vqa("b", false, 2 + i);
  EXPECT_NE(p.decide({"ip", "b", "d2", &bot}, 20).verdict, Verdict::block);
}
