#pragma once
// Two tiny pattern languages, compiled once at start-up and then read-only (thread-safe).
//
// English (over tokenize_en words), space separated elements:
//   word        exact token            a|b|c   any of the alternatives
//   kill~       token prefix (kill, kills, killing, killed)
//   *           a gap of 0..4 tokens that never crosses a clause or sentence boundary
// Korean (over compact_ko text, spaces ignored):
//   fragment alternatives separated by '|', fragments separated by '*' (a gap of at most
//   five syllables that never crosses . ! ?).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mind_log::counsel {

struct Span {
  std::size_t begin = 0;  // token index (English) or byte offset (Korean)
  std::size_t end = 0;    // one past the last
  bool overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
};

class EnPattern {
 public:
  explicit EnPattern(std::string_view spec);
  // The shortest match starting at each position where one exists.
  std::vector<Span> find_all(const std::vector<std::string>& words) const;
  const std::string& spec() const { return spec_; }

 private:
  struct Alt {
    std::string text;
    bool prefix = false;
  };
  struct Element {
    bool gap = false;
    std::vector<Alt> alts;
  };
  std::size_t match_from(const std::vector<std::string>& w, std::size_t elem, std::size_t pos) const;
  std::string spec_;
  std::vector<Element> elements_;
};

class KoPattern {
 public:
  explicit KoPattern(std::string_view spec);
  std::vector<Span> find_all(std::string_view compact) const;
  const std::string& spec() const { return spec_; }

 private:
  std::size_t match_from(std::string_view s, std::size_t frag, std::size_t pos) const;
  std::string spec_;
  std::vector<std::vector<std::string>> fragments_;
};

bool is_boundary_token(std::string_view w);

}  // namespace mind_log::counsel
