#pragma once
// Bot-likelihood model: logistic regression over standardised behavioural features. Small
// enough to audit by reading its weights, fast enough for every request (12 multiply-adds).
// The weights in model_weights.inc are produced by `shield_train` from simulator sessions.
#include <string>
#include <vector>

#include "traffic_master/shield/features.hpp"

namespace traffic_master::shield {

struct LogisticModel {
  Features mean{};
  Features scale{};   // standard deviation; features are (x - mean) / scale
  Features weight{};
  double bias = 0;

  double score(const Features& f) const;  // probability of "bot", 0..1
};

// The model compiled into the binary (model_weights.inc).
const LogisticModel& default_model();

struct TrainOptions {
  int epochs = 400;
  double learning_rate = 0.5;
  double l2 = 1e-3;
};

// Full-batch gradient descent on the log loss; standardisation is fitted on `x`.
LogisticModel train_logistic(const std::vector<Features>& x, const std::vector<int>& y, const TrainOptions& options = {});

struct Evaluation {
  double precision = 0, recall = 0, accuracy = 0, false_positive_rate = 0;
  int tp = 0, fp = 0, tn = 0, fn = 0;
};
Evaluation evaluate(const LogisticModel& m, const std::vector<Features>& x, const std::vector<int>& y, double threshold);

// C++ source of model_weights.inc for this model.
std::string model_to_cpp(const LogisticModel& m, const std::string& provenance);

}  // namespace traffic_master::shield
