#pragma once
// The crisis-risk lexicon: what each phrase means to the classifier. Data only; the rules
// that combine cues live in risk_classifier.cpp. Written from safe-messaging and crisis-line
// screening practice, and tuned only against eval/dev_*.tsv (never eval/holdout_*).
#include <cstdint>
#include <string_view>
#include <vector>

#include "mind_log/counsel/pattern.hpp"

namespace mind_log::counsel {

enum class Cue : std::uint8_t {
  mask,            // idiom or safe compound that hides death words ("dying to", "배고파 죽겠")
  distress,        // low on its own
  weak_distress,   // tiredness, venting: only low next to negated ideation
  ideation,        // first-person suicidal ideation, explicit or implicit: elevated
  self_harm,       // urges or acts of self-harm: elevated
  imminent,        // intent with plan/means/time, preparation, farewell, an act under way
  escalator,       // plan, means, date, preparation: imminent with ideation (now or earlier)
  farewell,        // "thank you for everything", "goodbye": two of them, or one with ideation
  continuation,    // "still feel the same", "그 생각이 다시": elevated after a disclosure
  retraction,      // "forget what I said": elevated after a disclosure
  third_party,     // someone else at risk ("kill herself", "친구가")
  media,           // films, songs, books, news: quoted death words are not the person's own
  identification,  // "so me", "공감": the person identifies with the quoted material
  joke,            // laughter markers
  serious,         // "not joking", "진심": cancels joke markers
  reporting,       // English reporting verbs for "my mom says I ..."
};

struct EnCue {
  Cue cue;
  EnPattern pattern;
};
struct KoCue {
  Cue cue;
  KoPattern pattern;
};

struct Lexicon {
  std::vector<EnCue> en;
  std::vector<KoCue> ko;
  std::vector<std::string_view> ko_negation_tails;      // attach right after a Korean cue
  std::vector<std::string_view> ko_third_party_subjects;
  std::vector<std::string_view> ko_first_person;
  std::vector<std::string_view> ko_hearsay_tails;
  std::vector<std::string_view> en_negators;
  std::vector<std::vector<std::string_view>> en_negation_tails;  // token sequences after a cue
  std::vector<std::string_view> en_third_person;
  std::vector<std::string_view> en_first_person;
};

// Built on first use (thread-safe static initialisation), immutable afterwards.
const Lexicon& lexicon();

}  // namespace mind_log::counsel
