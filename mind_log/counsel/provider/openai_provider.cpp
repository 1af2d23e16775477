#include "mind_log/counsel/provider/openai_provider.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>

#include "platform/http_client/http_client.hpp"
#include "platform/http_client/sse_parser.hpp"

namespace mind_log::counsel {

namespace hc = platform::http_client;

platform::Result<std::string> load_api_key(const std::string& file, const std::string& env_name) {
  std::string key;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return platform::fail("provider-key-missing", 500, "Model API key file is not readable", "file: " + file);
    std::getline(in, key);
  } else if (!env_name.empty()) {
    if (const char* v = std::getenv(env_name.c_str())) key = v;
  }
  while (!key.empty() && (key.back() == '\r' || key.back() == ' ' || key.back() == '\n')) key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(key.begin());
  if (key.empty()) {
    return platform::fail("provider-key-missing", 500, "Model API key is not configured",
                          file.empty() ? "environment variable " + env_name : "file: " + file);
  }
  return key;
}

OpenAiProvider::OpenAiProvider(OpenAiConfig config, CircuitBreaker& breaker,
                               std::function<void(platform::Millis)> sleep_ms, std::function<double()> random_unit)
    : config_(std::move(config)), breaker_(breaker), sleep_ms_(std::move(sleep_ms)), random_unit_(std::move(random_unit)) {}

namespace {

bool retryable(const platform::Error& e) {
  return e.code == "provider-unavailable" || e.code == "provider-timeout" || e.code == "provider-rate-limited";
}

platform::Error from_status(int status, const std::string& body) {
  // The upstream's message is kept only as far as its stable "type"; bodies can echo input.
  std::string type;
  boost::system::error_code ec;
  const auto j = boost::json::parse(body, ec);
  if (!ec && j.is_object()) {
    if (const auto* err = j.as_object().if_contains("error"); err && err->is_object()) {
      if (const auto* t = err->as_object().if_contains("type"); t && t->is_string()) type = std::string(t->as_string());
    }
  }
  const std::string detail = "upstream status " + std::to_string(status) + (type.empty() ? "" : " (" + type + ")");
  if (status == 401 || status == 403) return {"provider-auth", 502, "Model provider rejected the credentials", detail};
  if (status == 429) return {"provider-rate-limited", 502, "Model provider is rate limiting", detail};
  if (status >= 500) return {"provider-unavailable", 502, "Model provider is unavailable", detail};
  return {"provider-bad-request", 502, "Model provider rejected the request", detail};
}

}  // namespace

platform::Result<void> OpenAiProvider::attempt(const std::string& body, const DeltaSink& sink, bool& delivered) {
  auto url = hc::Url::join(config_.base_url, "/chat/completions");
  if (!url) return std::unexpected(url.error());
  hc::ClientRequest req;
  req.method = "POST";
  req.url = url->scheme + "://" + (url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host) + ":" +
            url->port + url->target;
  req.headers = {{"content-type", "application/json"}, {"accept", "text/event-stream"}};
  if (!config_.api_key.empty()) req.headers.emplace_back("authorization", "Bearer " + config_.api_key);
  req.body = body;
  req.connect_timeout_ms = config_.connect_timeout_ms;
  req.first_byte_timeout_ms = config_.first_token_timeout_ms;
  req.idle_timeout_ms = config_.idle_timeout_ms;
  req.total_timeout_ms = config_.total_timeout_ms;

  int status = 0;
  std::string error_body;
  bool done = false;
  std::optional<platform::Error> stream_error;
  hc::SseParser parser;
  auto on_event = [&](const hc::SseEvent& ev) {
    if (ev.data == "[DONE]") {
      done = true;
      return true;
    }
    boost::system::error_code ec;
    const auto j = boost::json::parse(ev.data, ec);
    const boost::json::value* content = nullptr;
    if (!ec && j.is_object()) {
      if (const auto* err = j.as_object().if_contains("error")) {
        (void)err;
        stream_error = platform::Error{"provider-unavailable", 502, "Model provider failed mid-stream", "error event"};
        return false;
      }
      const auto* choices = j.as_object().if_contains("choices");
      if (choices && choices->is_array() && !choices->as_array().empty() && choices->as_array()[0].is_object()) {
        const auto& c0 = choices->as_array()[0].as_object();
        if (const auto* delta = c0.if_contains("delta"); delta && delta->is_object()) {
          content = delta->as_object().if_contains("content");
        }
        if (!content || content->is_null()) return true;  // role-only or finish chunk
      }
    }
    if (!content || !content->is_string()) {
      stream_error = platform::Error{"provider-malformed", 502, "Model provider sent a malformed event", "unparseable chunk"};
      return false;
    }
    const auto& s = content->as_string();
    if (s.empty()) return true;
    delivered = true;
    if (!sink(std::string_view(s.data(), s.size()))) {
      stream_error = platform::Error{"provider-stopped", 499, "Stream stopped by the caller", ""};
      return false;
    }
    return true;
  };
  auto head = hc::stream(
      req, [&](const hc::ResponseHead& h) { status = h.status; return true; },
      [&](std::string_view chunk) {
        if (status != 200) {
          if (error_body.size() < 4096) error_body.append(chunk.substr(0, 4096 - error_body.size()));
          return true;
        }
        return parser.feed(chunk, on_event).has_value();
      });
  if (stream_error) return std::unexpected(*stream_error);
  if (!head) {
    const auto& e = head.error();
    if (e.code == "upstream-timeout") return platform::fail("provider-timeout", 504, "Model provider timed out", e.detail);
    if (e.code == "sse-event-too-large" || e.code == "upstream-protocol")
      return platform::fail("provider-malformed", 502, "Model provider sent malformed data", e.code);
    if (e.code == "invalid-url") return std::unexpected(e);
    return platform::fail("provider-unavailable", 502, "Model provider is unavailable", e.code);
  }
  if (status != 200) return std::unexpected(from_status(status, error_body));
  if (!done) return platform::fail("provider-malformed", 502, "Model provider stream ended without [DONE]");
  return {};
}

platform::Result<void> OpenAiProvider::stream(const boost::json::array& messages, const DeltaSink& sink) {
  last_attempts_ = 0;
  boost::json::object body{{"model", config_.model},
                           {"messages", messages},
                           {"stream", true},
                           {"max_tokens", config_.max_tokens},
                           {"temperature", config_.temperature}};
  const std::string serialized = boost::json::serialize(body);
  platform::Error last{"provider-unavailable", 502, "Model provider is unavailable", ""};
  for (int attempt_no = 1; attempt_no <= config_.max_attempts; ++attempt_no) {
    if (!breaker_.allow()) return platform::fail("provider-circuit-open", 503, "Model provider circuit is open");
    ++last_attempts_;
    bool delivered = false;
    auto r = attempt(serialized, sink, delivered);
    if (r) {
      breaker_.record_success();
      return {};
    }
    last = r.error();
    if (last.code == "provider-stopped") {
      breaker_.record_success();  // the caller stopped (e.g. unsafe text); the provider was fine
      return std::unexpected(last);
    }
    breaker_.record_failure();
    // A retry after text was shown would duplicate it; only silent failures are retried.
    if (delivered || !retryable(last) || attempt_no == config_.max_attempts) break;
    sleep_ms_(backoff_ms(attempt_no, config_.backoff_base_ms, config_.backoff_cap_ms, random_unit_()));
  }
  return std::unexpected(last);
}

}  // namespace mind_log::counsel
