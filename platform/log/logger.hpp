#pragma once
// Structured logs: one JSON object per line on stderr. Never pass request bodies or secrets.
//   log::info("hold.created", {{"event", id}, {"seats", n}});
#include <boost/json/object.hpp>
#include <string_view>

namespace platform::log {

enum class Level { debug, info, warn, error };

void set_level(Level level);
void set_service(std::string_view service_name);
void write(Level level, std::string_view event, boost::json::object fields = {});
inline void debug(std::string_view e, boost::json::object f = {}) { write(Level::debug, e, std::move(f)); }
inline void info(std::string_view e, boost::json::object f = {}) { write(Level::info, e, std::move(f)); }
inline void warn(std::string_view e, boost::json::object f = {}) { write(Level::warn, e, std::move(f)); }
inline void error(std::string_view e, boost::json::object f = {}) { write(Level::error, e, std::move(f)); }

}  // namespace platform::log
