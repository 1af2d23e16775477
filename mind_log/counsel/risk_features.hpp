#pragma once
// Features of one message for the learned half of the crisis-risk classifier (risk_model.hpp).
//
// Text becomes hashed character n-grams (1-4 code points; single Latin letters are skipped)
// and word uni/bigrams, so Korean needs no tokenizer and unseen spellings still share most of
// their n-grams with known ones. The rule scanners' context flags (negation, idiom, quote,
// third party, joke, farewell) are features too, so the model learns how much
// each moves risk. The rules' own ideation/intent verdicts are deliberately not features: the
// rules were tuned on the training text, so the model would learn to copy them instead of
// reading the words. The conversation is not a feature either: history is the rules' job
// (floors, escalation, retraction), and out of fold, history features made the model fire on
// calm later turns ("Okay. Can we talk about my sleep?") without catching more.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mind_log/counsel/risk.hpp"
#include "mind_log/counsel/risk_rules.hpp"

namespace mind_log::counsel {

inline constexpr unsigned kRiskFeatureBits = 18;
inline constexpr std::uint32_t kRiskFeatureDims = 1u << kRiskFeatureBits;

// Sorted by index, no duplicates. Text features are scaled to unit L2 norm; flags are 1.
struct SparseFeatures {
  std::vector<std::pair<std::uint32_t, float>> items;
};

SparseFeatures risk_features(std::string_view message, const RuleSignals& rules);

// Lower-case letters, digits and Hangul with every other run of characters (spaces,
// punctuation, apostrophes dropped inside words) folded to one space; laughing emoji become
// "lol" and runs of ㅋ/ㅎ/ㅠ are cut to two. Exposed for tests.
std::string normalise_for_features(std::string_view message);

}  // namespace mind_log::counsel
