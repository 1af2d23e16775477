#include "traffic_master/service/gate_wiring.hpp"

#include "platform/crypto/primitives.hpp"
#include "traffic_master/service/gate_routes.hpp"

namespace traffic_master::service {

void declare_gate_options(platform::config::Config& c) {
  c.add_bool("gate-admission-required", true,
             "holds/confirms/payments need a waiting-room admission token (false: engine-only load tests)")
      .add_string("gate-admin-token", "", "X-Admin-Token for waiting-room operator routes (empty: disabled)")
      .add_int("gate-pow-bits", 16, 0, 24, "base proof-of-work difficulty for queue joins (0: only when suspicious)")
      .add_int("gate-max-active", 1000, 1, 10'000'000, "initial limit of admitted shoppers at once")
      .add_int("gate-admissions-per-minute", 3000, 1, 10'000'000, "initial admissions per minute")
      .add_int("gate-heartbeat-timeout-ms", 30'000, 1'000, 3'600'000, "drop a waiting place after this silence")
      .add_int("gate-shopping-idle-ms", 300'000, 10'000, 3'600'000, "idle shoppers lose the admission after this")
      .add_int("gate-challenge-threshold-pct", 50, 1, 100, "bot score (percent) from which a VQA challenge is asked")
      .add_int("gate-block-threshold-permille", 995, 1, 1000, "bot score (per mille) from which requests are blocked")
      .add_int("gate-rate-ip-per-s", 50, 1, 1'000'000, "requests per second per IP (burst: twice that)")
      .add_int("gate-rate-account-per-s", 5, 1, 1'000'000, "requests per second per account and per device");
}

platform::Result<std::shared_ptr<GateApp>> install_gate(platform::service::ServiceContext& ctx,
                                                        const EventScheduleQuery& events,
                                                        const platform::Clock& clock, Authenticate authenticate,
                                                        const std::string& token_key) {
  const auto& cfg = ctx.config;
  GateOptions o;
  o.data_dir = ctx.data_dir;
  o.admission_key = platform::crypto::hmac_sha256(token_key, "traffic-master/admission-token/v1");
  o.pow_key = platform::crypto::hmac_sha256(token_key, "traffic-master/proof-of-work/v1");
  o.admin_token = cfg.get_string("gate-admin-token");
  o.require_admission = cfg.get_bool("gate-admission-required");
  o.pow_base_bits = static_cast<int>(cfg.get_int("gate-pow-bits"));
  if (o.pow_base_bits > 0) o.policy.pow.base_bits = o.pow_base_bits;
  o.room.controller.initial_max_active = cfg.get_int("gate-max-active");
  o.room.controller.initial_per_minute = static_cast<double>(cfg.get_int("gate-admissions-per-minute"));
  o.room.heartbeat_timeout_ms = cfg.get_int("gate-heartbeat-timeout-ms");
  o.room.shopping_idle_ms = cfg.get_int("gate-shopping-idle-ms");
  o.policy.challenge_threshold = static_cast<double>(cfg.get_int("gate-challenge-threshold-pct")) / 100.0;
  o.policy.block_threshold = static_cast<double>(cfg.get_int("gate-block-threshold-permille")) / 1000.0;
  auto ip = static_cast<double>(cfg.get_int("gate-rate-ip-per-s"));
  auto account = static_cast<double>(cfg.get_int("gate-rate-account-per-s"));
  o.policy.per_ip = {ip, 2 * ip};
  o.policy.per_account = {account, 4 * account};
  o.policy.per_device = {account, 4 * account};

  auto gate = std::make_shared<GateApp>(o, events, clock, std::move(authenticate), ctx.metrics);
  add_gate_routes(ctx.router, *gate);
  gate->start();
  // Stop pushing SSE updates when draining; the journals are synced in stop().
  ctx.on_drain.emplace_back([gate] { gate->stop(); });
  ctx.on_stop.emplace_back([gate] { gate->stop(); });
  return gate;
}

}  // namespace traffic_master::service
