#pragma once
// The encrypted mood journal over the SQLite store. Every sensitive field is sealed by the
// vault before it reaches the database (field names "journal.<column>"; record id = entry
// id), so the file, its WAL and any backup hold only ciphertext; only the entry time is
// plaintext, for date-range listing. Encryption runs on the caller's thread; the durable
// commit is shared with concurrent writers (Database group commit).
//
// Errors: "entry-not-found" 404 (also for another user's entry: existence is not revealed),
// validation errors of entry.hpp, "invalid-field" 422 for a bad range or limit, vault errors.
// Thread-safe: stateless over the thread-safe Database and Vault.
#include <boost/json/value.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/journal/entry.hpp"
#include "mind_log/store/database.hpp"
#include "mind_log/vault/vault.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::journal {

std::span<const store::Migration> journal_migrations();

class JournalStore {
 public:
  JournalStore(store::Database& db, vault::Vault& vault, const platform::Clock& clock, EntryLimits limits = {})
      : db_(db), vault_(vault), clock_(clock), limits_(limits) {}

  platform::Result<Entry> create(std::string_view user_id, const EntryInput& input);
  platform::Result<Entry> update(std::string_view user_id, std::string_view entry_id, const EntryInput& input);
  platform::Result<void> remove(std::string_view user_id, std::string_view entry_id);
  platform::Result<Entry> get(std::string_view user_id, std::string_view entry_id);
  // Entries with from_ms <= occurred_at < to_ms, oldest first, at most `limit` (1..500).
  platform::Result<std::vector<Entry>> list(std::string_view user_id, platform::Millis from_ms, platform::Millis to_ms,
                                            std::int64_t limit);

  // For the governance registry: everything of the user, and erasure of all their rows.
  platform::Result<boost::json::value> export_user(std::string_view user_id);
  platform::Result<void> erase_user(std::string_view user_id);

 private:
  struct Sealed;
  platform::Result<Sealed> seal(std::string_view user_id, const std::string& entry_id, const Entry& e);

  store::Database& db_;
  vault::Vault& vault_;
  const platform::Clock& clock_;
  EntryLimits limits_;
};

boost::json::object entry_to_json(const Entry& e);
boost::json::object emotions_to_json(const EmotionScores& s);

}  // namespace mind_log::journal
