#include "mind_log/governance/data_registry.hpp"

namespace mind_log::governance {

platform::Result<boost::json::object> DataRegistry::export_user(std::string_view user_id,
                                                                platform::Millis now) const {
  boost::json::object sections;
  for (auto& p : participants_) {
    if (!p.export_user) continue;
    auto v = p.export_user(user_id);
    if (!v) return std::unexpected(v.error());
    sections[p.name] = std::move(*v);
  }
  return boost::json::object{{"format", "mind-log-export/1"},
                             {"user_id", user_id},
                             {"exported_at", now},
                             {"sections", std::move(sections)}};
}

platform::Result<void> DataRegistry::erase_user(std::string_view user_id) const {
  for (auto it = participants_.rbegin(); it != participants_.rend(); ++it) {
    if (!it->erase_user) continue;
    if (auto r = it->erase_user(user_id); !r) return r;
  }
  return {};
}

}  // namespace mind_log::governance
