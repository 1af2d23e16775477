#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/shield/vqa_challenges.hpp"
#include "traffic_master/shield/vqa_questions.hpp"
#include "traffic_master/shield/vqa_render.hpp"
#include "traffic_master/shield/vqa_scene.hpp"

using namespace traffic_master::shield;

namespace {
RandomBytes counter_bytes() {
  auto n = std::make_shared<int>(0);
  return [n](std::size_t k) { return platform::crypto::sha256("vqa" + std::to_string((*n)++)).substr(0, k); };
}
constexpr platform::Millis kNow = 1'700'000'000'000;
}  // namespace

TEST(VqaScene, ScenesAreDeterministicAndShapesDoNotOverlap) {
  for (std::uint64_t seed = 1; seed < 300; ++seed) {
    auto s = random_scene(seed);
    ASSERT_GE(s.objects.size(), 5u);
    ASSERT_LE(s.objects.size(), 13u);
    for (std::size_t i = 0; i < s.objects.size(); ++i)
      for (std::size_t j = i + 1; j < s.objects.size(); ++j)
        EXPECT_GT(std::hypot(s.objects[i].x - s.objects[j].x, s.objects[i].y - s.objects[j].y),
                  s.objects[i].radius + s.objects[j].radius);
  }
  EXPECT_EQ(random_scene(7).objects.size(), random_scene(7).objects.size());
  EXPECT_EQ(random_scene(7).objects[0].x, random_scene(7).objects[0].x);
}

TEST(VqaQuestions, CountAnswersMatchTheScene) {
  for (std::uint64_t seed = 1; seed < 500; ++seed) {
    auto scene = random_scene(seed);
    SceneRng rng(seed * 31);
    auto q = random_question(scene, Lang::en, rng);
    if (q.template_id != "count-colour-shape") continue;
    // Recount from the text: "How many <colour> <shape>s are there?"
    int n = 0;
    for (const auto& o : scene.objects)
      n += q.text == "How many " + std::string(colour_name_en(o.colour)) + " " + std::string(shape_name_en(o.shape)) +
                         "s are there?";
    EXPECT_EQ(q.answer, n) << q.text;
  }
}

TEST(VqaQuestions, ManyDistinctQuestionsAcrossAllFamiliesAndBothLanguages) {
  std::set<std::string> texts, families;
  for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
    auto scene = random_scene(seed);
    SceneRng rng(seed);
    auto q = random_question(scene, seed % 2 ? Lang::en : Lang::ko, rng);
    texts.insert(q.text);
    families.insert(q.template_id);
    EXPECT_GE(q.answer, 0);
    EXPECT_LE(q.answer, 13);
  }
  EXPECT_GE(families.size(), 10u);
  // About 9,000 texts exist; 2,000 draws weighted toward answerable questions hit hundreds.
  EXPECT_GE(texts.size(), 350u);
}

TEST(VqaQuestions, KoreanUsesTheRightTopicParticle) {
  bool saw_vowel = false, saw_consonant = false;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    auto scene = random_scene(seed);
    SceneRng rng(seed);
    auto q = random_question(scene, Lang::ko, rng);
    if (q.text.find("마름모는") != std::string::npos) saw_vowel = true;
    if (q.text.find("삼각형은") != std::string::npos) saw_consonant = true;
    EXPECT_EQ(q.text.find("마름모은"), std::string::npos);
    EXPECT_EQ(q.text.find("삼각형는"), std::string::npos);
  }
  EXPECT_TRUE(saw_vowel);
  EXPECT_TRUE(saw_consonant);
}

TEST(VqaQuestions, AccessibleQuestionsAvoidAboveAndBelow) {
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    auto scene = random_scene(seed);
    SceneRng rng(seed);
    auto q = random_question(scene, Lang::en, rng, true);
    EXPECT_EQ(q.text.find("above"), std::string::npos);
    EXPECT_EQ(q.text.find("below"), std::string::npos);
  }
  auto d = describe_scene(random_scene(3), Lang::en);
  EXPECT_TRUE(d.starts_with("From left to right: "));
  EXPECT_TRUE(describe_scene(random_scene(3), Lang::ko).starts_with("왼쪽부터 차례로: "));
}

TEST(VqaQuestions, AnswersAcceptDigitsAndNumberWords) {
  EXPECT_EQ(parse_answer("3"), 3);
  EXPECT_EQ(parse_answer(" 12 "), 12);
  EXPECT_EQ(parse_answer("Three"), 3);
  EXPECT_EQ(parse_answer("셋"), 3);
  EXPECT_EQ(parse_answer("세 개"), 3);
  EXPECT_EQ(parse_answer("3개"), 3);
  EXPECT_EQ(parse_answer("다섯"), 5);
  EXPECT_FALSE(parse_answer(""));
  EXPECT_FALSE(parse_answer("many"));
  EXPECT_FALSE(parse_answer("1234"));
}

TEST(VqaRender, ProducesAPngOfTheSceneSize) {
  auto png = render_scene_png(random_scene(42));
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR width/height, big-endian at offsets 16 and 20.
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 400u);
  EXPECT_EQ(be32(20), 260u);
  EXPECT_NE(render_scene_png(random_scene(43)), png);
}

TEST(VqaChallenges, RightAnswerPassesOnceAndWrongAnswerConsumesTheChallenge) {
  VqaChallenges vqa({}, counter_bytes());
  auto c = vqa.issue("alice", Lang::en, false, kNow);
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->png.empty());
  auto answer = *vqa.expected_answer_for_testing(c->id);
  EXPECT_TRUE(vqa.answer("alice", c->id, std::to_string(answer), kNow + 1));
  EXPECT_EQ(vqa.answer("alice", c->id, std::to_string(answer), kNow + 2).error().code, "vqa-unknown");

  auto d = vqa.issue("alice", Lang::ko, false, kNow);
  auto right = *vqa.expected_answer_for_testing(d->id);
  auto wrong = vqa.answer("alice", d->id, std::to_string(right + 1), kNow + 3);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, "vqa-wrong-answer");
  EXPECT_EQ(vqa.answer("alice", d->id, std::to_string(right), kNow + 4).error().code, "vqa-unknown");
  EXPECT_EQ(vqa.outstanding(), 0u);
}

TEST(VqaChallenges, ForeignExpiredAndBruteForcedAnswersAreRejected) {
  VqaChallenges vqa({}, counter_bytes());
  auto c = vqa.issue("alice", Lang::en, false, kNow);
  auto right = std::to_string(*vqa.expected_answer_for_testing(c->id));
  EXPECT_EQ(vqa.answer("mallory", c->id, right, kNow).error().code, "vqa-not-yours");
  EXPECT_EQ(vqa.outstanding(), 1u);  // someone else's guess does not burn alice's challenge
  EXPECT_EQ(vqa.answer("alice", c->id, right, kNow + VqaConfig{}.ttl_ms).error().code, "vqa-expired");

  // Answers are rate-limited per subject: a burst of 4, then one per 10 s.
  VqaChallenges limited({}, counter_bytes());
  platform::Error last;
  for (int i = 0; i < 5; ++i) {
    auto ch = limited.issue("bot", Lang::en, false, kNow);
    ASSERT_TRUE(ch);
    auto r = limited.answer("bot", ch->id, "0", kNow);
    if (!r) last = r.error();
  }
  EXPECT_EQ(last.code, "vqa-rate-limited");
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(retry_after_seconds(last), 10);
}

TEST(VqaChallenges, IssuingIsRateLimitedAndAccessibleVariantIsText) {
  VqaChallenges vqa({}, counter_bytes());
  auto a = vqa.issue("carol", Lang::en, true, kNow);
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->png.empty());
  EXPECT_TRUE(a->description.starts_with("From left to right"));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(vqa.issue("carol", Lang::en, true, kNow));
  auto r = vqa.issue("carol", Lang::en, true, kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "vqa-rate-limited");
  EXPECT_EQ(retry_after_seconds(r.error()), 5);
}
