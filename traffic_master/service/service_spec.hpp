#pragma once
#include "platform/service/service_main.hpp"

namespace traffic_master {

// The traffic-master server: options, state and routes.
platform::service::ServiceSpec service_spec();

}  // namespace traffic_master
