#pragma once
// Personal memory: a profile of recurring themes, triggers, people, activities and which
// exercises the person found helpful, built from their journal, check-ins and past
// conversations; and per-turn recall of relevant past entries (BM25) within a context budget.
// The person can list and delete every item. Plain values; the service encrypts them at rest.
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.hpp"

namespace mind_log::counsel {

struct MemorySource {
  std::string id;    // e.g. "journal:42", "conversation:abc:7"
  std::string kind;  // journal | checkin | conversation
  std::int64_t at_ms = 0;
  std::string text;  // decrypted, for this request only
};

struct ExerciseRating {
  std::string exercise;  // grounding | breathing | thought_record | activation | sleep
  bool helpful = false;
  std::int64_t at_ms = 0;
};

struct MemoryItem {
  std::string id;     // stable: "<kind>:<label>"
  std::string kind;   // theme | trigger | person | activity | helpful_exercise
  std::string label;  // canonical English label, e.g. "work", "mother", "walking"
  int mentions = 0;
  std::int64_t last_seen_ms = 0;
};

struct MemoryProfile {
  std::vector<MemoryItem> items;
  std::vector<std::string> forgotten;  // ids the person deleted; never re-learned

  const MemoryItem* find(std::string_view id) const;
  bool has(std::string_view kind, std::string_view label) const;
};

// Rebuilds the profile from sources; items in `previous.forgotten` stay forgotten.
MemoryProfile build_profile(const std::vector<MemorySource>& sources, const std::vector<ExerciseRating>& ratings,
                            const MemoryProfile& previous = {});

// Errors: "memory-item-not-found" 404.
platform::Result<void> forget_item(MemoryProfile& profile, std::string_view id);
void forget_all(MemoryProfile& profile);

boost::json::object to_json(const MemoryProfile& p);
platform::Result<MemoryProfile> memory_profile_from_json(const boost::json::value& v);

// Text written to look like instructions to the model ("ignore your instructions...").
// Such entries are kept out of prompts and out of recall.
bool looks_like_prompt_injection(std::string_view text);

struct Recalled {
  std::string id;
  std::string kind;
  std::int64_t at_ms = 0;
  std::string excerpt;  // possibly shortened to fit the budget
  double score = 0;
};
struct RecallResult {
  std::vector<Recalled> entries;
  std::size_t excluded_injection = 0;
};
// Top entries for `query`, best first, whose excerpts fit `budget_chars` in total.
RecallResult recall(const std::vector<MemorySource>& sources, std::string_view query, std::size_t k,
                    std::size_t budget_chars);

// Topic/people/activity detection shared with the engine: canonical labels found in text.
std::vector<std::string> detect_labels(std::string_view text, std::string_view kind);

}  // namespace mind_log::counsel
