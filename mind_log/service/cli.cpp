#include "mind_log/service/cli.hpp"

#include <cstdio>
#include <iostream>

#include "mind_log/governance/audit_log.hpp"
#include "mind_log/governance/data_classes.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "mind_log/vault/keyring_file.hpp"

extern char** environ;

namespace mind_log::service {
namespace {

int fail_with(const platform::Error& e) {
  std::fprintf(stderr, "mind-log: %s (%s)%s%s\n", e.title.c_str(), e.code.c_str(), e.detail.empty() ? "" : ": ",
               e.detail.c_str());
  return 1;
}

// Rotation: a new KEK version (unless a previous run left keys to rewrap: then it resumes),
// every wrapped data key rewrapped in batches with progress, optionally the old versions
// retired. Record data is never touched. Restart running servers afterwards so they wrap new
// keys under the new version (a later run picks up anything they wrapped meanwhile).
int keys_rotate(const platform::config::Config& cfg, const std::string& data_dir) {
  Settings s = settings_from(cfg, data_dir);
  if (!s.master_key.empty()) {
    std::fprintf(stderr, "mind-log: keys rotate needs a keyring file, not MIND_LOG_MASTER_KEY\n");
    return 2;
  }
  const std::string path = s.keyring_file.empty() ? data_dir + "/keyring.json" : s.keyring_file;
  vault::SystemRandom random;
  auto keyring = vault::load_or_create_keyring(path, random);
  if (!keyring) return fail_with(keyring.error());
  platform::SystemClock clock;
  platform::metrics::Registry metrics;
  s.purge_interval_ms = 0;
  {
    // Resume when keys wrapped under older versions remain; otherwise mint a new version.
    auto app = MindLogApp::open(s, clock, metrics, cfg);
    if (!app) return fail_with(app.error());
    store::SqliteUserKeyStore keys((*app)->db());
    auto stale = keys.count_stale(keyring->keks.rbegin()->first);
    if (!stale) return fail_with(stale.error());
    if (*stale == 0) {
      *keyring = vault::with_new_version(*keyring, random);
      if (auto saved = vault::save_keyring(path, *keyring); !saved) return fail_with(saved.error());
      std::printf("new key-encryption key version %u\n", keyring->keks.rbegin()->first);
    } else {
      std::printf("resuming rotation to version %u: %zu keys left\n", keyring->keks.rbegin()->first, *stale);
    }
  }
  auto app = MindLogApp::open(s, clock, metrics, cfg);  // now over the extended keyring
  if (!app) return fail_with(app.error());
  const auto batch = static_cast<std::size_t>(cfg.get_int("batch"));
  std::size_t done = 0;
  for (;;) {
    auto step = (*app)->vault().rewrap_batch(batch);
    if (!step) return fail_with(step.error());
    done += step->rewrapped;
    std::printf("rewrapped %zu, remaining %zu\n", done, step->remaining);
    std::fflush(stdout);
    if (step->remaining == 0 || step->rewrapped == 0) break;
  }
  const std::uint32_t current = keyring->keks.rbegin()->first;
  (void)(*app)->app().audit.append("keys.rotated", "", {{"kek_version", current}, {"rewrapped", done}});
  if (cfg.get_bool("retire")) {
    *keyring = vault::retire_below(*keyring, current);
    if (auto saved = vault::save_keyring(path, *keyring); !saved) return fail_with(saved.error());
    (void)(*app)->app().audit.append("keys.retired", "", {{"min_version", current}});
    std::printf("retired key-encryption key versions below %u\n", current);
  }
  std::printf("rotation complete: version %u\n", current);
  return 0;
}

int audit_verify(const std::string& data_dir) {
  auto report = governance::verify_audit_file(data_dir + "/audit.log");
  if (!report) return fail_with(report.error());
  std::printf("audit log OK: %llu events, head %s\n", static_cast<unsigned long long>(report->lines),
              report->head_hash.c_str());
  return 0;
}

}  // namespace

std::optional<int> run_cli(const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  const std::string& cmd = args[0];
  if (cmd != "keys" && cmd != "audit" && cmd != "data-classes") return std::nullopt;
  if (cmd == "data-classes") {
    std::cout << governance::render_data_classes_markdown();
    return 0;
  }
  platform::config::Config cfg("MIND_LOG");
  cfg.add_string("data-dir", "var/mind-log", "service data directory")
      .add_int("batch", 500, 1, 100'000, "keys rewrapped per transaction")
      .add_bool("retire", false, "after rotating, drop the older key-encryption keys");
  declare_options(cfg);
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (auto loaded = cfg.load(rest, environ); !loaded) {
    std::fprintf(stderr, "mind-log: %s\n", loaded.error().detail.c_str());
    return 2;
  }
  const auto& pos = cfg.positional();
  const std::string data_dir = cfg.get_string("data-dir");
  if (cmd == "keys" && pos.size() == 1 && pos[0] == "rotate") return keys_rotate(cfg, data_dir);
  if (cmd == "audit" && pos.size() == 1 && pos[0] == "verify") return audit_verify(data_dir);
  std::fprintf(stderr, "usage: mind-log keys rotate [--batch N] [--retire] | mind-log audit verify | "
                       "mind-log data-classes   (all take --data-dir D)\n");
  return 2;
}

}  // namespace mind_log::service
