#include "mind_log/counsel/safety_plan.hpp"

#include <boost/json.hpp>

namespace mind_log::counsel {
namespace {

platform::Result<std::vector<std::string>> string_list(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) {
    return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", std::string(key) + ": expected an array of strings");
  }
  const auto& arr = v->as_array();
  if (arr.size() > kMaxPlanItems) {
    return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid",
                          std::string(key) + ": at most " + std::to_string(kMaxPlanItems) + " items");
  }
  for (const auto& item : arr) {
    if (!item.is_string()) {
      return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", std::string(key) + ": expected strings");
    }
    std::string s(item.as_string());
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
      return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", std::string(key) + ": empty item");
    }
    if (code_point_count(s) > kMaxPlanItemChars) {
      return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid",
                            std::string(key) + ": items are at most " + std::to_string(kMaxPlanItemChars) + " characters");
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string_view to_string(PlanSection s) {
  switch (s) {
    case PlanSection::warning_signs: return "warning_signs";
    case PlanSection::coping_steps: return "coping_steps";
    case PlanSection::people: return "people";
    case PlanSection::reasons_to_live: return "reasons_to_live";
  }
  return "warning_signs";
}

platform::Result<SafetyPlan> safety_plan_from_json(const boost::json::value& v) {
  if (!v.is_object()) return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", "expected an object");
  const auto& o = v.as_object();
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    if (k != "warning_signs" && k != "coping_steps" && k != "people" && k != "reasons_to_live" && k != "updated_at_ms") {
      return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", std::string(k) + ": unknown field");
    }
  }
  SafetyPlan plan;
  auto ws = string_list(o, "warning_signs");
  if (!ws) return std::unexpected(ws.error());
  auto cs = string_list(o, "coping_steps");
  if (!cs) return std::unexpected(cs.error());
  auto rl = string_list(o, "reasons_to_live");
  if (!rl) return std::unexpected(rl.error());
  plan.warning_signs = std::move(*ws);
  plan.coping_steps = std::move(*cs);
  plan.reasons_to_live = std::move(*rl);
  if (const auto* p = o.if_contains("people"); p && !p->is_null()) {
    if (!p->is_array() || p->as_array().size() > kMaxPlanItems) {
      return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", "people: at most 10 {name, phone} objects");
    }
    for (const auto& item : p->as_array()) {
      const auto* obj = item.if_object();
      const auto* name = obj ? obj->if_contains("name") : nullptr;
      if (!name || !name->is_string() || name->as_string().empty() || code_point_count(name->as_string()) > 100) {
        return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", "people[].name: 1..100 characters");
      }
      SafetyContact c{std::string(name->as_string()), {}};
      if (const auto* ph = obj->if_contains("phone"); ph && !ph->is_null()) {
        if (!ph->is_string() || ph->as_string().size() > 32) {
          return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", "people[].phone: at most 32 characters");
        }
        for (char ch : ph->as_string()) {
          if (!((ch >= '0' && ch <= '9') || ch == ' ' || ch == '+' || ch == '-' || ch == '(' || ch == ')')) {
            return platform::fail("invalid-safety-plan", 422, "Safety plan field is invalid", "people[].phone: digits, spaces, + - ( ) only");
          }
        }
        c.phone = std::string(ph->as_string());
      }
      plan.people.push_back(std::move(c));
    }
  }
  if (const auto* u = o.if_contains("updated_at_ms"); u && u->is_int64()) plan.updated_at_ms = u->as_int64();
  return plan;
}

boost::json::object to_json(const SafetyPlan& plan) {
  boost::json::object o;
  auto list = [](const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  o["warning_signs"] = list(plan.warning_signs);
  o["coping_steps"] = list(plan.coping_steps);
  boost::json::array people;
  for (const auto& c : plan.people) people.emplace_back(boost::json::object{{"name", c.name}, {"phone", c.phone}});
  o["people"] = std::move(people);
  o["reasons_to_live"] = list(plan.reasons_to_live);
  o["updated_at_ms"] = plan.updated_at_ms;
  return o;
}

std::string_view section_prompt(PlanSection s, Language lang) {
  const bool k = lang == Language::ko;
  switch (s) {
    case PlanSection::warning_signs:
      return k ? "먼저, 힘든 순간이 다가오고 있다는 걸 알려 주는 신호가 있나요? 생각, 기분, 행동 무엇이든 좋아요."
               : "First, what tells you a hard moment is coming? Thoughts, feelings or things you start doing.";
    case PlanSection::coping_steps:
      return k ? "그럴 때 혼자서 해 볼 수 있는, 조금이라도 도움이 되는 일은 무엇인가요?"
               : "When that happens, what can you do on your own that helps even a little?";
    case PlanSection::people:
      return k ? "연락할 수 있는 사람은 누구인가요? 이름과, 원하면 전화번호도 적어 두세요."
               : "Who could you reach out to? Add their names, and numbers if you like.";
    case PlanSection::reasons_to_live:
      return k ? "마지막으로, 당신에게 소중한 것, 살아갈 이유가 되어 주는 것은 무엇인가요?"
               : "Last, what matters to you - the reasons that keep you going?";
  }
  return "";
}

}  // namespace mind_log::counsel
