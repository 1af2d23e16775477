#pragma once
// Durable storage of one user's sealed vitals: chunks, rollup blocks and the head log (the
// write-ahead record of samples accepted but not yet sealed). Blobs arrive already encrypted;
// only the series key, sequence numbers and time bounds are stored in clear, for lookups.
// SqliteChunkStore is the embedded implementation. Implementations are thread-safe.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/vitals/rollup.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct ChunkRow {
  std::int64_t seq = 0;
  std::int64_t t_first = 0;
  std::int64_t t_last = 0;
  std::uint32_t count = 0;
  std::string sealed;
};

struct RollupRow {
  Tier tier = Tier::minute;
  std::int64_t block_start = 0;
  std::string sealed;
};

struct HeadLogRow {
  std::int64_t seq = 0;
  std::int64_t t_max = 0;  // newest sample in the record
  std::string sealed;
};

// Everything one ingestion changes for one series, written in one transaction with the others.
struct SeriesWrite {
  std::string user;
  std::string metric;
  std::vector<ChunkRow> chunks;        // new sealed chunks
  std::vector<RollupRow> rollups;      // upserted blocks
  std::vector<HeadLogRow> head_log;    // appended head records
  std::optional<std::int64_t> trim_head_log_through;  // delete head records with t_max <= this
};

struct SeriesMeta {
  std::int64_t next_chunk_seq = 0;
  std::int64_t sealed_until = INT64_MIN;  // newest sealed timestamp
  std::int64_t next_head_seq = 0;
};

struct StorageTotals {
  std::uint64_t chunks = 0;
  std::uint64_t points = 0;
  std::uint64_t chunk_bytes = 0;   // sealed, as stored
  std::uint64_t rollup_bytes = 0;  // sealed, as stored
};

class ChunkStore {
 public:
  virtual ~ChunkStore() = default;
  // All writes or none.
  virtual platform::Result<void> commit(std::span<const SeriesWrite> writes) = 0;
  virtual platform::Result<SeriesMeta> meta(std::string_view user, std::string_view metric) = 0;
  // Chunks overlapping [from, to), by time. Chunks of one series never overlap in time (each
  // seals only samples newer than every earlier chunk), which implementations may rely on.
  virtual platform::Result<std::vector<ChunkRow>> chunks(std::string_view user, std::string_view metric,
                                                         std::int64_t from, std::int64_t to) = 0;
  // The newest chunk, if any.
  virtual platform::Result<std::optional<ChunkRow>> last_chunk(std::string_view user, std::string_view metric) = 0;
  // Blocks of a tier with block_start in [from, to), by time.
  virtual platform::Result<std::vector<RollupRow>> rollups(std::string_view user, std::string_view metric, Tier tier,
                                                           std::int64_t from, std::int64_t to) = 0;
  virtual platform::Result<std::vector<HeadLogRow>> head_log(std::string_view user, std::string_view metric) = 0;
  virtual platform::Result<StorageTotals> totals(std::string_view user, std::string_view metric) = 0;
  // Retention: raw chunks ending before `chunks_before`; tier blocks ending before the cut-off.
  virtual platform::Result<std::uint64_t> delete_chunks_before(std::int64_t chunks_before) = 0;
  virtual platform::Result<std::uint64_t> delete_rollups_before(Tier tier, std::int64_t before) = 0;
  virtual platform::Result<void> erase_user(std::string_view user) = 0;
};

}  // namespace mind_log::vitals
