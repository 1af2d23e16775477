#pragma once
// The one way a product binary becomes a server: standard options (port, data dir, TLS, limits,
// logging), product options, product state and routes, then serve until SIGTERM/SIGINT.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/core/error.hpp"
#include "platform/http/router.hpp"
#include "platform/metrics/registry.hpp"

namespace platform::service {

struct ServiceContext {
  const config::Config& config;
  http::Router& router;
  metrics::Registry& metrics;
  std::string data_dir;  // exists when start() runs
  // Filled by start(); /readyz reports each check by name.
  std::vector<std::pair<std::string, std::function<bool()>>> readiness_checks;
  // Run when draining begins (stop pushing to clients), in order.
  std::vector<std::function<void()>> on_drain;
  // Run after the server stopped (flush and close stores), in order.
  std::vector<std::function<void()>> on_stop;
};

struct ServiceSpec {
  std::string name;        // binary name, e.g. "traffic-master"
  std::string env_prefix;  // e.g. "TRAFFIC_MASTER"
  int default_port = 8080;
  std::string summary;     // one line for --help
  // False until the product keeps its state in the shared cluster stores (Redis, PostgreSQL):
  // then --mode cluster is refused, because replicas running embedded mode side by side would
  // each keep their own state (sell the same seat once per replica, split a journal).
  bool cluster_mode_built = false;
  std::function<void(config::Config&)> declare_options;     // product settings
  std::function<Result<void>(ServiceContext&)> start;        // state + routes
};

// args: argv[1..]. Returns the process exit code (0 clean, 1 failed start, 2 bad config).
int run_service(const ServiceSpec& spec, const std::vector<std::string>& args);

}  // namespace platform::service
