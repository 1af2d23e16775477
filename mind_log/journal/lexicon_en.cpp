// English emotion lexicon, written for Mind-Log. Weights: 1.0 strong and unambiguous, 0.7
// clear, 0.4 mild or often figurative.
#include "mind_log/journal/emotion_analyzer.hpp"

namespace mind_log::journal {

const std::vector<LexiconEntry>& english_lexicon() {
  using enum Emotion;
  static const std::vector<LexiconEntry> lexicon = {
      {"happy", joy, 1.0}, {"happier", joy, 1.0}, {"happiest", joy, 1.0}, {"happiness", joy, 1.0},
      {"glad", joy, 0.7}, {"joy", joy, 1.0}, {"joyful", joy, 1.0}, {"excited", joy, 0.8},
      {"exciting", joy, 0.7}, {"grateful", joy, 0.8}, {"thankful", joy, 0.8}, {"proud", joy, 0.7},
      {"love", joy, 0.6}, {"loved", joy, 0.6}, {"great", joy, 0.5}, {"wonderful", joy, 0.9},
      {"amazing", joy, 0.8}, {"fun", joy, 0.6}, {"enjoyed", joy, 0.7}, {"enjoy", joy, 0.6},
      {"laughed", joy, 0.7}, {"laugh", joy, 0.6}, {"smiled", joy, 0.5}, {"hopeful", joy, 0.6},
      {"delighted", joy, 1.0}, {"cheerful", joy, 0.8}, {"good", joy, 0.4},

      {"sad", sadness, 1.0}, {"sadder", sadness, 1.0}, {"sadness", sadness, 1.0}, {"unhappy", sadness, 0.9},
      {"depressed", sadness, 1.0}, {"depressing", sadness, 0.8}, {"down", sadness, 0.4},
      {"lonely", sadness, 0.9}, {"alone", sadness, 0.4}, {"cry", sadness, 0.8}, {"cried", sadness, 0.9},
      {"crying", sadness, 0.9}, {"tears", sadness, 0.7}, {"miserable", sadness, 1.0},
      {"hopeless", sadness, 1.0}, {"grief", sadness, 1.0}, {"heartbroken", sadness, 1.0},
      {"empty", sadness, 0.6}, {"hurt", sadness, 0.6}, {"disappointed", sadness, 0.7},
      {"gloomy", sadness, 0.8}, {"exhausted", sadness, 0.4}, {"tired", sadness, 0.3}, {"bad", sadness, 0.4},

      {"angry", anger, 1.0}, {"mad", anger, 0.8}, {"furious", anger, 1.0}, {"annoyed", anger, 0.6},
      {"irritated", anger, 0.7}, {"frustrated", anger, 0.8}, {"frustrating", anger, 0.7},
      {"hate", anger, 0.8}, {"hated", anger, 0.8}, {"rage", anger, 1.0}, {"resentful", anger, 0.8},
      {"upset", anger, 0.5}, {"unfair", anger, 0.5},

      {"anxious", anxiety, 1.0}, {"anxiety", anxiety, 1.0}, {"worried", anxiety, 0.9}, {"worry", anxiety, 0.8},
      {"worrying", anxiety, 0.8}, {"nervous", anxiety, 0.8}, {"scared", anxiety, 0.9}, {"afraid", anxiety, 0.9},
      {"fear", anxiety, 0.9}, {"panic", anxiety, 1.0}, {"panicked", anxiety, 1.0}, {"stressed", anxiety, 0.8},
      {"stress", anxiety, 0.7}, {"overwhelmed", anxiety, 0.9}, {"tense", anxiety, 0.6}, {"uneasy", anxiety, 0.6},
      {"dread", anxiety, 0.9}, {"restless", anxiety, 0.6}, {"terrified", anxiety, 1.0},

      {"calm", calm, 1.0}, {"calmer", calm, 1.0}, {"relaxed", calm, 0.9}, {"relaxing", calm, 0.7},
      {"peaceful", calm, 1.0}, {"rested", calm, 0.7}, {"content", calm, 0.6}, {"relieved", calm, 0.8},
      {"safe", calm, 0.6}, {"comfortable", calm, 0.6}, {"serene", calm, 1.0}, {"okay", calm, 0.3},
      {"fine", calm, 0.3},
  };
  return lexicon;
}

}  // namespace mind_log::journal
