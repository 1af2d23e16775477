#include "mind_log/counsel/bm25.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "mind_log/counsel/pattern.hpp"
#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {
namespace {

const std::set<std::string, std::less<>>& stopwords() {
  static const std::set<std::string, std::less<>> s{"the", "a", "an", "and", "or", "but", "i", "me", "my", "to",
                                                    "of", "in", "on", "at", "is", "am", "are", "was", "were",
                                                    "it", "that", "this", "for", "with", "so", "be", "have",
                                                    "do", "not", "just", "you", "he", "she", "they", "we"};
  return s;
}

std::string stem(std::string w) {
  for (std::string_view suf : {"ing", "ed", "es", "s"}) {
    if (w.size() > suf.size() + 2 && w.ends_with(suf)) {
      w.resize(w.size() - suf.size());
      break;
    }
  }
  return w;
}

}  // namespace

std::vector<std::string> bm25_terms(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : tokenize_en(text).words) {
    if (w.size() < 2 || is_boundary_token(w) || w == "\"" || stopwords().count(w)) continue;
    bool ascii = true;
    for (char c : w) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) out.push_back(stem(w));
  }
  // Hangul bigrams within each run of Hangul syllables (spaces end a run).
  std::vector<std::string> run;
  auto flush = [&] {
    if (run.size() == 1) out.push_back(run[0]);
    for (std::size_t i = 0; i + 1 < run.size(); ++i) out.push_back(run[i] + run[i + 1]);
    run.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (c >= 0xAC00 && c <= 0xD7A3) run.emplace_back(text.substr(start, i - start));
    else flush();
  }
  flush();
  return out;
}

void Bm25Index::add(std::string id, std::string_view text) {
  Doc d;
  d.id = std::move(id);
  for (auto& t : bm25_terms(text)) {
    ++d.tf[t];
    ++d.length;
  }
  for (const auto& [t, n] : d.tf) ++df_[t];
  total_length_ += d.length;
  docs_.push_back(std::move(d));
}

std::vector<Bm25Index::Hit> Bm25Index::search(std::string_view query, std::size_t k) const {
  std::vector<Hit> hits;
  if (docs_.empty()) return hits;
  auto terms = bm25_terms(query);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  const double n = double(docs_.size());
  const double avgdl = std::max(1.0, double(total_length_) / n);
  for (const auto& d : docs_) {
    double score = 0;
    for (const auto& t : terms) {
      const auto it = d.tf.find(t);
      if (it == d.tf.end()) continue;
      const double df = df_.at(t);
      const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      const double tf = it->second;
      score += idf * tf * (k1_ + 1) / (tf + k1_ * (1 - b_ + b_ * double(d.length) / avgdl));
    }
    if (score > 0) hits.push_back({d.id, score});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (hits.size() > k) hits.resize(k);
  return hits;
}

}  // namespace mind_log::counsel
