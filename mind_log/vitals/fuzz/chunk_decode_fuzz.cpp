// libFuzzer target for every decoder that reads stored or received vitals bytes: chunks,
// rollup blocks and the int/value streams inside them. Properties checked beyond "no crash,
// no sanitizer report": a chunk that decodes has strictly increasing timestamps matching its
// header, and re-encoding what decoded yields bytes that decode to the same samples.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "mind_log/vitals/chunk_codec.hpp"
#include "mind_log/vitals/rollup.hpp"

using namespace mind_log::vitals;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_chunk(std::string_view bytes) {
  DecodedChunk decoded;
  if (decode_chunk_into(bytes, decoded)) return;
  const auto& s = decoded.samples;
  if (s.empty() || s.size() != decoded.stats.count || s.front().t != decoded.stats.t_first ||
      s.back().t != decoded.stats.t_last)
    std::abort();
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i].t <= s[i - 1].t) std::abort();
  DecodedChunk again;
  if (decode_chunk_into(encode_chunk(s), again) || again.samples.size() != s.size()) std::abort();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (again.samples[i].t != s[i].t || !same_bits(again.samples[i].v, s[i].v)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_chunk(bytes);
  ChunkStats stats;
  (void)read_chunk_header(bytes, stats);
  if (!bytes.empty()) {
    // First byte picks the tier; the rest is a rollup block.
    RollupBlock block(static_cast<Tier>(static_cast<std::uint8_t>(bytes[0]) % 3), 0);
    (void)decode_rollup_block_into(bytes.substr(1), block);
  }
  return 0;
}
