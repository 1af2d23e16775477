#include "traffic_master/queue/verify_shuffle.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace traffic_master::queue {
namespace json = boost::json;

json::value shuffle_record_to_json(const ShuffleRecord& r) {
  json::array entries, order;
  for (const auto& e : r.entries) entries.emplace_back(e);
  for (const auto& e : r.order) order.emplace_back(e);
  return json::object{{"event_id", r.event_id}, {"commitment", r.commitment_hex}, {"seed", r.seed_hex},
                      {"entries", std::move(entries)}, {"order", std::move(order)}};
}

platform::Result<ShuffleRecord> shuffle_record_from_json(const json::value& v) {
  auto bad = [](std::string field) {
    return platform::fail("invalid-field", 422, "Invalid shuffle record", field + " is missing or has the wrong type");
  };
  if (!v.is_object()) return bad("the document");
  const auto& o = v.as_object();
  ShuffleRecord r;
  for (auto [key, target] : {std::pair{"event_id", &r.event_id}, {"commitment", &r.commitment_hex}, {"seed", &r.seed_hex}}) {
    auto* f = o.if_contains(key);
    if (!f || !f->is_string()) return bad(key);
    *target = std::string(f->as_string());
  }
  for (auto [key, target] : {std::pair{"entries", &r.entries}, {"order", &r.order}}) {
    auto* f = o.if_contains(key);
    if (!f || !f->is_array()) return bad(key);
    for (const auto& item : f->as_array()) {
      if (!item.is_string()) return bad(std::string(key) + "[]");
      target->emplace_back(item.as_string());
    }
  }
  return r;
}

int run_verify_shuffle(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) {
    err << "usage: traffic-master verify-shuffle FILE|-\n";
    return 2;
  }
  std::string text;
  if (args[0] == "-") {
    text.assign(std::istreambuf_iterator<char>(in), {});
  } else {
    std::ifstream f(args[0], std::ios::binary);
    if (!f) {
      err << "cannot read " << args[0] << "\n";
      return 2;
    }
    text.assign(std::istreambuf_iterator<char>(f), {});
  }
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec) {
    err << "not JSON: " << ec.message() << "\n";
    return 2;
  }
  auto record = shuffle_record_from_json(value);
  if (!record) {
    err << record.error().detail << "\n";
    return 2;
  }
  if (record->seed_hex.empty()) {
    err << "the seed has not been revealed yet (the sale has not opened)\n";
    return 2;
  }
  auto ok = verify_shuffle(*record);
  if (!ok) {
    out << "MISMATCH " << ok.error().code << ": " << ok.error().title << " (" << ok.error().detail << ")\n";
    return 1;
  }
  out << "OK event " << record->event_id << ": commitment matches the seed and all " << record->order.size()
      << " places follow the documented shuffle\n";
  return 0;
}

}  // namespace traffic_master::queue
