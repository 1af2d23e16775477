#pragma once
// Vitals in the Mind-Log service: the encrypted time-series store (vitals.db under the data
// dir, sealed with the vault), the /api/v1/vitals routes and live WebSocket, GDPR export and
// erasure, and a maintenance thread (idle heads seal every minute, retention runs hourly).
#include "mind_log/service/app.hpp"
#include "mind_log/vitals/vitals_store.hpp"
#include "platform/service/service_main.hpp"

namespace mind_log::service {

// Call once at start-up, before serving. `store_out`, when given, receives the store for other
// features (the counselling agent reads recent_daily_summaries(*store, user, ...)); it lives
// until ctx.on_stop has run.
platform::Result<void> install_vitals(App& app, platform::service::ServiceContext& ctx,
                                      vitals::VitalsStore** store_out = nullptr);

}  // namespace mind_log::service
