#include "traffic_master/shield/vqa_challenges.hpp"

#include <charconv>
#include <cstring>

#include "platform/core/encoding.hpp"
#include "traffic_master/shield/vqa_render.hpp"

namespace traffic_master::shield {

platform::Error rate_limited(std::string code, std::string title, platform::Millis retry_after_ms) {
  auto seconds = (retry_after_ms + 999) / 1000;
  return platform::Error{std::move(code), 429, std::move(title), "retry after " + std::to_string(seconds) + " s"};
}

std::optional<int> retry_after_seconds(const platform::Error& error) {
  constexpr std::string_view prefix = "retry after ";
  if (error.status != 429 || !error.detail.starts_with(prefix)) return std::nullopt;
  int s = 0;
  auto begin = error.detail.data() + prefix.size();
  auto [ptr, ec] = std::from_chars(begin, error.detail.data() + error.detail.size(), s);
  if (ec != std::errc{} || ptr == begin) return std::nullopt;
  return s;
}

VqaChallenges::VqaChallenges(VqaConfig config, RandomBytes random)
    : config_(config), random_(std::move(random)), issue_limiter_(config.issue_limit), answer_limiter_(config.answer_limit) {}

platform::Result<IssuedVqa> VqaChallenges::issue(const std::string& subject, Lang lang, bool accessible,
                                                 platform::Millis now_ms) {
  if (auto d = issue_limiter_.check(subject, now_ms); !d.allowed)
    return std::unexpected(rate_limited("vqa-rate-limited", "Too many challenge requests", d.retry_after_ms));
  auto seed_bytes = random_(16);
  std::uint64_t scene_seed = 0, question_seed = 0;
  std::memcpy(&scene_seed, seed_bytes.data(), 8);
  std::memcpy(&question_seed, seed_bytes.data() + 8, 8);
  auto scene = random_scene(scene_seed);
  SceneRng qrng(question_seed);
  auto q = random_question(scene, lang, qrng, accessible);

  IssuedVqa out;
  out.id = platform::base64url_encode(random_(16));
  out.lang = lang;
  out.accessible = accessible;
  out.question = q.text;
  out.template_id = q.template_id;
  out.expires_ms = now_ms + config_.ttl_ms;
  if (accessible) out.description = describe_scene(scene, lang);
  else if (config_.render_images) out.png = render_scene_png(scene);

  std::lock_guard lock(mutex_);
  prune(now_ms);
  pending_[out.id] = Pending{subject, q.answer, out.expires_ms};
  expiry_order_.emplace_back(out.expires_ms, out.id);
  return out;
}

platform::Result<void> VqaChallenges::answer(const std::string& subject, const std::string& id, std::string_view text,
                                             platform::Millis now_ms) {
  if (auto d = answer_limiter_.check(subject, now_ms); !d.allowed)
    return std::unexpected(rate_limited("vqa-rate-limited", "Too many challenge answers", d.retry_after_ms));
  int expected = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(id);
    if (it == pending_.end()) return platform::fail("vqa-unknown", 404, "Unknown or already used challenge");
    if (it->second.subject != subject) return platform::fail("vqa-not-yours", 403, "This challenge was issued to someone else");
    if (it->second.expires_ms <= now_ms) {
      pending_.erase(it);
      return platform::fail("vqa-expired", 410, "The challenge has expired", "request a new one");
    }
    expected = it->second.answer;
    pending_.erase(it);  // single use, whatever the answer
  }
  auto given = parse_answer(text);
  if (!given || *given != expected)
    return platform::fail("vqa-wrong-answer", 403, "Wrong answer", "request a new challenge");
  return {};
}

void VqaChallenges::prune(platform::Millis now_ms) {
  while (!expiry_order_.empty() && expiry_order_.front().first <= now_ms) {
    pending_.erase(expiry_order_.front().second);
    expiry_order_.pop_front();
  }
}

std::size_t VqaChallenges::outstanding() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

std::optional<int> VqaChallenges::expected_answer_for_testing(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = pending_.find(id);
  if (it == pending_.end()) return std::nullopt;
  return it->second.answer;
}

}  // namespace traffic_master::shield
