#pragma once
// Encryption of sealed chunks, rollup blocks and head log records, kept behind this small
// interface so the codec and the chunk store do not depend on the vault. Chunks are compressed
// (encoded) before they are sealed: ciphertext does not compress.
//
// record_id names what is sealed ("heart_rate/c/17", "heart_rate/r/1h/1767225600000"); an
// implementation binds it and the user into the ciphertext so a blob moved to another user or
// slot fails to open. Implementations are thread-safe.
#include <string>
#include <string_view>

#include "platform/core/error.hpp"

namespace mind_log::vitals {

class ChunkSealer {
 public:
  virtual ~ChunkSealer() = default;
  virtual platform::Result<std::string> seal(std::string_view user, std::string_view record_id,
                                             std::string_view bytes) = 0;
  virtual platform::Result<std::string> open(std::string_view user, std::string_view record_id,
                                             std::string_view sealed) = 0;
};

}  // namespace mind_log::vitals
