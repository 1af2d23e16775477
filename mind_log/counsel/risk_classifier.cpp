#include "mind_log/counsel/risk_classifier.hpp"

#include "mind_log/counsel/risk_lexicon.hpp"
#include "mind_log/counsel/risk_model.hpp"
#include "mind_log/counsel/risk_rules.hpp"

namespace mind_log::counsel {

RiskClassifier::RiskClassifier() : model_(&default_risk_model()) { (void)lexicon(); }

RiskClassifier::RiskClassifier(const RiskModel* model) : model_(model) { (void)lexicon(); }

RiskClassifier RiskClassifier::rules_only() { return RiskClassifier(nullptr); }

RiskAssessment RiskClassifier::assess(std::string_view message, const ConversationRisk& history) const {
  const Language language = detect_language(message);
  RuleSignals s = scan_rules(message);
  // The rules' hits are precise; what they miss is new wording. The model reads the words
  // only then, and what it finds is treated like a lexicon hit from here on. A message whose
  // only risk cue is a plan/means/time word ("Tonight feels like the night", "I have
  // everything I need") is left to the rules: by the labelling guide its level depends on the
  // conversation, which the rules track and the model does not read.
  const bool context_dependent = !s.escalators.empty();
  if (model_ != nullptr && !s.ideation && !s.imminent && !context_dependent &&
      model_->fires(risk_features(message, s))) {
    s.ideation = true;
    s.reason("learned-model");
  }
  return decide_level(std::move(s), history, language);
}

}  // namespace mind_log::counsel
