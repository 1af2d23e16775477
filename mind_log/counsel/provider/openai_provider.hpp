#pragma once
// The `openai` provider: OpenAI-compatible Chat Completions with stream=true (vLLM,
// llama.cpp server, Ollama, SageMaker LLM containers). Per-request timeouts, retries with
// backoff (only before the first token: a half-streamed reply is never restarted), and a
// circuit breaker shared by all requests. The API key is read from a file or an environment
// variable and is never logged or included in errors.
// Thread-safe: configuration is immutable; the breaker locks; each call is independent.
#include <functional>
#include <memory>
#include <string>

#include "mind_log/counsel/circuit_breaker.hpp"
#include "mind_log/counsel/provider/reply_provider.hpp"
#include "platform/core/clock.hpp"

namespace mind_log::counsel {

struct OpenAiConfig {
  std::string base_url = "http://127.0.0.1:8000/v1";
  std::string model = "mind-log-counsel";
  std::string api_key;  // may be empty for local servers
  int connect_timeout_ms = 2'000;
  int first_token_timeout_ms = 10'000;
  int idle_timeout_ms = 10'000;
  int total_timeout_ms = 60'000;
  int max_attempts = 3;
  platform::Millis backoff_base_ms = 200;
  platform::Millis backoff_cap_ms = 2'000;
  int max_tokens = 400;
  double temperature = 0.7;
};

// Reads the key from `file` (first line, trimmed) when set, else from the environment
// variable `env_name`. Errors: "provider-key-missing" 500 (names the source, never the key).
platform::Result<std::string> load_api_key(const std::string& file, const std::string& env_name);

class OpenAiProvider final : public ReplyProvider {
 public:
  // sleep_ms and random_unit are injected so tests neither sleep nor depend on randomness.
  OpenAiProvider(OpenAiConfig config, CircuitBreaker& breaker, std::function<void(platform::Millis)> sleep_ms,
                 std::function<double()> random_unit);

  // Errors: "provider-circuit-open" 503, "provider-auth" 502 (401/403, not retried),
  // "provider-rate-limited" 502 (429), "provider-unavailable" 502 (5xx, connect, closed),
  // "provider-timeout" 504, "provider-malformed" 502 (bad SSE/JSON), "provider-bad-request" 502
  // (other 4xx, not retried).
  platform::Result<void> stream(const boost::json::array& messages, const DeltaSink& sink) override;
  std::string_view name() const override { return "openai"; }

  int attempts_made() const { return last_attempts_; }  // of the last call, for metrics/tests

 private:
  platform::Result<void> attempt(const std::string& body, const DeltaSink& sink, bool& delivered);
  OpenAiConfig config_;
  CircuitBreaker& breaker_;
  std::function<void(platform::Millis)> sleep_ms_;
  std::function<double()> random_unit_;
  int last_attempts_ = 0;
};

}  // namespace mind_log::counsel
