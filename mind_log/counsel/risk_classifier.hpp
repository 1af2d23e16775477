#pragma once
// The crisis-risk classifier used on every turn, by the service and by `mind-log safety
// assess`. Pure and deterministic. Two halves:
//   - rules (risk_rules.hpp): lexicon cues read with idiom masks, negation, reported speech,
//     quotes, media and joke markers, and the conversation so far;
//   - a learned model (risk_model.hpp) over character/word n-grams and the rules' context
//     flags, consulted when the rules found no ideation or intent. When it fires, the message
//     counts as ideation and goes through the same rules as a lexicon hit: joke downgrade,
//     escalation by plan/means/farewell, history. The model can only raise a level.
// Stateless and immutable after construction, so one instance is shared by all threads.
#include <string_view>

#include "mind_log/counsel/risk.hpp"

namespace mind_log::counsel {

class RiskModel;

class RiskClassifier {
 public:
  RiskClassifier();  // rules + the compiled model: what the service uses
  // The rules alone: the baseline the bench prints beside the classifier, and how training
  // examples replay history.
  static RiskClassifier rules_only();
  // A specific model (training and tests); nullptr means rules only. `model` must outlive
  // the classifier.
  explicit RiskClassifier(const RiskModel* model);

  RiskAssessment assess(std::string_view message, const ConversationRisk& history = {}) const;

 private:
  const RiskModel* model_;  // not owned; the compiled model lives for the whole program
};

}  // namespace mind_log::counsel
