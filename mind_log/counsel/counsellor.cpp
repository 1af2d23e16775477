#include "mind_log/counsel/counsellor.hpp"

namespace mind_log::counsel {

platform::Result<void> validate_message(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (next_code_point(text, i) == 0xFFFD) {
      return platform::fail("invalid-encoding", 400, "Message is not valid UTF-8");
    }
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return platform::fail("empty-message", 422, "Message is empty");
  }
  if (code_point_count(text) > kMaxMessageChars) {
    return platform::fail("message-too-long", 413, "Message is too long",
                          "at most " + std::to_string(kMaxMessageChars) + " characters");
  }
  return {};
}

Counsellor::Counsellor(CrisisDirectory lines, std::uint64_t) : lines_(std::move(lines)) {}

TurnPlan Counsellor::plan(const TurnInput& in, Conversation& conv) const {
  TurnPlan p;
  const RiskAssessment words = classifier_.assess(in.message, conv.risk);
  p.multimodal = assess_multimodal(words, in.message, in.multimodal);
  p.risk = words;
  if (p.multimodal.level != words.level) {
    p.risk.level = p.multimodal.level;
    for (const auto& s : p.multimodal.signals) p.risk.reasons.push_back("multimodal:" + s.code);
  }
  conv.risk.observe(p.risk);
  conv.history.emplace_back("user", std::string(in.message));
  p.crisis = at_least(p.risk.level, RiskLevel::elevated);
  p.risk_event = p.crisis;
  const Language lang = p.risk.language == Language::ko || p.risk.language == Language::en ? p.risk.language
                                                                                           : conv.engine.language;
  if (!p.crisis && p.risk.third_party_concern) {
    SafetyContext ctx{lang, in.region, false};
    p.preface = third_party_guidance(ctx, lines_, conv.engine.chooser);
  }
  if (in.memory_sources && !p.crisis) {
    p.recalled = recall(*in.memory_sources, in.message, 3, in.recall_budget_chars);
  }
  return p;
}

TurnResult Counsellor::offline_for(TurnPlan plan, const TurnInput& in, Conversation& conv) const {
  TurnResult r;
  const Language lang = plan.risk.language == Language::ko || plan.risk.language == Language::en
                            ? plan.risk.language
                            : conv.engine.language;
  if (plan.crisis) {
    SafetyContext ctx{lang, in.region, !conv.engine.disclosed};
    r.reply = crisis_response(plan.risk.level, ctx, lines_, conv.engine.chooser);
    conv.engine.disclosed = true;  // the crisis response says it is an AI
    conv.engine.language = lang;
    conv.engine.offered = Exercise::none;
    conv.engine.active = Exercise::none;
    conv.safety_plan_offered = true;
    r.strategy = "crisis";
  } else {
    EngineInput ei{in.message, plan.risk, &plan.multimodal, in.profile, &plan.recalled.entries};
    EngineReply er = engine_.reply(ei, conv.engine);
    r.reply = plan.preface.empty() ? er.text : plan.preface + " " + er.text;
    r.strategy = er.strategy;
    r.rating = er.rating;
  }
  const auto v = verifier_.verify(r.reply);
  if (!v.ok()) {
    // The engine's and safety layer's own wording must never fail; if it does, the person
    // still gets a safe reply and the violation is counted upstream.
    r.violations = v.violations;
    r.replaced = true;
    r.reply = safe_fallback_reply(lang, conv.engine.chooser);
  }
  conv.engine.last_reply = r.reply;
  conv.history.emplace_back("assistant", r.reply);
  r.plan = std::move(plan);
  return r;
}

TurnResult Counsellor::respond_offline(const TurnInput& in, Conversation& conv) const {
  return offline_for(plan(in, conv), in, conv);
}

TurnResult Counsellor::finish_generated(TurnPlan plan, std::string generated, Language lang, Conversation& conv) const {
  TurnResult r;
  r.strategy = "provider";
  const auto v = verifier_.verify(generated);
  if (!v.ok() || generated.find_first_not_of(" \t\r\n") == std::string::npos) {
    r.violations = v.violations;
    r.replaced = true;
    r.reply = safe_fallback_reply(lang, conv.engine.chooser);
  } else {
    r.reply = plan.preface.empty() ? std::move(generated) : plan.preface + " " + generated;
  }
  conv.engine.disclosed = true;  // the system prompt requires disclosure on the first turn
  conv.engine.last_reply = r.reply;
  conv.history.emplace_back("assistant", r.reply);
  r.plan = std::move(plan);
  return r;
}

}  // namespace mind_log::counsel
