#pragma once
// Picks among alternative wordings so the agent never repeats the same canned line twice in a
// row. Plain value kept per conversation; deterministic from its seed (tests and transcripts
// are reproducible, the service seeds it from a random conversation id).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mind_log::counsel {

class LineChooser {
 public:
  explicit LineChooser(std::uint64_t seed = 0x9E3779B97F4A7C15ull) : state_(seed | 1) {}
  // An index in [0, n) different from the previous pick for `slot` whenever n > 1.
  std::size_t pick(std::string_view slot, std::size_t n);

 private:
  std::uint64_t next();
  std::uint64_t state_;
  std::map<std::string, std::size_t, std::less<>> last_;
};

}  // namespace mind_log::counsel
