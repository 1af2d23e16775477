#pragma once
// Small helpers shared by the Mind-Log route files.
#include <boost/json/object.hpp>
#include <string>

#include "mind_log/service/app.hpp"
#include "platform/http/message.hpp"
#include "platform/log/logger.hpp"

namespace mind_log::service {

// A problem response; server-side failures keep their code but not their detail (which may
// name tables or files), and are logged instead.
inline platform::http::Response problem(const platform::Error& e) {
  if (e.status >= 500) {
    platform::log::error("mind_log.internal_error", {{"code", e.code}, {"detail", e.detail}});
    return platform::http::Response::problem(platform::Error{e.code, e.status, e.title, ""});
  }
  return platform::http::Response::problem(e);
}

}  // namespace mind_log::service
