#pragma once
// Issues and checks VQA challenges. The answer never leaves the server; a challenge is
// single-use (any answer, right or wrong, consumes it), expires, and both issuing and
// answering are rate-limited per subject so brute force costs real time.
//
// Thread-safe: pending challenges are guarded by a mutex held only for map updates; image
// rendering happens outside it.
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "traffic_master/shield/gcra.hpp"
#include "traffic_master/shield/vqa_questions.hpp"

namespace traffic_master::shield {

using RandomBytes = std::function<std::string(std::size_t)>;

struct VqaConfig {
  platform::Millis ttl_ms = 120'000;
  GcraLimit issue_limit{0.2, 6};    // a new picture every 5 s after a burst of 6
  GcraLimit answer_limit{0.1, 4};   // an answer every 10 s after a burst of 4
  bool render_images = true;        // the simulator skips drawing; answers are unaffected
};

struct IssuedVqa {
  std::string id;
  Lang lang = Lang::en;
  bool accessible = false;
  std::string question;
  std::string png;          // empty for the accessible variant
  std::string description;  // the scene in words, only for the accessible variant
  std::string template_id;
  platform::Millis expires_ms = 0;
};

class VqaChallenges {
 public:
  VqaChallenges(VqaConfig config, RandomBytes random);

  // Errors: "vqa-rate-limited" 429 (detail "retry after N s").
  platform::Result<IssuedVqa> issue(const std::string& subject, Lang lang, bool accessible, platform::Millis now_ms);

  // Errors: "vqa-rate-limited" 429, "vqa-unknown" 404 (never issued or already used),
  // "vqa-not-yours" 403, "vqa-expired" 410, "vqa-wrong-answer" 403.
  platform::Result<void> answer(const std::string& subject, const std::string& id, std::string_view answer,
                                platform::Millis now_ms);

  std::size_t outstanding() const;

  // Test and simulator hook: the expected answer of a pending challenge (never exposed by the API).
  std::optional<int> expected_answer_for_testing(const std::string& id) const;

 private:
  struct Pending {
    std::string subject;
    int answer;
    platform::Millis expires_ms;
  };
  void prune(platform::Millis now_ms);

  VqaConfig config_;
  RandomBytes random_;
  GcraLimiter issue_limiter_;
  GcraLimiter answer_limiter_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Pending> pending_;
  std::deque<std::pair<platform::Millis, std::string>> expiry_order_;
};

// Seconds to put in Retry-After for a "*-rate-limited" error (from its detail), if any.
std::optional<int> retry_after_seconds(const platform::Error& error);
platform::Error rate_limited(std::string code, std::string title, platform::Millis retry_after_ms);

}  // namespace traffic_master::shield
