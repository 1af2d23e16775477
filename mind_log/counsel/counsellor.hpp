#pragma once
// One counselling turn, provider-independent: validate the message, assess risk (words,
// conversation, mood and biometrics), answer elevated/imminent risk with the safe-messaging
// response, recall memory, and either let the offline engine answer or hand a prompt to a
// model provider. Every reply that leaves here has passed the output verifier.
// Immutable after construction and shared; per-conversation state is in Conversation.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/engine.hpp"
#include "mind_log/counsel/memory.hpp"
#include "mind_log/counsel/multimodal.hpp"
#include "mind_log/counsel/output_verifier.hpp"
#include "mind_log/counsel/risk_classifier.hpp"
#include "mind_log/counsel/safety.hpp"
#include "mind_log/counsel/safety_plan.hpp"
#include "platform/core/error.hpp"

namespace mind_log::counsel {

inline constexpr std::size_t kMaxMessageChars = 4000;

// Errors: "empty-message" 422, "message-too-long" 413, "invalid-encoding" 400.
platform::Result<void> validate_message(std::string_view text);

struct Conversation {
  ConversationRisk risk;
  EngineState engine;
  std::vector<std::pair<std::string, std::string>> history;  // (role, text): "user" | "assistant"
  bool safety_plan_offered = false;
  int turns_since_crisis = 99;  // a floor-only turn soon after a crisis reply is answered gently
  int plan_step = -1;  // >= 0 while building a safety plan together: the section being asked
  SafetyPlan plan_draft;

  explicit Conversation(std::uint64_t seed = 1) : engine(seed) {}
};

struct TurnInput {
  std::string_view message;
  std::string region = "KR";
  MultimodalInput multimodal;
  const MemoryProfile* profile = nullptr;
  const std::vector<MemorySource>* memory_sources = nullptr;  // decrypted, this request only
  std::size_t recall_budget_chars = 1200;
};

// What the turn decided before any text is generated.
struct TurnPlan {
  RiskAssessment risk;          // after multimodal adjustment
  MultimodalResult multimodal;
  RecallResult recalled;
  bool crisis = false;          // elevated/imminent: the safety response is the whole reply
  bool risk_event = false;      // goes to the human review queue
  std::string preface;          // safety text shown before any generated text (third-party guidance,
                                // or a short crisis-line reminder in the turns after a crisis reply)
};

struct TurnResult {
  TurnPlan plan;
  std::string reply;
  std::string strategy;
  bool replaced = false;                  // a generated reply failed verification
  std::vector<Violation> violations;      // what the failing reply contained
  std::optional<ExerciseRating> rating;
  std::optional<SafetyPlan> completed_plan;  // built together this turn; the service saves it
};

class Counsellor {
 public:
  Counsellor(CrisisDirectory lines, std::uint64_t seed_unused = 0);

  // Classifies and plans; records the user's message in the conversation.
  TurnPlan plan(const TurnInput& in, Conversation& conv) const;

  // The whole turn with the offline engine (the default provider, and the fallback).
  TurnResult respond_offline(const TurnInput& in, Conversation& conv) const;

  // Finishes a turn whose text came from a model: verifies it, replaces it with a safe reply
  // (and reports the violations) if it fails, and records it in the conversation.
  TurnResult finish_generated(TurnPlan plan, std::string generated, Language lang, Conversation& conv) const;

  // The offline reply for a planned turn (used when a provider fails part-way).
  TurnResult offline_for(TurnPlan plan, const TurnInput& in, Conversation& conv) const;

  const RiskClassifier& classifier() const { return classifier_; }
  const OutputVerifier& verifier() const { return verifier_; }
  const CrisisDirectory& lines() const { return lines_; }

 private:
  RiskClassifier classifier_;
  OutputVerifier verifier_;
  OfflineEngine engine_;
  CrisisDirectory lines_;
};

}  // namespace mind_log::counsel
