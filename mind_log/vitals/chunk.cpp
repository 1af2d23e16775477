#include "mind_log/vitals/chunk.hpp"

namespace mind_log::vitals {

platform::Result<DecodedChunk> decode_chunk(std::string_view bytes) {
  DecodedChunk out;
  if (const char* why = decode_chunk_into(bytes, out)) return platform::fail("corrupt-chunk", 422, "Corrupt chunk", why);
  return out;
}

platform::Result<ChunkStats> read_chunk_stats(std::string_view bytes) {
  ChunkStats out;
  if (const char* why = read_chunk_header(bytes, out)) return platform::fail("corrupt-chunk", 422, "Corrupt chunk", why);
  return out;
}

}  // namespace mind_log::vitals
