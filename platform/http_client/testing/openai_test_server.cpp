#include "platform/http_client/testing/openai_test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdio>

namespace platform::http_client::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

struct OpenAiTestServer::Impl {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  mutable std::mutex mu;
  std::deque<Scenario> queue;
  Scenario fallback;
  std::string api_key;
  std::vector<RecordedRequest> recorded;
  std::uint64_t next_id = 1;

  Scenario take(std::string auth, std::string body) {
    std::lock_guard lock(mu);
    recorded.push_back({std::move(auth), std::move(body)});
    if (queue.empty()) return fallback;
    Scenario s = std::move(queue.front());
    queue.pop_front();
    return s;
  }
};

namespace {

std::string chunked(std::string_view data) {
  char head[32];
  std::snprintf(head, sizeof head, "%zx\r\n", data.size());
  return std::string(head) + std::string(data) + "\r\n";
}

std::string chunk_json(std::uint64_t id, const std::string& model, const boost::json::object& delta,
                       const char* finish) {
  boost::json::object choice{{"index", 0}, {"delta", delta}};
  choice["finish_reason"] = finish ? boost::json::value(finish) : boost::json::value(nullptr);
  boost::json::object o{{"id", "chatcmpl-" + std::to_string(id)},
                        {"object", "chat.completion.chunk"},
                        {"created", 1700000000},
                        {"model", model},
                        {"choices", boost::json::array{choice}}};
  return "data: " + boost::json::serialize(o) + "\n\n";
}

// Built outside the coroutines: GCC 12 mis-compiles brace-initialised JSON inside them.
std::string role_chunk(std::uint64_t id, const std::string& model) {
  return chunk_json(id, model, boost::json::object{{"role", "assistant"}, {"content", ""}}, nullptr);
}
std::string token_chunk(std::uint64_t id, const std::string& model, const std::string& token) {
  return chunk_json(id, model, boost::json::object{{"content", token}}, nullptr);
}
std::string finish_chunk(std::uint64_t id, const std::string& model) {
  return chunk_json(id, model, boost::json::object{}, "stop");
}
std::string json_completion(std::uint64_t id, const std::string& model, const std::string& text) {
  boost::json::object msg{{"role", "assistant"}, {"content", text}};
  boost::json::object body{{"id", "chatcmpl-" + std::to_string(id)}, {"object", "chat.completion"}, {"created", 1700000000},
                           {"model", model},
                           {"choices", boost::json::array{boost::json::object{{"index", 0}, {"message", msg}, {"finish_reason", "stop"}}}}};
  const std::string b = boost::json::serialize(body);
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(b.size()) +
         "\r\nConnection: close\r\n\r\n" + b;
}
std::string error_response(int status, const std::string& type, const std::string& message) {
  boost::json::object err{{"error", boost::json::object{{"message", message}, {"type", type}, {"code", type}}}};
  const std::string body = boost::json::serialize(err);
  return "HTTP/1.1 " + std::to_string(status) + " Error\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

awaitable<void> pause(int ms) {
  if (ms <= 0) co_return;
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(asio::as_tuple(use_awaitable));
}

awaitable<void> send(tcp::socket& s, std::string bytes) {
  co_await asio::async_write(s, asio::buffer(bytes), asio::as_tuple(use_awaitable));
}

awaitable<void> serve(std::shared_ptr<OpenAiTestServer::Impl> impl, tcp::socket socket) {
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> req;
  auto [ec, n] = co_await bhttp::async_read(socket, buffer, req, asio::as_tuple(use_awaitable));
  if (ec) co_return;
  const std::string auth(req[bhttp::field::authorization]);
  std::string expected_key;
  {
    std::lock_guard lock(impl->mu);
    expected_key = impl->api_key;
  }
  if (req.method() != bhttp::verb::post || req.target() != "/v1/chat/completions") {
    co_await send(socket, error_response(404, std::string("not_found"), std::string("Unknown route")));
    co_return;
  }
  if (!expected_key.empty() && auth != "Bearer " + expected_key) {
    impl->take(auth, req.body());
    co_await send(socket, error_response(401, std::string("invalid_api_key"), std::string("Incorrect API key provided.")));
    co_return;
  }
  boost::system::error_code jec;
  auto parsed = boost::json::parse(req.body(), jec);
  if (jec || !parsed.is_object() || !parsed.as_object().contains("messages")) {
    co_await send(socket, error_response(400, std::string("invalid_request_error"), std::string("messages is required")));
    co_return;
  }
  const auto& o = parsed.as_object();
  const std::string model = o.contains("model") && o.at("model").is_string() ? std::string(o.at("model").as_string()) : std::string("test");
  const bool streaming = o.contains("stream") && o.at("stream").is_bool() && o.at("stream").as_bool();
  Scenario sc = impl->take(auth, req.body());
  std::uint64_t id;
  {
    std::lock_guard lock(impl->mu);
    id = impl->next_id++;
  }
  using K = Scenario::Kind;
  if (sc.kind == K::hang) {
    co_await pause(sc.first_token_delay_ms > 0 ? sc.first_token_delay_ms : 60'000);
    co_return;
  }
  if (sc.kind == K::error) {
    co_await pause(sc.first_token_delay_ms);
    co_await send(socket, error_response(sc.status, std::string(sc.status == 429 ? "rate_limit_exceeded" : "server_error"), sc.error_message));
    co_return;
  }
  if (sc.kind == K::json || !streaming) {
    co_await pause(sc.first_token_delay_ms);
    std::string text;
    for (const auto& t : sc.tokens) text += t;
    co_await send(socket, json_completion(id, model, text));
    co_return;
  }
  co_await send(socket, std::string("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
  co_await pause(sc.first_token_delay_ms);
  co_await send(socket, chunked(role_chunk(id, model)));
  if (sc.kind == K::malformed) {
    co_await send(socket, chunked(std::string("data: {\"choices\": [{\"delta\": {\"content\": \"Hel\n\n")));
    co_await send(socket, chunked(std::string("data: not json at all\n\n")));
    co_await send(socket, chunked("data: [DONE]\n\n") + "0\r\n\r\n");
    co_return;
  }
  for (std::size_t i = 0; i < sc.tokens.size(); ++i) {
    if (sc.kind == K::disconnect && i == sc.disconnect_after) {
      boost::system::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      co_return;
    }
    if (i > 0) co_await pause(sc.token_delay_ms);
    co_await send(socket, chunked(token_chunk(id, model, sc.tokens[i])));
  }
  co_await send(socket, chunked(finish_chunk(id, model)));
  co_await send(socket, chunked("data: [DONE]\n\n") + "0\r\n\r\n");
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
}

awaitable<void> accept_loop(std::shared_ptr<OpenAiTestServer::Impl> impl) {
  while (true) {
    auto [ec, socket] = co_await impl->acceptor.async_accept(asio::as_tuple(use_awaitable));
    if (ec) co_return;
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(impl->ioc, serve(impl, std::move(socket)), asio::detached);
  }
}

}  // namespace

OpenAiTestServer::OpenAiTestServer() : impl_(std::make_shared<Impl>()) {
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  asio::co_spawn(impl_->ioc, accept_loop(impl_), asio::detached);
  thread_ = std::thread([impl = impl_] { impl->ioc.run(); });
}

OpenAiTestServer::~OpenAiTestServer() {
  asio::post(impl_->ioc, [impl = impl_] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    impl->ioc.stop();
  });
  thread_.join();
}

std::uint16_t OpenAiTestServer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string OpenAiTestServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/v1"; }

void OpenAiTestServer::push(Scenario s) {
  std::lock_guard lock(impl_->mu);
  impl_->queue.push_back(std::move(s));
}

void OpenAiTestServer::set_default(Scenario s) {
  std::lock_guard lock(impl_->mu);
  impl_->fallback = std::move(s);
}

void OpenAiTestServer::set_api_key(std::string key) {
  std::lock_guard lock(impl_->mu);
  impl_->api_key = std::move(key);
}

std::vector<RecordedRequest> OpenAiTestServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->recorded;
}

}  // namespace platform::http_client::testing
