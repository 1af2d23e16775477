#include "mind_log/vault/keyring_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "platform/core/encoding.hpp"

namespace mind_log::vault {
namespace {

struct KeyringFileTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("keyring-" + std::to_string(::getpid()));
  SystemRandom random;
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(KeyringFileTest, CreatedOnFirstRunWith0600AndReloadedUnchanged) {
  auto path = (dir / "keyring.json").string();
  auto first = load_or_create_keyring(path, random);
  ASSERT_TRUE(first) << first.error().detail;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = load_or_create_keyring(path, random);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->keks, first->keks);
  EXPECT_EQ(again->index_key, first->index_key);
  EXPECT_NE(first->keks.at(1), first->index_key);
}

TEST_F(KeyringFileTest, RefusesAWorldReadableKeyFile) {
  auto path = (dir / "keyring.json").string();
  ASSERT_TRUE(load_or_create_keyring(path, random));
  ::chmod(path.c_str(), 0644);
  auto r = load_or_create_keyring(path, random);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "keyring-permissions");
}

TEST_F(KeyringFileTest, SaveKeepsVersionsAndPermissions) {
  auto path = (dir / "keyring.json").string();
  auto k = load_or_create_keyring(path, random);
  ASSERT_TRUE(k);
  Keyring k2 = with_new_version(*k, random);
  ASSERT_TRUE(save_keyring(path, k2));
  auto back = load_or_create_keyring(path, random);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->keks.size(), 2u);
  EXPECT_EQ(back->keks, k2.keks);
  struct stat st {};
  ::stat(path.c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(KeyringFileTest, CorruptFileIsInvalid) {
  auto path = (dir / "keyring.json").string();
  { std::ofstream(path) << "{\"format\":\"mind-log-keyring/1\",\"min_version\":1,\"keks\":{\"1\":\"short\"},\"index_key\":\"\"}"; }
  ::chmod(path.c_str(), 0600);
  auto r = load_or_create_keyring(path, random);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "keyring-invalid");
}

TEST(KeyringEnvTest, MasterKeyFromEnvironmentDerivesASeparateIndexKey) {
  std::string master(32, 'm');
  auto k = keyring_from_env(platform::base64url_encode(master));
  ASSERT_TRUE(k);
  EXPECT_EQ(k->keks.at(1), master);
  EXPECT_EQ(k->index_key.size(), 32u);
  EXPECT_NE(k->index_key, master);
  EXPECT_EQ(keyring_from_env("too-short").error().code, "keyring-invalid");
  auto json = keyring_from_env(keyring_to_json(*k));
  ASSERT_TRUE(json);
  EXPECT_EQ(json->keks, k->keks);
}

}  // namespace
}  // namespace mind_log::vault
