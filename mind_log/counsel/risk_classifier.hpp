#pragma once
// The crisis-risk classifier used on every turn, by the service and by `mind-log safety
// assess`. Pure and deterministic: lexicon cues (risk_lexicon.cpp) combined by explicit rules
// for negation, idioms, reported speech and quotes, jokes, and the conversation so far.
// Stateless and immutable after construction, so one instance is shared by all threads.
#include <string_view>

#include "mind_log/counsel/risk.hpp"

namespace mind_log::counsel {

class RiskClassifier {
 public:
  RiskClassifier();
  RiskAssessment assess(std::string_view message, const ConversationRisk& history = {}) const;
};

}  // namespace mind_log::counsel
