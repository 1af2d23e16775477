#include "mind_log/vitals/sqlite_chunk_store.hpp"

#include <sqlite3.h>

namespace mind_log::vitals {
namespace {

platform::Error db_error(sqlite3* db, const char* what) {
  return platform::Error{"storage-unavailable", 500, "Vitals storage unavailable",
                         std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database")};
}

// RAII prepared statement; binds text/int64/blob by position (1-based).
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  Stmt& text(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& i64(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& blob(int i, std::string_view b) {
    sqlite3_bind_blob(stmt_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t col_i64(int i) { return sqlite3_column_int64(stmt_, i); }
  std::string col_blob(int i) {
    auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  bool col_null(int i) { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS vitals_chunks(
  user TEXT NOT NULL, metric TEXT NOT NULL, seq INTEGER NOT NULL,
  t_first INTEGER NOT NULL, t_last INTEGER NOT NULL, count INTEGER NOT NULL, sealed BLOB NOT NULL,
  UNIQUE(user, metric, seq));
CREATE INDEX IF NOT EXISTS vitals_chunks_by_time ON vitals_chunks(user, metric, t_last);
CREATE TABLE IF NOT EXISTS vitals_rollups(
  user TEXT NOT NULL, metric TEXT NOT NULL, tier INTEGER NOT NULL, block_start INTEGER NOT NULL,
  sealed BLOB NOT NULL, UNIQUE(user, metric, tier, block_start));
CREATE TABLE IF NOT EXISTS vitals_head_log(
  user TEXT NOT NULL, metric TEXT NOT NULL, seq INTEGER NOT NULL, t_max INTEGER NOT NULL,
  sealed BLOB NOT NULL, UNIQUE(user, metric, seq));
)sql";

}  // namespace

struct SqliteChunkStore::Statements {
  explicit Statements(sqlite3* db)
      : chunk(db, "INSERT INTO vitals_chunks(user, metric, seq, t_first, t_last, count, sealed) VALUES(?,?,?,?,?,?,?)"),
        rollup(db, "INSERT INTO vitals_rollups(user, metric, tier, block_start, sealed) VALUES(?,?,?,?,?) "
                   "ON CONFLICT(user, metric, tier, block_start) DO UPDATE SET sealed = excluded.sealed"),
        log(db, "INSERT INTO vitals_head_log(user, metric, seq, t_max, sealed) VALUES(?,?,?,?,?)"),
        trim(db, "DELETE FROM vitals_head_log WHERE user = ? AND metric = ? AND t_max <= ?"),
        rollups(db, "SELECT block_start, sealed FROM vitals_rollups "
                    "WHERE user = ? AND metric = ? AND tier = ? AND block_start >= ? AND block_start < ? "
                    "ORDER BY block_start") {}
  bool ok() const { return chunk.ok() && rollup.ok() && log.ok() && trim.ok() && rollups.ok(); }
  Stmt chunk, rollup, log, trim, rollups;
};

SqliteChunkStore::SqliteChunkStore(sqlite3* db) : db_(db) {}

platform::Result<std::unique_ptr<SqliteChunkStore>> SqliteChunkStore::open(const std::string& path,
                                                                           Durability durability) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    auto e = db_error(db, "open");
    sqlite3_close(db);
    return std::unexpected(e);
  }
  std::unique_ptr<SqliteChunkStore> store(new SqliteChunkStore(db));
  sqlite3_busy_timeout(db, 5000);
  const char* sync = durability == Durability::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
  for (const char* sql : {"PRAGMA journal_mode=WAL", sync, kSchema}) {
    auto r = store->exec(sql);
    if (!r) return std::unexpected(r.error());
  }
  store->st_ = std::make_unique<Statements>(db);
  if (!store->st_->ok()) return std::unexpected(db_error(db, "prepare"));
  return store;
}

SqliteChunkStore::~SqliteChunkStore() {
  st_.reset();  // statements finalise before the connection closes
  sqlite3_close(db_);
}

platform::Result<void> SqliteChunkStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    platform::Error e{"storage-unavailable", 500, "Vitals storage unavailable", err ? err : "exec"};
    sqlite3_free(err);
    return std::unexpected(e);
  }
  return {};
}

platform::Result<void> SqliteChunkStore::commit(std::span<const SeriesWrite> writes) {
  std::lock_guard lock(mutex_);
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
  auto fail = [&](const char* what) -> platform::Result<void> {
    auto e = db_error(db_, what);
    st_->chunk.reset();
    st_->rollup.reset();
    st_->log.reset();
    st_->trim.reset();
    exec("ROLLBACK");
    return std::unexpected(e);
  };
  {
    Stmt& chunk = st_->chunk;
    Stmt& rollup = st_->rollup;
    Stmt& log = st_->log;
    Stmt& trim = st_->trim;
    for (const SeriesWrite& w : writes) {
      for (const ChunkRow& c : w.chunks) {
        chunk.text(1, w.user).text(2, w.metric).i64(3, c.seq).i64(4, c.t_first).i64(5, c.t_last).i64(6, c.count)
            .blob(7, c.sealed);
        if (chunk.step() != SQLITE_DONE) return fail("insert chunk");
        chunk.reset();
      }
      for (const RollupRow& r : w.rollups) {
        rollup.text(1, w.user).text(2, w.metric).i64(3, static_cast<int>(r.tier)).i64(4, r.block_start)
            .blob(5, r.sealed);
        if (rollup.step() != SQLITE_DONE) return fail("upsert rollup");
        rollup.reset();
      }
      if (w.trim_head_log_through) {
        trim.text(1, w.user).text(2, w.metric).i64(3, *w.trim_head_log_through);
        if (trim.step() != SQLITE_DONE) return fail("trim head log");
        trim.reset();
      }
      for (const HeadLogRow& h : w.head_log) {
        log.text(1, w.user).text(2, w.metric).i64(3, h.seq).i64(4, h.t_max).blob(5, h.sealed);
        if (log.step() != SQLITE_DONE) return fail("append head log");
        log.reset();
      }
    }
  }
  if (auto r = exec("COMMIT"); !r) {
    exec("ROLLBACK");
    return r;
  }
  return {};
}

platform::Result<SeriesMeta> SqliteChunkStore::meta(std::string_view user, std::string_view metric) {
  std::lock_guard lock(mutex_);
  SeriesMeta m;
  Stmt c(db_, "SELECT MAX(seq), MAX(t_last) FROM vitals_chunks WHERE user = ? AND metric = ?");
  Stmt h(db_, "SELECT MAX(seq) FROM vitals_head_log WHERE user = ? AND metric = ?");
  if (!c.ok() || !h.ok()) return std::unexpected(db_error(db_, "prepare meta"));
  c.text(1, user).text(2, metric);
  if (c.step() != SQLITE_ROW) return std::unexpected(db_error(db_, "meta"));
  if (!c.col_null(0)) {
    m.next_chunk_seq = c.col_i64(0) + 1;
    m.sealed_until = c.col_i64(1);
  }
  h.text(1, user).text(2, metric);
  if (h.step() != SQLITE_ROW) return std::unexpected(db_error(db_, "meta"));
  if (!h.col_null(0)) m.next_head_seq = h.col_i64(0) + 1;
  return m;
}

platform::Result<std::vector<ChunkRow>> SqliteChunkStore::chunks(std::string_view user, std::string_view metric,
                                                                 std::int64_t from, std::int64_t to) {
  std::lock_guard lock(mutex_);
  // Chunks of a series never overlap in time, so in t_last order the first chunk starting at
  // or after `to` ends the scan; a t_first condition in SQL would not use the index.
  Stmt s(db_, "SELECT seq, t_first, t_last, count, sealed FROM vitals_chunks "
              "WHERE user = ? AND metric = ? AND t_last >= ? ORDER BY t_last");
  if (!s.ok()) return std::unexpected(db_error(db_, "prepare chunks"));
  s.text(1, user).text(2, metric).i64(3, from);
  std::vector<ChunkRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW && s.col_i64(1) < to)
    out.push_back({s.col_i64(0), s.col_i64(1), s.col_i64(2), static_cast<std::uint32_t>(s.col_i64(3)), s.col_blob(4)});
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return std::unexpected(db_error(db_, "chunks"));
  return out;
}

platform::Result<std::optional<ChunkRow>> SqliteChunkStore::last_chunk(std::string_view user, std::string_view metric) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT seq, t_first, t_last, count, sealed FROM vitals_chunks "
              "WHERE user = ? AND metric = ? ORDER BY t_last DESC LIMIT 1");
  if (!s.ok()) return std::unexpected(db_error(db_, "prepare last chunk"));
  s.text(1, user).text(2, metric);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<ChunkRow>();
  if (rc != SQLITE_ROW) return std::unexpected(db_error(db_, "last chunk"));
  return std::optional<ChunkRow>(
      ChunkRow{s.col_i64(0), s.col_i64(1), s.col_i64(2), static_cast<std::uint32_t>(s.col_i64(3)), s.col_blob(4)});
}

platform::Result<std::vector<RollupRow>> SqliteChunkStore::rollups(std::string_view user, std::string_view metric,
                                                                   Tier tier, std::int64_t from, std::int64_t to) {
  std::lock_guard lock(mutex_);
  Stmt& s = st_->rollups;
  s.text(1, user).text(2, metric).i64(3, static_cast<int>(tier)).i64(4, from).i64(5, to);
  std::vector<RollupRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back({tier, s.col_i64(0), s.col_blob(1)});
  s.reset();
  if (rc != SQLITE_DONE) return std::unexpected(db_error(db_, "rollups"));
  return out;
}

platform::Result<std::vector<HeadLogRow>> SqliteChunkStore::head_log(std::string_view user, std::string_view metric) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT seq, t_max, sealed FROM vitals_head_log WHERE user = ? AND metric = ? ORDER BY seq");
  if (!s.ok()) return std::unexpected(db_error(db_, "prepare head log"));
  s.text(1, user).text(2, metric);
  std::vector<HeadLogRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back({s.col_i64(0), s.col_i64(1), s.col_blob(2)});
  if (rc != SQLITE_DONE) return std::unexpected(db_error(db_, "head log"));
  return out;
}

platform::Result<StorageTotals> SqliteChunkStore::totals(std::string_view user, std::string_view metric) {
  std::lock_guard lock(mutex_);
  StorageTotals t;
  Stmt c(db_, "SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(LENGTH(sealed)), 0) FROM vitals_chunks "
              "WHERE user = ? AND metric = ?");
  Stmt r(db_, "SELECT COALESCE(SUM(LENGTH(sealed)), 0) FROM vitals_rollups WHERE user = ? AND metric = ?");
  if (!c.ok() || !r.ok()) return std::unexpected(db_error(db_, "prepare totals"));
  c.text(1, user).text(2, metric);
  r.text(1, user).text(2, metric);
  if (c.step() != SQLITE_ROW || r.step() != SQLITE_ROW) return std::unexpected(db_error(db_, "totals"));
  t.chunks = static_cast<std::uint64_t>(c.col_i64(0));
  t.points = static_cast<std::uint64_t>(c.col_i64(1));
  t.chunk_bytes = static_cast<std::uint64_t>(c.col_i64(2));
  t.rollup_bytes = static_cast<std::uint64_t>(r.col_i64(0));
  return t;
}

platform::Result<std::uint64_t> SqliteChunkStore::delete_chunks_before(std::int64_t before) {
  std::lock_guard lock(mutex_);
  // The newest chunk of each series stays: it anchors the seal watermark and the chunk
  // sequence, so a reloaded series neither reopens sealed time nor reuses a record id.
  Stmt s(db_, "DELETE FROM vitals_chunks WHERE t_last < ? AND seq < (SELECT MAX(c.seq) FROM vitals_chunks c "
              "WHERE c.user = vitals_chunks.user AND c.metric = vitals_chunks.metric)");
  if (!s.ok()) return std::unexpected(db_error(db_, "prepare retention"));
  s.i64(1, before);
  if (s.step() != SQLITE_DONE) return std::unexpected(db_error(db_, "retention"));
  return static_cast<std::uint64_t>(sqlite3_changes(db_));
}

platform::Result<std::uint64_t> SqliteChunkStore::delete_rollups_before(Tier tier, std::int64_t before) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "DELETE FROM vitals_rollups WHERE tier = ? AND block_start + ? <= ?");
  if (!s.ok()) return std::unexpected(db_error(db_, "prepare retention"));
  s.i64(1, static_cast<int>(tier)).i64(2, tier_block_ms(tier)).i64(3, before);
  if (s.step() != SQLITE_DONE) return std::unexpected(db_error(db_, "retention"));
  return static_cast<std::uint64_t>(sqlite3_changes(db_));
}

platform::Result<void> SqliteChunkStore::erase_user(std::string_view user) {
  std::lock_guard lock(mutex_);
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
  for (const char* sql : {"DELETE FROM vitals_chunks WHERE user = ?", "DELETE FROM vitals_rollups WHERE user = ?",
                          "DELETE FROM vitals_head_log WHERE user = ?"}) {
    Stmt s(db_, sql);
    if (!s.ok() || (s.text(1, user), s.step()) != SQLITE_DONE) {
      auto e = db_error(db_, "erase user");
      exec("ROLLBACK");
      return std::unexpected(e);
    }
  }
  return exec("COMMIT");
}

}  // namespace mind_log::vitals
