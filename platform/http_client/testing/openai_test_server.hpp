#pragma once
// A local OpenAI-compatible Chat Completions server for tests and benchmarks. It speaks the
// real wire protocol (POST /v1/chat/completions, JSON in, SSE "data:" chunks with
// chat.completion.chunk objects and a final "data: [DONE]", or one chat.completion JSON when
// stream is false) and can misbehave on purpose: error statuses with OpenAI error bodies,
// slow first tokens, slow tokens, malformed event streams, disconnects mid-stream, and
// replies that never come. Stands in for vLLM / llama.cpp / Ollama / SageMaker containers.
//
// Thread-safety: the server runs on its own thread; push()/requests()/set_api_key() lock.
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace platform::http_client::testing {

struct Scenario {
  enum class Kind { stream, json, error, malformed, disconnect, hang };
  Kind kind = Kind::stream;
  std::vector<std::string> tokens{"Hello", ",", " I'm", " here", " with", " you", "."};
  int first_token_delay_ms = 0;
  int token_delay_ms = 0;
  int status = 500;              // for error
  std::string error_message = "The server had an error while processing your request.";
  std::size_t disconnect_after = 2;  // tokens sent before the connection is dropped
};

struct RecordedRequest {
  std::string authorization;
  std::string body;  // the JSON the client sent
};

class OpenAiTestServer {
 public:
  OpenAiTestServer();  // listens on 127.0.0.1:<free port>, ready when constructed
  ~OpenAiTestServer();
  OpenAiTestServer(const OpenAiTestServer&) = delete;
  OpenAiTestServer& operator=(const OpenAiTestServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>/v1"

  // Scenarios are used in order, one per request; when the queue is empty the default applies.
  void push(Scenario s);
  void set_default(Scenario s);
  // When set, requests without "Authorization: Bearer <key>" get 401 invalid_api_key.
  void set_api_key(std::string key);
  std::vector<RecordedRequest> requests() const;

  struct Impl;  // defined in the .cpp; public only so its coroutines can name it

 private:
  std::shared_ptr<Impl> impl_;
  std::thread thread_;
};

}  // namespace platform::http_client::testing
