#include "platform/log/logger.hpp"

#include <boost/json/serialize.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace platform::log {
namespace {
std::atomic<Level> g_level{Level::info};
std::mutex g_service_mutex;
std::string g_service = "service";

const char* level_name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

std::string timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto t = system_clock::to_time_t(now);
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];  // room for any int the compiler cannot rule out (-Wformat-truncation)
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}
}  // namespace

void set_level(Level level) { g_level.store(level); }

void set_service(std::string_view service_name) {
  std::lock_guard lock(g_service_mutex);
  g_service = service_name;
}

void write(Level level, std::string_view event, boost::json::object fields) {
  if (level < g_level.load(std::memory_order_relaxed)) return;
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = level_name(level);
  {
    std::lock_guard lock(g_service_mutex);
    line["service"] = g_service;
  }
  line["event"] = event;
  for (auto& [k, v] : fields) line[k] = std::move(v);
  std::string text = boost::json::serialize(line);
  text += '\n';
  // One fwrite per line on unbuffered stderr is one write(2): lines from threads never interleave.
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace platform::log
