#pragma once
// The learned half of the crisis-risk classifier: logistic regression over risk_features(),
// scoring "this message is the person's own ideation or intent" (elevated or imminent).
// Trained by `counsel_risk_train` (mind_log/bench) on the tuned evaluation splits only; the
// weights are compiled in from risk_model_weights.inc. Immutable after construction, so one
// instance is shared by all threads.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mind_log/counsel/risk_features.hpp"

namespace mind_log::counsel {

class RiskModel {
 public:
  RiskModel(std::vector<float> weights, float bias, float threshold);

  double score(const SparseFeatures& f) const;  // probability, 0..1
  bool fires(const SparseFeatures& f) const { return score(f) >= threshold_; }

  float bias() const { return bias_; }
  float threshold() const { return threshold_; }
  const std::vector<float>& weights() const { return weights_; }  // kRiskFeatureDims entries

 private:
  std::vector<float> weights_;
  float bias_;
  float threshold_;  // chosen by the trainer for recall (see counsel_risk_train)
};

// The model compiled into the binary (risk_model_weights.inc); built on first use.
const RiskModel& default_risk_model();

// C++ source of risk_model_weights.inc: non-zero weights only, sorted by bucket.
std::string risk_model_to_cpp(const RiskModel& m, const std::string& provenance);

}  // namespace mind_log::counsel
