#include "traffic_master/queue/shuffle.hpp"

#include <array>
#include <limits>
#include <utility>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace traffic_master::queue {
namespace {

constexpr std::string_view kCommitDomain = "traffic-master/shuffle-commit/v1";
constexpr std::string_view kShuffleDomain = "traffic-master/shuffle/v1";

std::string u64be(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

// Deterministic stream of u64 draws from the shuffle key (see the header for the layout).
class DrawStream {
 public:
  explicit DrawStream(std::string key) : key_(std::move(key)) {}

  std::uint64_t next() {
    if (offset_ == block_.size()) {
      block_ = platform::crypto::sha256(key_ + u64be(counter_++));
      offset_ = 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(block_[offset_ + static_cast<std::size_t>(i)]);
    offset_ += 8;
    return v;
  }

  // Unbiased integer in [0, m) by rejection sampling.
  std::uint64_t uniform(std::uint64_t m) {
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    // limit = 2^64 - (2^64 mod m), computed without overflow; draws >= limit are rejected.
    const std::uint64_t rem = (max % m + 1) % m;
    for (;;) {
      std::uint64_t r = next();
      if (rem == 0 || r <= max - rem) return r % m;
    }
  }

 private:
  std::string key_;
  std::string block_;
  std::size_t offset_ = 0;
  std::uint64_t counter_ = 0;
};

}  // namespace

std::string shuffle_commitment(std::string_view seed) {
  std::string input(kCommitDomain);
  input.append(seed);
  return platform::hex_encode(platform::crypto::sha256(input));
}

std::string entry_list_digest(const std::vector<std::string>& entries) {
  std::string joined;
  for (const auto& e : entries) {
    joined += e;
    joined += '\n';
  }
  return platform::crypto::sha256(joined);
}

std::vector<std::size_t> shuffle_order(std::string_view seed, const std::vector<std::string>& entries) {
  std::string key_input(kShuffleDomain);
  key_input.append(seed);
  key_input += entry_list_digest(entries);
  DrawStream draws(platform::crypto::sha256(key_input));
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i-- > 1;) {
    auto j = static_cast<std::size_t>(draws.uniform(i + 1));
    std::swap(order[i], order[j]);
  }
  return order;
}

platform::Result<void> verify_shuffle(const ShuffleRecord& record) {
  auto seed = platform::hex_decode(record.seed_hex);
  if (!seed || seed->empty())
    return platform::fail("shuffle-seed-malformed", 422, "Shuffle seed is not hex", "seed must be non-empty hex");
  if (shuffle_commitment(*seed) != record.commitment_hex)
    return platform::fail("shuffle-commitment-mismatch", 422, "Seed does not match the commitment",
                          "SHA-256 of the revealed seed differs from the published commitment");
  auto order = shuffle_order(*seed, record.entries);
  if (order.size() != record.order.size())
    return platform::fail("shuffle-order-mismatch", 422, "Published order differs from the recomputed order",
                          "order has " + std::to_string(record.order.size()) + " entries, list has " +
                              std::to_string(order.size()));
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (record.entries[order[k]] != record.order[k])
      return platform::fail("shuffle-order-mismatch", 422, "Published order differs from the recomputed order",
                            "first difference at place " + std::to_string(k + 1));
  }
  return {};
}

}  // namespace traffic_master::queue
