#include "mind_log/governance/data_classes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "mind_log/store/database.hpp"

namespace mind_log::governance {

std::string_view to_string(DataClass c) {
  switch (c) {
    case DataClass::identity: return "identity";
    case DataClass::health_sensitive: return "health-sensitive";
    case DataClass::derived: return "derived";
    case DataClass::operational: return "operational";
  }
  return "?";
}

std::int64_t RetentionPolicy::days(DataClass c) const {
  switch (c) {
    case DataClass::identity: return identity_days;
    case DataClass::health_sensitive: return health_sensitive_days;
    case DataClass::derived: return derived_days;
    case DataClass::operational: return operational_days;
  }
  return 0;
}

const std::vector<FieldClass>& data_fields() {
  using enum DataClass;
  static const std::vector<FieldClass> fields = {
      {"schema_migrations", "component", operational, false, "module whose schema this is"},
      {"schema_migrations", "version", operational, false, ""},
      {"schema_migrations", "applied_at", operational, false, ""},

      {"users", "user_id", operational, false, "random opaque id; never derived from the e-mail"},
      {"users", "email_index", identity, true, "blind index: HMAC-SHA256 of the normalised e-mail (login lookup)"},
      {"users", "email_ct", identity, true, "vault ciphertext of the e-mail address"},
      {"users", "password_hash", identity, true, "Argon2id encoded hash (one-way), never the password"},
      {"users", "created_at", operational, false, ""},
      {"users", "session_generation", operational, false, "bumped by log-out-everywhere; access tokens carry it"},
      {"users", "failed_logins", operational, false, "consecutive failed logins (lockout)"},
      {"users", "first_failed_at", operational, false, ""},
      {"users", "locked_until", operational, false, ""},

      {"refresh_tokens", "token_hash", operational, true, "SHA-256 of the refresh token; the token is never stored"},
      {"refresh_tokens", "family_id", operational, false, "one login's chain of rotated tokens"},
      {"refresh_tokens", "user_id", operational, false, ""},
      {"refresh_tokens", "created_at", operational, false, ""},
      {"refresh_tokens", "expires_at", operational, false, ""},
      {"refresh_tokens", "used_at", operational, false, "set when rotated; a second use revokes the family"},
      {"refresh_tokens", "revoked_at", operational, false, ""},

      {"vault_user_keys", "user_id", operational, false, ""},
      {"vault_user_keys", "version", operational, false, "data key version (= KEK version at creation)"},
      {"vault_user_keys", "key_id", operational, false, "random id in every ciphertext header"},
      {"vault_user_keys", "wrapped", operational, true, "data key wrapped by the KEK; deleting it shreds the user"},
      {"vault_user_keys", "kek_version", operational, false, ""},

      {"journal_entries", "entry_id", operational, false, "random opaque id"},
      {"journal_entries", "user_id", operational, false, ""},
      {"journal_entries", "occurred_at", health_sensitive, false,
       "UTC time of the entry; plaintext so date-range listing works without decrypting"},
      {"journal_entries", "time_zone_ct", identity, true, "time zone name and UTC offset (a location hint)"},
      {"journal_entries", "text_ct", health_sensitive, true, "the free text"},
      {"journal_entries", "mood_ct", health_sensitive, true, "mood 1-10"},
      {"journal_entries", "tags_ct", health_sensitive, true, "emotion tags chosen by the person"},
      {"journal_entries", "activities_ct", health_sensitive, true, ""},
      {"journal_entries", "sleep_ct", health_sensitive, true, "hours of sleep"},
      {"journal_entries", "emotions_ct", derived, true, "emotion scores computed from the text"},
      {"journal_entries", "created_at", operational, false, ""},
      {"journal_entries", "updated_at", operational, false, ""},

      {"counsel_conversations", "conversation_id", operational, false, "random opaque id"},
      {"counsel_conversations", "user_id", operational, false, ""},
      {"counsel_conversations", "created_at", operational, false, ""},
      {"counsel_messages", "conversation_id", operational, false, ""},
      {"counsel_messages", "seq", operational, false, "order within the conversation"},
      {"counsel_messages", "user_id", operational, false, ""},
      {"counsel_messages", "role", operational, false, "user or assistant"},
      {"counsel_messages", "text_ct", health_sensitive, true, "what the person wrote and what the agent replied"},
      {"counsel_messages", "created_at", health_sensitive, false, "when they talked (a 2 a.m. pattern is telling)"},
      {"counsel_profiles", "user_id", operational, false, ""},
      {"counsel_profiles", "profile_ct", derived, true, "themes, triggers, people, activities, helpful exercises"},
      {"counsel_profiles", "updated_at", operational, false, ""},
      {"counsel_ratings", "rating_id", operational, false, "random opaque id"},
      {"counsel_ratings", "user_id", operational, false, ""},
      {"counsel_ratings", "rating_ct", health_sensitive, true, "exercise and whether it helped"},
      {"counsel_ratings", "created_at", operational, false, ""},
      {"counsel_safety_plans", "user_id", operational, false, ""},
      {"counsel_safety_plans", "plan_ct", health_sensitive, true, "warning signs, coping steps, contacts, reasons to live"},
      {"counsel_safety_plans", "updated_at", operational, false, ""},
      {"counsel_risk_events", "event_id", operational, false, "random opaque id"},
      {"counsel_risk_events", "user_id", operational, false, ""},
      {"counsel_risk_events", "conversation_id", operational, false, ""},
      {"counsel_risk_events", "detail_ct", health_sensitive, true, "risk level and reasons (never the message)"},
      {"counsel_risk_events", "status", operational, false, "open or resolved"},
      {"counsel_risk_events", "note_ct", health_sensitive, true, "the reviewer's note"},
      {"counsel_risk_events", "created_at", operational, false, ""},
      {"counsel_risk_events", "resolved_at", operational, false, ""},
  };
  return fields;
}

const std::vector<RetentionRule>& retention_rules() {
  using enum DataClass;
  static const std::vector<RetentionRule> rules = {
      {"journal_entries", "occurred_at", health_sensitive, {}},
      {"journal_entries", "updated_at", derived, {"emotions_ct"}},
      {"refresh_tokens", "expires_at", operational, {}},
  };
  return rules;
}

std::string render_data_classes_markdown(const RetentionPolicy& defaults) {
  std::string out =
      "# Mind-Log data classes\n\n"
      "Generated from `mind_log/governance/data_classes.cpp` by `mind-log data-classes`; do not edit by hand\n"
      "(a test compares this file with the code).\n\n"
      "| class | meaning | default retention |\n|---|---|---|\n";
  auto retention = [&](DataClass c) {
    auto d = defaults.days(c);
    return d == 0 ? std::string("until the person deletes it or their account") : std::to_string(d) + " days";
  };
  const std::pair<DataClass, std::string_view> classes[] = {
      {DataClass::identity, "who the person is: e-mail, credentials, location hints"},
      {DataClass::health_sensitive, "what they wrote or measured about their health"},
      {DataClass::derived, "computed from health data; re-derivable"},
      {DataClass::operational, "ids, timestamps, sessions, key metadata"},
  };
  for (auto& [c, meaning] : classes)
    out += "| " + std::string(to_string(c)) + " | " + std::string(meaning) + " | " + retention(c) + " |\n";
  out += "\nRetention is configurable per class (`--retention-<class>-days`); the purge job applies it.\n"
         "Erasure (account deletion) removes every row and shreds the user's data keys regardless.\n";
  std::string table;
  for (auto& f : data_fields()) {
    if (f.table != table) {
      table = f.table;
      out += "\n## `" + table + "`\n\n| column | class | encrypted | note |\n|---|---|---|---|\n";
    }
    out += "| `" + std::string(f.column) + "` | " + std::string(to_string(f.data_class)) + " | " +
           (f.encrypted ? "yes" : "no") + " | " + std::string(f.note) + " |\n";
  }
  out += "\n## Retention rules\n\n| table | age column | class | action |\n|---|---|---|---|\n";
  for (auto& r : retention_rules()) {
    std::string action = "delete row";
    if (!r.clear_columns.empty()) {
      action = "clear";
      for (auto c : r.clear_columns) action += " `" + std::string(c) + "`";
    }
    out += "| `" + std::string(r.table) + "` | `" + std::string(r.time_column) + "` | " +
           std::string(to_string(r.data_class)) + " | " + action + " |\n";
  }
  return out;
}

platform::Result<std::vector<std::string>> undeclared_columns(store::Database& db) {
  std::set<std::pair<std::string, std::string>> declared;
  for (auto& f : data_fields()) declared.emplace(f.table, f.column);
  std::vector<std::string> missing;
  auto r = db.read([&](store::Connection& c) -> platform::Result<void> {
    auto tables = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    if (!tables) return std::unexpected(tables.error());
    std::vector<std::string> names;
    for (;;) {
      auto more = tables->step();
      if (!more) return std::unexpected(more.error());
      if (!*more) break;
      names.push_back(tables->text(0));
    }
    for (auto& t : names) {
      auto cols = c.prepare("SELECT name FROM pragma_table_info(?)");
      if (!cols) return std::unexpected(cols.error());
      cols->bind_text(1, t);
      for (;;) {
        auto more = cols->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        if (!declared.contains({t, cols->text(0)})) missing.push_back(t + "." + cols->text(0));
      }
    }
    return {};
  });
  if (!r) return std::unexpected(r.error());
  std::sort(missing.begin(), missing.end());
  return missing;
}

}  // namespace mind_log::governance
