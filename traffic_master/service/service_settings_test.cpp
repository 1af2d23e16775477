// Settings the traffic-master binary refuses before it opens any state (exit code 2).
#include <gtest/gtest.h>

#include <filesystem>

#include "platform/service/service_main.hpp"
#include "platform/testing/temp_dir.hpp"
#include "traffic_master/service/service_spec.hpp"

namespace traffic_master {
namespace {

class ServiceSettingsTest : public ::testing::Test {
 protected:
  // Runs the service's start-up with `args`; returns the exit code, the message in `said`.
  int run(std::vector<std::string> args) {
    args.insert(args.end(), {"--port", "0", "--data-dir", dir.path(), "--log-level", "error"});
    ::testing::internal::CaptureStderr();
    int code = platform::service::run_service(service_spec(), args);
    said = ::testing::internal::GetCapturedStderr();
    return code;
  }
  bool data_dir_untouched() const { return !std::filesystem::exists(dir.file("events")); }
  platform::testing::TempDir dir{"tm-settings"};
  std::string said;
};

TEST_F(ServiceSettingsTest, ClusterModeIsRefusedUntilBuilt) {
  // Embedded state per replica would sell each seat once per replica: refuse, open nothing.
  EXPECT_EQ(run({"--mode", "cluster"}), 2);
  EXPECT_NE(said.find("cluster mode (state in the shared Redis/PostgreSQL stores) is not built"), std::string::npos)
      << said;
  EXPECT_TRUE(data_dir_untouched());
  EXPECT_EQ(run({"--mode", "sharded"}), 2);
  EXPECT_NE(said.find("setting 'mode' must be embedded or cluster"), std::string::npos) << said;
}

TEST_F(ServiceSettingsTest, SplitRolesNeedClusterMode) {
  for (std::string role : {"api", "ws", "worker"}) {
    EXPECT_EQ(run({"--role", role}), 2) << role;
    EXPECT_NE(said.find("role '" + role + "' is one part of a cluster deployment"), std::string::npos) << said;
    EXPECT_TRUE(data_dir_untouched()) << role;
  }
  EXPECT_EQ(run({"--role", "boss"}), 2);
  EXPECT_NE(said.find("setting 'role' must be all, api, ws or worker"), std::string::npos) << said;
}

}  // namespace
}  // namespace traffic_master
