#pragma once
// Route installers of the Mind-Log features owned by this folder (one file each).
#include <functional>
#include <string>

#include "platform/http/message.hpp"

namespace mind_log::service {

class MindLogApp;
using AddRoute = std::function<void(const std::string& method, const std::string& pattern, platform::http::Handler)>;

void install_account_routes(MindLogApp& app, const AddRoute& add);  // accounts, sessions, me, export
void install_journal_routes(MindLogApp& app, const AddRoute& add);  // journal entries

}  // namespace mind_log::service
