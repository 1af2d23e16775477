#include "mind_log/service/mind_log_app.hpp"

#include <filesystem>

#include "mind_log/governance/purge_job.hpp"
#include "mind_log/service/routes.hpp"
#include "mind_log/vault/keyring_file.hpp"
#include "platform/log/logger.hpp"

namespace mind_log::service {

void declare_options(platform::config::Config& c) {
  c.add_string("keyring-file", "", "local key provider key file (default <data-dir>/keyring.json, created 0600)")
      .add_string("master-key", "", "base64url 32-byte master key or keyring JSON; overrides --keyring-file")
      .add_int("min-key-version", 0, 0, 1'000'000, "records under older data key versions are refused")
      .add_int("argon2-memory-kib", 19 * 1024, 64, 4 * 1024 * 1024, "Argon2id memory per password hash")
      .add_int("argon2-iterations", 2, 1, 100, "Argon2id passes")
      .add_int("argon2-parallelism", 1, 1, 16, "Argon2id lanes")
      .add_int("retention-identity-days", 0, 0, 36'500, "identity data retention (0: until deletion)")
      .add_int("retention-health-sensitive-days", 0, 0, 36'500, "health-sensitive retention (0: until deletion)")
      .add_int("retention-derived-days", 365, 0, 36'500, "derived data retention (0: until deletion)")
      .add_int("retention-operational-days", 90, 0, 36'500, "operational data retention (0: forever)")
      .add_int("purge-interval-s", 3600, 0, 86'400 * 7, "how often the retention purge runs (0: never)");
}

Settings settings_from(const platform::config::Config& c, const std::string& data_dir) {
  Settings s;
  s.data_dir = data_dir;
  s.keyring_file = c.get_string("keyring-file");
  s.master_key = c.get_string("master-key");
  s.min_key_version = static_cast<std::uint32_t>(c.get_int("min-key-version"));
  s.accounts.argon2 = {static_cast<std::uint32_t>(c.get_int("argon2-memory-kib")),
                       static_cast<std::uint32_t>(c.get_int("argon2-iterations")),
                       static_cast<std::uint32_t>(c.get_int("argon2-parallelism"))};
  s.retention.identity_days = c.get_int("retention-identity-days");
  s.retention.health_sensitive_days = c.get_int("retention-health-sensitive-days");
  s.retention.derived_days = c.get_int("retention-derived-days");
  s.retention.operational_days = c.get_int("retention-operational-days");
  s.purge_interval_ms = c.get_int("purge-interval-s") * 1000;
  return s;
}

platform::Result<vault::Keyring> load_keyring(const Settings& s, vault::Random& random) {
  if (!s.master_key.empty()) return vault::keyring_from_env(s.master_key);
  std::string path = s.keyring_file.empty() ? s.data_dir + "/keyring.json" : s.keyring_file;
  return vault::load_or_create_keyring(path, random);
}

platform::Result<std::unique_ptr<MindLogApp>> MindLogApp::open(Settings settings, const platform::Clock& clock,
                                                               platform::metrics::Registry& metrics,
                                                               const platform::config::Config& config) {
  std::unique_ptr<MindLogApp> m(new MindLogApp());
  m->settings_ = std::move(settings);
  m->clock_ = &clock;
  std::error_code ec;
  std::filesystem::create_directories(m->settings_.data_dir, ec);
  auto keyring = load_keyring(m->settings_, m->random_);
  if (!keyring) return std::unexpected(keyring.error());
  m->provider_ = std::make_unique<vault::LocalKeyProvider>(std::move(*keyring), m->random_);

  auto db = store::Database::open(m->settings_.data_dir + "/mind-log.db");
  if (!db) return std::unexpected(db.error());
  m->db_ = std::move(*db);
  for (auto [component, migrations] : {std::pair{"vault", store::vault_migrations()},
                                       std::pair{"accounts", accounts::account_migrations()},
                                       std::pair{"journal", journal::journal_migrations()}})
    if (auto r = m->db_->migrate(component, migrations); !r) return std::unexpected(r.error());

  m->keys_ = std::make_unique<store::SqliteUserKeyStore>(*m->db_);
  m->vault_ = std::make_unique<vault::Vault>(*m->provider_, *m->keys_, m->random_);
  m->vault_->set_min_key_version(m->settings_.min_key_version);
  // Sealed data failing its integrity checks is tampering or a key problem: operators page on
  // any (MindLogDecryptionFailures in deploy/monitoring/mind-log.rules.yml). The series exist
  // from the start at 0, so Prometheus sees the first failure as an increase.
  auto decrypt_failures = [&metrics](std::string_view code) -> platform::metrics::Counter& {
    return metrics.counter("mindlog_vault_decrypt_failures_total", "Sealed records that failed their integrity checks",
                           {{"code", std::string(code)}});
  };
  for (std::string_view code : {"vault-auth-failed", "vault-malformed", "vault-unsupported"}) decrypt_failures(code);
  m->vault_->set_integrity_failure_observer([decrypt_failures](std::string_view code) { decrypt_failures(code).inc(); });
  auto audit = governance::AuditLog::open(m->settings_.data_dir + "/audit.log", clock);
  if (!audit) return std::unexpected(audit.error());
  m->audit_ = std::move(*audit);
  m->accounts_ = std::make_unique<accounts::AccountService>(*m->db_, *m->vault_, *m->audit_, m->registry_, clock,
                                                            m->settings_.accounts);
  m->journal_ = std::make_unique<journal::JournalStore>(*m->db_, *m->vault_, clock);

  auto* self = m.get();
  m->registry_.add({"account",
                    [self](std::string_view user) -> platform::Result<boost::json::value> {
                      auto email = self->accounts_->email_of(user);
                      if (!email) return std::unexpected(email.error());
                      return boost::json::value(boost::json::object{{"user_id", user}, {"email", *email}});
                    },
                    nullptr});  // the account row itself is removed by AccountService::delete_account
  m->registry_.add({"journal", [self](std::string_view user) { return self->journal_->export_user(user); },
                    [self](std::string_view user) { return self->journal_->erase_user(user); }});

  m->app_ = std::make_unique<App>(App{*m->db_, *m->vault_, *m->audit_, m->registry_, clock, metrics, config,
                                      m->settings_.data_dir, nullptr});
  m->app_->authenticate = [self](const platform::http::Request& req) {
    return self->accounts_->authenticate(req.bearer_token());
  };

  if (auto missing = governance::undeclared_columns(*m->db_); missing && !missing->empty()) {
    boost::json::array cols;
    for (auto& c : *missing) cols.emplace_back(c);
    platform::log::warn("mind_log.undeclared_columns", {{"columns", cols}});
  }
  return m;
}

MindLogApp::~MindLogApp() { stop(); }

void MindLogApp::route(platform::http::Router& r, const std::string& method, const std::string& pattern,
                       platform::http::Handler h) {
  routes_.emplace_back(method, pattern);
  r.add(method, pattern, std::move(h));
}

void MindLogApp::install_routes(platform::http::Router& router) {
  AddRoute add = [this, &router](const std::string& m, const std::string& p, platform::http::Handler h) {
    route(router, m, p, std::move(h));
  };
  install_account_routes(*this, add);
  install_journal_routes(*this, add);
}

void MindLogApp::start_purge_thread() {
  if (settings_.purge_interval_ms <= 0 || purge_thread_.joinable()) return;
  purge_thread_ = std::thread([this] {
    std::unique_lock lock(purge_mutex_);
    while (!stopping_) {
      lock.unlock();
      auto report = governance::purge_expired(*db_, settings_.retention, *clock_);
      if (report)
        platform::log::info("mind_log.purge",
                            {{"rows_deleted", report->rows_deleted}, {"values_cleared", report->values_cleared}});
      else
        platform::log::error("mind_log.purge_failed", {{"code", report.error().code}});
      lock.lock();
      purge_cv_.wait_for(lock, std::chrono::milliseconds(settings_.purge_interval_ms), [this] { return stopping_; });
    }
  });
}

void MindLogApp::stop() {
  {
    std::lock_guard lock(purge_mutex_);
    stopping_ = true;
  }
  purge_cv_.notify_all();
  if (purge_thread_.joinable()) purge_thread_.join();
}

}  // namespace mind_log::service
