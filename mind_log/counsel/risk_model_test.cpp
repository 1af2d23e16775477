#include "mind_log/counsel/risk_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "mind_log/counsel/eval_set.hpp"
#include "mind_log/counsel/risk_classifier.hpp"
#include "mind_log/counsel/risk_model_train.hpp"
#include "mind_log/counsel/safety_assess.hpp"

namespace mind_log::counsel {
namespace {

bool has_reason(const RiskAssessment& a, std::string_view r) {
  return std::find(a.reasons.begin(), a.reasons.end(), r) != a.reasons.end();
}

SparseFeatures features(std::string_view text) { return risk_features(text, scan_rules(text)); }

// A model that scores every message the same: bias only.
RiskModel constant_model(float bias) { return RiskModel(std::vector<float>(kRiskFeatureDims, 0.0f), bias, 0.5f); }

std::vector<EvalItem> tuned_items() {
  const char* root = std::getenv("REPO_ROOT");
  std::vector<EvalItem> all;
  if (root == nullptr) return all;
  for (const char* f : {"dev_en.tsv", "dev_ko.tsv", "holdout_en.tsv", "holdout_ko.tsv", "blind_en.tsv",
                        "blind_ko.tsv", "blind2_en.tsv", "blind2_ko.tsv"}) {
    std::ifstream in(std::string(root) + "/mind_log/counsel/eval/" + f);
    std::stringstream ss;
    ss << in.rdbuf();
    auto items = parse_eval_tsv(ss.str(), f);
    if (items) all.insert(all.end(), items->begin(), items->end());
  }
  return all;
}

TEST(RiskFeatures, NormalisationFoldsSpellingVariants) {
  EXPECT_EQ(normalise_for_features("I DON'T want... to go!!"), "i dont want to go");
  EXPECT_EQ(normalise_for_features("  ㅋㅋㅋㅋㅋ 진짜?? "), "ㅋㅋ 진짜");
  EXPECT_EQ(normalise_for_features("done 😂"), "done lol");
  EXPECT_EQ(normalise_for_features(""), "");
  // "don't" and "dont" give the same features.
  EXPECT_EQ(features("I don't care").items, features("i dont care").items);
}

TEST(RiskFeatures, SortedUniqueAndUnitNormText) {
  for (std::string_view text : {"I want to sleep forever", "다 그만두고 싶어 ㅠㅠ", "ok", "lol jk"}) {
    const auto f = features(text);
    ASSERT_FALSE(f.items.empty()) << text;
    double norm = 0;
    for (std::size_t i = 0; i < f.items.size(); ++i) {
      EXPECT_LT(f.items[i].first, kRiskFeatureDims);
      if (i > 0) {
        EXPECT_LT(f.items[i - 1].first, f.items[i].first) << text;
      }
      norm += double(f.items[i].second) * f.items[i].second;
    }
    // Text features have unit norm; each flag adds 1 (a joke marker is a flag).
    EXPECT_GE(norm, 0.99) << text;
  }
  EXPECT_TRUE(features("").items.empty());
}

TEST(RiskFeatures, RuleContextFlagsChangeTheFeatures) {
  // Same words, but one is negated: the negation flag must reach the model.
  const auto plain = features("I want to disappear");
  const RuleSignals negated = [] {
    RuleSignals s;
    s.negated_risk = true;
    return s;
  }();
  EXPECT_NE(plain.items, risk_features("I want to disappear", negated).items);
}

TEST(RiskModelTraining, LearnsWordsAndIsDeterministic) {
  std::vector<RiskExample> ex;
  for (const char* t : {"i want to vanish", "i wish to vanish forever", "vanish is all i want", "let me vanish"}) {
    ex.push_back({features(t), true});
  }
  for (const char* t : {"i want a sandwich", "the weather is nice", "i wish for a bike", "let me cook dinner"}) {
    ex.push_back({features(t), false});
  }
  RiskTrainOptions o;
  o.epochs = 300;
  const auto a = train_risk_model(ex, o);
  const auto b = train_risk_model(ex, o);
  EXPECT_EQ(a.weights(), b.weights());
  EXPECT_EQ(a.bias(), b.bias());
  EXPECT_GT(a.score(features("i just want to vanish")), 0.5);
  EXPECT_LT(a.score(features("i want a nice dinner")), 0.5);
  EXPECT_GT(a.score(features("i just want to vanish")), a.score(features("i want a nice dinner")));
}

TEST(RiskModelTraining, GeneratedSourceHasOnlyNonZeroWeights) {
  std::vector<float> w(kRiskFeatureDims, 0.0f);
  w[7] = 1.0f;  // "1f" would not compile: the generator must always print a decimal point
  w[12345] = -0.25f;
  const std::string cpp = risk_model_to_cpp(RiskModel(w, -1.5f, 0.3f), "test");
  EXPECT_NE(cpp.find("{7,1.0000f}"), std::string::npos) << cpp;
  EXPECT_NE(cpp.find("{12345,-0.25000f}"), std::string::npos) << cpp;
  EXPECT_NE(cpp.find("kStoredBias = -1.50000f"), std::string::npos) << cpp;
  EXPECT_EQ(std::count(cpp.begin(), cpp.end(), '{'), 3);  // the array and two weights
}

// How the two halves combine, with models whose verdict is fixed.
TEST(RiskClassifierCombination, AModelHitIsReadLikeALexiconHit) {
  const RiskModel always = constant_model(10.0f);
  const RiskClassifier c(&always);
  const auto a = c.assess("I'd like to see the sea one more time");
  EXPECT_EQ(a.level, RiskLevel::elevated);
  EXPECT_TRUE(a.own_ideation);
  EXPECT_TRUE(has_reason(a, "learned-model"));
  // The rules' joke handling applies to what the model finds...
  EXPECT_EQ(c.assess("lol I'd like to see the sea one more time").level, RiskLevel::low);
  // ...and so does escalation by a farewell.
  EXPECT_EQ(c.assess("I'd like to see the sea one more time. Goodbye.").level, RiskLevel::imminent);
  // A follow-up whose only cue is a plan/time word is left to the conversation.
  EXPECT_EQ(c.assess("Tonight feels like the night.").level, RiskLevel::none);
  ConversationRisk disclosed;
  disclosed.observe(c.assess("I'd like to see the sea one more time"));
  EXPECT_TRUE(disclosed.ideation_disclosed);
  EXPECT_EQ(c.assess("Tonight feels like the night.", disclosed).level, RiskLevel::imminent);
}

TEST(RiskClassifierCombination, TheModelNeverLowersTheRules) {
  const RiskModel never = constant_model(-10.0f);
  const RiskClassifier with_model(&never);
  const RiskClassifier rules = RiskClassifier::rules_only();
  for (std::string_view t : {"I want to die.", "죽고 싶어", "I'm going to kill myself tonight.", "배고파 죽겠다"}) {
    EXPECT_EQ(with_model.assess(t).level, rules.assess(t).level) << t;
  }
  // The compiled model only ever adds to the rules, item by item on the tuned splits.
  const RiskClassifier shipped;
  const auto items = tuned_items();
  ASSERT_GE(items.size(), 500u);
  for (const auto& it : items) {
    EXPECT_GE(static_cast<int>(classify_item(shipped, it)), static_cast<int>(classify_item(rules, it))) << it.source;
  }
}

TEST(RiskClassifierCombination, EverydayChatStaysCalm) {
  const RiskClassifier c;
  for (std::string_view t : {"ok", "응", "thanks!", "고마워", "good morning", "좋은 아침", "what can you do?",
                             "I'm fine, just a normal week", "오늘은 그냥 평범했어", "see you tomorrow"}) {
    EXPECT_EQ(c.assess(t).level, RiskLevel::none) << t;
  }
}

TEST(RiskClassifierCombination, SafetyAssessUsesTheSameClassifier) {
  const RiskClassifier c;
  std::string input;
  std::vector<RiskLevel> expected;
  for (const auto& it : tuned_items()) {
    if (it.text.find('\n') != std::string::npos) continue;
    input += it.text + "\n";
    expected.push_back(c.assess(it.text).level);
  }
  ASSERT_GE(expected.size(), 500u);
  std::istringstream in(input);
  std::ostringstream out, err;
  ASSERT_EQ(run_safety_command({"safety", "assess"}, in, out, err), 0);
  std::istringstream lines(out.str());
  std::string line;
  std::size_t k = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(k, expected.size());
    const std::string want = "{\"level\":\"" + std::string(to_string(expected[k])) + "\"";
    EXPECT_TRUE(line.starts_with(want)) << line << " vs " << want;
    ++k;
  }
  EXPECT_EQ(k, expected.size());
}

TEST(RiskModel, CompiledModelIsLoaded) {
  const auto& m = default_risk_model();
  EXPECT_EQ(m.weights().size(), kRiskFeatureDims);
  EXPECT_GT(std::count_if(m.weights().begin(), m.weights().end(), [](float w) { return w != 0.0f; }), 1000);
  EXPECT_GT(m.threshold(), 0.0f);
  EXPECT_LT(m.threshold(), 1.0f);
}

}  // namespace
}  // namespace mind_log::counsel
