#pragma once
// `traffic-master verify-shuffle FILE` - recomputes a published pre-queue shuffle.
// FILE (or "-" for stdin) holds the JSON the service publishes at
// GET /api/v1/events/{id}/queue/shuffle:
//   {"event_id": "...", "commitment": "<hex>", "seed": "<hex>",
//    "entries": ["<receipt>", ...],   // arrival order
//    "order":   ["<receipt>", ...]}   // published queue order
// Exit status: 0 verified, 1 mismatch, 2 unreadable input.
#include <iosfwd>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "platform/core/error.hpp"
#include "traffic_master/queue/shuffle.hpp"

namespace traffic_master::queue {

boost::json::value shuffle_record_to_json(const ShuffleRecord& record);
platform::Result<ShuffleRecord> shuffle_record_from_json(const boost::json::value& value);

int run_verify_shuffle(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace traffic_master::queue
