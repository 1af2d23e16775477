// shield_train: trains the behavioural bot model on simulator sessions and prints its
// precision/recall on a held-out split. With --out FILE it writes model_weights.inc.
//   shield_train [--per-profile N] [--seed S] [--out traffic_master/shield/model_weights.inc]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "traffic_master/shield/model.hpp"
#include "traffic_master/shield/simulator.hpp"

using namespace traffic_master::shield;

int main(int argc, char** argv) {
  int per_profile = 4000;
  std::uint64_t seed = 20261127;
  std::string out_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--per-profile") per_profile = std::atoi(argv[i + 1]);
    else if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--out") out_path = argv[i + 1];
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  auto data = labelled_sessions(per_profile, seed);
  auto split = data.x.size() * 4 / 5;
  std::vector<Features> train_x(data.x.begin(), data.x.begin() + static_cast<long>(split));
  std::vector<int> train_y(data.y.begin(), data.y.begin() + static_cast<long>(split));
  std::vector<Features> test_x(data.x.begin() + static_cast<long>(split), data.x.end());
  std::vector<int> test_y(data.y.begin() + static_cast<long>(split), data.y.end());

  auto model = train_logistic(train_x, train_y);
  auto names = feature_names();
  std::printf("trained on %zu sessions (%d per profile, seed %llu), held out %zu\n", train_x.size(), per_profile,
              static_cast<unsigned long long>(seed), test_x.size());
  for (std::size_t i = 0; i < kFeatureCount; ++i)
    std::printf("  %-28s weight %+8.3f\n", std::string(names[i]).c_str(), model.weight[i]);
  std::printf("  %-28s        %+8.3f\n", "bias", model.bias);

  for (double threshold : {0.5, 0.995}) {
    auto e = evaluate(model, test_x, test_y, threshold);
    std::printf("held-out @%.3f: precision %.4f recall %.4f accuracy %.4f human FPR %.4f (tp %d fp %d tn %d fn %d)\n",
                threshold, e.precision, e.recall, e.accuracy, e.false_positive_rate, e.tp, e.fp, e.tn, e.fn);
  }
  std::map<Profile, std::pair<int, int>> flagged;  // profile -> (flagged, total) at 0.5
  for (std::size_t k = split; k < data.x.size(); ++k) {
    auto& f = flagged[data.profile[k]];
    f.first += model.score(data.x[k]) >= 0.5;
    ++f.second;
  }
  for (auto& [p, f] : flagged)
    std::printf("  %-18s flagged %5.1f%% of %d\n", std::string(to_string(p)).c_str(), 100.0 * f.first / f.second, f.second);

  if (!out_path.empty()) {
    std::ofstream out(out_path);
    out << model_to_cpp(model, "per_profile=" + std::to_string(per_profile) + " seed=" + std::to_string(seed));
    if (!out) {
      std::cerr << "cannot write " << out_path << "\n";
      return 1;
    }
    std::printf("wrote %s\n", out_path.c_str());
  }
  auto e = evaluate(model, test_x, test_y, 0.5);
  std::printf("{\"model_precision\": %.4f, \"model_recall\": %.4f, \"held_out_sessions\": %zu}\n", e.precision, e.recall,
              test_x.size());
  return 0;
}
