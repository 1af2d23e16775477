// gate_handler_bench: CPU per request of the gate's join and status handlers, without the
// HTTP server (router match + handler, real journal file, real bearer-token check, same
// options as gate_http_bench_server). `./dev bench gate` measures the whole HTTP path; this
// isolates what the gate itself adds, steadily enough to compare two builds on a busy machine
// (thread CPU time, not wall time).
//   gate_handler_bench [--joins N]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/bench/gate_bench_setup.hpp"
#include "traffic_master/service/gate_routes.hpp"

using namespace traffic_master::service;

namespace {

double thread_cpu_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

platform::http::Request request(std::string method, std::string path, const std::string& token, int i) {
  platform::http::Request r;
  r.method = std::move(method);
  r.target = r.path = std::move(path);
  r.headers = {{"authorization", "Bearer " + token}, {"x-device-id", "dev-" + std::to_string(i)},
               {"content-type", "application/json"}};
  if (r.method == "POST") r.body = "{}";
  r.remote_address = "127.0.0.1";
  r.request_id = "bench";
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int joins = 100'000;
  if (argc == 3 && std::string(argv[1]) == "--joins") joins = std::atoi(argv[2]);
  platform::SystemClock clock;
  platform::auth::TokenSigner signer(platform::crypto::random_bytes(32), "bench");
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<std::size_t>(joins));
  for (int i = 0; i < joins; ++i)
    tokens.push_back(gate_bench::account_token(signer, clock, i));
  gate_testing::FixedSchedules schedules;
  gate_bench::add_bench_event(schedules, clock);
  const GateOptions o = gate_bench::bench_options("gate-handler-bench-");
  platform::metrics::Registry metrics;
  int failures = 0;
  double join_us = 0, status_us = 0, auth_us = 0;
  {
    GateApp gate(o, schedules, clock, gate_testing::bearer_auth(signer, clock), metrics);
    platform::http::Router router;
    add_gate_routes(router, gate);
    auto run = [&](platform::http::Request& req, int expect) {
      auto m = router.match(req.method, req);
      auto res = std::get<platform::http::Handler>(*m.target)(req);
      if (res.status != expect) ++failures;
    };
    (void)gate.room("bench");  // the room (and its journal) exist before timing starts

    std::vector<platform::http::Request> reqs;
    reqs.reserve(static_cast<std::size_t>(joins));
    for (int i = 0; i < joins; ++i) reqs.push_back(request("POST", "/api/v1/events/bench/queue/join", tokens[i], i));
    auto t0 = thread_cpu_s();
    for (auto& r : reqs) run(r, 201);
    join_us = (thread_cpu_s() - t0) * 1e6 / joins;

    reqs.clear();
    for (int i = 0; i < joins; ++i) reqs.push_back(request("GET", "/api/v1/events/bench/queue/status", tokens[i], i));
    t0 = thread_cpu_s();
    for (auto& r : reqs) run(r, 200);
    status_us = (thread_cpu_s() - t0) * 1e6 / joins;

    // The bearer-token check alone (the ticketing login token, verified on every request).
    t0 = thread_cpu_s();
    for (auto& r : reqs)
      if (!gate.authenticate()(r)) ++failures;
    auth_us = (thread_cpu_s() - t0) * 1e6 / joins;
  }
  std::filesystem::remove_all(o.data_dir);
  std::printf("join handler: %.2f us CPU per join (%d distinct accounts)\n", join_us, joins);
  std::printf("status handler: %.2f us CPU per read\n", status_us);
  std::printf("of which the bearer-token check: %.2f us\n", auth_us);
  std::printf("{\"join_handler_us\": %.2f, \"status_handler_us\": %.2f, \"bearer_check_us\": %.2f, \"failures\": %d}\n",
              join_us, status_us, auth_us, failures);
  return failures == 0 ? 0 : 1;
}
