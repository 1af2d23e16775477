#include "mind_log/counsel/output_verifier.hpp"

#include <gtest/gtest.h>

namespace mind_log::counsel {
namespace {

TEST(OutputVerifier, FlagsEachKindInBothLanguages) {
  OutputVerifier v;
  EXPECT_TRUE(v.verify("It sounds like you have depression.").has(Violation::diagnosis));
  EXPECT_TRUE(v.verify("당신은 우울증입니다.").has(Violation::diagnosis));
  EXPECT_TRUE(v.verify("Try taking 50 mg of sertraline.").has(Violation::medication));
  EXPECT_TRUE(v.verify("수면제를 두 알 드세요.").has(Violation::medication));
  EXPECT_TRUE(v.verify("You could increase your medication dose.").has(Violation::medication));
  EXPECT_TRUE(v.verify("An overdose of those would be lethal.").has(Violation::method_detail));
  EXPECT_TRUE(v.verify("다리에서 뛰어내리는 건").has(Violation::method_detail));
  EXPECT_TRUE(v.verify("I'm a real person, not a bot.").has(Violation::human_claim));
  EXPECT_TRUE(v.verify("I am not an AI.").has(Violation::human_claim));
  EXPECT_TRUE(v.verify("저는 사람이에요.").has(Violation::human_claim));
  EXPECT_TRUE(v.verify("저는 상담사입니다.").has(Violation::human_claim));
}

TEST(OutputVerifier, AllowsCaringRepliesAndHonestDisclaimers) {
  OutputVerifier v;
  EXPECT_TRUE(v.verify("I'm an AI, not a person or a therapist. I can't diagnose anything, but I'm here to listen.").ok());
  EXPECT_TRUE(v.verify("저는 사람이 아니라 AI예요. 이야기를 들을게요.").ok());
  EXPECT_TRUE(v.verify("It might help to talk to a doctor about how you've been sleeping.").ok());
  EXPECT_TRUE(v.verify("Please call 109 or go to the nearest emergency department.").ok());
  EXPECT_TRUE(v.verify("I'm glad you reached out today.").ok());  // "I'mglad" once spaces go
  EXPECT_TRUE(v.verify("매일 50mg 드세요").has(Violation::medication));
}

TEST(OutputVerifier, StreamingHoldsBackPartialForbiddenWords) {
  OutputVerifier v;
  EXPECT_EQ(v.releasable_prefix("Hello there"), 11u);        // "there" cannot become anything forbidden
  EXPECT_EQ(v.releasable_prefix("You could take an over"), 18u);  // "over" -> "overdose"
  EXPECT_EQ(v.releasable_prefix("I hear you. "), 12u);
  const std::string ko = "밤에는 수면";
  EXPECT_LT(v.releasable_prefix(ko), ko.size());            // "수면" -> "수면제"
  EXPECT_EQ(v.releasable_prefix("마음이 편해"), std::string("마음이 편해").size());
}

}  // namespace
}  // namespace mind_log::counsel
