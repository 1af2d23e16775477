#include "traffic_master/shield/pow.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <vector>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace traffic_master::shield {

int pow_difficulty(const PowConfig& c, double load, double suspicion) {
  load = std::clamp(load, 0.0, 1.0);
  suspicion = std::clamp(suspicion, 0.0, 1.0);
  int bits = c.base_bits + static_cast<int>(std::lround(load * c.load_bits)) +
             static_cast<int>(std::lround(suspicion * c.suspicion_bits));
  return std::min(bits, c.max_bits);
}

int pow_leading_zero_bits(std::string_view challenge, std::string_view counter) {
  std::string input;
  input.reserve(challenge.size() + 1 + counter.size());
  input.append(challenge).append(":").append(counter);
  auto digest = platform::crypto::sha256(input);
  int bits = 0;
  for (unsigned char byte : digest) {
    if (byte == 0) {
      bits += 8;
      continue;
    }
    bits += std::countl_zero(byte);
    break;
  }
  return bits;
}

std::string pow_solve(std::string_view challenge, int bits) {
  for (std::uint64_t i = 0;; ++i) {
    auto counter = std::to_string(i);
    if (pow_leading_zero_bits(challenge, counter) >= bits) return counter;
  }
}

ProofOfWork::ProofOfWork(std::string key, PowConfig config) : key_(std::move(key)), config_(config) {}

std::string ProofOfWork::mac(std::string_view nonce, int bits, platform::Millis expires_ms,
                             std::string_view subject) const {
  std::string input = "pow1|";
  input.append(nonce).append("|").append(std::to_string(bits)).append("|").append(std::to_string(expires_ms));
  input.append("|").append(subject);
  return platform::base64url_encode(platform::crypto::hmac_sha256(key_, input)).substr(0, 22);
}

std::string ProofOfWork::issue(std::string_view subject, int bits, std::string nonce_bytes,
                               platform::Millis now_ms) const {
  auto nonce = platform::base64url_encode(nonce_bytes);
  auto expires = now_ms + config_.ttl_ms;
  return "pow1." + nonce + "." + std::to_string(bits) + "." + std::to_string(expires) + "." +
         mac(nonce, bits, expires, subject);
}

platform::Result<int> ProofOfWork::verify(std::string_view challenge, std::string_view counter,
                                          std::string_view subject, platform::Millis now_ms) {
  auto malformed = [] {
    return platform::fail("pow-malformed", 400, "Malformed proof of work", "expected pow1.<nonce>.<bits>.<exp>.<mac> and a decimal counter");
  };
  if (challenge.size() > 200 || counter.empty() || counter.size() > 20 ||
      !std::all_of(counter.begin(), counter.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return malformed();
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 6) {
    auto dot = challenge.find('.', start);
    parts.push_back(challenge.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 5 || parts[0] != "pow1" || parts[1].empty()) return malformed();
  int bits = 0;
  platform::Millis expires = 0;
  if (std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), bits).ptr != parts[2].data() + parts[2].size() ||
      std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), expires).ptr != parts[3].data() + parts[3].size())
    return malformed();
  if (!platform::crypto::constant_time_equal(parts[4], mac(parts[1], bits, expires, subject))) {
    // An edited challenge and one issued to another subject look the same without server
    // state; both are forgeries from this requester's point of view.
    return platform::fail("pow-forged", 403, "Proof-of-work challenge was not issued to this requester");
  }
  if (expires <= now_ms) return platform::fail("pow-expired", 403, "Proof-of-work challenge has expired");
  if (pow_leading_zero_bits(challenge, counter) < bits)
    return platform::fail("pow-insufficient", 403, "Proof of work does not meet the difficulty",
                          "needs " + std::to_string(bits) + " leading zero bits");
  std::lock_guard lock(mutex_);
  prune(now_ms);
  if (!used_.emplace(parts[1]).second)
    return platform::fail("pow-replayed", 403, "Proof-of-work challenge was already used");
  expiry_order_.emplace_back(expires, std::string(parts[1]));
  return bits;
}

void ProofOfWork::prune(platform::Millis now_ms) {
  // Expiry order equals issue order up to TTL changes; a stale front only delays pruning.
  while (!expiry_order_.empty() && expiry_order_.front().first <= now_ms) {
    used_.erase(expiry_order_.front().second);
    expiry_order_.pop_front();
  }
}

std::size_t ProofOfWork::used_nonces() const {
  std::lock_guard lock(mutex_);
  return used_.size();
}

}  // namespace traffic_master::shield
