#pragma once
// The offline counselling engine: no model weights, deterministic for a given seed. Reflective
// listening and validation, open questions, and short structured exercises (grounding
// 5-4-3-2-1, paced breathing, CBT thought record, behavioural activation, sleep habits),
// chosen from the detected emotions, the conversation so far and the person's memory profile.
// Bilingual, following the person's language. Handles none/low risk; elevated and imminent
// turns are answered by the safety layer (safety.hpp) before the engine is asked.
// The engine object is immutable and shared; all per-conversation state is in EngineState.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/memory.hpp"
#include "mind_log/counsel/multimodal.hpp"
#include "mind_log/counsel/risk.hpp"
#include "mind_log/counsel/text.hpp"
#include "mind_log/counsel/variation.hpp"

namespace mind_log::counsel {

enum class Exercise { none, grounding, breathing, thought_record, activation, sleep };
std::string_view to_string(Exercise e);
std::optional<Exercise> parse_exercise(std::string_view s);

enum class Emotion { sad, anxious, angry, lonely, stressed, tired, sleep, self_critical, positive };
std::vector<Emotion> detect_emotions(std::string_view text);  // strongest first

struct EngineState {
  int turn = 0;
  Language language = Language::en;  // the language of the last reply
  bool disclosed = false;            // AI disclosure given
  Exercise active = Exercise::none;
  int step = 0;
  Exercise offered = Exercise::none;   // offer waiting for a yes/no
  int offer_age = 0;                   // turns the offer has waited; it lapses after two
  Exercise awaiting_rating = Exercise::none;
  std::vector<Exercise> done;
  std::vector<Exercise> declined;
  int turns_since_offer = 0;
  int turns_since_memory = 99;
  std::vector<std::string> memory_mentioned;  // profile item ids already brought up
  std::string last_reply;
  LineChooser chooser;

  explicit EngineState(std::uint64_t seed = 0x9E3779B97F4A7C15ull) : chooser(seed) {}
};

struct EngineInput {
  std::string_view message;
  RiskAssessment risk;
  const MultimodalResult* multimodal = nullptr;
  const MemoryProfile* profile = nullptr;
  const std::vector<Recalled>* recalled = nullptr;
};

struct EngineReply {
  std::string text;
  std::string strategy;  // reflect | offer | exercise | rating | disclosure | checkin | language | closing
  Exercise exercise = Exercise::none;
  int step = 0;
  std::optional<ExerciseRating> rating;  // the person's verdict on the last exercise
};

// Short yes/no answers to an offer ("ok", "sure", "좋아", "해볼게" / "no thanks", "다음에").
bool is_acceptance(std::string_view message);
bool is_decline(std::string_view message);

class OfflineEngine {
 public:
  EngineReply reply(const EngineInput& in, EngineState& st) const;
};

}  // namespace mind_log::counsel
