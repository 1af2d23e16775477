#include "mind_log/journal/emotion_analyzer.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mind_log::journal {
namespace {

using enum Emotion;

TEST(EmotionAnalyzerTest, EnglishLexiconHits) {
  auto s = analyze_emotions("Today I felt happy and grateful after the walk.");
  EXPECT_GT(s[joy], 0.5);
  EXPECT_EQ(s[sadness], 0.0);
  EXPECT_EQ(s.dominant, "joy");
  EXPECT_EQ(s.language, "en");
  EXPECT_EQ(analyze_emotions("I was so worried and nervous about the exam").dominant, "anxiety");
  EXPECT_EQ(analyze_emotions("He made me furious").dominant, "anger");
  EXPECT_EQ(analyze_emotions("Peaceful, relaxed evening").dominant, "calm");
}

TEST(EmotionAnalyzerTest, EnglishNegationFlipsInsteadOfCounting) {
  auto s = analyze_emotions("I am not happy.");
  EXPECT_EQ(s[joy], 0.0);
  EXPECT_GT(s[sadness], 0.0);
  auto w = analyze_emotions("I'm not worried at all");
  EXPECT_EQ(w[anxiety], 0.0);
  EXPECT_GT(w[calm], 0.0);
  auto far = analyze_emotions("I don't think I was ever really happy");  // within three words? no: 5 away
  EXPECT_GT(far[joy], 0.0);
  // Negation stops at punctuation.
  auto clause = analyze_emotions("Not today. Happy anyway");
  EXPECT_GT(clause[joy], 0.0);
}

TEST(EmotionAnalyzerTest, EnglishIntensifiersAndDiminishers) {
  double plain = analyze_emotions("I am sad").raw[1];
  EXPECT_DOUBLE_EQ(analyze_emotions("I am very sad").raw[1], plain * 1.5);
  EXPECT_DOUBLE_EQ(analyze_emotions("I am slightly sad").raw[1], plain * 0.5);
  EXPECT_GT(analyze_emotions("extremely anxious")[anxiety], analyze_emotions("anxious")[anxiety]);
}

TEST(EmotionAnalyzerTest, KoreanStemsMatchConjugatedWords) {
  auto s = analyze_emotions("오늘은 정말 행복했다. 친구들이 고마웠다.");
  EXPECT_EQ(s.language, "ko");
  EXPECT_EQ(s.dominant, "joy");
  EXPECT_EQ(analyze_emotions("시험 때문에 불안하고 걱정된다").dominant, "anxiety");
  EXPECT_EQ(analyze_emotions("너무 우울하고 외로웠다").dominant, "sadness");
  EXPECT_EQ(analyze_emotions("동생 때문에 짜증나고 화났다").dominant, "anger");
  EXPECT_EQ(analyze_emotions("산책 후 마음이 편안했다").dominant, "calm");
}

TEST(EmotionAnalyzerTest, KoreanNegationShortAndLongForms) {
  auto long_form = analyze_emotions("행복하지 않았다");
  EXPECT_EQ(long_form[joy], 0.0);
  EXPECT_GT(long_form[sadness], 0.0);
  auto short_form = analyze_emotions("안 행복해");
  EXPECT_EQ(short_form[joy], 0.0);
  EXPECT_GT(short_form[sadness], 0.0);
  auto no_worry = analyze_emotions("걱정 없이 잘 잤다");
  EXPECT_EQ(no_worry[anxiety], 0.0);
  EXPECT_GT(no_worry[calm], 0.0);
  auto attached = analyze_emotions("걱정없다");
  EXPECT_EQ(attached[anxiety], 0.0);
  auto not_ok = analyze_emotions("괜찮지 않아");
  EXPECT_EQ(not_ok[calm], 0.0);
  EXPECT_GT(not_ok[anxiety], 0.0);
}

TEST(EmotionAnalyzerTest, KoreanIntensifiers) {
  double plain = analyze_emotions("불안하다").raw[3];
  EXPECT_DOUBLE_EQ(analyze_emotions("너무 불안하다").raw[3], plain * 1.5);
  EXPECT_DOUBLE_EQ(analyze_emotions("조금 불안하다").raw[3], plain * 0.5);
}

TEST(EmotionAnalyzerTest, MixedAndEmptyText) {
  auto mixed = analyze_emotions("오늘 회의 너무 긴장했는데 after that I felt relieved and calm");
  EXPECT_EQ(mixed.language, "mixed");
  EXPECT_GT(mixed[anxiety], 0.0);
  EXPECT_GT(mixed[calm], 0.0);
  auto empty = analyze_emotions("");
  EXPECT_EQ(empty.dominant, "neutral");
  EXPECT_EQ(empty.language, "unknown");
  EXPECT_EQ(empty.hits, 0);
  // Scores stay in [0, 1) however much evidence piles up.
  std::string flood;
  for (int i = 0; i < 1000; ++i) flood += "very happy ";
  auto f = analyze_emotions(flood);
  EXPECT_LT(f[joy], 1.0);
  EXPECT_GT(f[joy], 0.99);
}

TEST(EmotionAnalyzerTest, LexiconsHaveNoDuplicateTerms) {
  for (auto* lex : {&english_lexicon(), &korean_lexicon()}) {
    std::set<std::string_view> seen;
    for (auto& e : *lex) EXPECT_TRUE(seen.insert(e.term).second) << e.term;
  }
}

}  // namespace
}  // namespace mind_log::journal
