#pragma once
// Tamper-evident, hash-chained audit log of security events (logins, exports, deletions, key
// operations), one line per event in a file under the data dir:
//
//   <hash: 64 hex> SP <event JSON> LF
//   event JSON = {"seq":N,"at":ms,"event":"...","user":"...","fields":{...},"prev":"<64 hex>"}
//   hash = SHA-256(previous line's hash as 32 raw bytes || event JSON bytes exactly as written)
//
// The first line's "prev" is 64 zeros. Editing, inserting, reordering or deleting any line
// breaks the chain at that line; `mind-log audit verify` reports where. The log holds opaque
// user ids and event names only, never journal content or e-mail addresses.
//
// Thread-safe: appends are serialised by a mutex; each line is written with one write(2) on an
// O_APPEND descriptor and fdatasync'ed before append() returns.
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace mind_log::governance {

// Pure chain step: the line to write after a line whose hash is `prev_hash_hex`.
struct ChainedLine {
  std::string line;      // without the trailing LF
  std::string hash_hex;  // this line's hash
};
ChainedLine chain_line(std::string_view prev_hash_hex, std::uint64_t seq, platform::Millis at, std::string_view event,
                       std::string_view user_id, const boost::json::object& fields);

inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditReport {
  std::uint64_t lines = 0;
  std::string head_hash;  // hash of the last line (kGenesisHash when empty)
};

// Verifies a whole log text. Error "audit-chain-broken" names the first bad line (1-based).
platform::Result<AuditReport> verify_audit_text(std::string_view text);
platform::Result<AuditReport> verify_audit_file(const std::string& path);

class AuditLog {
 public:
  // Opens (creating with mode 0600) and checks the existing chain, so appends continue it.
  static platform::Result<std::unique_ptr<AuditLog>> open(const std::string& path, const platform::Clock& clock);
  ~AuditLog();

  // Errors: "audit-io" (500) if the line could not be made durable.
  platform::Result<void> append(std::string_view event, std::string_view user_id, boost::json::object fields = {});
  std::uint64_t lines() const;
  const std::string& path() const { return path_; }

 private:
  AuditLog(std::string path, int fd, const platform::Clock& clock, AuditReport head);
  std::string path_;
  int fd_;
  const platform::Clock& clock_;
  mutable std::mutex mutex_;
  std::uint64_t seq_;
  std::string head_;
};

}  // namespace mind_log::governance
