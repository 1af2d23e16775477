#include "platform/service/service_main.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "platform/http/server.hpp"
#include "platform/log/logger.hpp"

extern char** environ;

namespace platform::service {
namespace {

void add_standard_options(config::Config& c, int default_port) {
  c.add_string("host", "127.0.0.1", "address to listen on")
      .add_int("port", default_port, 0, 65535, "TCP port (0 picks a free one)")
      .add_int("threads", 0, 0, 256, "I/O threads (0: one per core)")
      .add_string("data-dir", "", "directory for embedded-mode state (default var/<service>)")
      .add_string("mode", "embedded", "embedded (one process, SQLite) or cluster")
      .add_string("static-root", "", "serve a built front-end from this directory")
      .add_string("tls-cert", "", "PEM certificate chain; enables TLS 1.3 only")
      .add_string("tls-key", "", "PEM private key for --tls-cert")
      .add_int("max-body-bytes", 1 << 20, 1024, 64 << 20, "largest accepted request body")
      .add_int("max-header-bytes", 16 << 10, 1024, 1 << 20, "largest accepted request head")
      .add_int("header-timeout-ms", 10'000, 100, 600'000, "time allowed to send a request head")
      .add_int("idle-timeout-ms", 60'000, 100, 3'600'000, "keep-alive idle time before closing")
      .add_int("shutdown-deadline-ms", 10'000, 0, 600'000, "graceful shutdown deadline")
      .add_string("log-level", "info", "debug, info, warn or error")
      .add_bool("access-log", true, "log one JSON line per request")
      .add_bool("demo", false, "load demo data on start when the data dir holds none");
}

Result<log::Level> parse_level(const std::string& s) {
  if (s == "debug") return log::Level::debug;
  if (s == "info") return log::Level::info;
  if (s == "warn") return log::Level::warn;
  if (s == "error") return log::Level::error;
  return fail("config-invalid", 2, "Invalid configuration", "setting 'log-level' must be debug, info, warn or error");
}

}  // namespace

int run_service(const ServiceSpec& spec, const std::vector<std::string>& args) {
  config::Config cfg(spec.env_prefix);
  add_standard_options(cfg, spec.default_port);
  if (spec.declare_options) spec.declare_options(cfg);
  auto loaded = cfg.load(args, environ);
  if (!loaded) {
    std::fprintf(stderr, "%s: %s\n", spec.name.c_str(), loaded.error().detail.c_str());
    return 2;
  }
  if (cfg.help_requested()) {
    std::cout << cfg.help_text(spec.name + " - " + spec.summary + "\n\nUsage: " + spec.name + " [options]");
    return 0;
  }
  if (!cfg.positional().empty()) {
    std::fprintf(stderr, "%s: unexpected argument '%s' (see --help)\n", spec.name.c_str(), cfg.positional()[0].c_str());
    return 2;
  }
  auto level = parse_level(cfg.get_string("log-level"));
  if (!level) {
    std::fprintf(stderr, "%s: %s\n", spec.name.c_str(), level.error().detail.c_str());
    return 2;
  }
  if (cfg.get_string("mode") != "embedded" && cfg.get_string("mode") != "cluster") {
    std::fprintf(stderr, "%s: setting 'mode' must be embedded or cluster\n", spec.name.c_str());
    return 2;
  }
  if (cfg.get_string("mode") == "cluster" && !spec.cluster_mode_built) {
    std::fprintf(stderr,
                 "%s: cluster mode (state in the shared Redis/PostgreSQL stores) is not built into this binary; "
                 "refusing to start instead of keeping this process's own state beside other replicas. "
                 "Run one replica with --mode embedded.\n",
                 spec.name.c_str());
    return 2;
  }
  log::set_level(*level);
  log::set_service(spec.name);
  for (const auto& name : cfg.unknown_environment())
    log::warn("config.unknown_environment", {{"name", name}, {"detail", "no such setting; ignored"}});

  std::string data_dir = cfg.get_string("data-dir");
  if (data_dir.empty()) data_dir = "var/" + spec.name;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    std::fprintf(stderr, "%s: cannot create data dir '%s': %s\n", spec.name.c_str(), data_dir.c_str(),
                 ec.message().c_str());
    return 1;
  }

  http::Router router;
  metrics::Registry metrics;
  ServiceContext ctx{cfg, router, metrics, data_dir, {}, {}, {}};
  if (spec.start) {
    auto started = spec.start(ctx);
    if (!started) {
      std::fprintf(stderr, "%s: %s: %s\n", spec.name.c_str(), started.error().title.c_str(),
                   started.error().detail.c_str());
      return started.error().status == 2 ? 2 : 1;
    }
  }

  http::ServerConfig sc;
  sc.host = cfg.get_string("host");
  sc.port = static_cast<std::uint16_t>(cfg.get_int("port"));
  sc.threads = static_cast<int>(cfg.get_int("threads"));
  sc.static_root = cfg.get_string("static-root");
  sc.tls_cert_file = cfg.get_string("tls-cert");
  sc.tls_key_file = cfg.get_string("tls-key");
  sc.max_body_bytes = static_cast<std::size_t>(cfg.get_int("max-body-bytes"));
  sc.max_header_bytes = static_cast<std::size_t>(cfg.get_int("max-header-bytes"));
  sc.header_timeout_ms = static_cast<int>(cfg.get_int("header-timeout-ms"));
  sc.idle_timeout_ms = static_cast<int>(cfg.get_int("idle-timeout-ms"));
  sc.shutdown_deadline_ms = static_cast<int>(cfg.get_int("shutdown-deadline-ms"));
  sc.access_log = cfg.get_bool("access-log");
  sc.service_name = spec.name;
  if (sc.tls_cert_file.empty() != sc.tls_key_file.empty()) {
    std::fprintf(stderr, "%s: --tls-cert and --tls-key must be given together\n", spec.name.c_str());
    return 2;
  }

  try {
    http::Server server(sc, std::move(router), metrics);
    for (auto& [name, check] : ctx.readiness_checks) server.add_readiness_check(name, check);
    for (auto& hook : ctx.on_drain) server.on_shutdown(hook);
    server.bind();
    std::printf("%s listening on %s://%s:%u\n", spec.name.c_str(), sc.tls_cert_file.empty() ? "http" : "https",
                sc.host.c_str(), server.port());
    std::fflush(stdout);
    bool clean = server.run(true);
    for (auto& hook : ctx.on_stop) hook();
    return clean ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: cannot serve: %s\n", spec.name.c_str(), e.what());
    for (auto& hook : ctx.on_stop) hook();
    return 1;
  }
}

}  // namespace platform::service
