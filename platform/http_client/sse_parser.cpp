#include "platform/http_client/sse_parser.hpp"

namespace platform::http_client {

Result<void> SseParser::feed(std::string_view bytes, const Sink& sink) {
  if (!bom_checked_ && !bytes.empty()) {
    // The BOM may be split; only a complete one at the very start is dropped.
    if (line_.empty() && bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    bom_checked_ = true;
  }
  for (char c : bytes) {
    if (c == '\n' && last_was_cr_) {  // the LF of a CRLF pair
      last_was_cr_ = false;
      continue;
    }
    last_was_cr_ = c == '\r';
    if (c == '\r' || c == '\n') {
      auto r = line(line_, sink);
      line_.clear();
      if (!r) return r;
      continue;
    }
    line_.push_back(c);
    if (line_.size() > max_event_bytes_) {
      return fail("sse-event-too-large", 502, "Upstream event stream line too long");
    }
  }
  return {};
}

Result<void> SseParser::line(std::string_view l, const Sink& sink) {
  if (l.empty()) {
    if (!has_data_) {
      event_.clear();
      return {};
    }
    SseEvent ev;
    if (!event_.empty()) ev.event = event_;
    ev.data = std::move(data_);
    ev.id = id_;
    data_.clear();
    event_.clear();
    has_data_ = false;
    if (!sink(ev)) return fail("sse-stopped", 499, "Event stream consumer stopped");
    return {};
  }
  if (l.front() == ':') return {};  // comment / keep-alive
  std::string_view field = l, value;
  if (const auto colon = l.find(':'); colon != std::string_view::npos) {
    field = l.substr(0, colon);
    value = l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
    if (data_.size() > max_event_bytes_) return fail("sse-event-too-large", 502, "Upstream event too large");
  } else if (field == "event") {
    event_ = std::string(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) id_ = std::string(value);
  }
  // "retry" and unknown fields are ignored: the client's own backoff policy applies.
  return {};
}

}  // namespace platform::http_client
