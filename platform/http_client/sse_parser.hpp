#pragma once
// Incremental Server-Sent Events parser (WHATWG HTML "event stream interpretation"): bytes go
// in as they arrive, complete events come out. Handles CRLF, LF and CR line ends split across
// chunks, comment lines, multi-line data and a leading BOM. Pure; one instance per stream.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"

namespace platform::http_client {

struct SseEvent {
  std::string event = "message";
  std::string data;  // "data:" lines joined with '\n'
  std::string id;
};

class SseParser {
 public:
  using Sink = std::function<bool(const SseEvent&)>;  // return false to stop
  explicit SseParser(std::size_t max_event_bytes = 1 << 20) : max_event_bytes_(max_event_bytes) {}

  // Feeds bytes; calls sink for each complete event. Errors: "sse-event-too-large" 502 when a
  // line or an event exceeds the limit, "sse-stopped" when the sink returned false.
  Result<void> feed(std::string_view bytes, const Sink& sink);

  // Bytes of an unterminated event at end of stream are discarded, as the spec says.
  bool has_partial_event() const { return !line_.empty() || !data_.empty() || has_data_; }

 private:
  Result<void> line(std::string_view l, const Sink& sink);
  std::size_t max_event_bytes_;
  std::string line_;
  std::string event_, data_, id_;
  bool has_data_ = false;
  bool last_was_cr_ = false;
  bool bom_checked_ = false;
};

}  // namespace platform::http_client
