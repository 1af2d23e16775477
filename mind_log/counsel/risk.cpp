#include "mind_log/counsel/risk.hpp"

namespace mind_log::counsel {

std::string_view to_string(RiskLevel level) {
  switch (level) {
    case RiskLevel::none: return "none";
    case RiskLevel::low: return "low";
    case RiskLevel::elevated: return "elevated";
    case RiskLevel::imminent: return "imminent";
  }
  return "none";
}

std::optional<RiskLevel> parse_risk_level(std::string_view text) {
  if (text == "none") return RiskLevel::none;
  if (text == "low") return RiskLevel::low;
  if (text == "elevated") return RiskLevel::elevated;
  if (text == "imminent") return RiskLevel::imminent;
  return std::nullopt;
}

void ConversationRisk::observe(const RiskAssessment& a) {
  ideation_disclosed = ideation_disclosed || a.own_ideation;
  imminent_disclosed = imminent_disclosed || (a.own_ideation && a.level == RiskLevel::imminent);
  third_party_concern = third_party_concern || a.third_party_concern;
  highest = max_level(highest, a.level);
  ++turns;
}

}  // namespace mind_log::counsel
