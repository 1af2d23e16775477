#pragma once
// Serving built front-ends from a directory: MIME types, strong ETags with If-None-Match,
// pre-compressed .br/.gz variants chosen by Accept-Encoding, and no escape from the root
// (".." segments, encoded dots, backslashes, NUL and symlinks out of the root are refused).
#include <optional>
#include <string>

#include "platform/http/message.hpp"

namespace platform::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // root must exist; it is canonicalised once

  // nullopt: no such file (the caller answers 404). `req.path` is already percent-decoded.
  std::optional<Response> serve(const Request& req) const;

  static std::string mime_type(std::string_view extension);

 private:
  std::string root_;
};

}  // namespace platform::http
