#pragma once
// Deterministic randomness for tests: reproducible seeds, receipts and token ids.
#include <memory>
#include <string>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/queue/waiting_room.hpp"

namespace traffic_master::queue::test_support {

inline RandomBytes counter_random(std::string label = "test") {
  auto n = std::make_shared<std::uint64_t>(0);
  return [n, label](std::size_t k) {
    std::string out;
    while (out.size() < k) out += platform::crypto::sha256(label + ":" + std::to_string((*n)++));
    return out.substr(0, k);
  };
}

}  // namespace traffic_master::queue::test_support
