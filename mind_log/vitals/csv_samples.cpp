#include "mind_log/vitals/csv_samples.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "platform/core/timestamp.hpp"

namespace mind_log::vitals {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
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
  auto t = platform::parse_timestamp(s, platform::TimestampSyntax::lenient);
  if (!t) return std::nullopt;
  return t->utc_ms;
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
