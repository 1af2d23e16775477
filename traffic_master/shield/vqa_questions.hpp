#pragma once
// Question templates for VQA scenes, in English and Korean. Ten template families over six
// colours, five shapes, two sizes, four spatial relations and 30 reference objects give
// about 9,000 distinct question texts, and scenes are continuous random layouts, so a lookup
// table of (image, question) -> answer cannot be built. Every answer is a small whole number; the
// generator rejects draws whose answer would be ambiguous (an object too close to the
// reference line of a spatial relation, or a reference object that is not unique).
#include <optional>
#include <string>
#include <string_view>

#include "traffic_master/shield/vqa_scene.hpp"

namespace traffic_master::shield {

enum class Lang { en, ko };

struct Question {
  std::string template_id;
  std::string text;
  int answer = 0;
};

// accessible: only questions answerable from describe_scene() (no above/below).
Question random_question(const Scene& scene, Lang lang, SceneRng& rng, bool accessible = false);

// Text rendering of a scene for people who cannot see the image: objects left to right with
// size, colour, shape and rough height. Screen-reader friendly, no audio needed.
std::string describe_scene(const Scene& scene, Lang lang);

// Accepts digits and number words ("3", "three", "셋", "세 개", "3개"). nullopt otherwise.
std::optional<int> parse_answer(std::string_view text);

inline constexpr int kTemplateFamilies = 10;

}  // namespace traffic_master::shield
