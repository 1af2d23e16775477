#pragma once
// The JSON body of a place's status (join, status read, SSE push), written straight into a
// string: the waiting room answers it far more often than anything else, and building a
// boost::json object first cost a dozen allocations per answer.
//
//   {"receipt","state","phase","in_prequeue","position","ahead",
//    "eta":{"known"[,"low_s","high_s"][,"reason"]}
//    [,"admission_token","admission_expires_at_ms"]  (admitted only)
//    [,"rejoined"]}                                   (join answers only)
#include <optional>
#include <string>
#include <string_view>

#include "traffic_master/queue/waiting_room.hpp"

namespace traffic_master::service {

// token: the admission token, used only when the place is admitted.
std::string place_status_body(const queue::PlaceStatus& s, std::string_view token,
                              std::optional<bool> rejoined = std::nullopt);

}  // namespace traffic_master::service
