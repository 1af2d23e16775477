#include "platform/core/timestamp.hpp"

#include <chrono>
#include <cstdio>

namespace platform {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s, TimestampSyntax syntax) {
  const bool lenient = syntax == TimestampSyntax::lenient;
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || !(s[10] == 'T' || s[10] == 't' || (lenient && s[10] == ' ')) || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (y < 1970 || !date.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
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
  if (lenient && pos < s.size() && s[pos] == ' ') ++pos;
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    int oh, om;
    if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    else if (!lenient) return std::nullopt;
    if (!digits(s, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
    pos += 2;
    offset = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t days = sys_days{date}.time_since_epoch().count();
  const std::int64_t local_s = days * 86'400 + h * 3600 + mi * 60 + se;
  return Timestamp{(local_s - offset * 60LL) * 1000 + millis, offset};
}

std::string format_rfc3339(Millis utc_ms, int offset_minutes) {
  using namespace std::chrono;
  const sys_time<milliseconds> local{milliseconds{utc_ms + offset_minutes * 60'000LL}};
  const auto day_start = floor<days>(local);
  const year_month_day date{day_start};
  const hh_mm_ss time{local - day_start};
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[96];  // room for any int the compiler cannot rule out (-Wformat-truncation)
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lld%c%02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long long>(time.hours().count()), static_cast<long long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()), static_cast<long long>(time.subseconds().count()),
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace platform
