#include "mind_log/counsel/risk_model_train.hpp"

#include <cmath>
#include <unordered_map>

#include "mind_log/counsel/risk_rules.hpp"

namespace mind_log::counsel {

RiskModel train_risk_model(const std::vector<RiskExample>& examples, const RiskTrainOptions& options) {
  // Only buckets that occur in training can get a non-zero weight, so training runs over a
  // compact copy of them.
  std::unordered_map<std::uint32_t, std::uint32_t> compact;
  std::vector<std::uint32_t> bucket_of;
  std::vector<std::vector<std::pair<std::uint32_t, float>>> xs;
  for (const auto& e : examples) {
    auto& row = xs.emplace_back();
    for (const auto& [i, v] : e.x.items) {
      auto [it, inserted] = compact.try_emplace(i, std::uint32_t(bucket_of.size()));
      if (inserted) bucket_of.push_back(i);
      row.emplace_back(it->second, v);
    }
  }
  const std::size_t dims = bucket_of.size();
  std::vector<double> w(dims, 0.0), grad(dims);
  double bias = 0;
  double total_weight = 0;
  for (const auto& e : examples) total_weight += e.positive ? options.positive_weight : 1.0;
  if (total_weight == 0) total_weight = 1;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::fill(grad.begin(), grad.end(), 0.0);
    double grad_bias = 0;
    for (std::size_t k = 0; k < examples.size(); ++k) {
      double z = bias;
      for (const auto& [i, v] : xs[k]) z += w[i] * v;
      const double p = 1.0 / (1.0 + std::exp(-z));
      const double weight = examples[k].positive ? options.positive_weight : 1.0;
      const double g = weight * (p - (examples[k].positive ? 1.0 : 0.0)) / total_weight;
      for (const auto& [i, v] : xs[k]) grad[i] += g * v;
      grad_bias += g;
    }
    for (std::size_t i = 0; i < dims; ++i) w[i] -= options.learning_rate * (grad[i] + options.l2 * w[i]);
    bias -= options.learning_rate * grad_bias;
  }
  std::vector<float> full(kRiskFeatureDims, 0.0f);
  for (std::size_t i = 0; i < dims; ++i) {
    if (std::abs(w[i]) >= options.prune_below) full[bucket_of[i]] = float(w[i]);
  }
  return RiskModel(std::move(full), float(bias), options.threshold);
}

RiskExample make_risk_example(const EvalItem& item) {
  RiskExample e;
  e.x = risk_features(item.text, scan_rules(item.text));
  e.positive = at_least(item.level, RiskLevel::elevated);
  return e;
}

}  // namespace mind_log::counsel
