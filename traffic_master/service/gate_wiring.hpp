#pragma once
// Puts the admission gate into the traffic-master server: its options (all `gate-*`, shown by
// --help so operators can see and tune thresholds), its routes, its ticker and its shutdown.
// The caller plugs the returned gate's admission_check() into the ticketing routes.
#include <memory>

#include "platform/service/service_main.hpp"
#include "traffic_master/service/gate_app.hpp"

namespace traffic_master::service {

void declare_gate_options(platform::config::Config& config);

// token_key: the service's bearer-token key; the gate derives its own keys from it (HMAC
// with distinct labels), so no new secret has to be provisioned.
platform::Result<std::shared_ptr<GateApp>> install_gate(platform::service::ServiceContext& ctx,
                                                        const EventScheduleQuery& events,
                                                        const platform::Clock& clock, Authenticate authenticate,
                                                        const std::string& token_key);

}  // namespace traffic_master::service
