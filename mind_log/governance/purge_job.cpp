#include "mind_log/governance/purge_job.hpp"

#include "mind_log/store/database.hpp"

namespace mind_log::governance {

platform::Result<PurgeReport> purge_expired(store::Database& db, const RetentionPolicy& policy,
                                            const platform::Clock& clock) {
  PurgeReport report;
  auto r = db.write([&](store::Connection& c) -> platform::Result<void> {
    report = {};
    for (auto& rule : retention_rules()) {
      const std::int64_t days = policy.days(rule.data_class);
      if (days <= 0) continue;
      const std::int64_t cutoff = clock.now_ms() - days * 86'400'000;
      // Identifiers come from the compiled-in rule table, never from input.
      std::string sql;
      if (rule.clear_columns.empty()) {
        sql = "DELETE FROM " + std::string(rule.table) + " WHERE " + std::string(rule.time_column) + " < ?";
      } else {
        std::string set, any;
        for (auto col : rule.clear_columns) {
          set += (set.empty() ? "" : ", ") + std::string(col) + " = NULL";
          any += (any.empty() ? "" : " OR ") + std::string(col) + " IS NOT NULL";
        }
        sql = "UPDATE " + std::string(rule.table) + " SET " + set + " WHERE " + std::string(rule.time_column) +
              " < ? AND (" + any + ")";
      }
      auto s = c.prepare(sql);
      if (!s) return std::unexpected(s.error());
      s->bind(1, cutoff);
      if (auto run = s->run(); !run) return run;
      (rule.clear_columns.empty() ? report.rows_deleted : report.values_cleared) += c.changes();
    }
    return {};
  });
  if (!r) return std::unexpected(r.error());
  return report;
}

}  // namespace mind_log::governance
