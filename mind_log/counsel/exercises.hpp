#pragma once
// The structured exercises, step by step, in English and Korean. Data only.
#include <string_view>

#include "mind_log/counsel/engine.hpp"

namespace mind_log::counsel {

int exercise_steps(Exercise e);
// Step `step` (0-based) of `e`. The last step asks how it went.
std::string_view exercise_step(Exercise e, int step, Language lang);

}  // namespace mind_log::counsel
