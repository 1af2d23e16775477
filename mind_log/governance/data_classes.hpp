#pragma once
// THE place where every stored field of Mind-Log is classified. docs/data-classes.md is
// rendered from this table (`mind-log data-classes`; a test fails when the document is stale),
// and a test fails when a table holds a column that is not declared here.
//
// A module adding a table adds its columns and retention rules to data_classes.cpp.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.hpp"

namespace mind_log::store { class Database; }

namespace mind_log::governance {

enum class DataClass {
  identity,          // who the person is: e-mail, credentials, location hints
  health_sensitive,  // what they wrote or measured about their mental or physical health
  derived,           // computed from health data (emotion scores, summaries); re-derivable
  operational,       // needed to run the service: ids, timestamps, sessions, key metadata
};

std::string_view to_string(DataClass c);

struct FieldClass {
  std::string_view table;
  std::string_view column;
  DataClass data_class;
  bool encrypted;  // stored as vault ciphertext (or a one-way hash / blind index, see note)
  std::string_view note;
};

// What happens when a row's `time_column` is older than the retention of `data_class`.
struct RetentionRule {
  std::string_view table;
  std::string_view time_column;  // milliseconds since the epoch
  DataClass data_class;
  std::vector<std::string_view> clear_columns;  // empty: delete the row; else set these NULL
};

const std::vector<FieldClass>& data_fields();
const std::vector<RetentionRule>& retention_rules();

// Retention in days per class; 0 keeps data until the person deletes it (or their account).
struct RetentionPolicy {
  std::int64_t identity_days = 0;
  std::int64_t health_sensitive_days = 0;
  std::int64_t derived_days = 365;
  std::int64_t operational_days = 90;
  std::int64_t days(DataClass c) const;
};

std::string render_data_classes_markdown(const RetentionPolicy& defaults = {});

// Columns present in the database but not declared above: "table.column" (sorted).
platform::Result<std::vector<std::string>> undeclared_columns(store::Database& db);

}  // namespace mind_log::governance
