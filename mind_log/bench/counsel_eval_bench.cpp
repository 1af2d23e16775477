// Crisis-risk evaluation and offline-engine safety/throughput:
//   - precision and recall per level on each split of mind_log/counsel/eval, for the
//     classifier the service uses (rules + learned model) and, side by side, the rules alone;
//     "tuned" = dev+holdout+blind+blind2, the splits the rules were changed after seeing and
//     the model is trained on; the headline is the newest blind split;
//   - classification cost per message (both classifiers);
//   - every reply the offline counsellor gives to every evaluation utterance (with its
//     history) is run through the output verifier: method details must be zero;
//   - offline replies per second over the whole set.
// Prints a table and then one JSON line.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "mind_log/counsel/counsellor.hpp"
#include "mind_log/counsel/eval_set.hpp"

using namespace mind_log::counsel;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void print_score(const std::string& name, const EvalScore& s) {
  std::printf("%-8s n=%-4zu acc=%.3f", name.c_str(), s.total(), s.accuracy());
  for (auto l : {RiskLevel::none, RiskLevel::low, RiskLevel::elevated, RiskLevel::imminent}) {
    std::printf("  %s P=%.2f R=%.2f", std::string(to_string(l)).c_str(), s.precision(l), s.recall(l));
  }
  std::printf("  | elevated+ P=%.3f R=%.3f\n", s.precision_elevated_plus(), s.recall_elevated_plus());
}

}  // namespace

int main(int argc, char** argv) {
  std::string eval_dir = "mind_log/counsel/eval";
  int reps = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--eval-dir")) eval_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--reps")) reps = std::atoi(argv[++i]);
  }
  std::map<std::string, std::vector<EvalItem>> splits;
  for (const auto& entry : std::filesystem::directory_iterator(eval_dir)) {
    if (entry.path().extension() != ".tsv") continue;
    const std::string stem = entry.path().stem().string();  // dev_en, blind2_ko ...
    const std::string split = stem.substr(0, stem.rfind('_'));
    auto items = parse_eval_tsv(slurp(entry.path()), entry.path().filename().string());
    if (!items) {
      std::cerr << items.error().title << ": " << items.error().detail << "\n";
      return 1;
    }
    auto& v = splits[split];
    v.insert(v.end(), items->begin(), items->end());
  }
  if (splits.empty()) {
    std::cerr << "no .tsv files in " << eval_dir << "\n";
    return 1;
  }

  // The newest blind split (blind, blind2, blind3 ...) is the only one no rule was changed after
  // seeing; it is the headline. Every other split counts as "tuned".
  // blind, blind2, ... blind10: compared by number, not as strings.
  auto blind_number = [](const std::string& split) {
    return split == "blind" ? 1 : std::atoi(split.c_str() + 5);
  };
  std::string fair_split;
  for (const auto& [split, v] : splits) {
    if (split.starts_with("blind") && (fair_split.empty() || blind_number(split) > blind_number(fair_split))) {
      fair_split = split;
    }
  }
  const RiskClassifier classifier;  // exactly what the service and `safety assess` use
  const RiskClassifier rules = RiskClassifier::rules_only();
  auto is_tuned = [](const std::string& split) {
    return split == "dev" || split == "holdout" || split == "blind" || split == "blind2";
  };
  EvalScore all, tuned, rules_fair;
  std::map<std::string, EvalScore> per_split, rules_per_split;
  std::map<std::string, std::pair<int, int>> per_category;  // wrong, total
  std::size_t items = 0;
  for (const auto& [split, v] : splits) {
    for (const auto& it : v) {
      const auto got = classify_item(classifier, it);
      per_split[split].add(it.level, got);
      rules_per_split[split].add(it.level, classify_item(rules, it));
      all.add(it.level, got);
      if (is_tuned(split)) tuned.add(it.level, got);
      if (split == fair_split) {
        auto& c = per_category[it.category];
        c.first += got != it.level;
        ++c.second;
      }
      ++items;
    }
  }
  std::printf("== crisis-risk classifier (rules + learned model), %zu utterances\n", items);
  for (const auto& [split, s] : per_split) print_score(split, s);
  print_score("tuned", tuned);
  print_score("all", all);
  std::printf("== baseline: the rules alone\n");
  for (const auto& [split, s] : rules_per_split) print_score(split, s);
  std::printf("errors by category on %s:", fair_split.c_str());
  for (const auto& [cat, c] : per_category) std::printf(" %s %d/%d", cat.c_str(), c.first, c.second);
  std::printf("\n");

  // Cost per message: every utterance and history turn, assessed `reps` times over.
  auto time_per_message = [&](const RiskClassifier& c) {
    std::size_t n = 0, elevated = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int rep = 0; rep < reps * 10; ++rep) {
      for (const auto& [split, v] : splits) {
        for (const auto& it : v) {
          ConversationRisk conv;
          for (const auto& h : it.history) {
            conv.observe(c.assess(h, conv));
            ++n;
          }
          elevated += at_least(c.assess(it.text, conv).level, RiskLevel::elevated);
          ++n;
        }
      }
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    if (elevated == 0) std::printf("(no elevated results)\n");  // keeps the loop observable
    return us / double(n);
  };
  const double us_classifier = time_per_message(classifier);
  const double us_rules = time_per_message(rules);
  std::printf("== classification cost: %.1f us/message (rules alone %.1f us/message, ratio %.2f)\n", us_classifier,
              us_rules, us_classifier / us_rules);

  // Every reply the offline counsellor would give, verified.
  Counsellor counsellor(*CrisisDirectory::parse(CrisisDirectory::default_spec()));
  OutputVerifier verifier;
  std::size_t replies = 0, method = 0, any_violation = 0, replaced = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int rep = 0; rep < reps; ++rep) {
    std::uint64_t seed = 1 + rep;
    for (const auto& [split, v] : splits) {
      for (const auto& it : v) {
        Conversation conv(seed++);
        for (const auto& h : it.history) {
          TurnInput in;
          in.message = h;
          counsellor.respond_offline(in, conv);
          ++replies;
        }
        TurnInput in;
        in.message = it.text;
        in.region = rep % 2 ? "US" : "KR";
        const auto r = counsellor.respond_offline(in, conv);
        ++replies;
        replaced += r.replaced;
        const auto vr = verifier.verify(r.reply);
        method += vr.has(Violation::method_detail);
        any_violation += !vr.ok();
        for (const auto& [role, text] : conv.history) {
          if (role == "assistant" && verifier.verify(text).has(Violation::method_detail)) ++method;
        }
      }
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double per_s = double(replies) / secs;
  std::printf("== offline replies: %zu in %.2f s = %.0f replies/s; method details %zu, any violation %zu, replaced %zu\n",
              replies, secs, per_s, method, any_violation, replaced);

  const EvalScore& fair = fair_split.empty() ? all : per_split[fair_split];
  const EvalScore& fair_rules = fair_split.empty() ? all : rules_per_split[fair_split];
  std::string by_split;
  for (const auto& [split, sc] : per_split) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s\"%s\": [%.3f, %.3f]", by_split.empty() ? "" : ", ", split.c_str(),
                  sc.recall_elevated_plus(), sc.precision_elevated_plus());
    by_split += buf;
  }
  std::printf("{\"recall_elevated_plus\": %.3f, \"precision_elevated_plus\": %.3f, "
              "\"rules_only_recall_elevated_plus\": %.3f, \"rules_only_precision_elevated_plus\": %.3f, "
              "\"recall_elevated_plus_tuned\": %.3f, \"precision_elevated_plus_tuned\": %.3f, "
              "\"recall_elevated_plus_all\": %.3f, \"precision_elevated_plus_all\": %.3f, "
              "\"elevated_plus_recall_precision_by_split\": {%s}, "
              "\"eval_utterances\": %zu, \"eval_split_reported\": \"%s\", \"classify_us_per_message\": %.1f, "
              "\"method_details_in_replies\": %zu, \"replies_verified\": %zu, \"offline_replies_per_s\": %.0f}\n",
              fair.recall_elevated_plus(), fair.precision_elevated_plus(), fair_rules.recall_elevated_plus(),
              fair_rules.precision_elevated_plus(), tuned.recall_elevated_plus(), tuned.precision_elevated_plus(),
              all.recall_elevated_plus(), all.precision_elevated_plus(), by_split.c_str(), items,
              fair_split.empty() ? "all" : fair_split.c_str(), us_classifier, method, replies, per_s);
  return 0;
}
