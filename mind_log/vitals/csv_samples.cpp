#include "mind_log/vitals/csv_samples.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace mind_log::vitals {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
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

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp_ms(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (s.find('-', 1) == std::string_view::npos) {  // epoch milliseconds
    std::int64_t v;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
  }
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 3) millis = millis * 10 + (s[pos] - '0');
      ++pos;
    }
    if (pos == start) return std::nullopt;
    for (std::size_t k = pos - start; k < 3; ++k) millis *= 10;
  }
  if (pos < s.size() && s[pos] == ' ') ++pos;
  std::int64_t offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1, oh, om;
    ++pos;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    pos += 2;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!digits(s, pos, 2, om) || oh > 14 || om > 59) return std::nullopt;
    pos += 2;
    offset_min = sign * (oh * 60 + om);
  } else {
    return std::nullopt;  // a local time without a zone is ambiguous
  }
  if (pos != s.size()) return std::nullopt;
  std::int64_t secs = days_from_civil(y, mo, d) * 86'400 + h * 3600 + mi * 60 + sec - offset_min * 60;
  return secs * 1000 + millis;
}

platform::Result<std::vector<Sample>> parse_samples_csv(std::string_view text) {
  std::vector<Sample> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::size_t comma = line.find(',');
    auto bad = [&](const char* why) {
      return platform::fail("invalid-csv", 422, "Invalid CSV row", "line " + std::to_string(line_no) + ": " + why);
    };
    if (comma == std::string_view::npos) return bad("expected timestamp,value");
    auto t = parse_timestamp_ms(line.substr(0, comma));
    std::string_view vtext = trim(line.substr(comma + 1));
    double v = 0;
    auto [p, ec] = std::from_chars(vtext.data(), vtext.data() + vtext.size(), v);
    bool value_ok = ec == std::errc() && p == vtext.data() + vtext.size() && !vtext.empty();
    if (!t || !value_ok) {
      if (out.empty() && line_no == 1) continue;  // a header row
      return bad(!t ? "unreadable timestamp" : "unreadable value");
    }
    out.push_back({*t, v});
  }
  return out;
}

}  // namespace mind_log::vitals
