#include "platform/config/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using platform::config::Config;

namespace {
Config make() {
  Config c("TEST_SVC");
  c.add_int("port", 8080, 0, 65535, "port").add_string("data-dir", "var", "dir").add_bool("demo", false, "demo");
  return c;
}
}  // namespace

TEST(Config, DefaultsFlagsAndPositionals) {
  auto c = make();
  ASSERT_TRUE(c.load({"--port", "9000", "--data-dir=/tmp/x", "--demo", "extra"}, nullptr));
  EXPECT_EQ(c.get_int("port"), 9000);
  EXPECT_EQ(c.get_string("data-dir"), "/tmp/x");
  EXPECT_TRUE(c.get_bool("demo"));
  EXPECT_EQ(c.positional(), std::vector<std::string>{"extra"});
}

TEST(Config, UnknownKeyIsNamed) {
  auto c = make();
  auto r = c.load({"--prot", "1"}, nullptr);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("unknown setting 'prot'"), std::string::npos);
}

TEST(Config, BadValuesAreNamed) {
  auto c = make();
  auto r = c.load({"--port", "eighty"}, nullptr);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("'port'"), std::string::npos);
  auto c2 = make();
  auto r2 = c2.load({"--port=70000"}, nullptr);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().detail.find("[0, 65535]"), std::string::npos);
  auto c3 = make();
  EXPECT_FALSE(c3.load({"--demo=maybe"}, nullptr));
  auto c4 = make();
  EXPECT_FALSE(c4.load({"--port"}, nullptr));
}

TEST(Config, PrecedenceFileThenEnvThenFlags) {
  std::string path = ::testing::TempDir() + "config_test.json";
  std::ofstream(path) << R"({"port": 7000, "data-dir": "from-file"})";
  std::string env1 = "TEST_SVC_PORT=7100";
  char* environ_list[] = {env1.data(), nullptr};
  auto c = make();
  ASSERT_TRUE(c.load({"--config", path, "--data-dir", "from-flag"}, environ_list));
  EXPECT_EQ(c.get_int("port"), 7100);
  EXPECT_EQ(c.get_string("data-dir"), "from-flag");
}

TEST(Config, FileWithUnknownKeyOrBadJsonFails) {
  std::string path = ::testing::TempDir() + "config_bad.json";
  std::ofstream(path) << R"({"colour": "red"})";
  auto c = make();
  auto r = c.load({"--config", path}, nullptr);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("unknown setting 'colour'"), std::string::npos);
  std::ofstream(path) << "{not json";
  auto c2 = make();
  EXPECT_FALSE(c2.load({"--config", path}, nullptr));
  auto c3 = make();
  EXPECT_FALSE(c3.load({"--config", "/nonexistent/file.json"}, nullptr));
}

TEST(Config, BadEnvValueIsNamed) {
  std::string env1 = "TEST_SVC_PORT=abc";
  char* environ_list[] = {env1.data(), nullptr};
  auto c = make();
  auto r = c.load({}, environ_list);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("$TEST_SVC_PORT"), std::string::npos);
}

TEST(Config, UnknownPrefixedEnvironmentIsListedNotRejected) {
  auto c = make();
  std::string known = "TEST_SVC_PORT=7100", typo = "TEST_SVC_PROT=7200", other = "PATH=/bin", other_prefix = "TEST_SVCX=1";
  char* environ_list[] = {known.data(), typo.data(), other.data(), other_prefix.data(), nullptr};
  ASSERT_TRUE(c.load({}, environ_list));
  EXPECT_EQ(c.get_int("port"), 7100);
  EXPECT_EQ(c.unknown_environment(), std::vector<std::string>{"TEST_SVC_PROT"});
}
