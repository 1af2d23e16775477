#include "mind_log/counsel/engine.hpp"

#include <algorithm>
#include <array>

#include "mind_log/counsel/engine_phrases.hpp"
#include "mind_log/counsel/exercises.hpp"
#include "mind_log/counsel/pattern.hpp"
#include "mind_log/counsel/safety.hpp"

namespace mind_log::counsel {

std::string_view to_string(Exercise e) {
  switch (e) {
    case Exercise::none: return "none";
    case Exercise::grounding: return "grounding";
    case Exercise::breathing: return "breathing";
    case Exercise::thought_record: return "thought_record";
    case Exercise::activation: return "activation";
    case Exercise::sleep: return "sleep";
  }
  return "none";
}

std::optional<Exercise> parse_exercise(std::string_view s) {
  for (auto e : {Exercise::grounding, Exercise::breathing, Exercise::thought_record, Exercise::activation, Exercise::sleep}) {
    if (to_string(e) == s) return e;
  }
  return std::nullopt;
}

namespace {

struct EmotionWords {
  Emotion emotion;
  std::vector<EnPattern> en;
  const char* ko;
};

std::vector<std::string> split_bar(std::string_view s) {
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

const std::vector<EmotionWords>& emotion_table() {
  auto en = [](std::initializer_list<const char*> specs) {
    std::vector<EnPattern> v;
    for (auto s : specs) v.emplace_back(s);
    return v;
  };
  static const std::vector<EmotionWords> t{
      {Emotion::self_critical, en({"hate myself", "stupid|useless|worthless|failure|pathetic", "not good enough", "my fault", "messing|messed * up", "did wrong"}),
       "한심|못났|내탓|쓸모없|실패|자책|내가싫|내가너무싫|잘못한"},
      {Emotion::anxious, en({"anxious|anxiety|nervous|panic~|worr~|scared|afraid|fear|dread~|overthink~|tense|uneasy"}),
       "불안|걱정|초조|긴장|무서|두려|공황|조마조마"},
      {Emotion::lonely, en({"lonely|alone|isolated|invisible|forgotten", "left out", "no one * talk"}), "외로|혼자|소외|투명인간|아무도없"},
      {Emotion::angry, en({"angry|mad|furious|annoyed|frustrat~|irritat~|resent~|unfair"}), "화가|화나|짜증|억울|분노|열받"},
      {Emotion::sleep, en({"sleep|slept|insomnia|awake|nightmare~", "3am|4am"}), "잠이|잠을|불면|못자|못잤|악몽|새벽에깨"},
      {Emotion::stressed, en({"stress~|overwhelm~|pressure|busy|deadline~|swamped", "too much", "burn~ out", "burned|burnt out"}),
       "스트레스|압박|벅차|바빠|번아웃|치여|마감|일이많"},
      {Emotion::tired, en({"tired|exhausted|drained|fatigue~|worn", "no energy"}), "피곤|지쳤|지쳐|기운이없|무기력|녹초"},
      {Emotion::sad, en({"sad|depress~|empty|cry|cried|crying|hopeless|miserable|grief|heartbroken|hurt|hurts|burden", "feel~ * down|low", "miss him|her|them"}),
       "우울|슬퍼|슬프|슬펐|눈물|울었|공허|허전|가라앉|속상|아파|힘들|힘드|괴로|짐이|짐만"},
      {Emotion::positive, en({"happy|great|better|proud|excited|grateful|relieved|calm|calmer|glad|good|nice|fun|enjoyed|lighter|hopeful"}),
       "좋았|좋아|기뻐|행복|뿌듯|설레|다행|나아졌|나아|편안|편해|감사|재밌|즐거|가벼워|가벼웠"},
  };
  return t;
}

bool matches_any(const std::vector<std::string>& words, const std::string& compact,
                 std::initializer_list<const char*> en, const char* ko) {
  for (auto s : en) {
    if (!EnPattern(s).find_all(words).empty()) return true;
  }
  for (const auto& k : split_bar(ko)) {
    if (!k.empty() && compact.find(k) != std::string::npos) return true;
  }
  return false;
}

struct Intent {
  bool asks_ai = false, accept = false, decline = false, stop = false, thanks = false, short_msg = false;
  bool rated_good = false, rated_bad = false;
  bool plans = false;  // "I'll do the breathing again", "내일 적어 볼래"
};

Intent read_intent(std::string_view message) {
  const auto words = tokenize_en(message).words;
  const auto c = compact_ko(message);
  std::size_t content = 0;
  for (const auto& w : words) content += !is_boundary_token(w) && w != "\"";
  const std::size_t cps = code_point_count(c);
  Intent i;
  i.asks_ai = matches_any(words, c, {"are you * human|person|real|bot|robot|ai|machine|computer|therapist",
                                     "talking to * human|person|bot|ai|robot", "is this * bot|ai|human|person"},
                          "사람이야|사람이에요|사람인가요|사람이니|사람맞|ai야|ai예요|ai인가요|ai니|봇이야|로봇이야|진짜사람|기계야");
  const bool brief = content <= 6 && cps <= 24;
  i.accept = brief && matches_any(words, c, {"yes|yeah|yep|sure|ok|okay|alright|please|lets|let", "sounds good", "i will try", "why not"},
                                  "응|네|예|좋아|그래|해볼게|할게|해볼래|그럴게|해보자|부탁");
  i.decline = brief && matches_any(words, c, {"no|nope|nah", "not now|really", "maybe later", "rather not", "do not want"},
                                   "아니|싫어|괜찮아요|괜찮아|다음에|안할래|됐어|별로");
  if (i.accept && i.decline) i.accept = false;  // "no thanks, ok" reads as a no
  i.stop = matches_any(words, c, {"stop|enough|quit", "can we stop"}, "그만|멈출래|그만할래|안할래");
  i.thanks = matches_any(words, c, {"thank~|bye|goodbye", "good night"}, "고마워|고맙|감사|잘자|안녕히|잘있어");
  i.short_msg = content <= 2 && cps <= 6;
  i.plans = matches_any(words, c, {"i will|would * try|do|write|go|call|walk", "going to * try|do|write|call|walk", "plan to"},
                        "해볼래|해 볼래|볼래|할래|볼까봐|볼까 봐|해야겠|할게|해볼게");
  i.rated_good = matches_any(words, c, {"helped|better|calmer|calm|relaxed|good|nice|lighter|great", "a bit better"},
                             "도움이됐|도움됐|나아|편해|괜찮아졌|좋았|좋아|가벼워|차분");
  i.rated_bad = matches_any(words, c, {"not really|helpful", "did not help|work", "no|same|worse|nothing"},
                            "별로|그대로|모르겠|도움이안|안됐|더안좋");
  if (i.rated_bad && i.rated_good) i.rated_good = !matches_any(words, c, {"not really|helpful", "did not help|work"}, "도움이안|별로");
  return i;
}

std::string fill(std::string_view tmpl, std::string_view x, Language lang) {
  std::string out(tmpl);
  // {x:A/B}: Korean particle chosen by whether x ends in a final consonant (받침).
  for (auto p = out.find("{x:"); p != std::string::npos; p = out.find("{x:")) {
    const auto end = out.find('}', p);
    const std::string choice = out.substr(p + 3, end - p - 3);
    const auto slash = choice.find('/');
    bool batchim = false;
    std::size_t i = 0;
    char32_t last = 0;
    while (i < x.size()) last = next_code_point(x, i);
    if (last >= 0xAC00 && last <= 0xD7A3) batchim = (last - 0xAC00) % 28 != 0;
    out.replace(p, end - p + 1, std::string(x) + (batchim ? choice.substr(0, slash) : choice.substr(slash + 1)));
  }
  for (auto p = out.find("{x}"); p != std::string::npos; p = out.find("{x}")) out.replace(p, 3, x);
  for (auto p = out.find("{t}"); p != std::string::npos; p = out.find("{t}")) out.replace(p, 3, x);
  for (auto p = out.find("{T}"); p != std::string::npos; p = out.find("{T}")) {
    std::string cap(x);
    if (!cap.empty() && lang != Language::ko) cap[0] = char(std::toupper(static_cast<unsigned char>(cap[0])));
    out.replace(p, 3, cap);
  }
  return out;
}

std::string say(EngineState& st, std::string_view slot, Language lang) {
  const auto v = phrases(slot, lang);
  return std::string(v[st.chooser.pick(slot, v.size())]);
}

std::string say_x(EngineState& st, std::string_view slot, std::string_view x, Language lang) {
  return fill(say(st, slot, lang), x, lang);
}

std::string single(std::string_view slot, Language lang) { return std::string(phrases(slot, lang)[0]); }

Exercise suggest_for(Emotion e) {
  switch (e) {
    case Emotion::anxious: return Exercise::grounding;
    case Emotion::angry:
    case Emotion::stressed: return Exercise::breathing;
    case Emotion::self_critical: return Exercise::thought_record;
    case Emotion::sad:
    case Emotion::tired:
    case Emotion::lonely: return Exercise::activation;
    case Emotion::sleep: return Exercise::sleep;
    case Emotion::positive: return Exercise::none;
  }
  return Exercise::none;
}

bool contains(const std::vector<Exercise>& v, Exercise e) { return std::find(v.begin(), v.end(), e) != v.end(); }

std::string_view emotion_slot(Emotion e) {
  switch (e) {
    case Emotion::sad: return "reflect.sad";
    case Emotion::anxious: return "reflect.anxious";
    case Emotion::angry: return "reflect.angry";
    case Emotion::lonely: return "reflect.lonely";
    case Emotion::stressed: return "reflect.stressed";
    case Emotion::tired: return "reflect.tired";
    case Emotion::sleep: return "reflect.sleep";
    case Emotion::self_critical: return "reflect.self_critical";
    case Emotion::positive: return "reflect.positive";
  }
  return "reflect.neutral";
}

void join(std::string& out, const std::string& part) {
  if (part.empty()) return;
  if (!out.empty()) out += ' ';
  out += part;
}

}  // namespace

bool is_acceptance(std::string_view message) { return read_intent(message).accept; }
bool is_decline(std::string_view message) { return read_intent(message).decline; }

std::vector<Emotion> detect_emotions(std::string_view text) {
  const auto words = tokenize_en(text).words;
  const auto c = compact_ko(text);
  std::vector<Emotion> out;
  for (const auto& e : emotion_table()) {
    bool hit = false;
    for (const auto& p : e.en) hit = hit || !p.find_all(words).empty();
    for (const auto& k : split_bar(e.ko)) hit = hit || c.find(k) != std::string::npos;
    if (hit) out.push_back(e.emotion);
  }
  // Distress outranks a stray positive word ("not good", "I'm good at hiding it").
  if (out.size() > 1 && out.back() == Emotion::positive) out.pop_back();
  return out;
}

EngineReply OfflineEngine::reply(const EngineInput& in, EngineState& st) const {
  ++st.turn;
  ++st.turns_since_offer;
  ++st.turns_since_memory;
  const Language detected = in.risk.language;
  if (detected == Language::en || detected == Language::ko) st.language = detected;
  const Language lang = st.language;
  EngineReply r;
  std::string out;

  if (!st.disclosed) {
    join(out, ai_disclosure(lang, st.chooser));
    st.disclosed = true;
    r.strategy = "disclosure";
  }
  if (detected == Language::other) {
    join(out, say(st, "language", lang));
    r.strategy = "language";
    r.text = out;
    st.last_reply = r.text;
    return r;
  }
  const Intent intent = read_intent(in.message);
  const auto emotions = detect_emotions(in.message);

  if (in.multimodal && !in.multimodal->signals.empty()) {
    join(out, say(st, "signals_intro", lang));
    for (const auto& s : in.multimodal->signals) join(out, lang == Language::ko ? s.explanation_ko : s.explanation_en);
    if (in.multimodal->words_say_fine) join(out, say(st, "fine_checkin", lang));
  }
  const bool joke = std::find(in.risk.reasons.begin(), in.risk.reasons.end(), "joke") != in.risk.reasons.end();

  auto finish = [&](std::string strategy) {
    r.strategy = r.strategy.empty() ? std::move(strategy) : r.strategy + "+" + strategy;
    r.text = std::move(out);
    if (r.text == st.last_reply) {
      // Never the same line twice in a row: re-pick the closing question.
      join(r.text, say(st, "question", lang));
    }
    st.last_reply = r.text;
    return r;
  };

  if (intent.asks_ai) {
    join(out, say(st, "ai_answer", lang));
    join(out, say(st, "greeting", lang));
    return finish("disclosure");
  }

  // A rating for the exercise that just ended.
  if (st.awaiting_rating != Exercise::none) {
    const Exercise ex = st.awaiting_rating;
    st.awaiting_rating = Exercise::none;
    if (intent.rated_good || intent.rated_bad) {
      r.rating = ExerciseRating{std::string(to_string(ex)), intent.rated_good, 0};
      join(out, say(st, intent.rated_good ? "rating.good" : "rating.bad", lang));
      join(out, say(st, "question", lang));
      return finish("rating");
    }
  }

  if (st.active != Exercise::none) {
    if (intent.stop) {
      st.active = Exercise::none;
      join(out, say(st, "stop_ok", lang));
      join(out, say(st, "question", lang));
      return finish("reflect");
    }
    ++st.step;
    // Grounding and thought-record steps carry no acknowledgement of their own.
    if (st.active == Exercise::grounding || st.active == Exercise::thought_record) join(out, say(st, "ack", lang));
    join(out, std::string(exercise_step(st.active, st.step, lang)));
    r.exercise = st.active;
    r.step = st.step;
    if (st.step + 1 >= exercise_steps(st.active)) {
      st.done.push_back(st.active);
      st.awaiting_rating = st.active;
      st.active = Exercise::none;
    }
    return finish("exercise");
  }

  if (st.offered != Exercise::none) {
    const Exercise ex = st.offered;
    // An offer the person talks past stays open for one more turn ("I don't know... ok, let's try").
    if (intent.accept || intent.decline || ++st.offer_age >= 2) {
      st.offered = Exercise::none;
      st.offer_age = 0;
    }
    if (intent.accept) {
      st.active = ex;
      st.step = 0;
      join(out, std::string(exercise_step(ex, 0, lang)));
      r.exercise = ex;
      return finish("exercise");
    }
    if (intent.decline) {
      st.declined.push_back(ex);
      join(out, say(st, "decline_ok", lang));
      join(out, say(st, "question", lang));
      return finish("reflect");
    }
  }

  if (intent.thanks && (emotions.empty() || emotions.front() == Emotion::positive)) {
    join(out, say(st, "closing", lang));
    return finish("closing");
  }
  if (joke) {
    join(out, say(st, "joke_checkin", lang));
    return finish("checkin");
  }
  if (intent.plans && (emotions.empty() || emotions.front() == Emotion::positive)) {
    join(out, say(st, "plan_ack", lang));
    join(out, say(st, "plan_q", lang));
    return finish("reflect");
  }
  if (!emotions.empty() && emotions.front() == Emotion::positive) {
    join(out, say(st, "reflect.positive", lang));
    join(out, say(st, "savour", lang));
    return finish("reflect");
  }
  if (emotions.empty() && intent.short_msg) {
    join(out, say(st, st.turn <= 1 ? "greeting" : "invite", lang));
    return finish("reflect");
  }

  // Reflect, validate, remember, then ask or offer.
  join(out, say(st, emotions.empty() ? "reflect.neutral" : emotion_slot(emotions.front()), lang));
  const auto topics = detect_labels(in.message, "theme");
  std::string topic;
  for (const auto& t : topics) {
    if (t != "sleep" && t != "loneliness") { topic = t; break; }
  }
  if (!topic.empty()) join(out, say_x(st, "topic", single("topic." + topic, lang), lang));
  if (!emotions.empty() && st.turn % 2 == 0) join(out, say(st, "validate", lang));

  Exercise offer = Exercise::none;
  if (!emotions.empty() && st.turn >= 2 && st.turns_since_offer >= 2) {
    for (auto e : emotions) {
      const Exercise cand = suggest_for(e);
      if (cand != Exercise::none && !contains(st.declined, cand) && !contains(st.done, cand)) {
        offer = cand;
        break;
      }
    }
  }
  bool memory_used = false;
  if (in.profile && st.turns_since_memory >= 3 && !emotions.empty()) {
    // Prefer what the person told us helps: offer that exercise with the reason.
    for (const auto& item : in.profile->items) {
      if (item.kind != "helpful_exercise") continue;
      const auto ex = parse_exercise(item.label);
      if (!ex || contains(st.declined, *ex) || contains(st.done, *ex) || st.turn < 2) continue;
      if (std::find(st.memory_mentioned.begin(), st.memory_mentioned.end(), item.id) != st.memory_mentioned.end()) continue;
      st.memory_mentioned.push_back(item.id);
      join(out, say_x(st, "memory.helpful", single("ex." + item.label, lang), lang));
      join(out, say(st, "offer.again", lang));
      st.offered = *ex;
      st.offer_age = 0;
      st.turns_since_offer = 0;
      st.turns_since_memory = 0;
      return finish("memory+offer");
    }
    if (!memory_used && in.recalled && !in.recalled->empty() && !topic.empty() && in.profile->has("theme", topic)) {
      join(out, say_x(st, "memory.theme", single("theme." + topic, lang), lang));
      memory_used = true;
    }
    if (!memory_used && offer == Exercise::none &&
        (emotions.front() == Emotion::sad || emotions.front() == Emotion::tired || emotions.front() == Emotion::lonely)) {
      for (const auto& item : in.profile->items) {
        if (item.kind == "activity" && item.mentions >= 2 &&
            std::find(st.memory_mentioned.begin(), st.memory_mentioned.end(), item.id) == st.memory_mentioned.end()) {
          st.memory_mentioned.push_back(item.id);
          join(out, say_x(st, "memory.activity", single("act." + item.label, lang), lang));
          memory_used = true;
          break;
        }
      }
      if (memory_used) {
        st.turns_since_memory = 0;
        return finish("memory");
      }
    }
  }
  if (memory_used) st.turns_since_memory = 0;
  if (offer != Exercise::none) {
    join(out, say_x(st, "offer", single("ex." + std::string(to_string(offer)), lang), lang));
    st.offered = offer;
    st.offer_age = 0;
    st.turns_since_offer = 0;
    return finish("offer");
  }
  join(out, say(st, "question", lang));
  return finish(memory_used ? "memory" : "reflect");
}

}  // namespace mind_log::counsel
