#pragma once
// Counselling data at rest: conversation messages, the memory profile, exercise ratings, the
// safety plan (all encrypted through the vault, one record key per row) and the operator's
// risk-event queue (level and reasons encrypted too; only ids, status and times are plain).
// Thread-safe: the Database serialises writes and pools reads; the vault is thread-safe.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "mind_log/counsel/memory.hpp"
#include "mind_log/counsel/risk.hpp"
#include "mind_log/counsel/safety_plan.hpp"
#include "mind_log/store/database.hpp"
#include "mind_log/vault/vault.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::service {

struct CounselMessage {
  std::int64_t seq = 0;
  std::string role;  // user | assistant
  std::string text;
  platform::Millis at = 0;
};

struct RiskEvent {
  std::string event_id;
  std::string user_id;
  std::string conversation_id;
  std::string level;
  std::vector<std::string> reasons;
  std::string status;  // open | resolved
  std::string note;    // reviewer's note
  platform::Millis created_at = 0;
  platform::Millis resolved_at = 0;
};

class CounselStore {
 public:
  CounselStore(store::Database& db, vault::Vault& vault, const platform::Clock& clock)
      : db_(db), vault_(vault), clock_(clock) {}
  static std::span<const store::Migration> migrations();

  platform::Result<std::string> create_conversation(std::string_view user);
  // Errors: "conversation-not-found" 404 (also for another user's conversation).
  platform::Result<void> check_conversation(std::string_view user, std::string_view conversation);
  platform::Result<std::vector<std::string>> conversations(std::string_view user);
  platform::Result<void> append(std::string_view user, std::string_view conversation, std::string_view role,
                                std::string_view text);
  platform::Result<std::vector<CounselMessage>> messages(std::string_view user, std::string_view conversation);
  platform::Result<void> delete_conversation(std::string_view user, std::string_view conversation);

  platform::Result<counsel::MemoryProfile> profile(std::string_view user);  // empty when none stored
  platform::Result<void> put_profile(std::string_view user, const counsel::MemoryProfile& p);
  platform::Result<void> add_rating(std::string_view user, const counsel::ExerciseRating& r);
  platform::Result<std::vector<counsel::ExerciseRating>> ratings(std::string_view user);

  // Errors: "safety-plan-not-found" 404 from safety_plan().
  platform::Result<counsel::SafetyPlan> safety_plan(std::string_view user);
  platform::Result<void> put_safety_plan(std::string_view user, const counsel::SafetyPlan& plan);
  platform::Result<void> delete_safety_plan(std::string_view user);

  platform::Result<std::string> add_risk_event(std::string_view user, std::string_view conversation,
                                               const counsel::RiskAssessment& risk);
  platform::Result<std::vector<RiskEvent>> risk_events(std::string_view status, std::int64_t limit);
  // Errors: "risk-event-not-found" 404.
  platform::Result<RiskEvent> resolve_risk_event(std::string_view event_id, std::string_view note);

  platform::Result<boost::json::value> export_user(std::string_view user);
  platform::Result<void> erase_user(std::string_view user);

 private:
  platform::Result<std::string> seal(std::string_view user, std::string_view record, std::string_view field,
                                     std::string_view plain);
  platform::Result<std::string> open(std::string_view user, std::string_view record, std::string_view field,
                                     std::string_view sealed);
  store::Database& db_;
  vault::Vault& vault_;
  const platform::Clock& clock_;
};

}  // namespace mind_log::service
