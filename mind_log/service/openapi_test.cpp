// docs/api/mind-log.yaml must describe every route the service installs, and nothing of ours
// that it does not install.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "mind_log/service/mind_log_app.hpp"

namespace mind_log::service {
namespace {

TEST(OpenApiTest, SpecMatchesInstalledRoutes) {
  const char* root = std::getenv("REPO_ROOT");
  ASSERT_NE(root, nullptr);
  std::ifstream in(std::string(root) + "/docs/api/mind-log.yaml");
  ASSERT_TRUE(in) << "docs/api/mind-log.yaml is missing";
  std::set<std::pair<std::string, std::string>> documented;
  std::string line, path;
  bool openapi31 = false;
  const std::regex path_re(R"(^  (/[^:]*):\s*$)"), method_re(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.starts_with("openapi: 3.1")) openapi31 = true;
    if (std::regex_match(line, m, path_re)) path = m[1];
    else if (std::regex_match(line, m, method_re) && !path.empty()) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      documented.emplace(method, path);
    }
  }
  EXPECT_TRUE(openapi31);

  auto dir = std::filesystem::temp_directory_path() / ("ml-openapi-" + std::to_string(::getpid()));
  platform::SystemClock clock;
  platform::metrics::Registry metrics;
  platform::config::Config config("MIND_LOG_TEST");
  Settings s;
  s.data_dir = dir.string();
  s.purge_interval_ms = 0;
  {
    auto app = MindLogApp::open(s, clock, metrics, config);
    ASSERT_TRUE(app);
    platform::http::Router router;
    (*app)->install_routes(router);
    std::set<std::pair<std::string, std::string>> installed((*app)->routes().begin(), (*app)->routes().end());
    for (auto& r : installed) EXPECT_TRUE(documented.contains(r)) << r.first << " " << r.second << " is not in the spec";
    for (auto& d : documented) {
      bool ours = d.second.starts_with("/api/v1/accounts") || d.second.starts_with("/api/v1/sessions") ||
                  d.second.starts_with("/api/v1/me") || d.second.starts_with("/api/v1/journal");
      if (ours) {
        EXPECT_TRUE(installed.contains(d)) << d.first << " " << d.second << " is documented but not served";
      }
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mind_log::service
