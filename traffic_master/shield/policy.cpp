#include "traffic_master/shield/policy.hpp"

#include <algorithm>

namespace traffic_master::shield {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::allow: return "allow";
    case Verdict::challenge: return "challenge";
    case Verdict::block: return "block";
  }
  return "?";
}

Policy::Policy(PolicyConfig config, LogisticModel model)
    : config_(config),
      model_(model),
      per_ip_(config.per_ip),
      per_account_(config.per_account),
      per_device_(config.per_device) {}

Decision Policy::decide(const RequestInfo& r, platform::Millis now_ms, double load) {
  Decision d;
  auto limit = [&](GcraLimiter& limiter, const std::string& key, std::string_view reason) {
    if (key.empty()) return;
    auto g = limiter.check(key, now_ms);
    if (!g.allowed) {
      d.reasons.emplace_back(reason);
      d.retry_after_ms = std::max(d.retry_after_ms, g.retry_after_ms);
    }
  };
  limit(per_ip_, r.ip, "rate-limit-ip");
  limit(per_account_, r.account, "rate-limit-account");
  limit(per_device_, r.device, "rate-limit-device");
  if (!d.reasons.empty()) {
    d.verdict = Verdict::block;
    return d;
  }

  const std::string& subject = r.account.empty() ? r.device : r.account;
  if (r.features) d.score = model_.score(*r.features);
  d.pow_bits = pow_difficulty(config_.pow, load, d.score);
  bool is_cleared = false;
  {
    std::lock_guard lock(mutex_);
    if (auto it = failures_.find(subject); it != failures_.end() && it->second >= config_.max_vqa_failures) {
      d.verdict = Verdict::block;
      d.reasons.emplace_back("vqa-failures");
      return d;
    }
    auto it = cleared_until_.find(subject);
    is_cleared = it != cleared_until_.end() && it->second > now_ms;
  }
  if (d.score >= config_.block_threshold) {
    d.verdict = Verdict::block;
    d.reasons.emplace_back("bot-score");
    if (r.features && (*r.features)[10] > 0) d.reasons.emplace_back("automation-flag");
    return d;
  }
  if (d.score >= config_.challenge_threshold) {
    if (is_cleared) {
      d.reasons.emplace_back("cleared");
      return d;
    }
    d.verdict = Verdict::challenge;
    d.reasons.emplace_back("bot-score");
    if (r.features && (*r.features)[11] > 0) d.reasons.emplace_back("no-telemetry");
    return d;
  }
  d.reasons.emplace_back("ok");
  return d;
}

void Policy::record_vqa(const std::string& subject, bool passed, platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  if (passed) {
    failures_.erase(subject);
    cleared_until_[subject] = now_ms + config_.clearance_ms;
  } else {
    ++failures_[subject];
  }
}

bool Policy::cleared(const std::string& subject, platform::Millis now_ms) const {
  std::lock_guard lock(mutex_);
  auto it = cleared_until_.find(subject);
  return it != cleared_until_.end() && it->second > now_ms;
}

}  // namespace traffic_master::shield
