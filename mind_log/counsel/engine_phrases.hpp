#pragma once
// The offline engine's wording, English and Korean, several variants per slot. Data only.
#include <span>
#include <string_view>

#include "mind_log/counsel/text.hpp"

namespace mind_log::counsel {

// Variants for `slot` in `lang` (Korean or English; anything else reads English). Aborts on an
// unknown slot: that is a bug in the engine, not input.
std::span<const std::string_view> phrases(std::string_view slot, Language lang);

}  // namespace mind_log::counsel
