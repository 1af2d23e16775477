#pragma once
// Every module that stores personal data registers here how to export it and how to erase it,
// so GDPR export and erasure cover the whole product (journal, vitals, counselling, ...).
// Participants are registered at start-up, before requests are served; afterwards the registry
// is read-only and needs no synchronisation.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace mind_log::governance {

struct DataParticipant {
  std::string name;  // section name in the export archive, e.g. "journal"
  // All of the user's data of this module, decrypted, as JSON.
  std::function<platform::Result<boost::json::value>(std::string_view user_id)> export_user;
  // Deletes every row of the user in this module (keys are shredded separately).
  std::function<platform::Result<void>(std::string_view user_id)> erase_user;
};

class DataRegistry {
 public:
  void add(DataParticipant participant) { participants_.push_back(std::move(participant)); }

  // The export archive: {"format":"mind-log-export/1","user_id":..,"exported_at":ms,
  //                      "sections":{"<name>": <value>, ...}}
  platform::Result<boost::json::object> export_user(std::string_view user_id, platform::Millis now) const;
  // Erases in reverse registration order (dependents before what they depend on).
  platform::Result<void> erase_user(std::string_view user_id) const;

  const std::vector<DataParticipant>& participants() const { return participants_; }

 private:
  std::vector<DataParticipant> participants_;
};

}  // namespace mind_log::governance
