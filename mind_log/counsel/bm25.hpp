#pragma once
// BM25 over decrypted text, in memory, built for one request and dropped afterwards (the
// index never touches disk). English: lower-cased words with light suffix stripping; Korean:
// overlapping Hangul syllable bigrams, which needs no morphological analyser.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mind_log::counsel {

std::vector<std::string> bm25_terms(std::string_view text);

class Bm25Index {
 public:
  explicit Bm25Index(double k1 = 1.2, double b = 0.75) : k1_(k1), b_(b) {}
  void add(std::string id, std::string_view text);
  struct Hit {
    std::string id;
    double score;
  };
  // Best first; only documents sharing at least one term with the query.
  std::vector<Hit> search(std::string_view query, std::size_t k) const;
  std::size_t size() const { return docs_.size(); }

 private:
  struct Doc {
    std::string id;
    std::unordered_map<std::string, int> tf;
    std::size_t length = 0;
  };
  double k1_, b_;
  std::vector<Doc> docs_;
  std::unordered_map<std::string, int> df_;
  std::size_t total_length_ = 0;
};

}  // namespace mind_log::counsel
