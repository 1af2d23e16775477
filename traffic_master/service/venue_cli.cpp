#include "traffic_master/service/venue_cli.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "traffic_master/engine/arena_generator.hpp"
#include "traffic_master/engine/venue_json.hpp"

namespace traffic_master {
namespace {

constexpr const char* kUsage =
    "usage: traffic-master venue generate [--capacity N] [--id ID] [--name NAME] [--rows-per-ring N]\n"
    "       traffic-master venue validate FILE\n";

std::optional<std::string> flag(const std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--" + name && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind("--" + name + "=", 0) == 0) return args[i].substr(name.size() + 3);
  }
  return std::nullopt;
}

}  // namespace

int venue_command(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (args[0] == "generate") {
    engine::ArenaSpec spec;
    try {
      spec.capacity = std::stoul(flag(args, "capacity").value_or("15000"));
      spec.rows_per_ring = std::stoi(flag(args, "rows-per-ring").value_or("20"));
    } catch (const std::exception&) {
      std::fputs(kUsage, stderr);
      return 2;
    }
    if (spec.capacity < 10 || spec.capacity > engine::kMaxVenueSeats || spec.rows_per_ring < 1 || spec.rows_per_ring > 60) {
      std::fprintf(stderr, "venue generate: capacity must be 10..%zu and rows-per-ring 1..60\n", engine::kMaxVenueSeats);
      return 2;
    }
    spec.id = flag(args, "id").value_or("arena-" + std::to_string(spec.capacity));
    spec.name = flag(args, "name").value_or("Generated Arena");
    std::cout << engine::venue_to_json(*engine::generate_arena(spec)) << "\n";
    return 0;
  }
  if (args[0] == "validate" && args.size() == 2) {
    std::ifstream in(args[1]);
    if (!in) {
      std::fprintf(stderr, "venue validate: cannot read %s\n", args[1].c_str());
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto v = engine::venue_from_json(ss.str());
    if (!v) {
      std::fprintf(stderr, "%s: %s: %s\n", args[1].c_str(), v.error().code.c_str(), v.error().detail.c_str());
      return 1;
    }
    std::printf("%s: valid, %zu seats in %zu sections, %zu categories\n", args[1].c_str(), (*v)->capacity(),
                (*v)->sections().size(), (*v)->categories().size());
    return 0;
  }
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace traffic_master
