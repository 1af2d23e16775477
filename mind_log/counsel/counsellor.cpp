#include "mind_log/counsel/counsellor.hpp"

namespace mind_log::counsel {

namespace {

// "walking, calling Mina and music" -> three items; Korean "그리고" and "," too.
std::vector<std::string> split_items(std::string_view text) {
  std::string t(text);
  for (const char* sep : {" and ", "그리고", "\n", ";", "、", "，"}) {
    for (auto p = t.find(sep); p != std::string::npos; p = t.find(sep)) t.replace(p, std::string_view(sep).size(), ",");
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= t.size() && out.size() < kMaxPlanItems) {
    auto comma = t.find(',', start);
    if (comma == std::string::npos) comma = t.size();
    std::string item = t.substr(start, comma - start);
    const auto b = item.find_first_not_of(" .\t");
    const auto e = item.find_last_not_of(" .\t");
    if (b != std::string::npos) {
      item = item.substr(b, e - b + 1);
      std::string cut;
      std::size_t n = 0;
      for (std::size_t i = 0; i < item.size() && n < kMaxPlanItemChars; ++n) {
        const auto s0 = i;
        next_code_point(item, i);
        cut.append(item, s0, i - s0);
      }
      out.push_back(std::move(cut));
    }
    start = comma + 1;
  }
  return out;
}

SafetyContact contact_from(const std::string& item) {
  SafetyContact c;
  std::string name, phone;
  for (char ch : item) {
    if ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-') phone.push_back(ch);
    else name.push_back(ch);
  }
  const auto b = name.find_first_not_of(" ");
  const auto e = name.find_last_not_of(" ");
  c.name = b == std::string::npos ? item : name.substr(b, e - b + 1);
  if (phone.size() >= 3 && phone.size() <= 32) c.phone = phone;
  else c.name = item;
  return c;
}

}  // namespace

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
  ++conv.turns_since_crisis;
  p.crisis = at_least(p.risk.level, RiskLevel::elevated);
  const Language lang = p.risk.language == Language::ko || p.risk.language == Language::en ? p.risk.language
                                                                                           : conv.engine.language;
  // Right after a crisis reply, a turn that is elevated only because of that history is not
  // answered with the whole crisis message again (that would stop the conversation - and the
  // safety plan - from moving); it gets a normal reply with a one-line reminder.
  const bool floor_only = p.risk.reasons.size() == 1 && p.risk.reasons[0] == "history-floor";
  if (p.crisis && floor_only && conv.turns_since_crisis <= 3) {
    p.crisis = false;
    const auto l = lines_.lines_for(in.region);
    std::string numbers;
    for (const auto& x : l) {
      if (!x.emergency) numbers += (numbers.empty() ? "" : ", ") + x.number;
    }
    p.preface = lang == Language::ko ? "(힘든 마음이 커지면 " + numbers + "에 언제든 전화할 수 있어요.)"
                                     : "(If it gets harder, " + numbers + " are there any time.)";
  }
  p.risk_event = p.crisis;
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
  const bool building_plan = !plan.crisis && conv.plan_step >= 0;
  const bool start_plan = !plan.crisis && conv.plan_step < 0 && conv.safety_plan_offered && is_acceptance(in.message);
  if (building_plan || start_plan) {
    // Building the safety plan together, one section per turn.
    if (building_plan) {
      const auto items = split_items(in.message);
      switch (static_cast<PlanSection>(conv.plan_step)) {
        case PlanSection::warning_signs: conv.plan_draft.warning_signs = items; break;
        case PlanSection::coping_steps: conv.plan_draft.coping_steps = items; break;
        case PlanSection::people:
          conv.plan_draft.people.clear();
          for (const auto& i : items) conv.plan_draft.people.push_back(contact_from(i));
          break;
        case PlanSection::reasons_to_live: conv.plan_draft.reasons_to_live = items; break;
      }
      ++conv.plan_step;
    } else {
      conv.plan_step = 0;
      conv.plan_draft = {};
    }
    conv.safety_plan_offered = false;
    if (conv.plan_step <= static_cast<int>(PlanSection::reasons_to_live)) {
      static constexpr const char* noted_en[] = {"Got it, I've noted that.", "Thank you, that's in the plan.",
                                                 "Noted - that's an important one."};
      static constexpr const char* noted_ko[] = {"적어 둘게요.", "고마워요, 계획에 넣었어요.", "중요한 부분이에요. 적어 뒀어요."};
      const std::size_t k = conv.engine.chooser.pick("plan.noted", 3);
      r.reply = std::string(start_plan ? (lang == Language::ko ? "좋아요, 천천히 같이 만들어 봐요." : "Okay, let's build it together, one step at a time.")
                                       : (lang == Language::ko ? noted_ko[k] : noted_en[k])) +
                " " + std::string(section_prompt(static_cast<PlanSection>(conv.plan_step), lang));
      r.strategy = "safety-plan";
    } else {
      conv.plan_step = -1;
      r.completed_plan = conv.plan_draft;
      r.reply = lang == Language::ko
                    ? "안전 계획을 다 만들었어요. 암호화해서 저장해 둘 테니 힘든 순간에 언제든 다시 열어 볼 수 있어요. "
                      "만들면서 어떤 마음이 들었어요?"
                    : "Your safety plan is done. It's saved encrypted, and you can open it any time a hard moment "
                      "comes. How did it feel to put it together?";
      r.strategy = "safety-plan-saved";
    }
  } else if (plan.crisis) {
    SafetyContext ctx{lang, in.region, !conv.engine.disclosed};
    r.reply = crisis_response(plan.risk.level, ctx, lines_, conv.engine.chooser);
    conv.engine.disclosed = true;  // the crisis response says it is an AI
    conv.engine.language = lang;
    conv.engine.offered = Exercise::none;
    conv.engine.active = Exercise::none;
    conv.engine.turns_since_offer = -1;  // no exercise offers while the safety-plan offer stands
    conv.safety_plan_offered = true;
    conv.turns_since_crisis = 0;
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
