#pragma once
// Runs one counselling turn as a stream of events for the browser: the safety layer decides
// first; a configured provider's tokens pass through the StreamGate; any provider failure
// falls back to the offline engine (before any text: seamlessly; after partial text: with a
// "replace" event). Whatever reaches the person has passed the output verifier.
// Immutable and shared; per-conversation state is the caller's Conversation (one turn at a
// time per conversation, which the service guarantees).
#include <functional>
#include <optional>
#include <string>

#include "mind_log/counsel/counsellor.hpp"
#include "mind_log/counsel/prompt.hpp"
#include "mind_log/counsel/provider/reply_provider.hpp"

namespace mind_log::counsel {

struct StreamEvent {
  enum class Type { meta, delta, replace, done };
  Type type = Type::delta;
  std::string text;  // delta/replace: reply text; meta: JSON {"risk":..,"source":..}
};
using EventSink = std::function<bool(const StreamEvent&)>;  // false: the client is gone

struct StreamOutcome {
  TurnResult result;
  std::string source;  // safety | offline | openai | fallback
  std::optional<platform::Error> provider_error;
  bool replaced_after_partial = false;
};

class TurnStreamer {
 public:
  // provider may be null: the offline engine answers every turn.
  TurnStreamer(const Counsellor& counsellor, ReplyProvider* provider, PromptBudget budget = {})
      : counsellor_(counsellor), provider_(provider), budget_(budget) {}

  StreamOutcome run(const TurnInput& in, Conversation& conv, const EventSink& emit) const;

 private:
  const Counsellor& counsellor_;
  ReplyProvider* provider_;
  PromptBudget budget_;
};

}  // namespace mind_log::counsel
