#pragma once
// The embedded Mind-Log service assembled from its parts: keyring -> key provider -> vault,
// SQLite store with every component's migrations, audit log, accounts, journal, the data
// registry for export/erasure, and the HTTP routes. service_spec.cpp runs it under the
// platform server; tests build it directly on a temp dir.
//
// Thread-safe after open(): every part documents its own synchronisation.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "mind_log/accounts/account_service.hpp"
#include "mind_log/governance/data_classes.hpp"
#include "mind_log/journal/journal_store.hpp"
#include "mind_log/service/app.hpp"
#include "mind_log/store/sqlite_user_key_store.hpp"
#include "mind_log/vault/local_key_provider.hpp"
#include "platform/http/router.hpp"

namespace mind_log::service {

struct Settings {
  std::string data_dir;
  std::string keyring_file;  // default <data_dir>/keyring.json
  std::string master_key;    // MIND_LOG_MASTER_KEY: keyring from the environment instead of a file
  accounts::AccountOptions accounts;
  governance::RetentionPolicy retention;
  std::uint32_t min_key_version = 0;
  platform::Millis purge_interval_ms = 3'600'000;  // 0: no background purge
};

// Reads the standard and Mind-Log options of a loaded Config (see declare_options()).
Settings settings_from(const platform::config::Config& config, const std::string& data_dir);
void declare_options(platform::config::Config& config);

class MindLogApp {
 public:
  static platform::Result<std::unique_ptr<MindLogApp>> open(Settings settings, const platform::Clock& clock,
                                                            platform::metrics::Registry& metrics,
                                                            const platform::config::Config& config);
  ~MindLogApp();

  // Registers every /api/v1 route of the accounts, journal and governance features.
  void install_routes(platform::http::Router& router);
  // (method, pattern) of every route installed, for the OpenAPI contract test.
  const std::vector<std::pair<std::string, std::string>>& routes() const { return routes_; }

  App& app() { return *app_; }
  accounts::AccountService& accounts() { return *accounts_; }
  journal::JournalStore& journal() { return *journal_; }
  vault::Vault& vault() { return *vault_; }
  store::Database& db() { return *db_; }
  const Settings& settings() const { return settings_; }

  // --demo: a demo account (demo@mind-log.example / "demo password 1234") with journal
  // entries, only when no account exists yet.
  platform::Result<void> load_demo_data();

  void start_purge_thread();
  void stop();  // stops the purge thread; idempotent

 private:
  MindLogApp() = default;
  void route(platform::http::Router& r, const std::string& method, const std::string& pattern,
             platform::http::Handler h);

  Settings settings_;
  const platform::Clock* clock_ = nullptr;
  vault::SystemRandom random_;
  std::unique_ptr<vault::LocalKeyProvider> provider_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteUserKeyStore> keys_;
  std::unique_ptr<vault::Vault> vault_;
  std::unique_ptr<governance::AuditLog> audit_;
  governance::DataRegistry registry_;
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<journal::JournalStore> journal_;
  std::unique_ptr<App> app_;
  std::vector<std::pair<std::string, std::string>> routes_;

  std::mutex purge_mutex_;
  std::condition_variable purge_cv_;
  bool stopping_ = false;
  std::thread purge_thread_;
};

// Loads the keyring the settings name (environment key, or key file created on first run).
platform::Result<vault::Keyring> load_keyring(const Settings& settings, vault::Random& random);

}  // namespace mind_log::service
