#pragma once
#include "platform/service/service_main.hpp"

namespace mind_log {

// The mind-log server: options, state and routes.
platform::service::ServiceSpec service_spec();

}  // namespace mind_log
