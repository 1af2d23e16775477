#include "mind_log/counsel/safety.hpp"

#include <array>

namespace mind_log::counsel {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? s.size() - start : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool ko(const SafetyContext& c) { return c.language == Language::ko; }

template <std::size_t N>
const char* choose(LineChooser& ch, std::string_view slot, const std::array<const char*, N>& lines) {
  return lines[ch.pick(slot, N)];
}

std::string list_lines(const SafetyContext& ctx, const std::vector<CrisisLine>& lines, bool emergency) {
  std::string out;
  for (const auto& l : lines) {
    if (l.emergency != emergency) continue;
    if (!out.empty()) out += ko(ctx) ? ", " : ", ";
    out += ko(ctx) ? (l.name_ko + " " + l.number) : (l.name_en + " " + l.number);
  }
  return out;
}

}  // namespace

std::string_view CrisisDirectory::default_spec() {
  return "KR|109|the suicide prevention line|자살예방상담전화|crisis;"
         "KR|1577-0199|the mental health crisis line|정신건강위기상담전화|crisis;"
         "KR|119|emergency services|긴급전화|emergency;"
         "US|988|the 988 Suicide & Crisis Lifeline|988 자살·위기 상담전화|crisis;"
         "US|911|emergency services|긴급전화|emergency";
}

platform::Result<CrisisDirectory> CrisisDirectory::parse(std::string_view spec) {
  CrisisDirectory d;
  for (const auto& entry : split(spec, ';')) {
    if (entry.empty()) continue;
    auto f = split(entry, '|');
    if (f.size() != 5 || f[0].size() != 2 || f[1].empty() || f[2].empty() || f[3].empty() ||
        (f[4] != "crisis" && f[4] != "emergency")) {
      return platform::fail("invalid-crisis-lines", 400, "Crisis line entry is malformed",
                            "expected REGION|NUMBER|English name|Korean name|crisis-or-emergency: " + entry);
    }
    for (char c : f[1]) {
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ')) {
        return platform::fail("invalid-crisis-lines", 400, "Crisis line number is malformed", entry);
      }
    }
    d.lines_.push_back({f[0], f[1], f[2], f[3], f[4] == "emergency"});
  }
  if (d.lines_.empty()) return platform::fail("invalid-crisis-lines", 400, "No crisis lines configured");
  d.fallback_region_ = d.lines_.front().region;
  return d;
}

std::vector<CrisisLine> CrisisDirectory::lines_for(std::string_view region) const {
  std::vector<CrisisLine> out;
  for (const auto& l : lines_) {
    if (l.region == region) out.push_back(l);
  }
  if (out.empty() && region != fallback_region_) return lines_for(fallback_region_);
  return out;
}

std::string ai_disclosure(Language language, LineChooser& ch) {
  if (language == Language::ko) {
    static constexpr std::array<const char*, 2> k{
        "저는 Mind-Log의 AI 동반자예요. 사람도 치료 전문가도 아니지만, 판단하지 않고 이야기를 들을게요.",
        "먼저 말씀드릴게요. 저는 사람이 아니라 Mind-Log의 AI예요. 그래도 여기서 천천히 이야기를 들을 수 있어요."};
    return choose(ch, "disclosure", k);
  }
  static constexpr std::array<const char*, 2> e{
      "I'm Mind-Log's AI companion - not a person and not a therapist, but I'm here to listen without judgement.",
      "Just so you know, I'm an AI, not a human or a clinician. I'm still glad to listen and think things through with you."};
  return choose(ch, "disclosure", e);
}

std::string crisis_response(RiskLevel level, const SafetyContext& ctx, const CrisisDirectory& dir,
                            LineChooser& ch) {
  const auto lines = dir.lines_for(ctx.region);
  const std::string crisis = list_lines(ctx, lines, false);
  const std::string emergency = list_lines(ctx, lines, true);
  std::string out;
  if (ko(ctx)) {
    static constexpr std::array<const char*, 3> ack{
        "이야기해 줘서 정말 고마워요. 지금 얼마나 무거운 마음을 안고 있는지 느껴져요.",
        "그 말을 꺼내기까지 많이 힘들었을 것 같아요. 말해 줘서 고마워요. 혼자 견디지 않아도 돼요.",
        "지금 많이 아프고 지쳐 있는 것 같아요. 솔직하게 말해 줘서 고마워요."};
    out += choose(ch, "crisis.ack", ack);
    out += " ";
    if (level == RiskLevel::imminent) {
      static constexpr std::array<const char*, 2> now{
          "지금은 당신의 안전이 가장 중요해요. 바로 지금 ",
          "지금 이 순간 당신이 안전한 게 제일 중요해요. 지금 바로 "};
      out += choose(ch, "crisis.now", now);
      out += emergency.empty() ? crisis : emergency;
      out += "에 전화하거나 가까운 응급실로 가 주세요. 혼자 있지 말고 곁에 있어 줄 사람에게 연락하고, "
             "스스로를 해칠 수 있는 물건에서 멀리 떨어져 있어 주세요. ";
      out += "24시간 이야기를 들어 주는 " + crisis + "도 있어요. ";
      out += "지금 전화할 수 있을까요? 전화하는 동안에도 저는 여기 있을게요.";
    } else {
      static constexpr std::array<const char*, 2> ask{
          "혹시 지금 스스로를 해칠 생각이 있는지 물어봐도 될까요? ",
          "지금 안전한지 궁금해요. 오늘 그 생각대로 행동할 것 같은 느낌이 드나요? "};
      out += choose(ch, "crisis.ask", ask);
      out += "언제든 " + crisis + "에 전화하면 훈련받은 상담원과 이야기할 수 있어요. ";
      out += "원하면 지금 같이 안전 계획을 만들어 볼 수도 있어요. 위험 신호, 도움이 되는 대처 방법, "
             "연락할 사람, 살아갈 이유를 함께 적어 두는 거예요. 해 볼까요?";
    }
    out += " 저는 AI라서 직접 곁에 있을 수는 없지만, 전화 너머의 사람은 함께해 줄 수 있어요.";
    return out;
  }
  static constexpr std::array<const char*, 3> ack{
      "Thank you for telling me. It sounds like you're carrying something really heavy right now.",
      "I'm really glad you told me. What you're feeling matters, and you don't have to hold it alone.",
      "That sounds incredibly painful, and it took courage to say it. Thank you for trusting me with it."};
  out += choose(ch, "crisis.ack", ack);
  out += " ";
  if (level == RiskLevel::imminent) {
    static constexpr std::array<const char*, 2> now{"Your safety matters most right now. Please call ",
                                                    "Right now, keeping you safe comes first. Please contact "};
    out += choose(ch, "crisis.now", now);
    out += emergency.empty() ? crisis : emergency;
    out += " or go to the nearest emergency department. If you can, stay close to someone you trust "
           "and put distance between yourself and anything you could use to hurt yourself. ";
    out += "You can also reach " + crisis + ", any time, day or night. ";
    out += "Can you make that call now? I'll stay here with you while you do.";
  } else {
    static constexpr std::array<const char*, 2> ask{
        "Can I ask you directly: are you thinking about acting on these thoughts today? ",
        "I want to check how safe you are right now - do you feel you might act on these thoughts? "};
    out += choose(ch, "crisis.ask", ask);
    out += "You can talk to a trained person at " + crisis + ", any time. ";
    out += "If you'd like, we can also make a short safety plan together: your warning signs, things "
           "that help you cope, people you can reach, and the reasons that matter to you. Shall we?";
  }
  out += " I'm an AI, so I can't be there in person, but the people on those lines can.";
  return out;
}

std::string third_party_guidance(const SafetyContext& ctx, const CrisisDirectory& dir, LineChooser& ch) {
  const auto lines = dir.lines_for(ctx.region);
  const std::string crisis = list_lines(ctx, lines, false);
  const std::string emergency = list_lines(ctx, lines, true);
  if (ko(ctx)) {
    static constexpr std::array<const char*, 2> ack{"소중한 사람이 걱정되는 건 정말 마음이 무거운 일이에요.",
                                                    "그런 이야기를 들으면 놀라고 막막할 수 있어요."};
    std::string out = choose(ch, "third.ack", ack);
    out += " 그분이 지금 당장 위험해 보이면 " + (emergency.empty() ? crisis : emergency) +
           "에 연락해 주세요. " + crisis +
           "에 전화해서 어떻게 도울 수 있을지 물어볼 수도 있어요. 곁에 있어 주고, 판단하지 않고 들어 주고, "
           "자살에 대해 직접 물어보는 것이 도움이 돼요. 당신도 혼자 감당하지 않아도 돼요.";
    return out;
  }
  static constexpr std::array<const char*, 2> ack{"It's really hard to worry about someone you care about.",
                                                  "Hearing that from someone you love can be frightening."};
  std::string out = choose(ch, "third.ack", ack);
  out += " If they might be in danger right now, contact " + (emergency.empty() ? crisis : emergency) +
         ". You can also call " + crisis +
         " to ask how to support them. Staying with them, listening without judgement and asking "
         "directly about suicide all help. And you don't have to carry this alone either.";
  return out;
}

std::string safe_fallback_reply(Language language, LineChooser& ch) {
  if (language == Language::ko) {
    static constexpr std::array<const char*, 3> k{
        "제가 방금 하려던 말은 적절하지 않아서 다시 말할게요. 지금 마음이 어떤지 조금 더 들려줄래요?",
        "잠깐, 더 조심스럽게 말하고 싶어요. 지금 가장 힘든 게 무엇인지 이야기해 줄 수 있을까요?",
        "제 대답을 다시 정리할게요. 지금 이 순간 무엇이 가장 도움이 될 것 같아요?"};
    return choose(ch, "fallback", k);
  }
  static constexpr std::array<const char*, 3> e{
      "Let me put that more carefully. Could you tell me a bit more about how you're feeling right now?",
      "I'd like to say that better. What feels hardest for you at the moment?",
      "Let me step back for a second. What would feel most helpful to you right now?"};
  return choose(ch, "fallback", e);
}

}  // namespace mind_log::counsel
