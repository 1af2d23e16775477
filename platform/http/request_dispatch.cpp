#include "platform/http/detail/request_dispatch.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <unordered_map>

#include "platform/crypto/primitives.hpp"
#include "platform/core/encoding.hpp"
#include "platform/log/logger.hpp"

namespace platform::http::detail {
namespace bhttp = boost::beast::http;
namespace {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes a path; nullopt for broken escapes or an encoded NUL.
std::optional<std::string> decode_path(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return std::nullopt;
    int hi = hex_digit(in[i + 1]), lo = hex_digit(in[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
    i += 2;
  }
  return out;
}

std::string_view method_label(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (m == known) return known;
  return "OTHER";
}

Response builtin_not_found() { return Response::problem("not-found", 404, "No such resource"); }

}  // namespace

std::string new_request_id() {
  thread_local std::string prefix = hex_encode(crypto::random_bytes(6));
  thread_local std::uint64_t counter = 0;
  char buf[24];
  std::snprintf(buf, sizeof buf, "-%llx", static_cast<unsigned long long>(++counter));
  return prefix + buf;
}

Request to_request(bhttp::request<bhttp::string_body>& in, const std::string& remote) {
  Request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  std::string_view target = req.target;
  auto q = target.find('?');
  auto raw_path = target.substr(0, q);
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  auto decoded = decode_path(raw_path);
  req.path = decoded ? std::move(*decoded) : std::string();  // empty path: answered 400 below
  req.headers.reserve(8);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  req.body = std::move(in.body());
  req.remote_address = remote;
  auto supplied = req.header("x-request-id");
  req.request_id = valid_request_id(supplied) ? std::string(supplied) : new_request_id();
  return req;
}

Dispatch route_request(SharedState& shared, Request& req) {
  Dispatch d;
  if (req.path.empty() || req.path.front() != '/') {
    d.route = "unmatched";
    d.response = Response::problem("bad-request", 400, "Malformed request target");
    return d;
  }
  auto match = shared.router.match(req.method, req);
  if (!match.target) {
    if (match.path_known) {
      d.route = match.route.empty() ? "unmatched" : match.route;
      d.response = Response::problem("method-not-allowed", 405, "Method not allowed",
                                     req.method + " is not supported here; use " + match.allow);
      d.response->with_header("Allow", match.allow);
      return d;
    }
    if (shared.static_files && (req.method == "GET" || req.method == "HEAD")) {
      if (auto file = shared.static_files->serve(req)) {
        d.route = "static";
        d.response = std::move(*file);
        return d;
      }
    }
    d.route = "unmatched";
    d.response = builtin_not_found();
    return d;
  }
  d.route = match.route;
  if (auto* h = std::get_if<Handler>(match.target)) {
    try {
      d.response = (*h)(req);
    } catch (const std::exception& e) {
      log::error("http.handler_exception", {{"request_id", req.request_id}, {"route", d.route}, {"error", e.what()}});
      d.response = Response::problem("internal-error", 500, "Internal server error");
    }
  } else if (auto* a = std::get_if<AsyncHandler>(match.target)) {
    d.async = a;
  } else if (auto* s = std::get_if<StreamHandler>(match.target)) {
    if (s->authorize) {
      if (auto rejection = s->authorize(req)) {
        d.response = std::move(*rejection);
        return d;
      }
    }
    d.stream = s;
  } else if (auto* w = std::get_if<WebSocketHandler>(match.target)) {
    if (w->authorize) {
      if (auto rejection = w->authorize(req)) {
        d.response = std::move(*rejection);
        return d;
      }
    }
    d.websocket = w;
  }
  return d;
}

// The coroutine suspends on a plain completion handler; the reply posts the response to the
// connection's executor and resumes it there. (A timer parked until cancelled did the same
// with a timer-queue insert and removal per request.) A second reply is a caller bug and is
// ignored: the first answer stands. A handler that drops its reply unanswered gets a 500 sent
// for it, posted to the connection's executor like any answer, so the suspended connection is
// never resumed or destroyed from a foreign thread.
namespace {

template <class Resume>
class PendingReply {
 public:
  PendingReply(Resume resume, boost::asio::any_io_executor ex) : resume_(std::move(resume)), ex_(std::move(ex)) {}
  PendingReply(const PendingReply&) = delete;
  PendingReply& operator=(const PendingReply&) = delete;
  ~PendingReply() {
    if (resume_) answer(*resume_, ex_, Response::problem("internal-error", 500, "Internal server error"));
  }
  void answer(Response r) {
    if (!resume_) return;
    auto resume = std::move(*resume_);
    resume_.reset();
    answer(resume, ex_, std::move(r));
  }

 private:
  static void answer(Resume& resume, const boost::asio::any_io_executor& ex, Response r) {
    boost::asio::post(ex, [resume = std::move(resume), r = std::move(r)]() mutable { std::move(resume)(std::move(r)); });
  }
  std::optional<Resume> resume_;
  boost::asio::any_io_executor ex_;
};

}  // namespace

boost::asio::awaitable<Response> await_async(const AsyncHandler& handler, Request& req) {
  auto ex = co_await boost::asio::this_coro::executor;
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(Response)>(
      [&handler, &req, ex](auto resume) {
        auto pending = std::make_shared<PendingReply<decltype(resume)>>(std::move(resume), ex);
        Reply reply = [pending](Response r) { pending->answer(std::move(r)); };
        try {
          handler(req, reply);
        } catch (const std::exception& e) {
          log::error("http.handler_exception", {{"request_id", req.request_id}, {"error", e.what()}});
          reply(Response::problem("internal-error", 500, "Internal server error"));
        }
      },
      boost::asio::use_awaitable);
}

void record_request(SharedState& shared, const std::string& route, const std::string& method, int status,
                    std::chrono::steady_clock::time_point started, const Request& req) {
  struct Series {
    metrics::Counter* requests;
    metrics::Histogram* latency;
  };
  struct Key {
    std::uint64_t serial;
    std::string route;
    std::string_view method;  // points at a static label
    int status;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::string>()(k.route) ^ (k.serial * 0x9e3779b97f4a7c15ULL) ^
             (std::hash<std::string_view>()(k.method) << 1) ^ (static_cast<std::size_t>(k.status) << 7);
    }
  };
  // Registry lookups take a mutex; each worker thread remembers the series it has used.
  thread_local std::unordered_map<Key, Series, KeyHash> cache;
  auto m = method_label(method);
  Key key{shared.serial, route, m, status};
  auto it = cache.find(key);
  if (it == cache.end()) {
    Series s{&shared.metrics.counter("http_requests_total", "HTTP requests answered",
                                     {{"route", route}, {"method", std::string(m)}, {"status", std::to_string(status)}}),
             &shared.metrics.histogram("http_request_duration_seconds", "Time from parsed request to response",
                                       {{"route", route}, {"method", std::string(m)}})};
    it = cache.emplace(std::move(key), s).first;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  it->second.requests->inc();
  it->second.latency->observe(seconds);
  if (shared.config.access_log)
    log::info("http.request", {{"request_id", req.request_id},
                               {"method", std::string(m)},
                               {"route", route},
                               {"path", req.path},
                               {"status", status},
                               {"latency_ms", seconds * 1000.0},
                               {"remote", req.remote_address}});
}

}  // namespace platform::http::detail
