#pragma once
// The rule half of the crisis-risk classifier: lexicon cues (risk_lexicon.cpp) read with
// idiom masks, negation, reported speech, quotes, media and joke markers, then combined with
// the conversation so far into a level. Pure and deterministic; no state of its own.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/risk.hpp"

namespace mind_log::counsel {

// What one message says, before the conversation is taken into account.
struct RuleSignals {
  bool distress = false;
  bool weak_distress = false;
  bool ideation = false;  // includes self-harm
  bool imminent = false;
  std::set<std::string> escalators;  // distinct patterns
  std::set<std::string> farewells;
  bool continuation = false;
  bool retraction = false;
  bool negated_risk = false;
  bool third_party = false;  // someone else at risk, or the person quoting words
  bool media_suppressed = false;
  bool identification = false;
  bool joke = false;
  bool serious = false;
  bool idiom = false;
  std::vector<std::string> reasons;

  void reason(std::string r) {
    if (std::find(reasons.begin(), reasons.end(), r) == reasons.end()) reasons.push_back(std::move(r));
  }
};

// Both language scanners over one message (people switch language mid-sentence).
RuleSignals scan_rules(std::string_view message);

// The level rules: cue strength, escalation by plan/means/farewell in an ideation context,
// joke downgrade, third-party and media floors, history floors and follow-ups.
RiskAssessment decide_level(RuleSignals s, const ConversationRisk& history, Language language);

}  // namespace mind_log::counsel
