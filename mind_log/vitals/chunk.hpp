#pragma once
// The chunk codec with platform::Result errors ("corrupt-chunk", 422) for the rest of the code.
#include <string_view>

#include "mind_log/vitals/chunk_codec.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

platform::Result<DecodedChunk> decode_chunk(std::string_view bytes);
platform::Result<ChunkStats> read_chunk_stats(std::string_view bytes);

}  // namespace mind_log::vitals
