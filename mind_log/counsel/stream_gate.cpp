#include "mind_log/counsel/stream_gate.hpp"

namespace mind_log::counsel {

std::string StreamGate::push(std::string_view delta) {
  if (violated()) return {};
  text_.append(delta);
  const std::size_t upto = verifier_.releasable_prefix(text_);
  if (upto <= released_) return {};
  // Verify everything up to the release point: a phrase completed by this delta is caught
  // before any of it is shown.
  const auto v = verifier_.verify(std::string_view(text_).substr(0, upto));
  if (!v.ok()) {
    violations_ = v.violations;
    return {};
  }
  std::string out = text_.substr(released_, upto - released_);
  released_ = upto;
  return out;
}

std::string StreamGate::finish() {
  if (violated()) return {};
  const auto v = verifier_.verify(text_);
  if (!v.ok()) {
    violations_ = v.violations;
    return {};
  }
  std::string out = text_.substr(released_);
  released_ = text_.size();
  return out;
}

}  // namespace mind_log::counsel
