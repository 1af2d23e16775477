#pragma once
// The labelled evaluation set format (eval/README.md) and the scoring the bench reports.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/risk.hpp"
#include "platform/core/error.hpp"

namespace mind_log::counsel {

struct EvalItem {
  RiskLevel level = RiskLevel::none;
  std::string category;
  std::vector<std::string> history;  // earlier messages, oldest first
  std::string text;
  std::string source;  // "file:line", for error reports
};

// Parses one TSV file's contents; `name` prefixes the source of each item and of errors.
platform::Result<std::vector<EvalItem>> parse_eval_tsv(std::string_view contents, std::string_view name);

// Per-level confusion counts: confusion[truth][predicted].
struct EvalScore {
  std::array<std::array<std::size_t, 4>, 4> confusion{};
  std::size_t total() const;
  double precision(RiskLevel l) const;
  double recall(RiskLevel l) const;
  // Treating elevated and imminent as one positive class: what the crisis response keys on.
  double precision_elevated_plus() const;
  double recall_elevated_plus() const;
  double accuracy() const;
  void add(RiskLevel truth, RiskLevel predicted) {
    ++confusion[static_cast<int>(truth)][static_cast<int>(predicted)];
  }
};

class RiskClassifier;
// Runs the classifier over each item, replaying its history through a ConversationRisk.
RiskLevel classify_item(const RiskClassifier& classifier, const EvalItem& item);

}  // namespace mind_log::counsel
