#include "mind_log/counsel/memory.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "mind_log/counsel/bm25.hpp"
#include "mind_log/counsel/pattern.hpp"
#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {
namespace {

struct Label {
  const char* kind;
  const char* label;
  const char* en;  // token prefixes, '|' separated
  const char* ko;  // substrings of compact text, '|' separated
};

constexpr Label kLabels[] = {
    {"theme", "work", "work|job|boss|office|meeting|deadline|coworker|shift", "회사|직장|업무|상사|팀장|야근|회의|출근|일이많|일때문"},
    {"theme", "school", "school|exam|class|homework|study|studying|assignment|grade", "학교|시험|과제|공부|수업|성적"},
    {"theme", "family", "family|mom|mum|mother|dad|father|parent|sister|brother", "가족|엄마|아빠|어머니|아버지|부모|언니|오빠|누나|형이|형한테|동생"},
    {"theme", "relationship", "boyfriend|girlfriend|partner|breakup|husband|wife|dating|divorce", "남자친구|여자친구|애인|연애|헤어|남편|아내|이혼"},
    {"theme", "friends", "friend", "친구"},
    {"theme", "health", "health|sick|ill|doctor|hospital|pain", "건강|아파|병원|몸이"},
    {"theme", "money", "money|rent|debt|bill|loan|salary", "돈|월세|빚|대출|월급"},
    {"theme", "sleep", "sleep|insomnia|nightmare|awake", "잠|수면|불면|악몽"},
    {"theme", "loneliness", "lonely|alone|isolated", "외로|혼자"},
    {"person", "mother", "mom|mum|mother", "엄마|어머니"},
    {"person", "father", "dad|father", "아빠|아버지"},
    {"person", "sibling", "sister|brother", "언니|오빠|누나|동생"},
    {"person", "partner", "boyfriend|girlfriend|partner|husband|wife", "남자친구|여자친구|애인|남편|아내"},
    {"person", "manager", "boss|manager|supervisor", "상사|팀장|부장"},
    {"person", "friend", "friend", "친구"},
    {"person", "child", "son|daughter|kid", "아들|딸|아이가"},
    {"activity", "walking", "walk", "산책|걷"},
    {"activity", "running", "run|jog", "달리기|조깅|러닝"},
    {"activity", "exercise", "gym|workout|exercise|swim", "운동|헬스|수영"},
    {"activity", "music", "music|song|guitar|piano|sing", "음악|노래|기타|피아노"},
    {"activity", "reading", "read|book|novel", "독서|책을|책읽"},
    {"activity", "cooking", "cook|bake|baking", "요리|베이킹"},
    {"activity", "yoga", "yoga|stretch", "요가|스트레칭"},
    {"activity", "drawing", "draw|paint|sketch", "그림"},
    {"activity", "nature", "park|nature|garden|hike|hiking", "공원|자연|등산|정원"},
    {"activity", "pets", "cat|dog|puppy|kitten", "고양이|강아지"},
};

constexpr const char* kNegativeEn = "sad|anxious|anxiety|stress|angry|upset|awful|terrible|worried|depressed|cry|hurt|lonely|exhausted|overwhelmed";
constexpr const char* kNegativeKo = "우울|불안|스트레스|화가|짜증|힘들|슬퍼|속상|지쳤|외로|걱정|울었";

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto p = s.find('|', start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? s.size() - start : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool mentions(const std::vector<std::string>& words, const std::string& compact, const char* en, const char* ko) {
  for (const auto& pre : split(en)) {
    for (const auto& w : words) {
      if (w.starts_with(pre)) return true;
    }
  }
  for (const auto& sub : split(ko)) {
    if (compact.find(sub) != std::string::npos) return true;
  }
  return false;
}

const char* exercise_label(std::string_view e) {
  for (const char* x : {"grounding", "breathing", "thought_record", "activation", "sleep"}) {
    if (e == x) return x;
  }
  return nullptr;
}

}  // namespace

const MemoryItem* MemoryProfile::find(std::string_view id) const {
  for (const auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

bool MemoryProfile::has(std::string_view kind, std::string_view label) const {
  for (const auto& i : items) {
    if (i.kind == kind && i.label == label) return true;
  }
  return false;
}

std::vector<std::string> detect_labels(std::string_view text, std::string_view kind) {
  const auto words = tokenize_en(text).words;
  const auto compact = compact_ko(text);
  std::vector<std::string> out;
  for (const auto& l : kLabels) {
    if (kind == l.kind && mentions(words, compact, l.en, l.ko)) out.emplace_back(l.label);
  }
  return out;
}

MemoryProfile build_profile(const std::vector<MemorySource>& sources, const std::vector<ExerciseRating>& ratings,
                            const MemoryProfile& previous) {
  std::map<std::string, MemoryItem> items;
  std::map<std::string, int> negative_theme;
  auto bump = [&](const std::string& kind, const std::string& label, std::int64_t at) {
    const std::string id = kind + ":" + label;
    auto& it = items[id];
    it.id = id;
    it.kind = kind;
    it.label = label;
    ++it.mentions;
    it.last_seen_ms = std::max(it.last_seen_ms, at);
  };
  for (const auto& s : sources) {
    if (looks_like_prompt_injection(s.text)) continue;
    const auto words = tokenize_en(s.text).words;
    const auto compact = compact_ko(s.text);
    const bool negative = mentions(words, compact, kNegativeEn, kNegativeKo);
    std::set<std::string> seen;
    for (const auto& l : kLabels) {
      const std::string key = std::string(l.kind) + ":" + l.label;
      if (seen.count(key) || !mentions(words, compact, l.en, l.ko)) continue;
      seen.insert(key);
      bump(l.kind, l.label, s.at_ms);
      if (negative && std::string_view(l.kind) == "theme") ++negative_theme[l.label];
    }
  }
  // A theme that came with distress at least twice is a trigger worth remembering.
  for (const auto& [label, n] : negative_theme) {
    if (n >= 2) {
      const auto at = items["theme:" + label].last_seen_ms;
      bump("trigger", label, at);
      items["trigger:" + label].mentions = n;
    }
  }
  std::map<std::string, int> score;
  std::map<std::string, std::int64_t> last;
  for (const auto& r : ratings) {
    if (!exercise_label(r.exercise)) continue;
    score[r.exercise] += r.helpful ? 1 : -1;
    last[r.exercise] = std::max(last[r.exercise], r.at_ms);
  }
  for (const auto& [ex, sc] : score) {
    if (sc > 0) {
      bump("helpful_exercise", ex, last[ex]);
      items["helpful_exercise:" + ex].mentions = sc;
    }
  }
  MemoryProfile p;
  p.forgotten = previous.forgotten;
  for (auto& [id, item] : items) {
    if (std::find(p.forgotten.begin(), p.forgotten.end(), id) == p.forgotten.end()) p.items.push_back(std::move(item));
  }
  std::sort(p.items.begin(), p.items.end(), [](const MemoryItem& a, const MemoryItem& b) {
    return a.mentions != b.mentions ? a.mentions > b.mentions : a.id < b.id;
  });
  return p;
}

platform::Result<void> forget_item(MemoryProfile& profile, std::string_view id) {
  const auto it = std::find_if(profile.items.begin(), profile.items.end(), [&](const MemoryItem& i) { return i.id == id; });
  if (it == profile.items.end()) {
    return platform::fail("memory-item-not-found", 404, "No such memory item", std::string(id));
  }
  profile.forgotten.push_back(it->id);
  profile.items.erase(it);
  return {};
}

void forget_all(MemoryProfile& profile) {
  for (const auto& i : profile.items) profile.forgotten.push_back(i.id);
  profile.items.clear();
}

boost::json::object to_json(const MemoryProfile& p) {
  boost::json::array items;
  for (const auto& i : p.items) {
    items.emplace_back(boost::json::object{{"id", i.id}, {"kind", i.kind}, {"label", i.label},
                                           {"mentions", i.mentions}, {"last_seen_ms", i.last_seen_ms}});
  }
  boost::json::array forgotten;
  for (const auto& f : p.forgotten) forgotten.emplace_back(f);
  return {{"items", std::move(items)}, {"forgotten", std::move(forgotten)}};
}

platform::Result<MemoryProfile> memory_profile_from_json(const boost::json::value& v) {
  auto bad = [](std::string d) { return platform::fail("invalid-memory-profile", 500, "Stored memory profile is unreadable", std::move(d)); };
  const auto* o = v.if_object();
  if (!o) return bad("expected an object");
  MemoryProfile p;
  if (const auto* items = o->if_contains("items"); items && items->is_array()) {
    for (const auto& x : items->as_array()) {
      const auto* io = x.if_object();
      if (!io || !io->contains("id") || !io->at("id").is_string()) return bad("item without id");
      MemoryItem i;
      i.id = std::string(io->at("id").as_string());
      if (const auto* k = io->if_contains("kind"); k && k->is_string()) i.kind = std::string(k->as_string());
      if (const auto* l = io->if_contains("label"); l && l->is_string()) i.label = std::string(l->as_string());
      if (const auto* m = io->if_contains("mentions"); m && m->is_int64()) i.mentions = int(m->as_int64());
      if (const auto* t = io->if_contains("last_seen_ms"); t && t->is_int64()) i.last_seen_ms = t->as_int64();
      p.items.push_back(std::move(i));
    }
  }
  if (const auto* f = o->if_contains("forgotten"); f && f->is_array()) {
    for (const auto& x : f->as_array()) {
      if (x.is_string()) p.forgotten.emplace_back(x.as_string());
    }
  }
  return p;
}

bool looks_like_prompt_injection(std::string_view text) {
  static const std::vector<EnPattern> en = [] {
    std::vector<EnPattern> v;
    for (const char* s : {"ignore|disregard|forget * instructions|rules|guidelines|prompt|above",
                          "ignore|disregard all|any * previous|prior",
                          "system prompt", "you are now", "developer mode", "jailbreak",
                          "reveal|print|show * your * prompt|instructions",
                          "new instructions", "you must now"}) {
      v.emplace_back(s);
    }
    return v;
  }();
  static const std::vector<KoPattern> ko = [] {
    std::vector<KoPattern> v;
    for (const char* s : {"지시|명령|규칙|지침 * 무시|잊어", "시스템프롬프트", "너는이제|당신은이제", "탈옥", "프롬프트를*보여|알려"}) {
      v.emplace_back(s);
    }
    return v;
  }();
  const auto words = tokenize_en(text).words;
  for (const auto& p : en) {
    if (!p.find_all(words).empty()) return true;
  }
  const auto c = compact_ko(text);
  for (const auto& p : ko) {
    if (!p.find_all(c).empty()) return true;
  }
  return false;
}

RecallResult recall(const std::vector<MemorySource>& sources, std::string_view query, std::size_t k,
                    std::size_t budget_chars) {
  RecallResult r;
  Bm25Index index;
  std::map<std::string, const MemorySource*> by_id;
  for (const auto& s : sources) {
    if (looks_like_prompt_injection(s.text)) {
      ++r.excluded_injection;
      continue;
    }
    index.add(s.id, s.text);
    by_id[s.id] = &s;
  }
  std::size_t left = budget_chars;
  for (const auto& hit : index.search(query, k)) {
    if (left < 40) break;
    const MemorySource& s = *by_id.at(hit.id);
    // Cut at a code point boundary so an excerpt is always valid UTF-8.
    std::string excerpt;
    std::size_t cps = 0;
    const std::size_t max_cps = std::min<std::size_t>(left, 400);
    for (std::size_t i = 0; i < s.text.size() && cps < max_cps; ++cps) {
      const std::size_t start = i;
      next_code_point(s.text, i);
      excerpt.append(s.text, start, i - start);
    }
    if (excerpt.size() < s.text.size()) excerpt += "…";
    left -= std::min(left, cps);
    r.entries.push_back({s.id, s.kind, s.at_ms, std::move(excerpt), hit.score});
  }
  return r;
}

}  // namespace mind_log::counsel
