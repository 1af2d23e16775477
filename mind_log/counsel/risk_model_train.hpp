#pragma once
// Training for the learned half of the crisis-risk classifier (used by counsel_risk_train and
// by tests). Pure and deterministic: full-batch gradient descent on the L2-regularised,
// class-weighted log loss, so the same examples always give the same weights.
#include <vector>

#include "mind_log/counsel/eval_set.hpp"
#include "mind_log/counsel/risk_model.hpp"

namespace mind_log::counsel {

struct RiskExample {
  SparseFeatures x;
  bool positive = false;  // elevated or imminent
};

struct RiskTrainOptions {
  int epochs = 6000;
  double learning_rate = 2.0;
  double l2 = 1e-4;
  // Weight of a positive example's loss relative to a negative one: recall matters more.
  double positive_weight = 1.5;
  float threshold = 0.5f;
  // Weights smaller than this are stored as zero (keeps the generated file small).
  float prune_below = 1e-4f;
};

RiskModel train_risk_model(const std::vector<RiskExample>& examples, const RiskTrainOptions& options = {});

// One training example per evaluation item: its text and the rules' context flags. The model
// does not read the conversation (history is the rules' job, see risk_features.hpp), so a
// follow-up labelled elevated+ because of its history is not a fair example of its words;
// the trainer leaves those out.
RiskExample make_risk_example(const EvalItem& item);

}  // namespace mind_log::counsel
