// docs/api/traffic-master.yaml and the registered routes must agree: every documented
// operation is routed to exactly the documented methods, and every route pattern written in
// this folder's sources is documented.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "traffic_master/service/service_test_support.hpp"

namespace traffic_master::service {
namespace {

std::string repo_root() {
  const char* r = std::getenv("REPO_ROOT");
  return r ? r : ".";
}

std::map<std::string, std::set<std::string>> documented_operations() {
  std::ifstream in(repo_root() + "/docs/api/traffic-master.yaml");
  EXPECT_TRUE(in) << "docs/api/traffic-master.yaml not found (REPO_ROOT=" << repo_root() << ")";
  std::map<std::string, std::set<std::string>> ops;
  std::string line, current;
  bool in_paths = false;
  std::regex path_re(R"(^  (/[^ :]+):\s*$)"), method_re(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ') in_paths = line.rfind("paths:", 0) == 0;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re)) current = m[1];
    else if (std::regex_match(line, m, method_re) && !current.empty()) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      ops[current].insert(method);
    }
  }
  return ops;
}

std::string concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "x1");
}

using OpenApiContract = testing::ServiceFixture;

TEST_F(OpenApiContract, DocumentMatchesTheRoutes) {
  platform::http::Router router;
  register_ticketing_routes(router, app);
  auto ops = documented_operations();
  ASSERT_GT(ops.size(), 10u);
  for (auto& [path, methods] : ops) {
    for (std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      platform::http::Request req;
      req.method = method;
      req.path = concrete(path);
      req.target = req.path;
      auto match = router.match(method, req);
      bool documented = methods.count(method) > 0;
      EXPECT_EQ(match.target != nullptr && match.route == path, documented)
          << method << " " << path << (documented ? " is documented but not routed" : " is routed but not documented")
          << " (matched route: " << match.route << ")";
    }
  }
  // Every route literal in this folder's sources is documented (a trailing "." marks a family
  // such as qr.png / qr.svg built in a loop).
  std::regex literal_re(R"lit("((/api/v1|/ws)/[^"]*)")lit");
  std::size_t literals = 0;
  for (auto& f : std::filesystem::directory_iterator(repo_root() + "/traffic_master/service")) {
    auto name = f.path().filename().string();
    if (f.path().extension() != ".cpp" || name.find("_test") != std::string::npos || name.rfind("gate_", 0) == 0 ||
        name.rfind("shield_", 0) == 0 || name.rfind("waiting_room_", 0) == 0)
      continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), literal_re), end; it != end; ++it) {
      std::string route = (*it)[1];
      if (route.find(' ') != std::string::npos) continue;  // prose, not a pattern
      ++literals;
      bool found = ops.count(route) > 0;
      if (!found && route.back() == '.')
        for (auto& [p, _] : ops) found = found || p.rfind(route, 0) == 0;
      EXPECT_TRUE(found) << name << ": route " << route << " is not in docs/api/traffic-master.yaml";
    }
  }
  EXPECT_GT(literals, 10u);
}

}  // namespace
}  // namespace traffic_master::service
