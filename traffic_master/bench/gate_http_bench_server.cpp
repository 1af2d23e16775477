// gate_http_bench_server: the admission gate's routes on the platform HTTP server, with one
// event on sale now, for `./dev bench gate` (wrk drives it). Writes bearer tokens for
// --accounts distinct accounts to --tokens-file so joins are real first joins.
//   gate_http_bench_server --port P --threads T --accounts N --tokens-file F
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "platform/crypto/primitives.hpp"
#include "platform/http/server.hpp"
#include "traffic_master/bench/gate_bench_setup.hpp"
#include "traffic_master/service/gate_routes.hpp"

using namespace traffic_master::service;

int main(int argc, char** argv) {
  int port = 0, threads = 1, accounts = 100'000;
  std::string tokens_file = "gate-tokens.txt";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string f = argv[i];
    if (f == "--port") port = std::atoi(argv[i + 1]);
    else if (f == "--threads") threads = std::atoi(argv[i + 1]);
    else if (f == "--accounts") accounts = std::atoi(argv[i + 1]);
    else if (f == "--tokens-file") tokens_file = argv[i + 1];
    else {
      std::cerr << "unknown flag " << f << "\n";
      return 2;
    }
  }
  platform::SystemClock clock;
  platform::auth::TokenSigner signer(platform::crypto::random_bytes(32), "bench");
  {
    std::ofstream out(tokens_file);
    for (int i = 0; i < accounts; ++i)
      out << gate_bench::account_token(signer, clock, i) << "\n";
  }
  gate_testing::FixedSchedules schedules;
  gate_bench::add_bench_event(schedules, clock);
  const GateOptions o = gate_bench::bench_options("gate-bench-");
  platform::metrics::Registry metrics;
  GateApp gate(o, schedules, clock, gate_testing::bearer_auth(signer, clock), metrics);
  platform::http::Router router;
  add_gate_routes(router, gate);
  platform::http::ServerConfig sc;
  sc.port = static_cast<std::uint16_t>(port);
  sc.threads = threads;
  sc.access_log = false;
  sc.service_name = "gate-bench";
  platform::http::Server server(sc, std::move(router), metrics);
  server.bind();
  gate.start();
  std::printf("listening %u\n", server.port());
  std::fflush(stdout);
  server.run(true);
  gate.stop();
  // Refusals by code, so the bench can show that the measured requests succeeded.
  std::istringstream rendered(metrics.render());
  for (std::string line; std::getline(rendered, line);)
    if (line.starts_with("tm_gate_rejections_total{") || line.starts_with("tm_queue_joins_total{"))
      std::fprintf(stderr, "%s\n", line.c_str());
  std::filesystem::remove_all(o.data_dir);
  return 0;
}
