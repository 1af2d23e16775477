#pragma once
// A minimal RAII layer over the SQLite C API: one connection, prepared statements, and
// transactions. Not thread-safe: a Database belongs to one thread at a time.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"

namespace traffic_master::store {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept : stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, const void* data, std::size_t size);
  // Runs to the next row: true if a row is available, false when done. Aborts on errors other
  // than constraint violations, which are reported through `constraint_failed()`.
  bool step();
  void reset();
  bool constraint_failed() const { return constraint_failed_; }
  std::int64_t column_int(int i) const { return sqlite3_column_int64(stmt_, i); }
  std::string column_text(int i) const;
  std::string_view column_blob(int i) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool constraint_failed_ = false;
};

class Database {
 public:
  static platform::Result<Database> open(const std::string& path);
  Database() = default;
  ~Database();
  Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Database& operator=(Database&& o) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);  // aborts on failure: schema and pragmas must work
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace traffic_master::store
