#include "mind_log/vitals/vitals_command.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace mind_log::vitals {
namespace {

class VitalsCommandTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() / ("vitals-cmd-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(VitalsCommandTest, IgnoresOtherCommands) {
  EXPECT_FALSE(run_vitals_command({"keys", "rotate"}).has_value());
  EXPECT_FALSE(run_vitals_command({}).has_value());
  EXPECT_EQ(run_vitals_command({"vitals", "stats"}), 2);
}

TEST_F(VitalsCommandTest, StatsEncodesTheFileAndCountsSealedBytes) {
  std::string csv = "timestamp,value\n";
  for (int i = 0; i < 20000; ++i)  // out of order on purpose: the command sorts
    csv += std::to_string(1'767'225'600'000LL + (i % 2 ? i : 40000 - i) * 1000LL) + "," + std::to_string(60 + (i / 50) % 7) + "\n";
  std::string file = write(csv);
  testing::internal::CaptureStdout();
  auto code = run_vitals_command({"vitals", "stats", "--metric", "heart_rate", file});
  std::string out = testing::internal::GetCapturedStdout();
  ASSERT_EQ(code, 0);
  auto json = boost::json::parse(out).as_object();
  EXPECT_EQ(json.at("points").as_int64(), 20000);
  EXPECT_EQ(json.at("chunks").as_int64(), 2);  // 16384 + 3616
  double bpp = json.at("bytes_per_point").as_double();
  double codec = json.at("codec_bytes_per_point").as_double();
  EXPECT_GT(bpp, codec);  // the vault header and tag are counted
  EXPECT_NEAR((bpp - codec) * 20000, 2 * 68, 1e-6);
  EXPECT_LT(bpp, 1.0);
}

TEST_F(VitalsCommandTest, StatsRejectsBadInput) {
  std::string file = write("1767225600000,61\n1767225601000,900\n");
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_vitals_command({"vitals", "stats", "--metric", "heart_rate", file}), 1);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("value-out-of-range"), std::string::npos);
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_vitals_command({"vitals", "stats", "--metric", "glucose", file}), 1);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("unknown-metric"), std::string::npos);
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_vitals_command({"vitals", "stats", "--metric", "heart_rate", "/nonexistent.csv"}), 1);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("file-unreadable"), std::string::npos);
}

}  // namespace
}  // namespace mind_log::vitals
