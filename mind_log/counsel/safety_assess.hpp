#pragma once
// `mind-log safety assess`: one message per line on stdin, one JSON object per line on
// stdout, using exactly the classifier the service uses, so anyone can evaluate it on their
// own data.
//
//   {"level":"elevated","language":"en","reasons":["ideation"],"third_party":false}
//
// Options: --conversation  treat the lines as one conversation (history carries over);
//          --json          each line is {"text": "...", "history": ["...", ...]} instead.
// A line that is not valid UTF-8, too long, or (with --json) not the expected object gets
// {"error": "<code>"} and the run continues; the exit code is then 1.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mind_log::counsel {

// The exit code when args start with "safety"; nullopt otherwise.
std::optional<int> run_safety_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                                      std::ostream& err);
std::optional<int> run_safety_command(const std::vector<std::string>& args);  // stdin/stdout/stderr

}  // namespace mind_log::counsel
