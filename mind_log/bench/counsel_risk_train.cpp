// counsel_risk_train: trains the learned half of the crisis-risk classifier on the tuned
// evaluation splits (dev, holdout, blind, blind2; never blind3 or later, which stay blind),
// prints leave-one-split-out figures for choosing the threshold, and with --out writes
// mind_log/counsel/risk_model_weights.inc.
//
//   counsel_risk_train [--eval-dir mind_log/counsel/eval] [--train-dir mind_log/counsel/train]
//                      [--out FILE] [--min-precision 0.85]
//
// --train-dir holds training-only examples (everyday chat the evaluation set under-represents);
// they are in every fold's training data and never scored.
//
// Threshold rule (safety first, within the precision target): the lowest threshold, in steps
// of 0.01, whose out-of-fold precision on elevated+ (the model alone, each split scored by a
// model trained on the other three) is at least --min-precision (0.85, the target);
// the lowest such threshold has the highest recall. Out-of-fold, because a split the model
// was trained on says nothing about new wording. The model only adds to the rules' hits, so
// its own precision bounds what it costs the combined classifier.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "mind_log/counsel/eval_set.hpp"
#include "mind_log/counsel/risk_classifier.hpp"
#include "mind_log/counsel/risk_model_train.hpp"

using namespace mind_log::counsel;

namespace {

const std::vector<std::string> kTrainingSplits = {"dev", "holdout", "blind", "blind2"};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Scored {
  double p;
  bool positive;
  std::string category;
};

struct PR {
  double precision, recall;
};

PR at(const std::vector<Scored>& s, double t) {
  int tp = 0, fp = 0, fn = 0;
  for (const auto& x : s) {
    const bool fire = x.p >= t;
    tp += fire && x.positive;
    fp += fire && !x.positive;
    fn += !fire && x.positive;
  }
  return {tp + fp ? double(tp) / (tp + fp) : 1.0, tp + fn ? double(tp) / (tp + fn) : 1.0};
}

}  // namespace

int main(int argc, char** argv) {
  std::string eval_dir = "mind_log/counsel/eval", train_dir = "mind_log/counsel/train", out_path;
  double min_precision = 0.85;
  RiskTrainOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--eval-dir") eval_dir = argv[i + 1];
    else if (flag == "--train-dir") train_dir = argv[i + 1];
    else if (flag == "--out") out_path = argv[i + 1];
    else if (flag == "--min-precision") min_precision = std::atof(argv[i + 1]);
    else if (flag == "--epochs") options.epochs = std::atoi(argv[i + 1]);
    else if (flag == "--l2") options.l2 = std::atof(argv[i + 1]);
    else if (flag == "--positive-weight") options.positive_weight = std::atof(argv[i + 1]);
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  std::map<std::string, std::vector<EvalItem>> splits;
  for (const auto& split : kTrainingSplits) {
    for (const char* lang : {"en", "ko"}) {
      const auto path = std::filesystem::path(eval_dir) / (split + "_" + lang + ".tsv");
      auto items = parse_eval_tsv(slurp(path), path.filename().string());
      if (!items || items->empty()) {
        std::cerr << "cannot read " << path << "\n";
        return 1;
      }
      auto& v = splits[split];
      v.insert(v.end(), items->begin(), items->end());
    }
  }
  std::map<std::string, std::vector<RiskExample>> examples;
  std::map<std::string, std::vector<std::string>> categories;
  std::size_t total = 0;
  for (const auto& [split, items] : splits) {
    for (const auto& it : items) {
      // A follow-up's label is about the message in its conversation ("Tonight feels like the
      // night" is imminent only after a disclosure); the model reads one message alone. History
      // only ever raises a level, so a follow-up labelled none or low is a negative on its own
      // too, but one labelled elevated or imminent says nothing about the words alone.
      if (!it.history.empty() && at_least(it.level, RiskLevel::elevated)) continue;
      examples[split].push_back(make_risk_example(it));
      categories[split].push_back(it.category);
    }
    total += items.size();
  }
  std::vector<RiskExample> extra;
  for (const auto& entry : std::filesystem::directory_iterator(train_dir)) {
    if (entry.path().extension() != ".tsv") continue;
    auto items = parse_eval_tsv(slurp(entry.path()), entry.path().filename().string());
    if (!items) {
      std::cerr << items.error().title << ": " << items.error().detail << "\n";
      return 1;
    }
    for (const auto& it : *items) {
      if (it.history.empty() || !at_least(it.level, RiskLevel::elevated)) extra.push_back(make_risk_example(it));
    }
  }
  // directory_iterator order is unspecified; training must not depend on it.
  std::sort(extra.begin(), extra.end(), [](const RiskExample& a, const RiskExample& b) {
    return std::tie(a.positive, a.x.items) < std::tie(b.positive, b.x.items);
  });
  std::size_t used = 0;
  for (const auto& [split, ex] : examples) used += ex.size();
  std::printf("training splits: dev holdout blind blind2 (%zu utterances, %zu used: all but follow-ups labelled elevated+) + %zu "
              "training-only; l2 %g, positive weight %g, %d epochs\n",
              total, used, extra.size(), options.l2, options.positive_weight, options.epochs);

  // Leave one split out: each split scored by a model that never saw it.
  std::vector<Scored> oof;
  std::map<std::string, std::vector<Scored>> oof_by_split;
  for (const auto& held : kTrainingSplits) {
    std::vector<RiskExample> train = extra;
    for (const auto& [split, ex] : examples) {
      if (split != held) train.insert(train.end(), ex.begin(), ex.end());
    }
    const RiskModel m = train_risk_model(train, options);
    for (std::size_t k = 0; k < examples[held].size(); ++k) {
      const auto& e = examples[held][k];
      oof_by_split[held].push_back({m.score(e.x), e.positive, categories[held][k]});
      oof.push_back(oof_by_split[held].back());
    }
  }
  std::printf("out-of-fold, model alone, elevated+ (P / R):\n  threshold  all          ");
  for (const auto& s : kTrainingSplits) std::printf("%-13s", s.c_str());
  std::printf("\n");
  for (int k = 95; k >= 5; k -= 5) {
    const double t = k / 100.0;
    const auto a = at(oof, t);
    std::printf("  %.2f       %.3f/%.3f  ", t, a.precision, a.recall);
    for (const auto& s : kTrainingSplits) {
      const auto b = at(oof_by_split[s], t);
      std::printf("%.3f/%.3f  ", b.precision, b.recall);
    }
    std::printf("\n");
  }
  double chosen = 0.5;
  for (int k = 1; k <= 99; ++k) {
    if (at(oof, k / 100.0).precision >= min_precision) {
      chosen = k / 100.0;
      break;
    }
  }
  options.threshold = float(chosen);
  const auto c = at(oof, chosen);
  std::printf("threshold %.2f: lowest with out-of-fold precision >= %.2f (out-of-fold P %.3f R %.3f)\n", chosen,
              min_precision, c.precision, c.recall);
  std::map<std::string, std::pair<int, int>> wrong;  // category -> (errors, total)
  for (const auto& x : oof) {
    auto& w = wrong[x.category];
    w.first += (x.p >= chosen) != x.positive;
    ++w.second;
  }
  std::printf("out-of-fold errors by category at %.2f:", chosen);
  for (const auto& [c, w] : wrong) std::printf(" %s %d/%d", c.c_str(), w.first, w.second);
  std::printf("\n");

  std::vector<RiskExample> all = extra;
  for (const auto& [split, ex] : examples) all.insert(all.end(), ex.begin(), ex.end());
  const RiskModel model = train_risk_model(all, options);
  std::size_t nonzero = 0;
  for (float w : model.weights()) nonzero += w != 0.0f;
  std::printf("final model: %zu non-zero weights, bias %.3f\n", nonzero, model.bias());

  if (!out_path.empty()) {
    char prov[256];
    std::snprintf(prov, sizeof prov,
                  "splits=dev,holdout,blind,blind2+train/*.tsv l2=%g positive_weight=%g epochs=%d min_oof_precision=%g threshold=%.2f",
                  options.l2, options.positive_weight, options.epochs, min_precision, chosen);
    std::ofstream out(out_path);
    out << risk_model_to_cpp(model, prov);
    std::printf("wrote %s\n", out_path.c_str());
  }
  return 0;
}
