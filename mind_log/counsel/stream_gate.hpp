#pragma once
// Sits between a model's token stream and the person: text is released as soon as it cannot
// turn into a forbidden phrase, and the stream is cut the moment the released-plus-pending
// text fails the output verifier. The forbidden word itself is never shown; at most a
// harmless prefix was, and the caller then sends a "replace" with a safe reply.
// Plain value, one per streamed reply.
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/counsel/output_verifier.hpp"

namespace mind_log::counsel {

class StreamGate {
 public:
  explicit StreamGate(const OutputVerifier& verifier) : verifier_(verifier) {}

  // Appends a delta; returns the newly releasable text (possibly empty). After a violation it
  // returns nothing more and violated() is true.
  std::string push(std::string_view delta);
  // End of stream: releases what was held back if the whole text verifies.
  std::string finish();

  bool violated() const { return !violations_.empty(); }
  const std::vector<Violation>& violations() const { return violations_; }
  const std::string& text() const { return text_; }       // everything received
  std::size_t released() const { return released_; }      // bytes of text() shown so far

 private:
  const OutputVerifier& verifier_;
  std::string text_;
  std::size_t released_ = 0;
  std::vector<Violation> violations_;
};

}  // namespace mind_log::counsel
