#include <iostream>
#include <string>
#include <vector>

#include "traffic_master/queue/verify_shuffle.hpp"
#include "traffic_master/service/service_spec.hpp"
#include "traffic_master/service/venue_cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "venue") return traffic_master::venue_command({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "verify-shuffle")
    return traffic_master::queue::run_verify_shuffle({args.begin() + 1, args.end()}, std::cin, std::cout, std::cerr);
  return platform::service::run_service(traffic_master::service_spec(), args);
}
