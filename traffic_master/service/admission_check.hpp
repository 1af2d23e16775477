#pragma once
// The hook every hold / confirm / release / payment endpoint calls before it touches the seat
// engine. The waiting room plugs its admission-token check in here; the default admits
// everyone, so the ticketing API also runs (and is tested) on its own.
//
// Contract: called on the connection's I/O thread, must not block, and must be thread-safe.
// Return an Error (rendered as problem+json) to refuse the request; nothing else happens then.
#include <functional>
#include <string_view>

#include "platform/core/error.hpp"
#include "platform/http/message.hpp"

namespace traffic_master::service {

using AdmissionCheck = std::function<platform::Result<void>(const platform::http::Request&,
                                                            std::string_view event_id,
                                                            std::string_view account_id)>;

inline AdmissionCheck admit_everyone() {
  return [](const platform::http::Request&, std::string_view, std::string_view) -> platform::Result<void> {
    return {};
  };
}

}  // namespace traffic_master::service
