#include "mind_log/counsel/pattern.hpp"

#include <cstdlib>

#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {
namespace {

constexpr std::size_t npos = std::string::npos;
constexpr std::size_t kEnMaxGap = 4;
constexpr std::size_t kKoMaxGapBytes = 15;  // five Hangul syllables

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == npos ? s.size() - start : p - start));
    if (p == npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace

bool is_boundary_token(std::string_view w) { return w == "." || w == "!"; }

EnPattern::EnPattern(std::string_view spec) : spec_(spec) {
  for (const auto& part : split(spec, ' ')) {
    if (part.empty()) continue;
    Element e;
    if (part == "*") {
      e.gap = true;
    } else {
      for (auto& a : split(part, '|')) {
        Alt alt;
        alt.prefix = !a.empty() && a.back() == '~';
        if (alt.prefix) a.pop_back();
        alt.text = std::move(a);
        e.alts.push_back(std::move(alt));
      }
    }
    elements_.push_back(std::move(e));
  }
  if (elements_.empty() || elements_.front().gap || elements_.back().gap) std::abort();  // lexicon bug
}

std::size_t EnPattern::match_from(const std::vector<std::string>& w, std::size_t elem,
                                  std::size_t pos) const {
  if (elem == elements_.size()) return pos;
  const Element& e = elements_[elem];
  if (e.gap) {
    for (std::size_t skip = 0; skip <= kEnMaxGap; ++skip) {
      if (skip > 0 && (pos + skip - 1 >= w.size() || is_boundary_token(w[pos + skip - 1]))) break;
      const auto end = match_from(w, elem + 1, pos + skip);
      if (end != npos) return end;
    }
    return npos;
  }
  if (pos >= w.size()) return npos;
  for (const Alt& a : e.alts) {
    const bool ok = a.prefix ? w[pos].starts_with(a.text) : w[pos] == a.text;
    if (ok) {
      const auto end = match_from(w, elem + 1, pos + 1);
      if (end != npos) return end;
    }
  }
  return npos;
}

std::vector<Span> EnPattern::find_all(const std::vector<std::string>& words) const {
  std::vector<Span> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto end = match_from(words, 0, i);
    if (end != npos) out.push_back({i, end});
  }
  return out;
}

KoPattern::KoPattern(std::string_view spec) : spec_(spec) {
  std::string no_space;
  for (char c : spec) {
    if (c != ' ') no_space.push_back(c);
  }
  for (const auto& frag : split(no_space, '*')) {
    auto alts = split(frag, '|');
    for (const auto& a : alts) {
      if (a.empty()) std::abort();  // lexicon bug
    }
    fragments_.push_back(std::move(alts));
  }
}

std::size_t KoPattern::match_from(std::string_view s, std::size_t frag, std::size_t pos) const {
  if (frag == fragments_.size()) return pos;
  std::size_t best = npos;
  for (const auto& alt : fragments_[frag]) {
    if (frag == 0) {
      if (s.compare(pos, alt.size(), alt) == 0) {
        const auto end = match_from(s, 1, pos + alt.size());
        if (end != npos && end < best) best = end;
      }
      continue;
    }
    // After a gap: the alternative may start anywhere within the next few syllables.
    for (std::size_t start = pos; start <= pos + kKoMaxGapBytes && start < s.size(); ++start) {
      if (start > pos) {
        const char c = s[start - 1];
        if (c == '.' || c == '!' || c == '?') break;
      }
      if (s.compare(start, alt.size(), alt) == 0) {
        const auto end = match_from(s, frag + 1, start + alt.size());
        if (end != npos && end < best) best = end;
        break;
      }
    }
  }
  return best;
}

std::vector<Span> KoPattern::find_all(std::string_view compact) const {
  std::vector<Span> out;
  for (const auto& alt : fragments_.front()) {
    for (auto p = compact.find(alt); p != npos; p = compact.find(alt, p + 1)) {
      const auto end = match_from(compact, 0, p);
      if (end != npos) out.push_back({p, end});
    }
  }
  return out;
}

}  // namespace mind_log::counsel
