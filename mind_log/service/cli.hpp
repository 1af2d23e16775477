#pragma once
// Operator subcommands of the mind-log binary (everything else starts the server):
//   mind-log keys rotate [--data-dir D] [--batch N] [--retire]
//   mind-log audit verify [--data-dir D]
//   mind-log data-classes
#include <optional>
#include <string>
#include <vector>

namespace mind_log::service {

// The exit code when args name a subcommand; nullopt when they do not (serve).
std::optional<int> run_cli(const std::vector<std::string>& args);

}  // namespace mind_log::service
