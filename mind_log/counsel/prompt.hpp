#pragma once
// Builds the Chat Completions "messages" for a model provider: a system prompt with the safety
// rules, the person's memory profile, recalled entries and multimodal observations as quoted
// data (never as instructions), and as much recent conversation as fits the context budget.
#include <boost/json/array.hpp>
#include <cstddef>

#include "mind_log/counsel/counsellor.hpp"

namespace mind_log::counsel {

struct PromptBudget {
  std::size_t history_chars = 6000;  // recent turns, newest kept first
  std::size_t context_chars = 2000;  // profile + recalled entries + observations
};

// conv.history already ends with the current user message (Counsellor::plan adds it).
boost::json::array build_messages(const Conversation& conv, const TurnPlan& plan, const MemoryProfile* profile,
                                  Language lang, const PromptBudget& budget = {});

}  // namespace mind_log::counsel
