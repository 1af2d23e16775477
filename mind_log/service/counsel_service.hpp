#pragma once
// The counselling agent in the Mind-Log service: conversations streamed over SSE, stored
// encrypted; the memory profile the person can view and delete; the safety plan; the
// operator's risk-review queue; GDPR export/erasure. The model provider is `offline`
// (default) or `openai`; either way the safety layer and the output verifier run first.
#include "mind_log/service/app.hpp"
#include "platform/service/service_main.hpp"

namespace mind_log::journal { class JournalStore; }
namespace mind_log::vitals { class VitalsStore; }

namespace mind_log::service {

void declare_counsel_options(platform::config::Config& c);

// Call once at start-up, before serving. journal and vitals may be null (no memory from the
// journal / no biometrics); they must outlive the server.
platform::Result<void> install_counsel(App& app, platform::service::ServiceContext& ctx, journal::JournalStore* journal,
                                       vitals::VitalsStore* vitals);

}  // namespace mind_log::service
