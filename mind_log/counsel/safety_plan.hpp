#pragma once
// A personal safety plan (Stanley-Brown style, shortened): warning signs, coping steps,
// people to contact, reasons to live. Built together in conversation or edited directly; the
// service stores it encrypted through the vault. Plain value type.
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/text.hpp"
#include "platform/core/error.hpp"

namespace mind_log::counsel {

struct SafetyContact {
  std::string name;
  std::string phone;  // optional; digits, spaces, + - ( )
};

struct SafetyPlan {
  std::vector<std::string> warning_signs;
  std::vector<std::string> coping_steps;
  std::vector<SafetyContact> people;
  std::vector<std::string> reasons_to_live;
  std::int64_t updated_at_ms = 0;

  bool empty() const {
    return warning_signs.empty() && coping_steps.empty() && people.empty() && reasons_to_live.empty();
  }
};

enum class PlanSection { warning_signs, coping_steps, people, reasons_to_live };
std::string_view to_string(PlanSection s);

inline constexpr std::size_t kMaxPlanItems = 10;
inline constexpr std::size_t kMaxPlanItemChars = 300;

// Errors: "invalid-safety-plan" 422, detail names the field and the rule.
platform::Result<SafetyPlan> safety_plan_from_json(const boost::json::value& v);
boost::json::object to_json(const SafetyPlan& plan);

// The question the agent asks to fill a section when building the plan together.
std::string_view section_prompt(PlanSection s, Language lang);

}  // namespace mind_log::counsel
