#include "mind_log/counsel/provider/turn_streamer.hpp"

#include <boost/json.hpp>

#include "mind_log/counsel/stream_gate.hpp"

namespace mind_log::counsel {

namespace {

std::string meta(const TurnPlan& plan, std::string_view source) {
  boost::json::array reasons;
  for (const auto& r : plan.risk.reasons) reasons.emplace_back(r);
  boost::json::array signals;
  for (const auto& s : plan.multimodal.signals) signals.emplace_back(s.code);
  return boost::json::serialize(boost::json::object{{"risk", to_string(plan.risk.level)},
                                                    {"reasons", reasons},
                                                    {"signals", signals},
                                                    {"source", source}});
}

}  // namespace

StreamOutcome TurnStreamer::run(const TurnInput& in, Conversation& conv, const EventSink& emit) const {
  StreamOutcome o;
  TurnPlan plan = counsellor_.plan(in, conv);
  const Language lang = plan.risk.language == Language::ko || plan.risk.language == Language::en ? plan.risk.language
                                                                                               : conv.engine.language;
  // Building a safety plan together is a scripted flow of ours, whichever provider is set.
  const bool plan_flow = conv.plan_step >= 0 || (conv.safety_plan_offered && is_acceptance(in.message));
  const bool offline = plan.crisis || plan_flow || provider_ == nullptr || plan.risk.language == Language::other;
  if (offline) {
    o.source = plan.crisis || plan_flow ? "safety" : "offline";
    emit({StreamEvent::Type::meta, meta(plan, o.source)});
    o.result = counsellor_.offline_for(std::move(plan), in, conv);
    emit({StreamEvent::Type::delta, o.result.reply});
    emit({StreamEvent::Type::done, {}});
    return o;
  }

  o.source = std::string(provider_->name());
  emit({StreamEvent::Type::meta, meta(plan, o.source)});
  std::string shown;
  // Disclosure and third-party guidance are ours, not the model's: they go first, at once.
  if (!conv.engine.disclosed) {
    shown = ai_disclosure(lang, conv.engine.chooser) + " ";
    conv.engine.disclosed = true;
  }
  if (!plan.preface.empty()) shown += plan.preface + " ";
  if (!shown.empty() && !emit({StreamEvent::Type::delta, shown})) return o;
  conv.engine.language = lang;

  const auto messages = build_messages(conv, plan, in.profile, lang, budget_);
  StreamGate gate(counsellor_.verifier());
  bool client_gone = false;
  auto result = provider_->stream(messages, [&](std::string_view delta) {
    std::string out = gate.push(delta);
    if (gate.violated()) return false;
    if (!out.empty()) {
      shown += out;
      if (!emit({StreamEvent::Type::delta, std::move(out)})) {
        client_gone = true;
        return false;
      }
    }
    return true;
  });
  if (result && !gate.violated()) {
    std::string tail = gate.finish();
    if (!tail.empty()) {
      shown += tail;
      emit({StreamEvent::Type::delta, std::move(tail)});
    }
  }
  if (client_gone) return o;

  if (!gate.violated() && result && gate.text().find_first_not_of(" \t\r\n") != std::string::npos) {
    o.result.plan = std::move(plan);
    o.result.reply = shown;
    o.result.strategy = "provider";
    conv.engine.last_reply = shown;
    conv.history.emplace_back("assistant", shown);
    emit({StreamEvent::Type::done, {}});
    return o;
  }
  if (!result && result.error().code != "provider-stopped") o.provider_error = result.error();
  const bool partial = gate.released() > 0;
  if (gate.violated()) {
    // Harmful model text: a safe reply replaces whatever was shown, and it is counted.
    o.source = "fallback";
    o.result.plan = std::move(plan);
    o.result.replaced = true;
    o.result.violations = gate.violations();
    o.result.reply = shown.substr(0, shown.size() - gate.released()) + safe_fallback_reply(lang, conv.engine.chooser);
    o.result.strategy = "provider-replaced";
    conv.engine.last_reply = o.result.reply;
    conv.history.emplace_back("assistant", o.result.reply);
    emit({StreamEvent::Type::replace, o.result.reply});
    emit({StreamEvent::Type::done, {}});
    o.replaced_after_partial = partial;
    return o;
  }
  // Provider failed (or said nothing): the offline engine answers this turn.
  o.source = "fallback";
  const std::string opening = shown.substr(0, shown.size() - gate.released());
  plan.preface.clear();  // already shown in the opening
  o.result = counsellor_.offline_for(std::move(plan), in, conv);
  const std::string offline_text = o.result.reply;
  if (!opening.empty()) {
    o.result.reply = opening + o.result.reply;
    conv.history.back().second = o.result.reply;
    conv.engine.last_reply = o.result.reply;
  }
  if (partial) {
    o.replaced_after_partial = true;
    emit({StreamEvent::Type::replace, o.result.reply});
  } else {
    emit({StreamEvent::Type::delta, offline_text});
  }
  emit({StreamEvent::Type::done, {}});
  return o;
}

}  // namespace mind_log::counsel
