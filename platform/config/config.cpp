#include "platform/config/config.hpp"

#include <boost/json/parse.hpp>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace platform::config {
namespace {

std::unexpected<Error> config_error(std::string detail) {
  return fail("config-invalid", 2, "Invalid configuration", std::move(detail));
}

std::string env_name(const std::string& prefix, const std::string& key) {
  std::string out = prefix + "_";
  for (char c : key) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Config::Config(std::string env_prefix) : env_prefix_(std::move(env_prefix)) {}

Config& Config::add_string(std::string key, std::string default_value, std::string help) {
  options_[std::move(key)] = Option{Type::string, default_value, 0, 0, std::move(help), default_value};
  return *this;
}

Config& Config::add_int(std::string key, std::int64_t default_value, std::int64_t min, std::int64_t max,
                        std::string help) {
  auto v = std::to_string(default_value);
  options_[std::move(key)] = Option{Type::integer, v, min, max, std::move(help), v};
  return *this;
}

Config& Config::add_bool(std::string key, bool default_value, std::string help) {
  std::string v = default_value ? "true" : "false";
  options_[std::move(key)] = Option{Type::boolean, v, 0, 0, std::move(help), v};
  return *this;
}

Result<void> Config::set(const std::string& key, const std::string& value, const std::string& source) {
  auto it = options_.find(key);
  if (it == options_.end()) return config_error("unknown setting '" + key + "' (from " + source + ")");
  auto& opt = it->second;
  if (opt.type == Type::integer) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || p != value.data() + value.size())
      return config_error("setting '" + key + "' (from " + source + ") must be an integer, got '" + value + "'");
    if (n < opt.min || n > opt.max)
      return config_error("setting '" + key + "' (from " + source + ") must be in [" + std::to_string(opt.min) +
                          ", " + std::to_string(opt.max) + "], got " + value);
  } else if (opt.type == Type::boolean) {
    if (value != "true" && value != "false" && value != "1" && value != "0")
      return config_error("setting '" + key + "' (from " + source + ") must be true or false, got '" + value + "'");
  }
  opt.value = value == "1" && opt.type == Type::boolean ? "true" : value == "0" && opt.type == Type::boolean ? "false" : value;
  return {};
}

Result<void> Config::load(const std::vector<std::string>& args, char** environ_ptr) {
  // Pass 1: flags, collected so the config file (lowest explicit source) can be applied first.
  std::vector<std::pair<std::string, std::string>> flags;
  std::string config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--help" || a == "-h") {
      help_ = true;
      continue;
    }
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional_.push_back(a);
      continue;
    }
    std::string key = a.substr(2), value;
    auto eq = key.find('=');
    if (eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    } else {
      auto it = options_.find(key);
      bool is_bool = it != options_.end() && it->second.type == Type::boolean;
      if (is_bool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return config_error("flag --" + key + " needs a value");
      }
    }
    if (key == "config") config_file = value;
    else flags.emplace_back(key, value);
  }
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    if (!in) return config_error("cannot read config file '" + config_file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto doc = boost::json::parse(ss.str(), ec);
    if (ec || !doc.is_object()) return config_error("config file '" + config_file + "' is not a JSON object");
    for (const auto& [k, v] : doc.as_object()) {
      std::string text;
      if (v.is_string()) text = v.as_string();
      else if (v.is_int64()) text = std::to_string(v.as_int64());
      else if (v.is_bool()) text = v.as_bool() ? "true" : "false";
      else return config_error("setting '" + std::string(k) + "' in '" + config_file + "' must be a string, integer or boolean");
      if (auto r = set(std::string(k), text, config_file); !r) return r;
    }
  }
  if (environ_ptr) {
    std::set<std::string, std::less<>> known;
    for (const auto& [key, opt] : options_) known.insert(env_name(env_prefix_, key));
    const std::string prefix = env_prefix_ + "_";
    for (char** e = environ_ptr; *e; ++e) {
      std::string_view entry(*e);
      auto name = entry.substr(0, entry.find('='));
      if (name.starts_with(prefix) && !known.contains(name)) unknown_env_.emplace_back(name);
    }
    for (auto& [key, opt] : options_) {
      auto name = env_name(env_prefix_, key);
      for (char** e = environ_ptr; *e; ++e) {
        std::string_view entry(*e);
        if (entry.size() > name.size() && entry.substr(0, name.size()) == name && entry[name.size()] == '=') {
          if (auto r = set(key, std::string(entry.substr(name.size() + 1)), "$" + name); !r) return r;
        }
      }
    }
  }
  for (const auto& [k, v] : flags)
    if (auto r = set(k, v, "--" + k); !r) return r;
  return {};
}

std::string Config::get_string(const std::string& key) const { return options_.at(key).value; }
std::int64_t Config::get_int(const std::string& key) const { return std::stoll(options_.at(key).value); }
bool Config::get_bool(const std::string& key) const { return options_.at(key).value == "true"; }

std::string Config::help_text(const std::string& usage) const {
  std::string out = usage + "\n\nOptions (flag --name, env " + env_prefix_ + "_NAME, or key in --config FILE.json):\n";
  for (const auto& [key, opt] : options_) {
    out += "  --" + key;
    out += std::string(key.size() < 24 ? 24 - key.size() : 1, ' ');
    out += opt.help + " (default: " + (opt.default_value.empty() ? "\"\"" : opt.default_value) + ")\n";
  }
  return out;
}

}  // namespace platform::config
