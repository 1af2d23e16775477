#include "mind_log/journal/entry.hpp"

#include <cmath>
#include <cstdio>

namespace mind_log::journal {
namespace {

platform::Error invalid(std::string field, std::string what) {
  return {"invalid-field", 422, "A field is invalid", field + ": " + what};
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
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

std::optional<Instant> parse_rfc3339(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return std::nullopt;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return std::nullopt;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[mo - 1] + (mo == 2 && leap)) return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (scale > 0) millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      ++n;
    }
    if (n == 0 || n > 9) return std::nullopt;
  }
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t local_s = days * 86400 + h * 3600 + mi * 60 + se;
  return Instant{(local_s - offset * 60LL) * 1000 + millis, offset};
}

std::string format_rfc3339(platform::Millis utc_ms, int offset_minutes) {
  std::int64_t local_ms = utc_ms + offset_minutes * 60'000LL;
  std::int64_t secs = local_ms >= 0 ? local_ms / 1000 : (local_ms - 999) / 1000;
  std::int64_t ms = local_ms - secs * 1000;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  std::int64_t rem = secs - days * 86400;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld%c%02d:%02d", static_cast<long long>(y), m,
                d, static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60), static_cast<long long>(ms), offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return buf;
}

platform::Result<Entry> validate_entry(const EntryInput& in, const EntryLimits& limits) {
  if (in.text.size() > limits.max_text_bytes)
    return platform::fail("entry-too-large", 413, "Entry text is too large",
                          "text is limited to " + std::to_string(limits.max_text_bytes) + " bytes");
  if (!valid_utf8(in.text)) return std::unexpected(invalid("text", "not valid UTF-8"));
  if (in.mood < 1 || in.mood > 10) return std::unexpected(invalid("mood", "an integer from 1 to 10"));
  if (in.sleep_hours && (!std::isfinite(*in.sleep_hours) || *in.sleep_hours < 0 || *in.sleep_hours > 24))
    return std::unexpected(invalid("sleep_hours", "a number from 0 to 24"));
  auto when = parse_rfc3339(in.occurred_at);
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
