// The platform server with no product routes: what `./dev bench http` measures.
#include <string>
#include <vector>

#include "platform/service/service_main.hpp"

int main(int argc, char** argv) {
  platform::service::ServiceSpec spec;
  spec.name = "bare-server";
  spec.env_prefix = "BARE_SERVER";
  spec.default_port = 8070;
  spec.summary = "the platform server with only /healthz, /readyz and /metrics";
  return platform::service::run_service(spec, std::vector<std::string>(argv + 1, argv + argc));
}
