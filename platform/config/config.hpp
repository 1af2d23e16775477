#pragma once
// Configuration declared once per binary, then read from (lowest to highest precedence) the
// defaults, a JSON config file (--config FILE), environment variables (PREFIX_KEY_NAME) and
// flags (--key-name=value or --key-name value). An unknown key or a bad value is an error that
// names it; the binary prints it on one line and exits 2.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/error.hpp"

namespace platform::config {

enum class Type { string, integer, boolean };

class Config {
 public:
  // env_prefix: e.g. "TRAFFIC_MASTER" makes --data-dir readable as TRAFFIC_MASTER_DATA_DIR.
  explicit Config(std::string env_prefix);

  Config& add_string(std::string key, std::string default_value, std::string help);
  Config& add_int(std::string key, std::int64_t default_value, std::int64_t min, std::int64_t max, std::string help);
  Config& add_bool(std::string key, bool default_value, std::string help);

  // args are argv[1..]; positional arguments (not starting with --) are returned in positional().
  Result<void> load(const std::vector<std::string>& args, char** environ_ptr);

  std::string get_string(const std::string& key) const;
  std::int64_t get_int(const std::string& key) const;
  bool get_bool(const std::string& key) const;
  bool help_requested() const { return help_; }
  const std::vector<std::string>& positional() const { return positional_; }
  // PREFIX_* environment variables that name no setting (a typo, or a setting of another
  // version): not an error, since the environment is shared with other software, but the
  // binary logs each one so a misspelt setting does not go unnoticed.
  const std::vector<std::string>& unknown_environment() const { return unknown_env_; }
  std::string help_text(const std::string& usage) const;

 private:
  struct Option {
    Type type;
    std::string value;
    std::int64_t min = 0, max = 0;
    std::string help;
    std::string default_value;
  };
  Result<void> set(const std::string& key, const std::string& value, const std::string& source);
  std::string env_prefix_;
  std::map<std::string, Option> options_;
  std::vector<std::string> positional_;
  std::vector<std::string> unknown_env_;
  bool help_ = false;
};

}  // namespace platform::config
