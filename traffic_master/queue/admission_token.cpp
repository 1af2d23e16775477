#include "traffic_master/queue/admission_token.hpp"

#include <mutex>

namespace traffic_master::queue {
namespace json = boost::json;

namespace {
constexpr std::string_view kType = "tm-admission";

platform::Result<AdmissionClaims> denied(std::string code, std::string title) {
  return platform::fail(std::move(code), 403, std::move(title));
}

const json::string* str_claim(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}
}  // namespace

AdmissionTokens::AdmissionTokens(std::string key, std::string kid) : signer_(std::move(key), std::move(kid)) {}

std::string AdmissionTokens::issue(const AdmissionClaims& c, platform::Millis now_ms) const {
  json::object claims{{"typ", kType}, {"sub", c.account}, {"evt", c.event_id}, {"dev", c.device}, {"jti", c.jti}};
  return signer_.sign(std::move(claims), now_ms, c.expires_ms - now_ms);
}

platform::Result<AdmissionClaims> AdmissionTokens::verify(std::string_view token, std::string_view event_id,
                                                          std::string_view account, std::string_view device,
                                                          platform::Millis now_ms) const {
  if (token.empty()) return denied("admission-required", "An admission token from the waiting room is required");
  auto claims = signer_.verify(token, now_ms);
  if (!claims) {
    if (claims.error().code == "token-expired") return denied("admission-expired", "The admission has expired");
    return denied("admission-invalid", "The admission token is not valid");
  }
  auto* typ = str_claim(*claims, "typ");
  auto* sub = str_claim(*claims, "sub");
  auto* evt = str_claim(*claims, "evt");
  auto* dev = str_claim(*claims, "dev");
  auto* jti = str_claim(*claims, "jti");
  if (!typ || *typ != kType || !sub || !evt || !dev || !jti)
    return denied("admission-invalid", "The admission token is not valid");
  if (*sub != account) return denied("admission-wrong-account", "The admission belongs to another account");
  if (*evt != event_id) return denied("admission-wrong-event", "The admission is for another event");
  if (!device.empty() && *dev != device) return denied("admission-wrong-device", "The admission is bound to another device");
  {
    std::shared_lock lock(mutex_);
    if (revoked_.contains(std::string(jti->data(), jti->size())))
      return denied("admission-revoked", "The admission has ended");
  }
  AdmissionClaims out;
  out.account = std::string(*sub);
  out.event_id = std::string(*evt);
  out.device = std::string(*dev);
  out.jti = std::string(*jti);
  out.expires_ms = claims->at("exp_ms").as_int64();
  return out;
}

void AdmissionTokens::revoke(const std::string& jti, platform::Millis token_expires_ms) {
  std::unique_lock lock(mutex_);
  revoked_[jti] = token_expires_ms;
}

std::size_t AdmissionTokens::prune(platform::Millis now_ms) {
  std::unique_lock lock(mutex_);
  return std::erase_if(revoked_, [&](const auto& kv) { return kv.second <= now_ms; });
}

std::size_t AdmissionTokens::revoked_count() const {
  std::shared_lock lock(mutex_);
  return revoked_.size();
}

}  // namespace traffic_master::queue
