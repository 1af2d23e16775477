#pragma once
// The embedded SQLite store of Mind-Log (one file under the data dir, WAL mode).
//
// Writes go through one writer thread that groups whatever is queued into one transaction and
// one fsync (group commit): each write() runs inside its own SAVEPOINT, so a failing write
// rolls back alone, and returns only once its commit is durable (synchronous=FULL).
// Reads run on a small pool of read-only connections that see the last committed snapshot.
//
// Thread-safe: the write queue is guarded by a mutex/condition variable; each connection is
// used by one thread at a time (the writer thread, or a reader holding it from the pool).
#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/core/error.hpp"

namespace mind_log::store {

// Errors from SQLite: "store-error" (500). Constraint violations: "store-conflict" (409).
platform::Error sqlite_error(sqlite3* db, std::string_view what);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)) {}
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind_text(int i, std::string_view v);
  Statement& bind_blob(int i, std::string_view v);
  Statement& bind_null(int i);
  Statement& bind_optional_blob(int i, const std::optional<std::string>& v);

  // true: a row is available; false: done.
  platform::Result<bool> step();
  platform::Result<void> run();  // steps to completion

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<std::string> optional_blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  platform::Result<Statement> prepare(std::string_view sql);
  platform::Result<void> exec(const std::string& sql);
  std::int64_t changes() const { return sqlite3_changes64(db_); }
  sqlite3* raw() const { return db_; }

 private:
  sqlite3* db_;
};

struct Migration {
  int version;           // 1, 2, 3 ... per component, applied in order, each exactly once
  std::string_view sql;  // may hold several statements
};

class Database {
 public:
  struct Options {
    int read_connections = 4;
    std::size_t max_batch = 256;  // writes grouped into one commit at most
  };
  static platform::Result<std::unique_ptr<Database>> open(const std::string& path, Options options);
  static platform::Result<std::unique_ptr<Database>> open(const std::string& path) { return open(path, Options{}); }
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies the component's migrations not yet recorded in schema_migrations.
  platform::Result<void> migrate(std::string_view component, std::span<const Migration> migrations);

  // Runs fn inside the next group-committed transaction; returns after the commit is durable
  // (or with fn's error, in which case its changes were rolled back).
  platform::Result<void> write(std::function<platform::Result<void>(Connection&)> fn);

  // Runs fn on a read-only connection (a consistent snapshot for its duration).
  platform::Result<void> read(const std::function<platform::Result<void>(Connection&)>& fn);

  // Copies the WAL into the main file and truncates the WAL to zero bytes, so erased pages
  // (zeroed by secure_delete) leave no older copy in the WAL.
  platform::Result<void> checkpoint_truncate();

  const std::string& path() const { return path_; }
  std::uint64_t commits() const;  // group commits done (for metrics and tests)

 private:
  struct Pending;
  Database(std::string path, Options options);
  void writer_loop();
  platform::Result<void> enqueue(std::function<platform::Result<void>(Connection&)> fn, bool outside_transaction);

  std::string path_;
  Options options_;
  sqlite3* writer_ = nullptr;
  std::vector<sqlite3*> readers_;
  std::vector<sqlite3*> free_readers_;
  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_thread_;
};

}  // namespace mind_log::store
