#include "mind_log/counsel/output_verifier.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "mind_log/counsel/pattern.hpp"
#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {

std::string_view to_string(Violation v) {
  switch (v) {
    case Violation::diagnosis: return "diagnosis";
    case Violation::medication: return "medication";
    case Violation::method_detail: return "method-detail";
    case Violation::human_claim: return "human-claim";
  }
  return "unknown";
}

bool VerifyResult::has(Violation v) const {
  return std::find(violations.begin(), violations.end(), v) != violations.end();
}

namespace {

struct Rule {
  Violation v;
  const char* spec;
};

constexpr Rule kEn[] = {
    {Violation::diagnosis, "you * have|suffer~|from * depression|bipolar|ptsd|ocd|adhd|schizophrenia|psychosis|anorexia|bulimia|disorder"},
    {Violation::diagnosis, "you are * bipolar|schizophrenic|psychotic|clinically|anorexic|bulimic"},
    {Violation::diagnosis, "diagnos~ you|is|with"},
    {Violation::diagnosis, "my diagnosis"},
    {Violation::medication, "sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|citalopram|paroxetine|paxil"},
    {Violation::medication, "venlafaxine|effexor|bupropion|wellbutrin|mirtazapine|quetiapine|seroquel|lithium"},
    {Violation::medication, "lamotrigine|alprazolam|xanax|lorazepam|ativan|diazepam|valium|clonazepam|klonopin"},
    {Violation::medication, "zolpidem|ambien|trazodone|melatonin|benadryl|diphenhydramine|ibuprofen"},
    {Violation::medication, "acetaminophen|paracetamol|tylenol|aspirin|antidepressant~|ssri|ssris|benzodiazepine~|benzos"},
    {Violation::medication, "mg|milligram~|dosage|doses"},
    {Violation::medication, "increase|decrease|double|stop|skip|reduce * your * medication|meds|dose"},
    {Violation::medication, "take|try * pill|pills|tablet|tablets"},
    {Violation::method_detail, "overdos~|lethal|noose|ligature|hanging|suffocat~|drown~|poison~|bleach"},
    {Violation::method_detail, "hang yourself"},
    {Violation::method_detail, "jump~ off|from"},
    {Violation::method_detail, "bridge|rooftop|roof|railway|tracks|cliff"},
    {Violation::method_detail, "carbon monoxide"},
    {Violation::method_detail, "charcoal"},
    {Violation::method_detail, "exhaust fumes"},
    {Violation::method_detail, "gun|guns|firearm~|shoot"},
    {Violation::method_detail, "slit|wrist|wrists"},
    {Violation::method_detail, "bleed out"},
    {Violation::method_detail, "cut deep|deeper"},
    {Violation::method_detail, "how many pills"},
    {Violation::method_detail, "painless"},
    {Violation::method_detail, "ways|way to die"},
    {Violation::method_detail, "how to kill"},
    {Violation::human_claim, "i am a|an human|person|therapist|psychologist|doctor|psychiatrist|counsellor|counselor|nurse"},
    {Violation::human_claim, "i am a real|licensed|certified"},
    {Violation::human_claim, "i am human"},
    {Violation::human_claim, "i am not an|a ai|bot|robot|chatbot|program|machine"},
    {Violation::human_claim, "as a human"},
    {Violation::human_claim, "as your therapist|doctor|counsellor|counselor"},
};

constexpr Rule kKo[] = {
    {Violation::diagnosis, "우울증|조울증|양극성|공황장애|불안장애|외상후스트레스장애|강박증|조현병|섭식장애|거식증|폭식증|경계성|adhd|ptsd * 입니다|이에요|예요|이네요|인것같|일가능성|으로보|로보|이십니다|을앓|를앓|이있으신|이있는것|가있으신|이확실"},
    {Violation::diagnosis, "진단을내리|진단합니다|진단은|진단하면|진단드"},
    {Violation::medication, "졸피뎀|자낙스|프로작|렉사프로|설트랄린|졸로푸트|수면제|항우울제|신경안정제|멜라토닌|타이레놀|아스피린|리튬|벤조"},
    // "mg" only after a digit: with spaces removed, English "I'm glad" contains "mg".
    {Violation::medication, "0mg|1mg|2mg|3mg|4mg|5mg|6mg|7mg|8mg|9mg|밀리그램|복용량|용량을|알씩|정씩|한알|두알|세알"},
    {Violation::medication, "약을 * 늘리|줄이|끊|더드|드세요|복용하세요"},
    {Violation::method_detail, "과다복용|치사량|목을매|목매|올가미|밧줄|뛰어내|투신|옥상|다리에서|다리위|한강|철로|선로|번개탄|연탄|일산화탄소|가스를|손목|칼로|독극물|농약|질식|익사|약몇알|몇알"},
    {Violation::human_claim, "저는사람이에요|저는사람입니다|저는사람이예요|나는사람이야|나사람이야|저는인간이에요|저는인간입니다|진짜사람이에요|실제사람이에요|사람이맞아요|사람맞아요|사람맞아"},
    {Violation::human_claim, "ai가아니|ai아니|로봇이아니|봇이아니|인공지능이아니|기계가아니"},
    {Violation::human_claim, "상담사입니다|상담사예요|상담사이에요|의사입니다|의사예요|치료사입니다|치료사예요|전문가입니다|전문가예요|심리학자입니다"},
};

}  // namespace

struct OutputVerifier::Impl {
  std::vector<std::pair<Violation, EnPattern>> en;
  std::vector<std::pair<Violation, KoPattern>> ko;
  std::vector<std::string> en_words;  // every literal word an English rule can end on
  std::vector<std::string> ko_frags;  // every Korean fragment alternative
};

OutputVerifier::OutputVerifier() {
  static const Impl impl = [] {
    Impl i;
    for (const auto& r : kEn) {
      i.en.emplace_back(r.v, EnPattern(r.spec));
      std::string spec = r.spec;
      std::string word;
      for (char ch : spec + " ") {
        if (ch == ' ' || ch == '|') {
          if (!word.empty() && word != "*") {
            if (word.back() == '~') word.pop_back();
            i.en_words.push_back(word);
          }
          word.clear();
        } else {
          word.push_back(ch);
        }
      }
    }
    for (const auto& r : kKo) {
      i.ko.emplace_back(r.v, KoPattern(r.spec));
      std::string frag;
      for (char ch : std::string(r.spec) + "|") {
        if (ch == '|' || ch == '*') {
          if (!frag.empty()) i.ko_frags.push_back(frag);
          frag.clear();
        } else if (ch != ' ') {
          frag.push_back(ch);
        }
      }
    }
    return i;
  }();
  impl_ = &impl;
}

VerifyResult OutputVerifier::verify(std::string_view reply) const {
  VerifyResult r;
  auto add = [&](Violation v) {
    if (!r.has(v)) r.violations.push_back(v);
  };
  const auto words = tokenize_en(reply).words;
  for (const auto& [v, p] : impl_->en) {
    if (!p.find_all(words).empty()) add(v);
  }
  const auto compact = compact_ko(reply);
  for (const auto& [v, p] : impl_->ko) {
    if (!p.find_all(compact).empty()) add(v);
  }
  return r;
}

std::size_t OutputVerifier::releasable_prefix(std::string_view text) const {
  // English: a trailing run of letters that could still grow into a forbidden word.
  std::size_t start = text.size();
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '\'')) --start;
  std::size_t hold_from = text.size();
  if (start < text.size()) {
    std::string partial(text.substr(start));
    for (auto& ch : partial) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& w : impl_->en_words) {
      if (w.size() >= partial.size() && w.compare(0, partial.size(), partial) == 0) {
        hold_from = start;
        break;
      }
    }
  }
  // Korean: the earliest start among the last few code points whose (space-free) rest is the
  // beginning of a forbidden fragment.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size();) {
    starts.push_back(i);
    next_code_point(text, i);
  }
  const std::size_t look = std::min<std::size_t>(starts.size(), 12);
  for (std::size_t k = starts.size() - look; k < starts.size(); ++k) {
    const std::size_t s = starts[k];
    if (s >= hold_from) break;
    std::string rest;
    for (char ch : text.substr(s)) {
      if (ch != ' ') rest.push_back(ch);
    }
    if (rest.empty()) continue;
    bool prefix = false;
    for (const auto& f : impl_->ko_frags) {
      if (f.size() > rest.size() && f.compare(0, rest.size(), rest) == 0) { prefix = true; break; }
    }
    if (prefix) {
      hold_from = s;
      break;
    }
  }
  return hold_from;
}

}  // namespace mind_log::counsel
