#include "mind_log/journal/emotion_analyzer.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace mind_log::journal {
namespace {

struct Token {
  std::string text;     // ASCII lower-cased
  bool hangul = false;  // starts with a Hangul syllable (UTF-8 lead byte 0xEA..0xED)
  bool clause_start = false;
};

bool is_break(char c) { return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':'; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::string cur;
  bool pending_break = true;
  auto flush = [&] {
    if (cur.empty()) return;
    auto lead = static_cast<unsigned char>(cur[0]);
    out.push_back(Token{cur, lead >= 0xEA && lead <= 0xED, pending_break});
    pending_break = false;
    cur.clear();
  };
  for (char ch : text) {
    auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::isalnum(u) || ch == '\'') {
      cur.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : ch);
    } else {
      flush();
      if (is_break(ch)) pending_break = true;
    }
  }
  flush();
  return out;
}

const std::unordered_set<std::string_view>& english_negators() {
  static const std::unordered_set<std::string_view> s = {
      "not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "weren't", "can't",
      "cannot", "couldn't", "won't", "wouldn't", "haven't", "hasn't", "hadn't", "shouldn't", "dont", "didnt",
      "isnt", "wasnt", "cant", "hardly", "barely", "without", "nothing", "nor", "neither"};
  return s;
}

const std::unordered_map<std::string_view, double>& english_modifiers() {
  static const std::unordered_map<std::string_view, double> m = {
      {"very", 1.5},     {"really", 1.5},   {"so", 1.5},     {"extremely", 1.5}, {"incredibly", 1.5},
      {"totally", 1.5},  {"super", 1.5},    {"too", 1.5},    {"deeply", 1.5},    {"absolutely", 1.5},
      {"completely", 1.5}, {"terribly", 1.5}, {"utterly", 1.5}, {"slightly", 0.5},  {"somewhat", 0.5},
      {"bit", 0.5},      {"little", 0.5},   {"kinda", 0.5},  {"sorta", 0.5},     {"mildly", 0.5},
      {"fairly", 0.5},   {"kind", 0.5}};
  return m;
}

const std::unordered_map<std::string_view, double>& korean_modifiers() {
  static const std::unordered_map<std::string_view, double> m = {
      {"너무", 1.5}, {"정말", 1.5}, {"진짜", 1.5}, {"매우", 1.5}, {"아주", 1.5}, {"엄청", 1.5},
      {"완전", 1.5}, {"많이", 1.5}, {"몹시", 1.5}, {"굉장히", 1.5}, {"되게", 1.5}, {"참", 1.5},
      {"조금", 0.5}, {"좀", 0.5},   {"약간", 0.5}, {"살짝", 0.5}, {"다소", 0.5}};
  return m;
}

const std::unordered_map<std::string_view, const LexiconEntry*>& english_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, const LexiconEntry*> m;
    for (auto& e : english_lexicon()) m.emplace(e.term, &e);
    return m;
  }();
  return index;
}

// Longest Korean stem the word starts with; the stem's byte length through `stem_len`.
const LexiconEntry* korean_match(std::string_view word, std::size_t& stem_len) {
  const LexiconEntry* best = nullptr;
  for (auto& e : korean_lexicon())
    if (word.starts_with(e.term) && (!best || e.term.size() > best->term.size())) best = &e;
  if (best) stem_len = best->term.size();
  return best;
}

// Long-form Korean negation: "-지 않다/못하다", or "없다" after the stem.
bool korean_negated_after(const std::vector<Token>& t, std::size_t i, std::size_t stem_len) {
  std::string_view rest = std::string_view(t[i].text).substr(stem_len);
  if (rest.find("않") != std::string_view::npos || rest.find("없") != std::string_view::npos ||
      rest.find("지못") != std::string_view::npos)
    return true;
  if (i + 1 < t.size()) {
    std::string_view next = t[i + 1].text;
    if (next.starts_with("않") || next.starts_with("없")) return true;
    if (next.starts_with("못") && t[i].text.ends_with("지")) return true;
  }
  return false;
}

}  // namespace

EmotionScores analyze_emotions(std::string_view text) {
  EmotionScores out;
  auto tokens = tokenize(text);
  int hangul = 0, latin = 0;
  int negate_left = 0;         // English: words still inside a negation's scope
  bool negate_next = false;    // Korean short form: 안/못 before the word
  double modifier = 1.0;
  int modifier_left = 0;

  auto add = [&](const LexiconEntry& e, bool negated) {
    double w = e.weight * (modifier_left > 0 ? modifier : 1.0);
    ++out.hits;
    if (!negated) {
      out.raw[static_cast<int>(e.emotion)] += w;
      return;
    }
    switch (e.emotion) {
      case Emotion::joy: out.raw[static_cast<int>(Emotion::sadness)] += 0.5 * w; break;
      case Emotion::calm: out.raw[static_cast<int>(Emotion::anxiety)] += 0.5 * w; break;
      default: out.raw[static_cast<int>(Emotion::calm)] += 0.3 * w; break;
    }
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    if (tok.clause_start) {
      negate_left = 0;
      modifier_left = 0;
    }
    bool consumed = false;
    if (tok.hangul) {
      ++hangul;
      if (tok.text == "안" || tok.text == "못") {
        negate_next = true;
        continue;
      }
      if (auto m = korean_modifiers().find(tok.text); m != korean_modifiers().end()) {
        modifier = m->second;
        modifier_left = 3;  // this word plus two
        consumed = true;
      } else {
        std::size_t stem_len = 0;
        if (auto* e = korean_match(tok.text, stem_len)) add(*e, negate_next || korean_negated_after(tokens, i, stem_len));
      }
      negate_next = false;
    } else {
      if (std::isalpha(static_cast<unsigned char>(tok.text[0]))) ++latin;
      if (english_negators().contains(tok.text)) {
        negate_left = 4;  // this word plus three
        consumed = true;
      } else if (auto m = english_modifiers().find(tok.text); m != english_modifiers().end()) {
        modifier = m->second;
        modifier_left = 3;
        consumed = true;
      } else if (auto h = english_index().find(tok.text); h != english_index().end()) {
        add(*h->second, negate_left > 0);
      }
    }
    (void)consumed;
    if (negate_left > 0) --negate_left;
    if (modifier_left > 0) --modifier_left;
  }

  double best = 0;
  out.dominant = "neutral";
  for (std::size_t e = 0; e < out.raw.size(); ++e) {
    out.score[e] = out.raw[e] / (out.raw[e] + 1.0);
    if (out.raw[e] > best) {
      best = out.raw[e];
      out.dominant = std::string(kEmotionNames[e]);
    }
  }
  if (hangul && latin) out.language = hangul >= latin * 4 ? "ko" : (latin >= hangul * 4 ? "en" : "mixed");
  else if (hangul) out.language = "ko";
  else if (latin) out.language = "en";
  else out.language = "unknown";
  return out;
}

}  // namespace mind_log::journal
