#pragma once
// What a Mind-Log feature (journal, vitals, counselling) gets from the running service.
// Built once at start-up by service_spec.cpp; every member is thread-safe as its own header
// says, and the App outlives the server.
//
// A feature lives in files of this folder named after it (vitals_*.cpp, counsel_*.cpp; the
// CMakeLists picks them up) and exposes one installer, called from service_spec.cpp:
//
//   platform::Result<void> install_vitals(App& app, platform::service::ServiceContext& ctx);
//
// which typically: runs its migrations (app.db.migrate("vitals", ...)), registers its routes
// on ctx.router (each handler starting with `auto user = app.authenticate(req);
// if (!user) return Response::problem(user.error());`), encrypts every sensitive field with
// app.vault.encrypt(user, record_id, "vitals.<field>", bytes) (compress first), declares its
// columns in mind_log/governance/data_classes.cpp, and registers export/erase with app.data.
#include <functional>
#include <string>
#include <string_view>

#include "mind_log/governance/audit_log.hpp"
#include "mind_log/governance/data_registry.hpp"
#include "mind_log/store/database.hpp"
#include "mind_log/vault/vault.hpp"
#include "platform/config/config.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "platform/http/message.hpp"
#include "platform/metrics/registry.hpp"

namespace mind_log::service {

struct App {
  store::Database& db;                // SQLite under the data dir; write() is group-committed
  vault::Vault& vault;                // encrypt/decrypt per user, record and field
  governance::AuditLog& audit;        // security events: audit.append("vitals.export", user_id)
  governance::DataRegistry& data;     // register export + erasure at start-up, before serving
  const platform::Clock& clock;
  platform::metrics::Registry& metrics;
  const platform::config::Config& config;
  std::string data_dir;

  // The user id behind "Authorization: Bearer <access token>", or the problem to answer:
  // "auth-required" 401 (no token), "token-malformed" / "token-signature" / "token-expired"
  // 401, "session-revoked" 401 (logged out everywhere or account deleted).
  std::function<platform::Result<std::string>(const platform::http::Request&)> authenticate;
};

}  // namespace mind_log::service
