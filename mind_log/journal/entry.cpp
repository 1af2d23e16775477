#include "mind_log/journal/entry.hpp"

#include <cmath>

namespace mind_log::journal {
namespace {

platform::Error invalid(std::string field, std::string what) {
  return {"invalid-field", 422, "A field is invalid", field + ": " + what};
}

bool valid_time_zone(std::string_view tz) {
  if (tz.empty() || tz.size() > 64) return false;
  bool segment_start = true;
  for (char c : tz) {
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    bool digit = c >= '0' && c <= '9';
    if (c == '/') {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    if (segment_start && !alpha) return false;
    if (!alpha && !digit && c != '_' && c != '-' && c != '+') return false;
    segment_start = false;
  }
  return !segment_start;
}

platform::Result<std::vector<std::string>> check_list(const std::vector<std::string>& items, std::string_view field,
                                                      std::size_t max_items, std::size_t max_bytes) {
  if (items.size() > max_items) return std::unexpected(invalid(std::string(field), "at most " + std::to_string(max_items) + " items"));
  for (auto& s : items)
    if (s.empty() || s.size() > max_bytes || !valid_utf8(s))
      return std::unexpected(invalid(std::string(field), "each item must be 1.." + std::to_string(max_bytes) + " bytes of UTF-8"));
  return items;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

platform::Result<Entry> validate_entry(const EntryInput& in, const EntryLimits& limits) {
  if (in.text.size() > limits.max_text_bytes)
    return platform::fail("entry-too-large", 413, "Entry text is too large",
                          "text is limited to " + std::to_string(limits.max_text_bytes) + " bytes");
  if (!valid_utf8(in.text)) return std::unexpected(invalid("text", "not valid UTF-8"));
  if (in.mood < 1 || in.mood > 10) return std::unexpected(invalid("mood", "an integer from 1 to 10"));
  if (in.sleep_hours && (!std::isfinite(*in.sleep_hours) || *in.sleep_hours < 0 || *in.sleep_hours > 24))
    return std::unexpected(invalid("sleep_hours", "a number from 0 to 24"));
  auto when = platform::parse_timestamp(in.occurred_at);
  if (!when) return std::unexpected(invalid("occurred_at", "an RFC 3339 date-time with offset, e.g. 2026-11-27T21:30:00+09:00"));
  if (!valid_time_zone(in.time_zone)) return std::unexpected(invalid("time_zone", "a time zone name such as Asia/Seoul"));
  auto tags = check_list(in.tags, "tags", limits.max_tags, limits.max_tag_bytes);
  if (!tags) return std::unexpected(tags.error());
  auto acts = check_list(in.activities, "activities", limits.max_activities, limits.max_activity_bytes);
  if (!acts) return std::unexpected(acts.error());
  Entry e;
  e.occurred_at = when->utc_ms;
  e.utc_offset_minutes = when->offset_minutes;
  e.time_zone = in.time_zone;
  e.text = in.text;
  e.mood = in.mood;
  e.tags = std::move(*tags);
  e.activities = std::move(*acts);
  e.sleep_hours = in.sleep_hours;
  e.emotions = analyze_emotions(in.text);
  return e;
}

}  // namespace mind_log::journal
