#pragma once
// Emotion analysis of journal text in Korean and English: our own lexicon (lexicon_en.cpp,
// lexicon_ko.cpp, written for this product, no third-party lexicon), negation and
// intensifiers. Pure, deterministic and thread-safe (the lexicons are immutable).
//
// Rules:
//  * A lexicon hit adds its weight to one emotion. English matches whole words; Korean matches
//    a word (eojeol) that starts with the stem, since endings and particles attach to it
//    ("행복" matches "행복했다", "행복해서").
//  * Intensifiers ("very", "so", "너무", "정말") within two words before a hit multiply it by
//    1.5; diminishers ("slightly", "a bit", "조금", "좀") by 0.5.
//  * Negation flips the meaning instead of dropping it: "not happy" / "행복하지 않다" /
//    "안 행복해" give half the weight to sadness (joy negated) or anxiety (calm negated); a
//    negated negative emotion ("not worried", "걱정 없이") adds a little calm.
//    English negators reach three words ahead (to the next punctuation); Korean uses the
//    short form (안/못 before the word) and the long form (-지 않다/못하다, 없다 after it).
//  * score = raw / (raw + 1): 0 for no evidence, approaching 1 with more and stronger words.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace mind_log::journal {

enum class Emotion { joy, sadness, anger, anxiety, calm };
inline constexpr std::array<std::string_view, 5> kEmotionNames = {"joy", "sadness", "anger", "anxiety", "calm"};

struct EmotionScores {
  std::array<double, 5> score{};  // indexed by Emotion
  std::array<double, 5> raw{};
  std::string language;  // "en", "ko", "mixed" or "unknown"
  std::string dominant;  // highest-scoring emotion, or "neutral" when nothing matched
  int hits = 0;
  double operator[](Emotion e) const { return score[static_cast<int>(e)]; }
};

struct LexiconEntry {
  std::string_view term;
  Emotion emotion;
  double weight;
};

EmotionScores analyze_emotions(std::string_view text);

// Exposed for the tests and docs.
const std::vector<LexiconEntry>& english_lexicon();
const std::vector<LexiconEntry>& korean_lexicon();

}  // namespace mind_log::journal
