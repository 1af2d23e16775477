#include "mind_log/governance/data_classes.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace mind_log::governance {
namespace {

TEST(DataClassesTest, DocumentIsRenderedFromTheCode) {
  const char* root = std::getenv("REPO_ROOT");
  ASSERT_NE(root, nullptr) << "run through ctest (sets REPO_ROOT)";
  std::ifstream in(std::string(root) + "/docs/data-classes.md");
  ASSERT_TRUE(in) << "docs/data-classes.md is missing: run `mind-log data-classes > docs/data-classes.md`";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), render_data_classes_markdown())
      << "docs/data-classes.md is stale: run `mind-log data-classes > docs/data-classes.md`";
}

TEST(DataClassesTest, EveryFieldDeclaredOnceAndEveryRuleNamesDeclaredColumns) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (auto& f : data_fields()) EXPECT_TRUE(seen.emplace(f.table, f.column).second) << f.table << "." << f.column;
  for (auto& r : retention_rules()) {
    EXPECT_TRUE(seen.contains({r.table, r.time_column})) << r.table << "." << r.time_column;
    for (auto c : r.clear_columns) EXPECT_TRUE(seen.contains({r.table, c})) << r.table << "." << c;
  }
}

TEST(DataClassesTest, HealthSensitiveFreeTextIsEncrypted) {
  for (auto& f : data_fields())
    if (f.data_class == DataClass::health_sensitive && f.column.ends_with("_ct")) EXPECT_TRUE(f.encrypted);
  // The only plaintext health-sensitive column is the entry time, needed for range queries.
  int plaintext = 0;
  for (auto& f : data_fields()) plaintext += f.data_class == DataClass::health_sensitive && !f.encrypted;
  EXPECT_EQ(plaintext, 1);
}

}  // namespace
}  // namespace mind_log::governance
