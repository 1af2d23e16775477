#pragma once
// ChunkStore on one SQLite database (embedded mode), WAL journal. With Durability::full (the
// service) every commit is fsynced before ingest() returns, so an acknowledged batch survives
// power loss; with Durability::process_crash (synchronous=NORMAL) it survives a process crash
// and an OS crash may lose the last commits, never corrupting the file.
// Thread-safe: one connection guarded by a mutex.
#include <memory>
#include <mutex>
#include <string>

#include "mind_log/vitals/chunk_store.hpp"

struct sqlite3;

namespace mind_log::vitals {

class SqliteChunkStore final : public ChunkStore {
 public:
  enum class Durability { full, process_crash };
  // path ":memory:" for a private in-memory database. Error "storage-unavailable" (500).
  static platform::Result<std::unique_ptr<SqliteChunkStore>> open(const std::string& path,
                                                                   Durability durability = Durability::full);
  ~SqliteChunkStore() override;

  platform::Result<void> commit(std::span<const SeriesWrite> writes) override;
  platform::Result<SeriesMeta> meta(std::string_view user, std::string_view metric) override;
  platform::Result<std::vector<ChunkRow>> chunks(std::string_view user, std::string_view metric, std::int64_t from,
                                                 std::int64_t to) override;
  platform::Result<std::optional<ChunkRow>> last_chunk(std::string_view user, std::string_view metric) override;
  platform::Result<std::vector<RollupRow>> rollups(std::string_view user, std::string_view metric, Tier tier,
                                                   std::int64_t from, std::int64_t to) override;
  platform::Result<std::vector<HeadLogRow>> head_log(std::string_view user, std::string_view metric) override;
  platform::Result<StorageTotals> totals(std::string_view user, std::string_view metric) override;
  platform::Result<std::uint64_t> delete_chunks_before(std::int64_t chunks_before) override;
  platform::Result<std::uint64_t> delete_rollups_before(Tier tier, std::int64_t before) override;
  platform::Result<void> erase_user(std::string_view user) override;

 private:
  struct Statements;  // prepared once: the ingest path commits once per request
  explicit SqliteChunkStore(sqlite3* db);
  platform::Result<void> exec(const char* sql);
  std::mutex mutex_;
  sqlite3* db_;
  std::unique_ptr<Statements> st_;
};

}  // namespace mind_log::vitals
