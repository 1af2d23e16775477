#pragma once
// The shield's decision for one request: allow, challenge (VQA, with a proof-of-work
// difficulty) or block, with the reasons that led there. Thresholds come from config so an
// operator can see and tune them; every decision is counted by the caller per verdict and
// reason.
//
//   1. Rate limits (GCRA) per IP, account and device: any exceeded -> block with Retry-After.
//   2. A subject that failed `max_vqa_failures` challenges in a row -> block (brute force).
//   3. Behavioural score >= block_threshold -> block; >= challenge_threshold -> challenge,
//      unless the subject passed a challenge within the clearance window.
//   4. Otherwise allow.
//
// Thread-safe: the limiters are sharded and locked internally; clearance and failure
// records share one mutex.
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/core/clock.hpp"
#include "traffic_master/shield/features.hpp"
#include "traffic_master/shield/gcra.hpp"
#include "traffic_master/shield/model.hpp"
#include "traffic_master/shield/pow.hpp"

namespace traffic_master::shield {

struct PolicyConfig {
  GcraLimit per_ip{50, 100};       // generous: carrier NAT puts many people behind one IP
  GcraLimit per_account{5, 20};
  GcraLimit per_device{5, 20};
  double challenge_threshold = 0.5;
  double block_threshold = 0.995;
  int max_vqa_failures = 4;         // consecutive wrong answers before the subject is blocked
  platform::Millis clearance_ms = 10 * 60'000;
  PowConfig pow;
};

enum class Verdict { allow, challenge, block };
std::string_view to_string(Verdict v);

struct RequestInfo {
  std::string ip, account, device;
  const Features* features = nullptr;  // null: no telemetry for this request yet
};

struct Decision {
  Verdict verdict = Verdict::allow;
  std::vector<std::string> reasons;  // stable slugs, e.g. "rate-limit-ip", "bot-score"
  double score = 0;
  platform::Millis retry_after_ms = 0;
  int pow_bits = 0;
};

class Policy {
 public:
  Policy(PolicyConfig config, LogisticModel model);

  // load: 0..1, how hard the system is pressed (scales the proof-of-work difficulty).
  Decision decide(const RequestInfo& request, platform::Millis now_ms, double load = 0);

  // Outcome of a VQA challenge for a subject (account, or device when anonymous).
  void record_vqa(const std::string& subject, bool passed, platform::Millis now_ms);
  bool cleared(const std::string& subject, platform::Millis now_ms) const;

  const PolicyConfig& config() const { return config_; }
  const LogisticModel& model() const { return model_; }

 private:
  PolicyConfig config_;
  LogisticModel model_;
  GcraLimiter per_ip_, per_account_, per_device_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, platform::Millis> cleared_until_;
  std::unordered_map<std::string, int> failures_;
};

}  // namespace traffic_master::shield
