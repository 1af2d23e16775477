#pragma once
// Crisis-risk levels and the per-conversation memory the safety layer keeps between turns.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {

enum class RiskLevel { none = 0, low = 1, elevated = 2, imminent = 3 };

std::string_view to_string(RiskLevel level);
std::optional<RiskLevel> parse_risk_level(std::string_view text);
inline bool at_least(RiskLevel a, RiskLevel b) { return static_cast<int>(a) >= static_cast<int>(b); }
inline RiskLevel max_level(RiskLevel a, RiskLevel b) { return at_least(a, b) ? a : b; }

struct RiskAssessment {
  RiskLevel level = RiskLevel::none;
  Language language = Language::unknown;
  // Why, as stable slugs ("ideation", "negated", "idiom", "joke", "history-escalation",
  // "third-party", "media", "multimodal:sleep"...). Shown to reviewers, never to other users.
  std::vector<std::string> reasons;
  // The person's own, non-joking, non-negated disclosure of ideation or intent this turn.
  bool own_ideation = false;
  bool third_party_concern = false;
};

// What the classifier remembers of earlier turns in one conversation. Plain value; the caller
// owns it (one per conversation) and feeds it every assessment in order.
struct ConversationRisk {
  bool ideation_disclosed = false;   // ideation earlier in this conversation
  bool imminent_disclosed = false;   // intent/plan earlier in this conversation
  bool third_party_concern = false;  // talking about someone else at risk
  RiskLevel highest = RiskLevel::none;
  int turns = 0;

  void observe(const RiskAssessment& a);
};

}  // namespace mind_log::counsel
