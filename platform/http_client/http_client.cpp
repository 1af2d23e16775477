#include "platform/http_client/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>

namespace platform::http_client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string_view ResponseHead::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

Result<Url> Url::parse(std::string_view text) {
  Url u;
  std::string_view rest;
  if (text.starts_with("http://")) {
    u.scheme = "http";
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    u.scheme = "https";
    rest = text.substr(8);
  } else {
    return fail("invalid-url", 400, "URL must start with http:// or https://", std::string(text));
  }
  const auto slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (u.target.front() == '?') u.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) {
    return fail("invalid-url", 400, "Credentials in URLs are not accepted");  // keys go in headers
  }
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("invalid-url", 400, "Unclosed IPv6 literal");
    u.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(":")) u.port = std::string(authority.substr(1));
  } else {
    const auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) u.port = std::string(authority.substr(colon + 1));
  }
  if (u.host.empty()) return fail("invalid-url", 400, "URL has no host", std::string(text));
  if (u.port.empty()) u.port = u.scheme == "https" ? "443" : "80";
  for (char c : u.port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return fail("invalid-url", 400, "URL port is not a number");
  }
  for (char c : u.target) {
    if (static_cast<unsigned char>(c) <= 0x20) return fail("invalid-url", 400, "URL contains spaces or controls");
  }
  return u;
}

Result<Url> Url::join(std::string_view base, std::string_view path) {
  std::string b(base);
  while (!b.empty() && b.back() == '/') b.pop_back();
  std::string p(path);
  if (!p.empty() && p.front() != '/') p.insert(0, "/");
  return parse(b + p);
}

namespace {

struct Call {
  const ClientRequest& req;
  Url url;
  const HeadSink& on_head;
  const BodySink& on_body;
  Clock::time_point deadline;
  std::optional<Error> error;
  ResponseHead head;

  std::chrono::milliseconds budget(int op_ms) const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return std::max(std::chrono::milliseconds(1), std::min(std::chrono::milliseconds(op_ms), left));
  }
  bool fail_with(std::string code, int status, std::string title, std::string detail = {}) {
    if (!error) error = Error{std::move(code), status, std::move(title), std::move(detail)};
    return false;
  }
  // Maps a transport error to a stable problem code.
  bool io_error(const boost::system::error_code& ec, std::string_view stage) {
    if (ec == beast::error::timeout) return fail_with("upstream-timeout", 504, "Upstream timed out", std::string(stage));
    if (ec.category() == asio::error::get_ssl_category() || ec == asio::ssl::error::stream_truncated) {
      return fail_with("upstream-tls", 502, "TLS with upstream failed", std::string(stage) + ": " + ec.message());
    }
    if (&ec.category() == &bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
        ec != bhttp::error::partial_message && ec != bhttp::error::end_of_stream) {
      return fail_with("upstream-protocol", 502, "Upstream sent malformed HTTP", ec.message());
    }
    if (stage == "connect" || stage == "resolve") {
      return fail_with("upstream-connect", 502, "Cannot connect to upstream", ec.message());
    }
    return fail_with("upstream-closed", 502, "Upstream closed the connection", std::string(stage) + ": " + ec.message());
  }
};

template <class Stream>
asio::awaitable<void> exchange(Call& c, Stream& stream) {
  auto& lowest = beast::get_lowest_layer(stream);
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(c.req.method), c.url.target, 11};
  req.set(bhttp::field::host, c.url.host);
  req.set(bhttp::field::user_agent, "mind-log/0.1");
  for (const auto& [k, v] : c.req.headers) req.set(k, v);
  req.body() = c.req.body;
  req.prepare_payload();

  lowest.expires_after(c.budget(c.req.idle_timeout_ms));
  auto [wec, wn] = co_await bhttp::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
  if (wec) {
    c.io_error(wec, "write");
    co_return;
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::buffer_body> parser;
  parser.body_limit(boost::none);
  lowest.expires_after(c.budget(c.req.first_byte_timeout_ms));
  auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
  if (hec) {
    c.io_error(hec, "read header");
    co_return;
  }
  c.head.status = static_cast<int>(parser.get().result_int());
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    c.head.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  if (!c.on_head(c.head)) {
    c.fail_with("upstream-aborted", 499, "Response rejected by caller");
    co_return;
  }
  char chunk[8192];
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    lowest.expires_after(c.budget(c.req.idle_timeout_ms));
    auto [rec, rn] = co_await bhttp::async_read_some(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (rec == bhttp::error::need_buffer) rec = {};
    if (rec) {
      c.io_error(rec, "read body");
      co_return;
    }
    const std::size_t got = sizeof chunk - parser.get().body().size;
    if (got > 0 && !c.on_body(std::string_view(chunk, got))) {
      c.fail_with("upstream-aborted", 499, "Response body rejected by caller");
      co_return;
    }
  }
}

asio::awaitable<void> run(Call& c, asio::ssl::context* tls) {
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver resolver(ex);
  auto [rec, results] = co_await resolver.async_resolve(c.url.host, c.url.port, asio::as_tuple(asio::use_awaitable));
  if (rec) {
    c.io_error(rec, "resolve");
    co_return;
  }
  if (!tls) {
    beast::tcp_stream stream(ex);
    stream.expires_after(c.budget(c.req.connect_timeout_ms));
    auto [cec, ep] = co_await stream.async_connect(results, asio::as_tuple(asio::use_awaitable));
    if (cec) {
      c.io_error(cec, "connect");
      co_return;
    }
    co_await exchange(c, stream);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(ex, *tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), c.url.host.c_str())) {
    c.fail_with("upstream-tls", 502, "Cannot set TLS server name");
    co_return;
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(c.url.host));
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(c.budget(c.req.connect_timeout_ms));
  auto [cec, ep] = co_await lowest.async_connect(results, asio::as_tuple(asio::use_awaitable));
  if (cec) {
    c.io_error(cec, "connect");
    co_return;
  }
  lowest.expires_after(c.budget(c.req.connect_timeout_ms));
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  if (hec) {
    c.fail_with("upstream-tls", 502, "TLS handshake with upstream failed", hec.message());
    co_return;
  }
  co_await exchange(c, stream);
  lowest.expires_after(std::chrono::seconds(1));
  co_await stream.async_shutdown(asio::as_tuple(asio::use_awaitable));
}

}  // namespace

Result<ResponseHead> stream(const ClientRequest& req, const HeadSink& on_head, const BodySink& on_body) {
  auto url = Url::parse(req.url);
  if (!url) return std::unexpected(url.error());
  Call call{req, std::move(*url), on_head, on_body, Clock::now() + std::chrono::milliseconds(req.total_timeout_ms), {}, {}};
  asio::io_context ioc(1);
  std::optional<asio::ssl::context> tls;
  if (call.url.scheme == "https") {
    tls.emplace(asio::ssl::context::tls_client);
    tls->set_options(asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1);
    tls->set_verify_mode(asio::ssl::verify_peer);
    boost::system::error_code ec;
    tls->set_default_verify_paths(ec);
    if (!req.ca_file.empty()) {
      tls->load_verify_file(req.ca_file, ec);
      if (ec) return fail("upstream-tls", 502, "Cannot read the CA file", ec.message());
    }
  }
  std::exception_ptr failure;
  asio::co_spawn(ioc, run(call, tls ? &*tls : nullptr), [&](std::exception_ptr e) { failure = e; });
  ioc.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      return fail("upstream-protocol", 502, "Upstream exchange failed", e.what());
    }
  }
  if (call.error) return std::unexpected(*call.error);
  return call.head;
}

Result<Response> fetch(const ClientRequest& req, std::size_t max_body_bytes) {
  Response r;
  bool too_large = false;
  auto head = stream(req, [](const ResponseHead&) { return true; },
                     [&](std::string_view chunk) {
                       if (r.body.size() + chunk.size() > max_body_bytes) {
                         too_large = true;
                         return false;
                       }
                       r.body.append(chunk);
                       return true;
                     });
  if (too_large) return fail("upstream-body-too-large", 502, "Upstream response too large");
  if (!head) return std::unexpected(head.error());
  r.head = std::move(*head);
  return r;
}

}  // namespace platform::http_client
