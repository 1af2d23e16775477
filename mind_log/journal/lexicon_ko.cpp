// Korean emotion lexicon (stems), written for Mind-Log. A stem matches any word that starts
// with it, so conjugated forms are listed only where the stem itself changes (슬프/슬퍼/슬펐).
#include "mind_log/journal/emotion_analyzer.hpp"

namespace mind_log::journal {

const std::vector<LexiconEntry>& korean_lexicon() {
  using enum Emotion;
  static const std::vector<LexiconEntry> lexicon = {
      {"행복", joy, 1.0}, {"기쁘", joy, 1.0}, {"기뻐", joy, 1.0}, {"기뻤", joy, 1.0}, {"기쁨", joy, 1.0},
      {"즐거", joy, 0.9}, {"즐겁", joy, 0.9}, {"신나", joy, 0.8}, {"신났", joy, 0.8}, {"설레", joy, 0.7},
      {"뿌듯", joy, 0.8}, {"감사", joy, 0.7}, {"고마", joy, 0.7}, {"좋", joy, 0.5}, {"웃었", joy, 0.6}, {"만족", joy, 0.6},

      {"슬프", sadness, 1.0}, {"슬퍼", sadness, 1.0}, {"슬펐", sadness, 1.0}, {"슬픔", sadness, 1.0},
      {"우울", sadness, 1.0}, {"외로", sadness, 0.9}, {"외롭", sadness, 0.9}, {"눈물", sadness, 0.8},
      {"울었", sadness, 0.9}, {"속상", sadness, 0.8}, {"허전", sadness, 0.6}, {"공허", sadness, 0.8},
      {"절망", sadness, 1.0}, {"힘들", sadness, 0.6}, {"힘드", sadness, 0.6}, {"지쳤", sadness, 0.5},
      {"지치", sadness, 0.5}, {"실망", sadness, 0.7}, {"피곤", sadness, 0.3},

      {"화나", anger, 1.0}, {"화가", anger, 0.9}, {"화났", anger, 1.0}, {"짜증", anger, 0.8},
      {"분노", anger, 1.0}, {"열받", anger, 0.9}, {"억울", anger, 0.7}, {"답답", anger, 0.5},
      {"미워", anger, 0.7}, {"싫어", anger, 0.5},

      {"불안", anxiety, 1.0}, {"걱정", anxiety, 0.9}, {"긴장", anxiety, 0.7}, {"무서", anxiety, 0.9},
      {"무섭", anxiety, 0.9}, {"두려", anxiety, 0.9}, {"두렵", anxiety, 0.9}, {"초조", anxiety, 0.8},
      {"스트레스", anxiety, 0.8}, {"조마조마", anxiety, 0.8}, {"막막", anxiety, 0.7}, {"겁나", anxiety, 0.8},

      {"편안", calm, 1.0}, {"편하", calm, 0.7}, {"평온", calm, 1.0}, {"차분", calm, 0.9}, {"안정", calm, 0.8},
      {"개운", calm, 0.7}, {"여유", calm, 0.7}, {"안심", calm, 0.8}, {"괜찮", calm, 0.4}, {"홀가분", calm, 0.8},
  };
  return lexicon;
}

}  // namespace mind_log::journal
