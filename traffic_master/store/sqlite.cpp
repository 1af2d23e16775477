#include "traffic_master/store/sqlite.hpp"

#include <cstdio>
#include <cstdlib>

namespace traffic_master::store {
namespace {

// The store cannot acknowledge anything it failed to write: a storage error ends the process
// and recovery starts from what is on disk.
[[noreturn]] void die(sqlite3* db, std::string_view what) {
  std::fprintf(stderr, "{\"level\":\"error\",\"event\":\"sqlite.fatal\",\"what\":\"%.*s\",\"sqlite\":\"%s\"}\n",
               static_cast<int>(what.size()), what.data(), db ? sqlite3_errmsg(db) : "");
  std::abort();
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK)
    die(db, sql);
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
  sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}

bool Statement::step() {
  constraint_failed_ = false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt_);
    return false;
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    constraint_failed_ = true;
    sqlite3_reset(stmt_);
    return false;
  }
  die(sqlite3_db_handle(stmt_), sqlite3_sql(stmt_));
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::column_text(int i) const {
  auto* p = sqlite3_column_text(stmt_, i);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, i)) : std::string();
}

std::string_view Statement::column_blob(int i) const {
  auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
  return p ? std::string_view(p, sqlite3_column_bytes(stmt_, i)) : std::string_view();
}

platform::Result<Database> Database::open(const std::string& path) {
  // SQLite counts every allocation under a global mutex unless told not to; nothing here reads
  // the counters. Takes effect only before SQLite initialises; later calls change nothing.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return platform::fail("store-unavailable", 503, "Storage is unavailable", msg);
  }
  sqlite3_busy_timeout(db, 5000);
  return Database(db);
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close_v2(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    die(db_, s + ": " + msg);
  }
}

}  // namespace traffic_master::store
