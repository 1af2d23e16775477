#pragma once
// Fixtures shared by the gate's HTTP test and bench server: a fixed event list and a bearer
// authenticator over the platform's signed tokens.
#include <map>

#include "platform/auth/signed_token.hpp"
#include "traffic_master/service/event_catalog.hpp"
#include "traffic_master/service/gate_app.hpp"

namespace traffic_master::service::gate_testing {

class FixedSchedules final : public EventScheduleQuery {
 public:
  void add(EventSchedule s) { by_id_[s.event_id] = s; }
  std::optional<EventSchedule> schedule(std::string_view id) const override {
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
  }
  std::vector<EventSchedule> schedules() const override {
    std::vector<EventSchedule> out;
    for (auto& [id, s] : by_id_) out.push_back(s);
    return out;
  }

 private:
  std::map<std::string, EventSchedule> by_id_;
};

inline Authenticate bearer_auth(const platform::auth::TokenSigner& signer, const platform::Clock& clock) {
  return [&signer, &clock](const platform::http::Request& req) -> platform::Result<std::string> {
    auto token = req.bearer_token();
    if (token.empty()) return platform::fail("unauthenticated", 401, "Sign in first");
    auto claims = signer.verify(token, clock.now_ms());
    if (!claims) return std::unexpected(claims.error());
    auto* sub = claims->if_contains("sub");
    if (!sub || !sub->is_string()) return platform::fail("token-malformed", 401, "Malformed token");
    return std::string(sub->as_string());
  };
}

}  // namespace traffic_master::service::gate_testing
