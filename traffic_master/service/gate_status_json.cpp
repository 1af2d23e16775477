#include "traffic_master/service/gate_status_json.hpp"

#include <charconv>
#include <cmath>

namespace traffic_master::service {
namespace {

void add_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

void add_int(std::string& out, std::int64_t v) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
  out.append(digits, end);
}

void add_bool(std::string& out, bool v) { out += v ? "true" : "false"; }

}  // namespace

std::string place_status_body(const queue::PlaceStatus& s, std::string_view token, std::optional<bool> rejoined) {
  std::string out;
  out.reserve(256 + (s.state == queue::PlaceState::admitted ? token.size() : 0));
  out += "{\"receipt\":";
  add_string(out, s.receipt);
  out += ",\"state\":";
  add_string(out, queue::to_string(s.state));
  out += ",\"phase\":";
  add_string(out, queue::to_string(s.phase));
  out += ",\"in_prequeue\":";
  add_bool(out, s.in_prequeue);
  out += ",\"position\":";
  add_int(out, s.position);
  out += ",\"ahead\":";
  add_int(out, s.ahead);
  out += ",\"eta\":{\"known\":";
  add_bool(out, s.eta.known);
  if (s.eta.known) {
    out += ",\"low_s\":";
    add_int(out, std::llround(s.eta.low_s));
    out += ",\"high_s\":";
    add_int(out, std::llround(s.eta.high_s));
  }
  if (!s.eta.reason.empty()) {
    out += ",\"reason\":";
    add_string(out, s.eta.reason);
  }
  out += '}';
  if (s.state == queue::PlaceState::admitted) {
    out += ",\"admission_token\":";
    add_string(out, token);
    out += ",\"admission_expires_at_ms\":";
    add_int(out, s.admission_expires_ms);
  }
  if (rejoined) {
    out += ",\"rejoined\":";
    add_bool(out, *rejoined);
  }
  out += '}';
  return out;
}

}  // namespace traffic_master::service
