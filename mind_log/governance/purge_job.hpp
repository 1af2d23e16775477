#pragma once
// Enforces the retention policy: applies every RetentionRule of data_classes.cpp whose class
// has a non-zero retention. Run periodically by the service; idempotent. Thread-safe (each run
// is one group-committed write).
#include <cstdint>

#include "mind_log/governance/data_classes.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::governance {

struct PurgeReport {
  std::int64_t rows_deleted = 0;
  std::int64_t values_cleared = 0;  // rows whose derived columns were cleared
};

platform::Result<PurgeReport> purge_expired(store::Database& db, const RetentionPolicy& policy,
                                            const platform::Clock& clock);

}  // namespace mind_log::governance
