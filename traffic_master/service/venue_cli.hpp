#pragma once
// `traffic-master venue generate|validate ...`: offline venue tooling.
#include <string>
#include <vector>

namespace traffic_master {

// args after "venue". Returns the exit code.
int venue_command(const std::vector<std::string>& args);

}  // namespace traffic_master
