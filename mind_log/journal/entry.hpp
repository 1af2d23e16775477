#pragma once
// A journal entry and the rules for accepting one. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mind_log/journal/emotion_analyzer.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "platform/core/timestamp.hpp"

namespace mind_log::journal {

// What a client sends (already pulled out of JSON); validated by validate_entry().
struct EntryInput {
  std::string text;
  std::int64_t mood = 0;                 // 1..10
  std::vector<std::string> tags;         // emotion tags the person chose
  std::vector<std::string> activities;
  std::optional<double> sleep_hours;     // 0..24
  std::string occurred_at;               // RFC 3339 with offset, e.g. 2026-11-27T21:30:00+09:00
  std::string time_zone;                 // IANA-style name, e.g. Asia/Seoul
};

struct EntryLimits {
  std::size_t max_text_bytes = 20'000;
  std::size_t max_tags = 20, max_tag_bytes = 32;
  std::size_t max_activities = 20, max_activity_bytes = 64;
};

struct Entry {
  std::string entry_id;
  platform::Millis occurred_at = 0;  // UTC
  int utc_offset_minutes = 0;        // from the RFC 3339 offset
  std::string time_zone;
  std::string text;
  std::int64_t mood = 0;
  std::vector<std::string> tags;
  std::vector<std::string> activities;
  std::optional<double> sleep_hours;
  std::optional<EmotionScores> emotions;  // absent once retention cleared the derived data
  platform::Millis created_at = 0;
  platform::Millis updated_at = 0;
};

// Errors: "entry-too-large" 413 (text over the limit); "invalid-field" 422 naming the field
// (mood, sleep_hours, tags, activities, occurred_at, time_zone, text not UTF-8).
platform::Result<Entry> validate_entry(const EntryInput& in, const EntryLimits& limits = {});

bool valid_utf8(std::string_view s);

}  // namespace mind_log::journal
