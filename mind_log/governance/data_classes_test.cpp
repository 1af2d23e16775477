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
    if (f.data_class == DataClass::health_sensitive && f.column.ends_with("_ct")) {
      EXPECT_TRUE(f.encrypted);
    }
  // A health-sensitive column left in plaintext (a timestamp needed for range queries) must say
  // why in its note; the journal's entry time is one.
  bool journal_time = false;
  for (auto& f : data_fields()) {
    if (f.data_class != DataClass::health_sensitive || f.encrypted) continue;
    EXPECT_FALSE(f.note.empty()) << f.table << "." << f.column << " is plaintext without a reason";
    EXPECT_TRUE(f.column.ends_with("_at")) << f.table << "." << f.column << ": only timestamps may stay plaintext";
    journal_time |= f.table == "journal_entries" && f.column == "occurred_at";
  }
  EXPECT_TRUE(journal_time);
}

}  // namespace
}  // namespace mind_log::governance
