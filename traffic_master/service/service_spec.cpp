#include "traffic_master/service/service_spec.hpp"

namespace traffic_master {

platform::service::ServiceSpec service_spec() {
  platform::service::ServiceSpec spec;
  spec.name = "traffic-master";
  spec.env_prefix = "TRAFFIC_MASTER";
  spec.default_port = 8080;
  spec.summary = "ticketing: waiting room, seat holds, bot defence, live seat map";
  spec.start = [](platform::service::ServiceContext& ctx) -> platform::Result<void> { return {}; };
  return spec;
}

}  // namespace traffic_master
