#pragma once
// The vitals store: ingestion into per-(user, metric) heads, sealing into encrypted chunks,
// rollups, retention, and the queries charts and summaries need. Storage and encryption are
// injected (ChunkStore, ChunkSealer), time comes from the Clock.
//
// Durability: every successful ingest() commits, in one transaction, the batch's head-log
// record, any chunks it sealed and the rollup blocks they changed. A crash loses nothing that
// was acknowledged; on restart a series' head is rebuilt from its head log.
//
// Thread-safe: one mutex serialises ingestion, sealing and queries (a year chart takes a few
// milliseconds; sharding by user is the next step if that ever matters).
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/vitals/bucket_query.hpp"
#include "mind_log/vitals/chunk_sealer.hpp"
#include "mind_log/vitals/chunk_store.hpp"
#include "mind_log/vitals/daily_summary.hpp"
#include "mind_log/vitals/ingest_validation.hpp"
#include "mind_log/vitals/series_head.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::vitals {

struct SeriesBatch {
  std::string_view metric;
  std::string_view unit;
  std::span<const Sample> samples;  // in `unit`, timestamps strictly increasing
};

struct IngestReport {
  std::size_t accepted = 0;   // samples in the request after exact-repeat removal
  std::size_t added = 0;      // new timestamps
  std::size_t replaced = 0;   // timestamps that got a new value
  std::size_t unchanged = 0;  // exact repeats of stored samples
  std::size_t sealed_chunks = 0;
};

struct RangeAnswer {
  BucketPlan plan;
  std::vector<Bucket> buckets;
};

// How long each tier is kept (GDPR data class "health", docs/vitals-format.md, "Retention").
struct RetentionPolicy {
  platform::Millis raw_ms = 90LL * 86'400'000;
  platform::Millis minute_ms = 400LL * 86'400'000;
  platform::Millis hour_ms = 5LL * 365 * 86'400'000;
  // Daily rollups are kept for the life of the account.
};

struct RetentionReport {
  std::uint64_t chunks_deleted = 0;
  std::uint64_t rollup_blocks_deleted = 0;
};

class VitalsStore final : public MinuteRollupSource {
 public:
  VitalsStore(ChunkStore& store, ChunkSealer& sealer, const platform::Clock& clock, SealPolicy seal = {},
              IngestLimits limits = {});

  // All batches or none. Errors: those of validate_batch, "duplicate-series" 422 (one metric
  // twice in a request), "sample-too-late" 409, "storage-unavailable" 500, vault errors.
  platform::Result<IngestReport> ingest(std::string_view user, std::span<const SeriesBatch> batches);

  // Errors: "unknown-metric" 422, those of plan_buckets.
  platform::Result<RangeAnswer> range(std::string_view user, std::string_view metric, std::int64_t from,
                                      std::int64_t to, std::int64_t target_buckets);
  platform::Result<std::optional<Sample>> latest(std::string_view user, std::string_view metric);
  // Raw samples in [from, to), at most max_points (error "range-too-large" 422 beyond).
  platform::Result<std::vector<Sample>> raw(std::string_view user, std::string_view metric, std::int64_t from,
                                            std::int64_t to, std::size_t max_points = 200'000);
  platform::Result<std::vector<RollupEntry>> minute_rollups(std::string_view user, std::string_view metric,
                                                            std::int64_t from, std::int64_t to) override;
  // Entries of a tier with slot start in [from, to), the unsealed head included.
  platform::Result<std::vector<RollupEntry>> rollups(std::string_view user, std::string_view metric, Tier tier,
                                                     std::int64_t from, std::int64_t to);
  // Samples at or before this are sealed; ingesting them fails with "sample-too-late".
  platform::Result<std::int64_t> sealed_until(std::string_view user, std::string_view metric);

  // Seals what the policy allows at the clock's now for every loaded series (an idle phone
  // stops sending; its head still seals). Returns the number of chunks sealed.
  platform::Result<std::size_t> seal_idle();
  platform::Result<RetentionReport> apply_retention(const RetentionPolicy& policy);
  // Removes every stored vital of the user (the vault's shred makes backups unreadable too).
  platform::Result<void> erase_user(std::string_view user);

  const SealPolicy& seal_policy() const { return seal_; }

 private:
  struct Series {
    SeriesHead head;
    std::int64_t next_chunk_seq = 0;
    std::int64_t next_head_seq = 0;
    std::optional<Sample> latest;
  };
  using BlockKey = std::pair<int, std::int64_t>;  // tier, block start
  using BlockCache = std::map<BlockKey, RollupBlock>;

  static std::string key(std::string_view user, std::string_view metric);
  platform::Result<Series*> load(std::string_view user, std::string_view metric);
  platform::Result<void> seal_chunks(std::string_view user, std::string_view metric, Series& s,
                                     std::vector<std::vector<Sample>> chunks, BlockCache& blocks, SeriesWrite& w);
  platform::Result<RollupBlock*> block(std::string_view user, std::string_view metric, Tier tier,
                                       std::int64_t block_start, BlockCache& blocks);
  platform::Result<void> finish_write(std::string_view user, std::string_view metric, const Series& s,
                                      BlockCache& blocks, SeriesWrite& w);
  platform::Result<std::vector<RollupEntry>> stored_rollups(std::string_view user, std::string_view metric, Tier tier,
                                                            std::int64_t from, std::int64_t to);
  platform::Result<std::vector<Sample>> stored_samples(std::string_view user, std::string_view metric,
                                                       std::int64_t from, std::int64_t to);

  ChunkStore& store_;
  ChunkSealer& sealer_;
  const platform::Clock& clock_;
  SealPolicy seal_;
  IngestLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Series, std::less<>> series_;  // guarded by mutex_
};

// Record ids bound into each ciphertext (docs/vitals-format.md, "Encryption").
std::string chunk_record_id(std::string_view metric, std::int64_t seq);
std::string rollup_record_id(std::string_view metric, Tier tier, std::int64_t block_start);
std::string head_record_id(std::string_view metric, std::int64_t seq);

// A list of chunks in one blob (head-log records): varint n, then n x (varint length, chunk).
std::string encode_chunk_list(std::span<const Sample> samples);
platform::Result<std::vector<Sample>> decode_chunk_list(std::string_view bytes);

}  // namespace mind_log::vitals
