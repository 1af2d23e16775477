#pragma once
// Expected failures are values. An Error carries what an RFC 9457 problem needs; the HTTP
// layer renders it as application/problem+json with type "/problems/<code>".
#include <expected>
#include <string>
#include <utility>

namespace platform {

struct Error {
  std::string code;    // stable slug, e.g. "seat-unavailable"; becomes the problem type
  int status = 400;    // HTTP status the API answers with
  std::string title;   // short, stable, human summary of the code
  std::string detail;  // this occurrence, safe to show to the caller (never secrets)
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string code, int status, std::string title,
                                   std::string detail = {}) {
  return std::unexpected(Error{std::move(code), status, std::move(title), std::move(detail)});
}

}  // namespace platform
