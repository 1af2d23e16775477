#include "mind_log/counsel/risk_rules.hpp"

#include "mind_log/counsel/risk_lexicon.hpp"

namespace mind_log::counsel {
namespace {

bool is_risk_cue(Cue c) {
  switch (c) {
    case Cue::distress: case Cue::weak_distress: case Cue::ideation: case Cue::self_harm:
    case Cue::imminent: case Cue::escalator: case Cue::farewell: case Cue::third_party:
      return true;
    default:
      return false;
  }
}

bool needs_subject(Cue c) {
  return c == Cue::ideation || c == Cue::self_harm || c == Cue::imminent || c == Cue::escalator;
}

bool masked(const Span& s, const std::vector<Span>& masks) {
  for (const auto& m : masks) {
    if (s.overlaps(m) && !s.contains(m)) return true;
  }
  return false;
}

bool contains_word(const std::vector<std::string_view>& set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Records a cue that survived masking, negation, reported speech and media checks.
void record(RuleSignals& s, Cue cue, const std::string& spec) {
  switch (cue) {
    case Cue::distress: s.distress = true; break;
    case Cue::weak_distress: s.weak_distress = true; break;
    case Cue::ideation: s.ideation = true; s.reason("ideation"); break;
    case Cue::self_harm: s.ideation = true; s.reason("self-harm"); break;
    case Cue::imminent: s.imminent = true; s.reason("intent-or-act"); break;
    case Cue::escalator: s.escalators.insert(spec); break;
    case Cue::farewell: s.farewells.insert(spec); break;
    case Cue::third_party: s.third_party = true; s.reason("third-party"); break;
    default: break;
  }
}

// The non-risk cues of a message, in either language: idiom masks, media sentences, reporting
// verbs, and the flags they set; a joke counts unless a "serious"/retraction cue overlaps it.
struct CueContext {
  std::vector<Span> masks;
  std::vector<std::size_t> reporting;
  std::set<int> media_sentences;
};

template <class Cues, class Text>
CueContext collect_context(const Cues& cues, const Text& text, const std::vector<int>& sentence, RuleSignals& s) {
  CueContext ctx;
  std::vector<Span> joke_spans, guard_spans;
  for (const auto& c : cues) {
    for (const auto& sp : c.pattern.find_all(text)) {
      switch (c.cue) {
        case Cue::mask: ctx.masks.push_back(sp); break;
        case Cue::media: ctx.media_sentences.insert(sentence[sp.begin]); break;
        case Cue::identification: s.identification = true; break;
        case Cue::joke: joke_spans.push_back(sp); break;
        case Cue::serious: s.serious = true; guard_spans.push_back(sp); break;
        case Cue::retraction: s.retraction = true; guard_spans.push_back(sp); break;
        case Cue::reporting: ctx.reporting.push_back(sp.begin); break;
        case Cue::continuation: s.continuation = true; break;
        default: break;
      }
    }
  }
  for (const auto& j : joke_spans) {
    bool guarded = false;
    for (const auto& g : guard_spans) guarded = guarded || g.overlaps(j);
    s.joke = s.joke || !guarded;
  }
  return ctx;
}

// Both languages: every risk cue match that is not masked by an idiom, negated, in a sentence
// about media, or quoted/reported speech where a subject is needed, is recorded.
template <class Cues, class Text, class Negated, class Reported>
void record_risk_cues(const Cues& cues, const Text& text, const std::vector<Span>& masks,
                      const std::set<int>& media_sentences, const std::vector<int>& sentence,
                      const std::vector<int>& quote, const Negated& negated, const Reported& reported, RuleSignals& s) {
  for (const auto& c : cues) {
    if (!is_risk_cue(c.cue)) continue;
    for (const auto& sp : c.pattern.find_all(text)) {
      if (masked(sp, masks)) { s.idiom = true; continue; }
      if (negated(sp)) {
        if (c.cue != Cue::distress && c.cue != Cue::weak_distress) s.negated_risk = true;
        continue;
      }
      if (media_sentences.count(sentence[sp.begin])) { s.media_suppressed = true; continue; }
      if (needs_subject(c.cue) && (quote[sp.begin] || reported(sp))) {
        s.third_party = true;
        s.reason(quote[sp.begin] ? "quoted" : "third-party");
        continue;
      }
      record(s, c.cue, c.pattern.spec());
    }
  }
}

void scan_en(std::string_view text, RuleSignals& s) {
  const Lexicon& lex = lexicon();
  const auto words = tokenize_en(text).words;
  if (words.empty()) return;
  std::vector<int> sentence(words.size()), quote(words.size());
  int sid = 0, q = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "\"") q ^= 1;
    sentence[i] = sid;
    quote[i] = q;
    if (words[i] == "!") ++sid;
  }
  const auto ctx = collect_context(lex.en, words, sentence, s);
  const auto& masks = ctx.masks;
  const auto& reporting = ctx.reporting;
  const auto& media_sentences = ctx.media_sentences;

  auto negated = [&](const Span& sp) {
    for (std::size_t k = 1; k <= 5 && k <= sp.begin; ++k) {
      const auto& w = words[sp.begin - k];
      if (is_boundary_token(w) || w == "and" || w == "but" || w == "so" || w == "because" || w == "i") break;
      if (contains_word(lex.en_negators, w)) {
        const std::size_t next = sp.begin - k + 1;
        const bool idiom = next < words.size() &&
                           (words[next] == "stop" || words[next] == "help" || words[next] == "get" ||
                            words[next] == "shake" || words[next] == "seem");
        if (!idiom) return true;
      }
    }
    for (const auto& tail : lex.en_negation_tails) {
      for (std::size_t off = 0; off < 3; ++off) {
        bool ok = sp.end + off + tail.size() <= words.size();
        for (std::size_t t = 0; ok && t < tail.size(); ++t) ok = words[sp.end + off + t] == tail[t];
        if (ok) return true;
      }
    }
    return false;
  };
  auto reported = [&](const Span& sp) {
    for (std::size_t k = 1; k <= sp.begin; ++k) {
      const auto& w = words[sp.begin - k];
      if (is_boundary_token(w)) break;
      if (contains_word(lex.en_first_person, w)) break;
      if (contains_word(lex.en_third_person, w)) return true;
    }
    for (auto r : reporting) {
      if (r >= sp.begin || sentence[r] != sentence[sp.begin]) continue;
      for (std::size_t k = 1; k <= 2 && k <= r; ++k) {
        if (contains_word(lex.en_third_person, words[r - k])) return true;
      }
    }
    return false;
  };

  record_risk_cues(lex.en, words, masks, media_sentences, sentence, quote, negated, reported, s);
}

void scan_ko(std::string_view text, RuleSignals& s) {
  const Lexicon& lex = lexicon();
  std::string c = compact_ko(text);
  if (c.empty()) return;
  if (c.back() != '.' && c.back() != '!' && c.back() != '?') c.push_back('.');
  auto is_punct = [](char ch) { return ch == '.' || ch == '!' || ch == '?'; };
  std::vector<int> sentence(c.size() + 1), quote(c.size() + 1);
  int sid = 0, q = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == '"') q ^= 1;
    sentence[i] = sid;
    quote[i] = q;
    if (is_punct(c[i])) ++sid;
  }
  const auto ctx = collect_context(lex.ko, c, sentence, s);
  const auto& masks = ctx.masks;
  const auto& media_sentences = ctx.media_sentences;
  // Korean negation follows the predicate: "죽고 싶지 않아", "자살할 생각은 없어".
  auto negated = [&](const Span& sp) {
    std::size_t end = sp.end;
    while (end < c.size() && end - sp.end < 30 && !is_punct(c[end])) ++end;
    const std::string_view tail(c.data() + sp.end, end - sp.end);
    for (auto n : lex.ko_negation_tails) {
      if (tail.find(n) != std::string_view::npos) return true;
    }
    return false;
  };
  auto reported = [&](const Span& sp) {
    const std::string_view tail(c.data() + sp.end, c.size() - sp.end);
    for (auto h : lex.ko_hearsay_tails) {
      if (tail.starts_with(h)) return true;
    }
    std::size_t start = sp.begin;
    while (start > 0 && !is_punct(c[start - 1])) --start;
    const std::string_view before(c.data() + start, sp.begin - start);
    std::size_t third = std::string_view::npos;
    for (auto t : lex.ko_third_party_subjects) {
      const auto p = before.rfind(t);
      if (p != std::string_view::npos && (third == std::string_view::npos || p > third)) third = p;
    }
    if (third == std::string_view::npos) return false;
    for (auto f : lex.ko_first_person) {
      const auto p = before.rfind(f);
      if (p != std::string_view::npos && p > third) return false;
    }
    return true;
  };

  record_risk_cues(lex.ko, c, masks, media_sentences, sentence, quote, negated, reported, s);
}

}  // namespace

RuleSignals scan_rules(std::string_view message) {
  RuleSignals s;
  scan_en(message, s);
  scan_ko(message, s);
  return s;
}

RiskAssessment decide_level(RuleSignals s, const ConversationRisk& history, Language language) {
  RiskLevel level = RiskLevel::none;
  bool third_party_concern = false;
  if (s.distress) level = RiskLevel::low;
  if (s.ideation) level = RiskLevel::elevated;
  if (s.imminent) level = RiskLevel::imminent;
  const bool ideation_context = s.ideation || s.imminent || history.ideation_disclosed;
  if (s.escalators.size() >= 2 || (!s.escalators.empty() && ideation_context)) {
    level = RiskLevel::imminent;
    s.reason(history.ideation_disclosed && !s.ideation ? "history-escalation" : "plan-or-means");
  }
  if (s.farewells.size() >= 2 || (!s.farewells.empty() && ideation_context)) {
    level = RiskLevel::imminent;
    s.reason("farewell");
  }
  bool own = at_least(level, RiskLevel::elevated);
  if (own && s.joke && !s.serious) {
    // Hyperbole with a laughter marker: a gentle check-in, not a crisis response.
    level = RiskLevel::low;
    own = false;
    s.reason("joke");
  }
  if (level == RiskLevel::none && s.negated_risk && s.weak_distress) level = RiskLevel::low;
  if (s.negated_risk) s.reason("negated");
  if (s.idiom) s.reason("idiom");
  if (s.third_party) {
    level = max_level(level, RiskLevel::low);
    third_party_concern = true;
  }
  if (s.media_suppressed) {
    s.reason("media");
    if (s.identification) level = max_level(level, RiskLevel::low);
  }
  if (level == RiskLevel::low && s.distress && s.reasons.empty()) s.reason("distress");
  if (history.ideation_disclosed && (s.continuation || s.retraction)) {
    level = max_level(level, RiskLevel::elevated);
    s.reason(s.retraction ? "retraction-after-disclosure" : "continuation-after-disclosure");
  }
  if (history.imminent_disclosed && !at_least(level, RiskLevel::elevated)) {
    level = RiskLevel::elevated;
    s.reason("history-floor");
  } else if ((history.ideation_disclosed || history.third_party_concern) && level == RiskLevel::none) {
    level = RiskLevel::low;
    s.reason("history-floor");
  }
  if (language == Language::other && level == RiskLevel::none) s.reason("unsupported-language");
  RiskAssessment a;
  a.language = language;
  a.level = level;
  a.own_ideation = own;
  a.reasons = std::move(s.reasons);
  a.third_party_concern = third_party_concern;
  return a;
}

}  // namespace mind_log::counsel
