#include "mind_log/counsel/multimodal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "mind_log/counsel/pattern.hpp"

namespace mind_log::counsel {
namespace {

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::string fmt(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

bool says_fine(std::string_view message) {
  static const std::vector<EnPattern> en = [] {
    std::vector<EnPattern> v;
    for (const char* s : {"i am fine|ok|okay|good|alright", "all good", "nothing wrong", "not bad", "fine"}) v.emplace_back(s);
    return v;
  }();
  static const std::vector<KoPattern> ko = [] {
    std::vector<KoPattern> v;
    for (const char* s : {"괜찮아|괜찮아요|괜찮은|별일없|아무렇지않|멀쩡|문제없"}) v.emplace_back(s);
    return v;
  }();
  const auto words = tokenize_en(message).words;
  for (const auto& p : en) {
    if (!p.find_all(words).empty()) return true;
  }
  const auto c = compact_ko(message);
  for (const auto& p : ko) {
    if (!p.find_all(c).empty()) return true;
  }
  return false;
}

}  // namespace

MultimodalResult assess_multimodal(const RiskAssessment& risk, std::string_view message, const MultimodalInput& in) {
  MultimodalResult r;
  r.level = risk.level;
  const auto& d = in.days;

  if (d.size() >= 3 && d[0].sleep_minutes && d[1].sleep_minutes && d[2].sleep_minutes &&
      *d[0].sleep_minutes < 360 && *d[1].sleep_minutes < 360 && *d[2].sleep_minutes < 360) {
    const double avg = double(*d[0].sleep_minutes + *d[1].sleep_minutes + *d[2].sleep_minutes) / 3.0 / 60.0;
    r.signals.push_back({"short_sleep",
                         "Your connected sleep data shows under 6 hours each of the last three nights (about " +
                             fmt(avg, 1) + " h on average).",
                         "연결된 수면 기록을 보면 최근 사흘 밤 모두 6시간이 안 되게 주무셨어요 (평균 약 " + fmt(avg, 1) +
                             "시간)."});
  }
  if (!d.empty() && d[0].resting_hr_bpm) {
    std::vector<double> earlier;
    for (std::size_t i = 1; i < d.size(); ++i) {
      if (d[i].resting_hr_bpm) earlier.push_back(*d[i].resting_hr_bpm);
    }
    const auto base = earlier.size() >= 3 ? median(earlier) : std::nullopt;
    if (base && *d[0].resting_hr_bpm >= *base + 8.0) {
      r.signals.push_back({"resting_hr_up",
                           "Your resting heart rate yesterday was " + fmt(*d[0].resting_hr_bpm, 0) +
                               " bpm, higher than your usual " + fmt(*base, 0) + " bpm; stress or poor sleep can do that.",
                           "어제 안정 시 심박수가 " + fmt(*d[0].resting_hr_bpm, 0) + " bpm으로 평소(" + fmt(*base, 0) +
                               " bpm)보다 높았어요. 스트레스나 수면 부족이 이런 변화를 만들 수 있어요."});
    }
  }
  {
    std::vector<double> recent, earlier;
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (!d[i].hrv_ms) continue;
      (i < 3 ? recent : earlier).push_back(*d[i].hrv_ms);
    }
    const auto base = earlier.size() >= 3 ? median(earlier) : std::nullopt;
    if (base && recent.size() >= 2) {
      double mean = 0;
      for (double v : recent) mean += v;
      mean /= double(recent.size());
      if (mean <= 0.8 * *base) {
        const int pct = int(std::lround(100.0 * (1.0 - mean / *base)));
        r.signals.push_back({"hrv_down",
                             "Your heart rate variability over the last few days is about " + std::to_string(pct) +
                                 "% below your usual level, which often goes with strain.",
                             "최근 며칠 심박변이도가 평소보다 약 " + std::to_string(pct) +
                                 "% 낮아요. 몸이 긴장하거나 지쳐 있을 때 흔히 보이는 변화예요."});
      }
    }
  }
  std::optional<double> mood;
  if (in.mood_now) mood = *in.mood_now;
  else if (!d.empty() && d[0].mood) mood = *d[0].mood;
  if (mood && *mood <= 3.0) {
    r.signals.push_back({"low_mood",
                         "You rated your mood " + fmt(*mood, 0) + " out of 10.",
                         "기분을 10점 중 " + fmt(*mood, 0) + "점으로 기록하셨어요."});
  }
  if (r.signals.empty()) return r;

  r.words_say_fine = says_fine(message);
  std::size_t biometric = 0;
  for (const auto& s : r.signals) biometric += s.code != "low_mood";
  const bool very_low_mood = mood && *mood <= 2.0;
  if (r.level == RiskLevel::none) {
    r.level = RiskLevel::low;  // a gentle check-in, with the reason shown
  } else if (r.level == RiskLevel::low && very_low_mood && biometric >= 2 && !risk.third_party_concern) {
    r.level = RiskLevel::elevated;
  }
  return r;
}

}  // namespace mind_log::counsel
