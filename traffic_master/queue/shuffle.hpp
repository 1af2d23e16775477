#pragma once
// Verifiable pre-queue shuffle (commit-reveal). The algorithm is specified byte by byte in
// docs/waiting-room.md so that anyone can recompute the order from the published record:
//
//   commitment = hex(SHA-256("traffic-master/shuffle-commit/v1" || seed))
//   list_digest = SHA-256(entry_0 || "\n" || entry_1 || "\n" || ... )   (arrival order)
//   key         = SHA-256("traffic-master/shuffle/v1" || seed || list_digest)
//   stream      = SHA-256(key || u64be(0)) || SHA-256(key || u64be(1)) || ...
//   draws       = the stream read as big-endian u64 values, 4 per block
//   Fisher-Yates: order = [0..n-1]; for i = n-1 down to 1: j = uniform(i+1); swap(order[i], order[j])
//   uniform(m)  = next draw r, rejected while r >= 2^64 - (2^64 mod m); result r mod m
//
// The seed is fixed (and committed) before the first join; mixing in the list digest means
// not even the operator can predict where an entry lands before the pre-queue closes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.hpp"

namespace traffic_master::queue {

// Hex SHA-256 commitment of a raw seed, published before the sale opens.
std::string shuffle_commitment(std::string_view seed);

// Raw 32-byte digest of the published entry list.
std::string entry_list_digest(const std::vector<std::string>& entries);

// order[k] = index (into `entries`, arrival order) of the entry placed k-th.
std::vector<std::size_t> shuffle_order(std::string_view seed, const std::vector<std::string>& entries);

// The published record of one event's pre-queue shuffle.
struct ShuffleRecord {
  std::string event_id;
  std::string commitment_hex;
  std::string seed_hex;                // revealed after the shuffle
  std::vector<std::string> entries;    // anonymised receipts in arrival order
  std::vector<std::string> order;      // receipts in the published queue order
};

// Checks the commitment against the revealed seed and recomputes the order.
// Errors: "shuffle-seed-malformed", "shuffle-commitment-mismatch", "shuffle-order-mismatch".
platform::Result<void> verify_shuffle(const ShuffleRecord& record);

}  // namespace traffic_master::queue
