#pragma once
// `mind-log vitals ...` operator commands:
//   mind-log vitals stats --metric NAME [--unit UNIT] FILE.csv
//       encodes `timestamp,value` rows with the real codec, sealed with a throw-away vault key
//       exactly as the store seals them, and prints one JSON object: points, chunks,
//       bytes_per_point (sealed chunks as stored, encryption header and tag counted),
//       codec_bytes_per_point (before encryption), and the value codec each chunk chose.
//   mind-log vitals metrics
//       prints the metric catalogue (names, units, ranges) as JSON.
#include <optional>
#include <string>
#include <vector>

namespace mind_log::vitals {

// The exit code when args[0] is "vitals"; nullopt otherwise.
std::optional<int> run_vitals_command(const std::vector<std::string>& args);

}  // namespace mind_log::vitals
