#include <string>
#include <vector>

#include "mind_log/counsel/safety_assess.hpp"
#include "mind_log/service/cli.hpp"
#include "mind_log/service/service_spec.hpp"
#include "mind_log/vitals/vitals_command.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (auto code = mind_log::vitals::run_vitals_command(args)) return *code;
  if (auto code = mind_log::service::run_cli(args)) return *code;
  if (auto code = mind_log::counsel::run_safety_command(args)) return *code;
  return platform::service::run_service(mind_log::service_spec(), args);
}
