#include <string>
#include <vector>

#include "traffic_master/service/service_spec.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return platform::service::run_service(traffic_master::service_spec(), args);
}
