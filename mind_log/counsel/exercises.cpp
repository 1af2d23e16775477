#include "mind_log/counsel/exercises.hpp"

#include <array>
#include <cstdlib>
#include <utility>
#include <vector>

namespace mind_log::counsel {
namespace {

using Steps = std::vector<std::pair<std::string_view, std::string_view>>;  // en, ko

const Steps& steps(Exercise e) {
  static const Steps grounding{
      {"Let's do it together, at your own pace. First, look around and name five things you can see.",
       "천천히, 같이 해 봐요. 먼저 주변을 둘러보고 눈에 보이는 것 다섯 가지를 말해 주세요."},
      {"Now notice four things you can feel - your feet on the floor, the chair under you, the air on your skin.",
       "이번에는 느껴지는 것 네 가지를 찾아봐요. 바닥에 닿은 발, 앉아 있는 의자, 피부에 닿는 공기 같은 거요."},
      {"Next, listen for three things you can hear, near or far.",
       "다음은 들리는 소리 세 가지예요. 가까운 소리도, 먼 소리도 좋아요."},
      {"Now two things you can smell - or two smells you like, if nothing comes.",
       "이제 맡을 수 있는 냄새 두 가지예요. 떠오르지 않으면 좋아하는 냄새 두 가지도 괜찮아요."},
      {"And one thing you can taste - or one kind thing you could say to yourself right now.",
       "마지막으로 느껴지는 맛 한 가지, 아니면 지금 나에게 해 줄 수 있는 다정한 말 한마디요."},
      {"That's the whole exercise. How do you feel now, compared with a few minutes ago?",
       "이게 전부예요. 몇 분 전과 비교해서 지금은 어떤 느낌이에요?"}};
  static const Steps breathing{
      {"Let's breathe slowly together. Breathe in through your nose for a count of four, then out through "
       "your mouth for a count of six - a little longer than the in-breath. Try five rounds and tell me when you're done.",
       "같이 천천히 숨 쉬어 봐요. 코로 넷을 세며 들이마시고, 입으로 여섯을 세며 내쉬어요. 내쉬는 숨을 조금 더 길게요. "
       "다섯 번 해 보고 다 되면 알려 주세요."},
      {"Well done. Let's do three more, and this time let your shoulders drop a little on each out-breath.",
       "잘했어요. 세 번 더 해 볼게요. 이번에는 숨을 내쉴 때마다 어깨 힘을 조금씩 빼 보세요."},
      {"How does your body feel now?", "지금 몸은 어떤 느낌이에요?"}};
  static const Steps thought_record{
      {"Let's look at one moment more closely. What was the situation - where were you, and what happened?",
       "한 순간을 조금 더 자세히 들여다봐요. 어떤 상황이었어요? 어디에 있었고, 무슨 일이 있었나요?"},
      {"What went through your mind right then? Try to write the thought exactly as it sounded.",
       "그 순간 머릿속에 어떤 생각이 스쳤어요? 들렸던 그대로 적어 보세요."},
      {"What did you feel, and how strong was it, from 0 to 100?",
       "그때 어떤 감정이 들었고, 0에서 100 중에 얼마나 강했어요?"},
      {"What supports that thought? And what doesn't quite fit with it - anything that points the other way?",
       "그 생각을 뒷받침하는 건 뭐가 있을까요? 그리고 그 생각과 잘 맞지 않는, 반대쪽을 가리키는 사실도 있나요?"},
      {"If a good friend had that thought, what would you tell them? Try writing a more balanced version of it.",
       "친한 친구가 그런 생각을 한다면 뭐라고 말해 줄 것 같아요? 조금 더 균형 잡힌 생각으로 바꿔 적어 보세요."},
      {"Reading that balanced thought back, how strong is the feeling now, from 0 to 100?",
       "그 균형 잡힌 생각을 다시 읽어 보면, 지금 감정은 0에서 100 중에 어느 정도예요?"}};
  static const Steps activation{
      {"When energy is low, small steps count. What's one thing that used to give you even a little pleasure, "
       "or a sense of getting something done?",
       "기운이 없을 때는 작은 한 걸음이 중요해요. 예전에 조금이라도 즐거웠거나 뭔가 해냈다는 느낌을 줬던 일이 있나요?"},
      {"That sounds like a good one. Could you make it smaller - something that takes about ten minutes? "
       "When today or tomorrow could you do it?",
       "좋은 생각이에요. 십 분 정도면 할 수 있게 더 작게 만들어 볼까요? 오늘이나 내일 언제 할 수 있을까요?"},
      {"What might get in the way, and what could you do if it does?",
       "그걸 방해할 만한 게 있을까요? 그럴 땐 어떻게 해 볼 수 있을까요?"},
      {"You've got a plan. Would you tell me afterwards how it went?",
       "계획이 생겼어요. 해 보고 나서 어땠는지 알려 줄래요?"}};
  static const Steps sleep{
      {"A few habits often help sleep: getting up at the same time every day, an hour of winding down with dim "
       "light and no work, no caffeine after early afternoon, and leaving the bed if you've been awake for "
       "about twenty minutes, coming back when you feel sleepy. Which of these feels most doable?",
       "잠에 도움이 되는 습관 몇 가지가 있어요. 매일 같은 시간에 일어나기, 잠들기 전 한 시간은 조명을 낮추고 일을 멈추기, "
       "이른 오후 이후에는 카페인 피하기, 누운 지 이십 분쯤 지나도 잠이 안 오면 잠시 일어났다가 졸릴 때 다시 눕기. "
       "이 중에서 가장 해 볼 만한 건 뭐예요?"},
      {"Good choice. When will you start, and what would help you remember?",
       "좋은 선택이에요. 언제부터 해 볼 거예요? 잊지 않으려면 뭐가 도움이 될까요?"},
      {"Let's see how it goes over the next few nights. How do you feel about trying it?",
       "앞으로 며칠 밤 어떤지 지켜봐요. 해 보는 것에 대해 지금 어떤 마음이 들어요?"}};
  switch (e) {
    case Exercise::grounding: return grounding;
    case Exercise::breathing: return breathing;
    case Exercise::thought_record: return thought_record;
    case Exercise::activation: return activation;
    case Exercise::sleep: return sleep;
    case Exercise::none: break;
  }
  std::abort();
}

}  // namespace

int exercise_steps(Exercise e) { return static_cast<int>(steps(e).size()); }

std::string_view exercise_step(Exercise e, int step, Language lang) {
  const auto& s = steps(e).at(static_cast<std::size_t>(step));
  return lang == Language::ko ? s.second : s.first;
}

}  // namespace mind_log::counsel
