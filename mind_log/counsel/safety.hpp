#pragma once
// Safe-messaging responses for elevated and imminent risk, and guidance for someone worried
// about another person. Independent of any model: the same words whichever provider is
// configured. Crisis lines come from configuration, per region.
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/risk.hpp"
#include "mind_log/counsel/text.hpp"
#include "mind_log/counsel/variation.hpp"
#include "platform/core/error.hpp"

namespace mind_log::counsel {

struct CrisisLine {
  std::string region;   // ISO 3166 alpha-2, e.g. "KR"
  std::string number;   // as dialled, e.g. "1577-0199"
  std::string name_en;
  std::string name_ko;
  bool emergency = false;  // police/ambulance rather than a counselling line
};

class CrisisDirectory {
 public:
  // "REGION|NUMBER|English name|Korean name|crisis-or-emergency;..." (docs/counselling.md).
  // Errors: "invalid-crisis-lines" 400 naming the entry.
  static platform::Result<CrisisDirectory> parse(std::string_view spec);
  static std::string_view default_spec();

  // Lines for the region; an unknown region gets the fallback region's lines.
  std::vector<CrisisLine> lines_for(std::string_view region) const;
  const std::vector<CrisisLine>& all() const { return lines_; }

 private:
  std::vector<CrisisLine> lines_;
  std::string fallback_region_;
};

struct SafetyContext {
  Language language = Language::en;
  std::string region = "KR";
  bool first_turn = false;
};

// The reply for elevated/imminent risk: acknowledgement without judgement, a direct caring
// question, the region's crisis lines, an offer to build a safety plan, and an honest note
// that the agent is an AI. Never names methods or means.
std::string crisis_response(RiskLevel level, const SafetyContext& ctx, const CrisisDirectory& lines,
                            LineChooser& chooser);

// For someone worried about another person ("my friend wants to die").
std::string third_party_guidance(const SafetyContext& ctx, const CrisisDirectory& lines, LineChooser& chooser);

// The one-line AI disclosure used at first contact and whenever the person asks.
std::string ai_disclosure(Language language, LineChooser& chooser);

// The reply used when a generated reply failed verification or a provider failed mid-way.
std::string safe_fallback_reply(Language language, LineChooser& chooser);

}  // namespace mind_log::counsel
