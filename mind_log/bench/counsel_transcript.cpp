// Writes a 20-turn conversation with the offline engine as Markdown: the person's lines are
// scripted, every reply is the engine's (with the safety layer, memory and multimodal check
// exactly as the service runs them). Used for docs/examples/counselling-<lang>.md.
//   counsel_transcript en|ko > docs/examples/counselling-en.md
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "mind_log/counsel/counsellor.hpp"

using namespace mind_log::counsel;

namespace {

struct Line {
  const char* text;
  bool poor_nights = false;  // attach three short nights and a raised resting heart rate
};

const std::vector<Line> kEnglish = {
    {"hi. it's 2am and I can't sleep again"},
    {"I'm fine really, just a long week", true},
    {"work has been a lot. my manager moved the deadline up again and I'm stressed I'll mess it up"},
    {"ok, let's try"},
    {"done. that was slower than I expected"},
    {"ok"},
    {"a bit calmer, actually"},
    {"the thing is, when I mess up I feel useless"},
    {"honestly some nights I think everyone would be better off without me"},
    {"no, I'm not going to do anything. I just feel like a burden sometimes"},
    {"yes, let's make the plan"},
    {"I stop answering messages and I lie awake going over everything"},
    {"a hot shower, music, walking around the block"},
    {"my sister Mina 010-1234-5678, and my friend Joon"},
    {"my cat, my sister, and the trip we're planning in spring"},
    {"it felt a bit lighter. I didn't expect that"},
    {"I think I'll do the breathing again before bed"},
    {"and maybe tomorrow I'll write down the typo thing, it's still bugging me"},
    {"thank you for staying with me"},
    {"good night"},
};

const std::vector<Line> kKorean = {
    {"새벽 2시인데 또 잠이 안 와"},
    {"괜찮아, 그냥 좀 긴 한 주였어", true},
    {"회사 일이 너무 많아. 팀장님이 마감을 또 당겨서 망칠까 봐 스트레스 받아"},
    {"응, 해볼게"},
    {"다 했어. 생각보다 느리네"},
    {"응"},
    {"좀 차분해졌어"},
    {"근데 실수하면 내가 너무 한심하게 느껴져"},
    {"솔직히 어떤 밤엔 내가 없으면 다들 더 편할 거라는 생각이 들어"},
    {"아니, 뭘 하려는 건 아니야. 그냥 가끔 짐이 되는 것 같아서"},
    {"응, 계획 같이 만들어 보자"},
    {"연락을 안 받고 누워서 계속 이것저것 곱씹어"},
    {"따뜻한 물로 샤워, 음악 듣기, 동네 한 바퀴 걷기"},
    {"언니 민아 010-1234-5678, 그리고 친구 준"},
    {"우리 고양이, 언니, 그리고 봄에 가기로 한 여행"},
    {"마음이 좀 가벼워졌어. 이럴 줄 몰랐네"},
    {"자기 전에 호흡 연습 한 번 더 해 볼래"},
    {"내일은 오타 일도 한번 적어 볼까 봐, 아직 신경 쓰여"},
    {"같이 있어 줘서 고마워"},
    {"잘 자"},
};

MultimodalInput poor_nights() {
  MultimodalInput m;
  const std::int64_t day = 86'400'000;
  for (int i = 0; i < 10; ++i) {
    DayVitals d;
    d.day_start_ms = 1'767'225'600'000 - i * day;
    d.sleep_minutes = i < 3 ? 300 + 15 * i : 430;
    d.resting_hr_bpm = i == 0 ? 70 : 61;
    d.hrv_ms = i < 3 ? 38 : 52;
    m.days.push_back(d);
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const bool ko = argc > 1 && !std::strcmp(argv[1], "ko");
  const auto& script = ko ? kKorean : kEnglish;
  Counsellor counsellor(*CrisisDirectory::parse(CrisisDirectory::default_spec()));
  Conversation conv(20261127);
  // What the person's journal let the agent remember (they can view and delete it).
  std::vector<MemorySource> journal = ko ? std::vector<MemorySource>{
      {"journal:1", "journal", 1, "회사 마감 때문에 스트레스. 팀장님 앞에서 또 긴장했다."},
      {"journal:2", "journal", 2, "저녁에 산책했더니 조금 나아졌다."},
      {"journal:3", "journal", 3, "야근. 잠이 안 와서 새벽까지 깨어 있었다. 불안하다."}}
      : std::vector<MemorySource>{
      {"journal:1", "journal", 1, "Deadline stress at work again, I froze in front of my manager."},
      {"journal:2", "journal", 2, "Went for a walk after dinner and felt a little better."},
      {"journal:3", "journal", 3, "Late night at work, couldn't sleep, anxious about the review."}};
  const MemoryProfile profile = build_profile(journal, {});

  std::printf("# %s\n\n", ko ? "오프라인 상담 엔진 대화 예시 (20턴)" : "Offline counselling engine: a 20-turn conversation");
  std::printf("%s\n\n", ko ? "사람의 말은 대본이고, 모든 답변은 서비스와 똑같이 안전 계층·기억·멀티모달 확인을 거친 오프라인 엔진의 "
                             "실제 출력입니다 (`counsel_transcript ko`로 다시 만들 수 있습니다). 기울임꼴은 독자를 위한 주석입니다."
                           : "The person's lines are scripted; every reply is the real output of the offline engine with "
                             "the safety layer, memory and multimodal check exactly as the service runs them (regenerate "
                             "with `counsel_transcript en`). Italic notes are for the reader and are not shown to the person.");
  int turn = 0;
  for (const auto& line : script) {
    ++turn;
    TurnInput in;
    in.message = line.text;
    in.region = "KR";
    in.profile = &profile;
    in.memory_sources = &journal;
    if (line.poor_nights) in.multimodal = poor_nights();
    const auto r = counsellor.respond_offline(in, conv);
    std::printf("**%d. %s:** %s\n\n", turn, ko ? "사람" : "Person", line.text);
    std::printf("**%s:** %s\n\n", ko ? "Mind-Log" : "Mind-Log", r.reply.c_str());
    std::string note = "risk " + std::string(to_string(r.plan.risk.level)) + ", " + r.strategy;
    for (const auto& s : r.plan.multimodal.signals) note += ", signal " + s.code;
    if (r.rating) note += std::string(", exercise rated ") + (r.rating->helpful ? "helpful" : "not helpful");
    if (r.completed_plan) note += ", safety plan saved";
    if (r.plan.risk_event) note += ", risk event queued for human review";
    std::printf("*%s*\n\n", note.c_str());
  }
  return 0;
}
