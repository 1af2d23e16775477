#include "mind_log/counsel/risk_classifier.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "mind_log/counsel/eval_set.hpp"

namespace mind_log::counsel {
namespace {

RiskLevel level_of(std::string_view text, const ConversationRisk& h = {}) {
  static const RiskClassifier c;
  return c.assess(text, h).level;
}

bool has_reason(const RiskAssessment& a, std::string_view r) {
  return std::find(a.reasons.begin(), a.reasons.end(), r) != a.reasons.end();
}

TEST(RiskClassifier, KoreanIdiomsAreNotRisk) {
  EXPECT_EQ(level_of("배고파 죽겠다"), RiskLevel::none);
  EXPECT_EQ(level_of("배고파죽겠다ㅋㅋ"), RiskLevel::none);
  EXPECT_EQ(level_of("귀여워 죽겠어"), RiskLevel::none);
  EXPECT_EQ(level_of("이 집 떡볶이 맛이 죽인다"), RiskLevel::none);
  // The adjective before the idiom is still read.
  EXPECT_EQ(level_of("힘들어 죽겠어"), RiskLevel::low);
}

TEST(RiskClassifier, EnglishIdiomsAreNotRisk) {
  EXPECT_EQ(level_of("I'm dying to see the new movie"), RiskLevel::none);
  EXPECT_EQ(level_of("This pizza is to die for"), RiskLevel::none);
  EXPECT_EQ(level_of("I'm so hungry I could die"), RiskLevel::none);
  // ...but the same words inside a real wish are not masked.
  EXPECT_EQ(level_of("I wish I could die"), RiskLevel::elevated);
}

TEST(RiskClassifier, ExplicitIdeationIsElevatedInBothLanguages) {
  EXPECT_EQ(level_of("I want to die."), RiskLevel::elevated);
  EXPECT_EQ(level_of("죽고 싶어"), RiskLevel::elevated);
  EXPECT_EQ(level_of("죽고싶어"), RiskLevel::elevated);  // spacing does not matter
  EXPECT_EQ(level_of("Everyone would be better off without me."), RiskLevel::elevated);
  EXPECT_EQ(level_of("내가 없으면 다들 더 행복할 거야"), RiskLevel::elevated);
}

TEST(RiskClassifier, IntentPlanAndFarewellAreImminent) {
  EXPECT_EQ(level_of("I'm going to kill myself tonight."), RiskLevel::imminent);
  EXPECT_EQ(level_of("오늘 밤에 죽을 거야"), RiskLevel::imminent);
  EXPECT_EQ(level_of("유서를 다 썼어"), RiskLevel::imminent);
  EXPECT_EQ(level_of("다들 고마웠어. 안녕."), RiskLevel::imminent);
}

TEST(RiskClassifier, NegationLowersButKeepsDistress) {
  EXPECT_EQ(level_of("I would never kill myself, I have too much to live for."), RiskLevel::none);
  EXPECT_EQ(level_of("I'm not suicidal, just really tired of my job."), RiskLevel::low);
  EXPECT_EQ(level_of("죽고 싶지는 않아. 그냥 좀 쉬고 싶어."), RiskLevel::low);
  EXPECT_EQ(level_of("자살할 생각은 전혀 없어."), RiskLevel::none);
  // A cue that carries its own negation is not cancelled by it.
  EXPECT_EQ(level_of("I don't want to live anymore."), RiskLevel::elevated);
  EXPECT_EQ(level_of("더 이상 살고 싶지 않아"), RiskLevel::elevated);
  // "can't stop" is not a negation of what follows.
  EXPECT_EQ(level_of("I can't stop thinking about killing myself"), RiskLevel::elevated);
}

TEST(RiskClassifier, ReportedSpeechAndQuotes) {
  static const RiskClassifier c;
  const auto friend_risk = c.assess("My friend told me she wants to kill herself and I don't know what to do.");
  EXPECT_EQ(friend_risk.level, RiskLevel::low);
  EXPECT_TRUE(friend_risk.third_party_concern);
  EXPECT_FALSE(friend_risk.own_ideation);
  EXPECT_EQ(level_of("친구가 죽고 싶대. 어떻게 해야 할지 모르겠어."), RiskLevel::low);
  EXPECT_EQ(level_of("My mom says I'd be better off dead."), RiskLevel::low);
  EXPECT_EQ(level_of("In the movie the main character says \"I want to die\" and it was so dramatic."),
            RiskLevel::none);
  EXPECT_EQ(level_of("드라마에서 주인공이 \"죽고 싶다\"고 하는 장면이 너무 슬펐어."), RiskLevel::none);
  // First person stays first person even with a quotative ending.
  EXPECT_EQ(level_of("내가 죽고 싶다고 했잖아"), RiskLevel::elevated);
}

TEST(RiskClassifier, JokesAreCheckedInOnNotEscalated) {
  static const RiskClassifier c;
  const auto a = c.assess("haha my code failed again, I want to die");
  EXPECT_EQ(a.level, RiskLevel::low);
  EXPECT_TRUE(has_reason(a, "joke"));
  EXPECT_EQ(level_of("ㅋㅋㅋ 과제 너무 많아서 죽고 싶다"), RiskLevel::low);
  EXPECT_EQ(level_of("lol I want to die, but honestly I'm not joking"), RiskLevel::elevated);
  EXPECT_EQ(level_of("ㅋㅋ 농담 아니고 진심으로 죽고 싶어"), RiskLevel::elevated);
}

TEST(RiskClassifier, HistoryTurnsAmbiguousFollowUpsIntoRisk) {
  static const RiskClassifier c;
  ConversationRisk conv;
  EXPECT_EQ(level_of("Tonight feels like the night.", conv), RiskLevel::none);
  conv.observe(c.assess("I've been thinking about killing myself.", conv));
  EXPECT_TRUE(conv.ideation_disclosed);
  EXPECT_EQ(level_of("Tonight feels like the night.", conv), RiskLevel::imminent);
  EXPECT_EQ(level_of("Forget what I said, I'm fine.", conv), RiskLevel::elevated);
  EXPECT_EQ(level_of("Thanks, I feel a little better.", conv), RiskLevel::low);  // never forgotten

  ConversationRisk ko;
  ko.observe(c.assess("살기 싫어.", ko));
  EXPECT_EQ(level_of("필요한 건 다 준비해 놨어.", ko), RiskLevel::imminent);
}

TEST(RiskClassifier, JokingHistoryIsNotADisclosure) {
  static const RiskClassifier c;
  ConversationRisk conv;
  conv.observe(c.assess("lol I want to die this exam is so hard", conv));
  EXPECT_FALSE(conv.ideation_disclosed);
  EXPECT_EQ(level_of("ok back to studying", conv), RiskLevel::none);
}

TEST(RiskClassifier, LanguagesAndOddInput) {
  static const RiskClassifier c;
  EXPECT_EQ(c.assess("죽고 싶어").language, Language::ko);
  EXPECT_EQ(c.assess("I want to die").language, Language::en);
  const auto other = c.assess("Я очень устал");
  EXPECT_EQ(other.language, Language::other);
  EXPECT_TRUE(has_reason(other, "unsupported-language"));
  EXPECT_EQ(c.assess("").level, RiskLevel::none);
  EXPECT_EQ(c.assess("🙂🙂").language, Language::unknown);
  // Code-switching: both scanners run.
  EXPECT_EQ(level_of("honestly 죽고 싶어"), RiskLevel::elevated);
  // Invalid UTF-8 is read, not trusted.
  EXPECT_EQ(level_of(std::string("\xff\xfe want to die", 15)), RiskLevel::elevated);
  // Enormous input is linear, not a hang.
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "배고파 죽겠다 I am fine ";
  EXPECT_EQ(level_of(big), RiskLevel::none);
}

// The tuned splits are a regression guard: a lexicon edit that breaks them fails here.
// (The blind split's honest figures are reported by `./dev bench counsel`, not asserted.)
TEST(RiskClassifier, TunedSplitsMeetTheTarget) {
  const char* root = std::getenv("REPO_ROOT");
  ASSERT_NE(root, nullptr);
  static const RiskClassifier c;
  EvalScore score;
  for (const char* f : {"dev_en.tsv", "dev_ko.tsv", "holdout_en.tsv", "holdout_ko.tsv"}) {
    const std::string path = std::string(root) + "/mind_log/counsel/eval/" + f;
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::stringstream ss;
    ss << in.rdbuf();
    auto items = parse_eval_tsv(ss.str(), f);
    ASSERT_TRUE(items) << items.error().detail;
    for (const auto& it : *items) score.add(it.level, classify_item(c, it));
  }
  EXPECT_GE(score.total(), 400u);
  EXPECT_GE(score.recall_elevated_plus(), 0.95);
  EXPECT_GE(score.precision_elevated_plus(), 0.85);
}

TEST(EvalSet, ParsesHistoryAndRejectsBadLines) {
  auto ok = parse_eval_tsv("# comment\nimminent\thistory\ta || b\tc\n", "x");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].history.size(), 2u);
  EXPECT_EQ((*ok)[0].level, RiskLevel::imminent);
  EXPECT_EQ(parse_eval_tsv("severe\tx\t-\ty\n", "x").error().code, "invalid-eval-line");
  EXPECT_EQ(parse_eval_tsv("low\tx\ty\n", "x").error().code, "invalid-eval-line");
}

}  // namespace
}  // namespace mind_log::counsel
