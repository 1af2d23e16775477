#pragma once
// Multimodal check: the person's self-reported mood and recent biometrics (from the vitals
// daily summaries) are read next to their words. A signal can raise the risk level by at most
// one step (never to imminent, never lowered) and is always explained to the person.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/risk.hpp"

namespace mind_log::counsel {

// One day, newest first in MultimodalInput::days. Mirrors mind_log::vitals::DailySummary.
struct DayVitals {
  std::int64_t day_start_ms = 0;
  std::optional<std::int64_t> sleep_minutes;
  std::optional<double> resting_hr_bpm;
  std::optional<double> hrv_ms;
  std::optional<double> mood;  // 1..10 daily average of check-ins
};

struct MultimodalInput {
  std::optional<int> mood_now;  // 1..10 self-report with this message, if given
  std::vector<DayVitals> days;  // newest first; up to ~14 days
};

struct MultimodalSignal {
  std::string code;  // short_sleep, resting_hr_up, hrv_down, low_mood
  std::string explanation_en;
  std::string explanation_ko;
};

struct MultimodalResult {
  std::vector<MultimodalSignal> signals;
  bool words_say_fine = false;  // "I'm fine" / "괜찮아" while signals say otherwise
  RiskLevel level = RiskLevel::none;  // adjusted level
};

// Thresholds: last three nights each under 6 h; resting HR of the latest day at least 8 bpm
// over the median of the earlier days; mean HRV of the last three days at most 80% of the
// earlier median (needs >= 3 earlier days); mood now or today's mood at most 3 of 10.
MultimodalResult assess_multimodal(const RiskAssessment& risk, std::string_view message, const MultimodalInput& in);

}  // namespace mind_log::counsel
