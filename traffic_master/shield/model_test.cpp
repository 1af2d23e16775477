#include "traffic_master/shield/model.hpp"

#include <gtest/gtest.h>

#include <random>

#include "traffic_master/shield/simulator.hpp"

using namespace traffic_master::shield;

TEST(Features, TimerRegularityAndAutomationSignalsShowUp) {
  SessionTelemetry bot;
  for (int i = 0; i < 20; ++i) bot.request_times.push_back(i * 100);
  bot.webdriver = true;
  bot.telemetry_present = false;
  auto f = extract_features(bot);
  EXPECT_NEAR(f[0], 0.0, 1e-9);  // perfectly regular
  EXPECT_NEAR(f[1], 2.0, 1e-9);  // log10(100 ms)
  EXPECT_EQ(f[10], 1);
  EXPECT_EQ(f[11], 1);
  SessionTelemetry few;
  few.request_times = {0, 5};
  EXPECT_EQ(extract_features(few)[0], 1.0);  // too few requests to judge
}

TEST(Model, TrainingSeparatesSimulatedHumansFromMacros) {
  auto train = labelled_sessions(600, 1);
  auto test = labelled_sessions(300, 2);
  auto model = train_logistic(train.x, train.y);
  auto e = evaluate(model, test.x, test.y, 0.5);
  EXPECT_GT(e.precision, 0.95);
  EXPECT_GT(e.recall, 0.9);
}

TEST(Model, ShippedWeightsCatchMacrosAndSpareHumans) {
  auto test = labelled_sessions(1000, 99);
  const auto& m = default_model();
  auto e = evaluate(m, test.x, test.y, 0.5);
  EXPECT_GT(e.recall, 0.9);
  EXPECT_LT(e.false_positive_rate, 0.05);
  // No simulated human reaches the block threshold.
  for (std::size_t k = 0; k < test.x.size(); ++k)
    if (!test.y[k]) {
      EXPECT_LT(m.score(test.x[k]), 0.995);
    }
}

TEST(Model, ScoreIsAProbabilityAndMonotoneInItsWeights) {
  LogisticModel m;
  m.scale.fill(1);
  m.weight[0] = -2;  // regular timing -> bot
  Features regular{}, irregular{};
  irregular[0] = 1.5;
  EXPECT_DOUBLE_EQ(m.score(Features{}), 0.5);
  EXPECT_GT(m.score(regular), m.score(irregular));
  EXPECT_GT(m.score(irregular), 0);
}
