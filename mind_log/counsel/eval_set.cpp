#include "mind_log/counsel/eval_set.hpp"

#include "mind_log/counsel/risk_classifier.hpp"

namespace mind_log::counsel {

platform::Result<std::vector<EvalItem>> parse_eval_tsv(std::string_view contents, std::string_view name) {
  std::vector<EvalItem> out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < contents.size()) {
    auto nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols;
    std::size_t start = 0;
    while (true) {
      const auto tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string_view::npos ? line.size() - start : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    const std::string where = std::string(name) + ":" + std::to_string(line_no);
    if (cols.size() != 4) {
      return platform::fail("invalid-eval-line", 400, "Evaluation line needs 4 tab-separated columns", where);
    }
    auto level = parse_risk_level(cols[0]);
    if (!level) return platform::fail("invalid-eval-line", 400, "Unknown risk level", where);
    if (cols[3].empty()) return platform::fail("invalid-eval-line", 400, "Empty utterance", where);
    EvalItem item{*level, std::string(cols[1]), {}, std::string(cols[3]), where};
    if (cols[2] != "-") {
      std::string_view h = cols[2];
      while (true) {
        const auto sep = h.find(" || ");
        item.history.emplace_back(h.substr(0, sep));
        if (sep == std::string_view::npos) break;
        h.remove_prefix(sep + 4);
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::size_t EvalScore::total() const {
  std::size_t n = 0;
  for (const auto& row : confusion) for (auto v : row) n += v;
  return n;
}

double EvalScore::precision(RiskLevel l) const {
  const int p = static_cast<int>(l);
  std::size_t predicted = 0;
  for (int t = 0; t < 4; ++t) predicted += confusion[t][p];
  return predicted == 0 ? 1.0 : double(confusion[p][p]) / double(predicted);
}

double EvalScore::recall(RiskLevel l) const {
  const int t = static_cast<int>(l);
  std::size_t actual = 0;
  for (int p = 0; p < 4; ++p) actual += confusion[t][p];
  return actual == 0 ? 1.0 : double(confusion[t][t]) / double(actual);
}

double EvalScore::precision_elevated_plus() const {
  std::size_t predicted = 0, correct = 0;
  for (int t = 0; t < 4; ++t) {
    for (int p = 2; p < 4; ++p) {
      predicted += confusion[t][p];
      if (t >= 2) correct += confusion[t][p];
    }
  }
  return predicted == 0 ? 1.0 : double(correct) / double(predicted);
}

double EvalScore::recall_elevated_plus() const {
  std::size_t actual = 0, correct = 0;
  for (int t = 2; t < 4; ++t) {
    for (int p = 0; p < 4; ++p) {
      actual += confusion[t][p];
      if (p >= 2) correct += confusion[t][p];
    }
  }
  return actual == 0 ? 1.0 : double(correct) / double(actual);
}

double EvalScore::accuracy() const {
  std::size_t ok = 0;
  for (int i = 0; i < 4; ++i) ok += confusion[i][i];
  const auto n = total();
  return n == 0 ? 1.0 : double(ok) / double(n);
}

RiskLevel classify_item(const RiskClassifier& classifier, const EvalItem& item) {
  ConversationRisk conv;
  for (const auto& h : item.history) conv.observe(classifier.assess(h, conv));
  return classifier.assess(item.text, conv).level;
}

}  // namespace mind_log::counsel
