#include "mind_log/store/database.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace mind_log::store {

platform::Error sqlite_error(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string detail = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no connection");
  if ((code & 0xff) == SQLITE_CONSTRAINT) return {"store-conflict", 409, "Conflicting data", detail};
  return {"store-error", 500, "Storage error", detail};
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind_text(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::bind_optional_blob(int i, const std::optional<std::string>& v) {
  return v ? bind_blob(i, *v) : bind_null(i);
}

platform::Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(sqlite_error(db_, "step"));
}

platform::Result<void> Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return std::unexpected(r.error());
    if (!*r) return {};
  }
}

std::string Statement::text(int col) const {
  auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
}

std::string Statement::blob(int col) const {
  auto* p = sqlite3_column_blob(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
}

std::optional<std::string> Statement::optional_blob(int col) const {
  if (is_null(col)) return std::nullopt;
  return blob(col);
}

platform::Result<Statement> Connection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return std::unexpected(sqlite_error(db_, "prepare"));
  return Statement(db_, stmt);
}

platform::Result<void> Connection::exec(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return std::unexpected(sqlite_error(db_, "exec"));
  return {};
}

struct Database::Pending {
  std::function<platform::Result<void>(Connection&)> fn;
  bool outside_transaction = false;  // runs alone, not inside BEGIN/COMMIT (checkpoints)
  platform::Result<void> result;
  bool done = false;
  std::mutex mutex;
  std::condition_variable cv;
};

namespace {

platform::Result<sqlite3*> open_connection(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    auto e = sqlite_error(db, "open " + path);
    sqlite3_close(db);
    return std::unexpected(e);
  }
  sqlite3_busy_timeout(db, 10'000);
  Connection c(db);
  // secure_delete: freed pages are zeroed, so erased rows do not linger in free pages.
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
  if (!read_only) pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
  if (auto r = c.exec(pragmas); !r) {
    sqlite3_close(db);
    return std::unexpected(r.error());
  }
  return db;
}

}  // namespace

Database::Database(std::string path, Options options) : path_(std::move(path)), options_(options) {}

platform::Result<std::unique_ptr<Database>> Database::open(const std::string& path, Options options) {
  // Create the file owner-only before SQLite does (it would use 0644); SQLite gives the WAL and
  // shared-memory files the same mode as the database.
  if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
  std::unique_ptr<Database> db(new Database(path, options));
  auto w = open_connection(path, false);
  if (!w) return std::unexpected(w.error());
  db->writer_ = *w;
  Connection c(db->writer_);
  if (auto r = c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT "
                      "NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()), PRIMARY KEY (component, version))");
      !r)
    return std::unexpected(r.error());
  for (int i = 0; i < options.read_connections; ++i) {
    auto r = open_connection(path, true);
    if (!r) return std::unexpected(r.error());
    db->readers_.push_back(*r);
    db->free_readers_.push_back(*r);
  }
  db->writer_thread_ = std::thread([raw = db.get()] { raw->writer_loop(); });
  return db;
}

Database::~Database() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  for (auto* r : readers_) sqlite3_close(r);
  sqlite3_close(writer_);
}

platform::Result<void> Database::write(std::function<platform::Result<void>(Connection&)> fn) {
  return enqueue(std::move(fn), false);
}

platform::Result<void> Database::enqueue(std::function<platform::Result<void>(Connection&)> fn,
                                         bool outside_transaction) {
  auto p = std::make_shared<Pending>();
  p->fn = std::move(fn);
  p->outside_transaction = outside_transaction;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return platform::fail("store-error", 500, "Storage error", "database is closing");
    queue_.push_back(p);
  }
  queue_cv_.notify_one();
  std::unique_lock lock(p->mutex);
  p->cv.wait(lock, [&] { return p->done; });
  return p->result;
}

void Database::writer_loop() {
  Connection c(writer_);
  for (;;) {
    std::vector<std::shared_ptr<Pending>> batch;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      if (queue_.front()->outside_transaction) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      } else {
        while (!queue_.empty() && batch.size() < options_.max_batch && !queue_.front()->outside_transaction) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    if (batch.front()->outside_transaction) {
      auto& p = batch.front();
      std::lock_guard lock(p->mutex);
      p->result = p->fn(c);
      p->done = true;
      p->cv.notify_all();
      continue;
    }
    platform::Result<void> txn = c.exec("BEGIN IMMEDIATE");
    if (txn) {
      for (auto& p : batch) {
        if (auto r = c.exec("SAVEPOINT w"); !r) {
          p->result = r;
          continue;
        }
        try {
          p->result = p->fn(c);
        } catch (const std::exception& e) {
          p->result = platform::fail("store-error", 500, "Storage error", e.what());
        }
        if (!p->result) (void)c.exec("ROLLBACK TO w");
        (void)c.exec("RELEASE w");
      }
      txn = c.exec("COMMIT");
      if (!txn) (void)c.exec("ROLLBACK");
    }
    {
      std::lock_guard lock(queue_mutex_);
      ++commits_;
    }
    for (auto& p : batch) {
      std::lock_guard lock(p->mutex);
      if (!txn) p->result = std::unexpected(txn.error());  // nothing of the batch is durable
      p->done = true;
      p->cv.notify_all();
    }
  }
}

platform::Result<void> Database::read(const std::function<platform::Result<void>(Connection&)>& fn) {
  sqlite3* db = nullptr;
  {
    std::unique_lock lock(readers_mutex_);
    readers_cv_.wait(lock, [&] { return !free_readers_.empty(); });
    db = free_readers_.back();
    free_readers_.pop_back();
  }
  Connection c(db);
  platform::Result<void> r = c.exec("BEGIN");
  if (r) {
    r = fn(c);
    (void)c.exec("COMMIT");
  }
  {
    std::lock_guard lock(readers_mutex_);
    free_readers_.push_back(db);
  }
  readers_cv_.notify_one();
  return r;
}

platform::Result<void> Database::migrate(std::string_view component, std::span<const Migration> migrations) {
  return write([&](Connection& c) -> platform::Result<void> {
    auto q = c.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations WHERE component = ?");
    if (!q) return std::unexpected(q.error());
    q->bind_text(1, component);
    if (auto s = q->step(); !s) return std::unexpected(s.error());
    const std::int64_t applied = q->int64(0);
    for (auto& m : migrations) {
      if (m.version <= applied) continue;
      if (auto r = c.exec(std::string(m.sql)); !r) return r;
      auto ins = c.prepare("INSERT INTO schema_migrations (component, version) VALUES (?, ?)");
      if (!ins) return std::unexpected(ins.error());
      ins->bind_text(1, component).bind(2, std::int64_t{m.version});
      if (auto r = ins->run(); !r) return r;
    }
    return {};
  });
}

platform::Result<void> Database::checkpoint_truncate() {
  // Runs on the writer thread, between transactions, so it never races a write of ours.
  return enqueue(
      [](Connection& c) -> platform::Result<void> {
        int log = 0, ckpt = 0;
        if (sqlite3_wal_checkpoint_v2(c.raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &ckpt) != SQLITE_OK)
          return std::unexpected(sqlite_error(c.raw(), "checkpoint"));
        return {};
      },
      true);
}

std::uint64_t Database::commits() const {
  std::lock_guard lock(queue_mutex_);
  return commits_;
}

}  // namespace mind_log::store
