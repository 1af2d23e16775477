#include "mind_log/service/service_spec.hpp"

namespace mind_log {

platform::service::ServiceSpec service_spec() {
  platform::service::ServiceSpec spec;
  spec.name = "mind-log";
  spec.env_prefix = "MIND_LOG";
  spec.default_port = 8090;
  spec.summary = "private mental care: encrypted journal, vitals, counselling agent";
  spec.start = [](platform::service::ServiceContext& ctx) -> platform::Result<void> { return {}; };
  return spec;
}

}  // namespace mind_log
