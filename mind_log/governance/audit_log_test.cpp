#include "mind_log/governance/audit_log.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace mind_log::governance {
namespace {

struct AuditLogTest : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ml-audit-" + std::to_string(::getpid()));
  std::string path = (dir / "audit.log").string();
  platform::ManualClock clock;
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }

  void write_events(int n) {
    auto log = AuditLog::open(path, clock);
    ASSERT_TRUE(log) << log.error().detail;
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE((*log)->append("account.login", "user-" + std::to_string(i % 3), {{"ok", true}}));
      clock.advance(1000);
    }
  }
  std::vector<std::string> lines() {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
  void rewrite(const std::vector<std::string>& ls) {
    std::ofstream out(path, std::ios::trunc);
    for (auto& l : ls) out << l << "\n";
  }
};

TEST_F(AuditLogTest, ChainVerifiesAndContinuesAcrossReopen) {
  write_events(5);
  write_events(3);
  auto report = verify_audit_file(path);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->lines, 8u);
  struct stat st {};
  ::stat(path.c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuditLogTest, EditedLineIsCaught) {
  write_events(6);
  auto ls = lines();
  auto pos = ls[3].find("user-0");
  ASSERT_NE(pos, std::string::npos);
  ls[3].replace(pos, 6, "user-2");
  rewrite(ls);
  auto r = verify_audit_file(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "audit-chain-broken");
  EXPECT_NE(r.error().detail.find("line 4"), std::string::npos) << r.error().detail;
  // A damaged log also refuses to be appended to.
  EXPECT_EQ(AuditLog::open(path, clock).error().code, "audit-chain-broken");
}

TEST_F(AuditLogTest, RecomputedHashOfAnEditedLineStillBreaksTheNextLine) {
  write_events(4);
  auto ls = lines();
  // An attacker edits line 2 and fixes its own hash: line 3's "prev" no longer matches.
  auto body = ls[1].substr(65);
  auto pos = body.find("\"ok\":true");
  body.replace(pos, 9, "\"ok\":false");
  auto prev_hash = ls[0].substr(0, 64);
  std::string raw = *platform::hex_decode(prev_hash) + body;
  ls[1] = platform::hex_encode(platform::crypto::sha256(raw)) + " " + body;
  rewrite(ls);
  auto r = verify_audit_file(path);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("line 3"), std::string::npos) << r.error().detail;
}

TEST_F(AuditLogTest, DeletedOrReorderedLinesAreCaught) {
  write_events(5);
  auto ls = lines();
  auto removed = ls;
  removed.erase(removed.begin() + 2);
  rewrite(removed);
  EXPECT_FALSE(verify_audit_file(path));
  auto swapped = ls;
  std::swap(swapped[1], swapped[2]);
  rewrite(swapped);
  EXPECT_FALSE(verify_audit_file(path));
  rewrite(ls);
  EXPECT_TRUE(verify_audit_file(path));
}

TEST_F(AuditLogTest, TornLastLineIsReported) {
  write_events(2);
  { std::ofstream(path, std::ios::app) << "abc"; }
  auto r = verify_audit_file(path);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("line 3"), std::string::npos);
}

}  // namespace
}  // namespace mind_log::governance
