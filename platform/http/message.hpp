#pragma once
// The request/response types product code sees. No Beast or Asio here: product translation
// units include this header and stay cheap to compile.
#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/error.hpp"

namespace platform::http {

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received, e.g. "/api/v1/events?limit=5"
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string request_id;
  std::string remote_address;
  std::vector<std::pair<std::string, std::string>> params;  // filled by the router: {id} -> value

  std::string_view header(std::string_view lower_case_name) const;
  std::optional<std::string> query_param(std::string_view name) const;  // percent-decoded
  std::string_view param(std::string_view name) const;
  std::string_view bearer_token() const;  // from "Authorization: Bearer ..." or empty
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const boost::json::value& value);
  static Response json_text(int status, std::string json);  // body already serialised JSON
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
  // RFC 9457 problem+json; type is "/problems/<code>". The server adds the request id.
  static Response problem(const Error& error);
  static Response problem(std::string code, int status, std::string title, std::string detail = {});
  Response& with_header(std::string name, std::string value);
};

// Completes an asynchronous request. Thread-safe; call exactly once, from any thread.
using Reply = std::function<void(Response)>;

using Handler = std::function<Response(Request&)>;
using AsyncHandler = std::function<void(Request&, Reply)>;

// A server-push response (Server-Sent Events or any chunked stream). Thread-safe handle.
class Stream {
 public:
  virtual ~Stream() = default;
  // Queues one chunk. Returns false once the client is gone or the bounded queue overflowed
  // (the stream is then closed); the producer should stop writing.
  virtual bool write(std::string chunk) = 0;
  virtual void end() = 0;
  virtual bool closed() const = 0;
};
struct StreamHandler {
  std::string content_type = "text/event-stream";
  // Runs on the connection's thread after the headers are sent.
  std::function<void(Request&, std::shared_ptr<Stream>)> on_open;
  // Optional: a rejection answered instead of opening the stream (auth, unknown ids).
  std::function<std::optional<Response>(Request&)> authorize;
};

// One accepted WebSocket. Thread-safe handle; sends are queued with a bounded byte budget and
// a client that does not drain it is disconnected (close code 1008).
class WebSocket {
 public:
  virtual ~WebSocket() = default;
  virtual void send_text(std::shared_ptr<const std::string> message) = 0;
  virtual void send_binary(std::shared_ptr<const std::string> message) = 0;
  virtual void close(std::uint16_t code, std::string reason) = 0;
  virtual const Request& request() const = 0;  // the upgrade request (params, headers)
  virtual std::uint64_t id() const = 0;
};
struct WebSocketHandler {
  // Optional: a rejection answered instead of the upgrade (auth, unknown ids).
  std::function<std::optional<Response>(Request&)> authorize;
  std::function<void(const std::shared_ptr<WebSocket>&)> on_open;
  std::function<void(const std::shared_ptr<WebSocket>&, std::string_view data, bool binary)> on_message;
  std::function<void(const std::shared_ptr<WebSocket>&)> on_close;
};

}  // namespace platform::http
