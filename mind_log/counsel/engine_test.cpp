#include "mind_log/counsel/engine.hpp"

#include <gtest/gtest.h>

#include "mind_log/counsel/engine_phrases.hpp"
#include "mind_log/counsel/output_verifier.hpp"
#include "mind_log/counsel/risk_classifier.hpp"

namespace mind_log::counsel {
namespace {

EngineReply say(OfflineEngine& e, EngineState& st, std::string_view msg, const MemoryProfile* profile = nullptr) {
  static const RiskClassifier c;
  EngineInput in{msg, c.assess(msg), nullptr, profile, nullptr};
  return e.reply(in, st);
}

TEST(OfflineEngine, DisclosesItIsAnAiOnFirstUseAndWhenAsked) {
  OfflineEngine e;
  EngineState st(7);
  EXPECT_NE(say(e, st, "hi").text.find("AI"), std::string::npos);
  EXPECT_EQ(say(e, st, "I had a long day at work").text.find("not a human"), std::string::npos);
  const auto asked = say(e, st, "are you a real person?");
  EXPECT_EQ(asked.strategy, "disclosure");
  EXPECT_NE(asked.text.find("AI"), std::string::npos);
  EngineState ko(7);
  EXPECT_NE(say(e, ko, "안녕").text.find("AI"), std::string::npos);
  EXPECT_NE(say(e, ko, "너 사람이야?").text.find("AI"), std::string::npos);
}

TEST(OfflineEngine, FollowsThePersonsLanguage) {
  OfflineEngine e;
  EngineState st(3);
  const auto en = say(e, st, "I'm so anxious about tomorrow");
  EXPECT_EQ(detect_language(en.text), Language::en);
  const auto ko = say(e, st, "내일 발표 때문에 너무 불안해");
  EXPECT_EQ(detect_language(ko.text), Language::ko);
  const auto other = say(e, st, "Мне очень тревожно");
  EXPECT_EQ(other.strategy, "language");
  EXPECT_EQ(detect_language(other.text), Language::ko);  // stays in the last language used
}

TEST(OfflineEngine, NeverRepeatsTheSameReplyTwiceInARow) {
  OfflineEngine e;
  EngineState st(11);
  std::string last;
  for (int i = 0; i < 40; ++i) {
    const auto r = say(e, st, i % 2 ? "I feel sad" : "I'm sad again today");
    EXPECT_NE(r.text, last) << "turn " << i;
    last = r.text;
  }
}

TEST(OfflineEngine, OffersAndRunsAnExerciseThenAsksForARating) {
  OfflineEngine e;
  EngineState st(5);
  say(e, st, "hello");
  const auto offer = say(e, st, "I'm really anxious and my heart is racing");
  ASSERT_EQ(offer.strategy, "offer");
  EXPECT_EQ(st.offered, Exercise::grounding);
  auto step = say(e, st, "ok");
  EXPECT_EQ(step.exercise, Exercise::grounding);
  for (int i = 0; i < 5; ++i) step = say(e, st, "the desk, a lamp, my phone, a cup and the window");
  EXPECT_EQ(st.active, Exercise::none);
  EXPECT_EQ(st.awaiting_rating, Exercise::grounding);
  const auto rated = say(e, st, "that helped, I'm calmer");
  ASSERT_TRUE(rated.rating.has_value());
  EXPECT_EQ(rated.rating->exercise, "grounding");
  EXPECT_TRUE(rated.rating->helpful);
}

TEST(OfflineEngine, DeclinedOfferIsRespectedAndNotRepeated) {
  OfflineEngine e;
  EngineState st(9);
  say(e, st, "hello");
  ASSERT_EQ(say(e, st, "I'm so anxious").strategy, "offer");
  EXPECT_EQ(say(e, st, "no thanks").strategy, "reflect");
  for (int i = 0; i < 6; ++i) {
    say(e, st, "still anxious");
    EXPECT_NE(st.offered, Exercise::grounding);
  }
}

TEST(OfflineEngine, UsesWhatHelpedBefore) {
  OfflineEngine e;
  EngineState st(2);
  MemoryProfile p;
  p.items.push_back({"helpful_exercise:breathing", "helpful_exercise", "breathing", 2, 0});
  say(e, st, "hi", &p);
  const auto r = say(e, st, "work is so stressful", &p);
  EXPECT_NE(r.text.find("breathing"), std::string::npos);
  EXPECT_EQ(st.offered, Exercise::breathing);
}

TEST(OfflineEngine, JokesGetAGentleCheckIn) {
  OfflineEngine e;
  EngineState st(1);
  say(e, st, "hi");
  EXPECT_EQ(say(e, st, "haha this meeting makes me want to die").strategy, "checkin");
}

TEST(OfflineEngine, EveryReplyPassesTheVerifier) {
  OfflineEngine e;
  OutputVerifier v;
  const char* script[] = {"hi", "I can't sleep", "yes", "keeping the same wake time", "tomorrow", "good",
                          "I hate myself", "sure", "at work", "I'm useless", "sad 60", "my friend likes me",
                          "I'm not useless", "40", "helped", "요즘 외로워", "응", "산책", "내일", "비", "좋아"};
  EngineState st(4);
  for (const char* m : script) {
    const auto r = say(e, st, m);
    EXPECT_TRUE(v.verify(r.text).ok()) << r.text;
  }
}

TEST(OfflineEngine, EveryCannedLineInBothLanguagesPassesTheVerifier) {
  OutputVerifier v;
  for (const char* slot : {"reflect.sad", "reflect.anxious", "reflect.angry", "reflect.lonely", "reflect.stressed",
                           "reflect.tired", "reflect.sleep", "reflect.self_critical", "reflect.neutral",
                           "reflect.positive", "savour", "topic", "validate", "question", "invite", "greeting",
                           "joke_checkin", "fine_checkin", "signals_intro", "ai_answer", "language", "closing",
                           "decline_ok", "stop_ok", "ack", "rating.good", "rating.bad", "memory.helpful",
                           "memory.activity", "memory.theme", "offer", "offer.again", "plan_ack", "plan_q"}) {
    for (auto lang : {Language::en, Language::ko}) {
      for (auto line : phrases(slot, lang)) EXPECT_TRUE(v.verify(line).ok()) << slot << ": " << line;
    }
  }
}

}  // namespace
}  // namespace mind_log::counsel
