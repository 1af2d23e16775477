#pragma once
// A small blocking HTTP/1.1 client on Boost.Beast, for calling model endpoints and other
// upstreams. TLS (1.2+, peer and host name verified) when the URL is https. Every call has a
// connect timeout, a first-byte timeout, an idle timeout between body chunks and a total
// deadline. Response bodies can be consumed incrementally (chunked or not).
//
// Thread-safety: the functions are re-entrant; each call runs its own io_context on the
// calling thread and shares nothing.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/error.hpp"

namespace platform::http_client {

struct Url {
  std::string scheme;  // http | https
  std::string host;
  std::string port;
  std::string target;  // path + query, at least "/"
  // Errors: "invalid-url" 400.
  static Result<Url> parse(std::string_view text);
  // Joins a base URL ("http://h:1/v1") with a path ("/chat/completions").
  static Result<Url> join(std::string_view base, std::string_view path);
};

struct ClientRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int connect_timeout_ms = 3'000;
  int first_byte_timeout_ms = 15'000;  // request sent -> response head
  int idle_timeout_ms = 15'000;        // between body chunks
  int total_timeout_ms = 120'000;
  std::string ca_file;                 // extra trust anchor (tests); system store otherwise
};

struct ResponseHead {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string_view header(std::string_view lower_name) const;
};

struct Response {
  ResponseHead head;
  std::string body;
};

// Errors (problem codes): "invalid-url" 400, "upstream-connect" 502, "upstream-tls" 502,
// "upstream-timeout" 504, "upstream-protocol" 502 (malformed HTTP), "upstream-closed" 502
// (connection closed before the response completed), "upstream-body-too-large" 502,
// "upstream-aborted" 499 (a callback returned false).
using HeadSink = std::function<bool(const ResponseHead&)>;
using BodySink = std::function<bool(std::string_view)>;
Result<ResponseHead> stream(const ClientRequest& req, const HeadSink& on_head, const BodySink& on_body);

Result<Response> fetch(const ClientRequest& req, std::size_t max_body_bytes = 8 << 20);

}  // namespace platform::http_client
