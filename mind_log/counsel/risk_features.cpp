#include "mind_log/counsel/risk_features.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {
namespace {

// FNV-1a: stable across platforms and releases, which matters because the trained weights
// are stored by bucket index.
std::uint32_t fnv1a(std::string_view prefix, std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (char c : prefix) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  h = (h ^ 0x1Fu) * 16777619u;  // separator, so "ab"+"c" and "a"+"bc" differ
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h & (kRiskFeatureDims - 1);
}

// Byte offsets of each code point in a normalised string (all code points are < 0x10000).
std::vector<std::size_t> code_point_starts(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size();) {
    starts.push_back(i);
    next_code_point(s, i);
  }
  starts.push_back(s.size());
  return starts;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < s.size()) {
    auto sp = s.find(' ', start);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > start) words.push_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  return words;
}

class Builder {
 public:
  void text(std::string_view prefix, std::string_view t) { text_.push_back(fnv1a(prefix, t)); }
  void flag(std::string_view name, bool on) {
    if (on) flags_.push_back(fnv1a("f", name));
  }

  SparseFeatures finish() {
    SparseFeatures f;
    std::sort(text_.begin(), text_.end());
    // Counts per bucket, then unit L2 norm over the text part so long messages do not score
    // higher just for having more n-grams.
    std::vector<std::pair<std::uint32_t, float>> t;
    for (auto idx : text_) {
      if (!t.empty() && t.back().first == idx) t.back().second += 1.0f;
      else t.emplace_back(idx, 1.0f);
    }
    double norm = 0;
    for (const auto& [i, v] : t) norm += double(v) * v;
    const float scale = norm > 0 ? float(1.0 / std::sqrt(norm)) : 0.0f;
    for (auto& [i, v] : t) v *= scale;
    f.items = std::move(t);
    for (auto idx : flags_) f.items.emplace_back(idx, 1.0f);
    std::sort(f.items.begin(), f.items.end());
    // A flag bucket may collide with a text bucket: merge so each index appears once.
    std::vector<std::pair<std::uint32_t, float>> merged;
    for (const auto& it : f.items) {
      if (!merged.empty() && merged.back().first == it.first) merged.back().second += it.second;
      else merged.push_back(it);
    }
    f.items = std::move(merged);
    return f;
  }

 private:
  std::vector<std::uint32_t> text_;
  std::vector<std::uint32_t> flags_;
};

void add_text(Builder& b, std::string_view norm, std::size_t min_n, std::size_t max_n) {
  const std::string padded = " " + std::string(norm) + " ";
  const auto starts = code_point_starts(padded);
  const std::size_t cps = starts.size() - 1;
  for (std::size_t n = min_n; n <= max_n; ++n) {
    for (std::size_t i = 0; i + n <= cps; ++i) {
      const std::string_view g(padded.data() + starts[i], starts[i + n] - starts[i]);
      if (g.find_first_not_of(' ') == std::string_view::npos) continue;
      if (n == 1 && static_cast<unsigned char>(g[0]) < 0x80) continue;  // single Latin letters say nothing
      b.text("c", g);
    }
  }
  const auto words = split_words(norm);
  for (std::size_t i = 0; i < words.size(); ++i) {
    b.text("w", words[i]);
    if (i + 1 < words.size()) {
      std::string bigram(words[i]);
      bigram += ' ';
      bigram += words[i + 1];
      b.text("w2", bigram);
    }
  }
}

}  // namespace

std::string normalise_for_features(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  char32_t prev = 0;
  int run = 0;
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (std::size_t i = 0; i < message.size();) {
    const char32_t c = next_code_point(message, i);
    run = c == prev ? run + 1 : 1;
    prev = c;
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      out.push_back(char(std::tolower(static_cast<int>(c))));
    } else if (c == '\'' || c == 0x2019 || c == 0x2018) {
      // "don't" and "dont" are one word
    } else if (is_hangul(c)) {
      const bool laugh_or_cry = c == U'ㅋ' || c == U'ㅎ' || c == U'ㅠ' || c == U'ㅜ';
      if (!laugh_or_cry || run <= 2) append_utf8(out, c);
    } else if (is_laughing_emoji(c)) {
      space();
      out += "lol ";
    } else {
      space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

SparseFeatures risk_features(std::string_view message, const RuleSignals& rules) {
  Builder b;
  const std::string norm = normalise_for_features(message);
  add_text(b, norm, 1, 4);

  b.flag("distress", rules.distress);
  b.flag("weak-distress", rules.weak_distress);
  b.flag("negated", rules.negated_risk);
  b.flag("third-party", rules.third_party);
  b.flag("media", rules.media_suppressed);
  b.flag("identification", rules.identification);
  b.flag("joke", rules.joke && !rules.serious);
  b.flag("serious", rules.serious);
  b.flag("idiom", rules.idiom);
  b.flag("retraction", rules.retraction);
  b.flag("continuation", rules.continuation);
  b.flag("farewell", !rules.farewells.empty());
  return b.finish();
}

}  // namespace mind_log::counsel
