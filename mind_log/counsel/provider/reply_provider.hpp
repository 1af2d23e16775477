#pragma once
// A source of generated replies. Implementations: OpenAiProvider (any OpenAI-compatible Chat
// Completions endpoint). The offline engine is not a provider: it is what every failure falls
// back to, inside TurnStreamer.
#include <boost/json/array.hpp>
#include <functional>
#include <string_view>

#include "platform/core/error.hpp"

namespace mind_log::counsel {

using DeltaSink = std::function<bool(std::string_view delta)>;  // false: stop streaming

class ReplyProvider {
 public:
  virtual ~ReplyProvider() = default;
  // Streams the reply's text deltas to `sink`. Errors are provider-* problem codes; whether
  // any delta was delivered before an error is for the caller to track.
  virtual platform::Result<void> stream(const boost::json::array& messages, const DeltaSink& sink) = 0;
  virtual std::string_view name() const = 0;
};

}  // namespace mind_log::counsel
