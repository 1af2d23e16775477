#include <boost/json/serialize.hpp>
#include <variant>

#include "platform/crypto/primitives.hpp"

#include "platform/http/json_body.hpp"
#include "traffic_master/queue/verify_shuffle.hpp"
#include "traffic_master/service/gate_routes.hpp"
#include "traffic_master/service/gate_status_json.hpp"

namespace traffic_master::service {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

// A JSON body already written (gate_status_json.hpp).
Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response problem(GateApp& gate, const platform::Error& e) {
  gate.count_rejection(e);
  return Response::problem(e);
}

// Authenticated account + the event's room, or the problem to answer.
struct Caller {
  std::string account;
  GateApp::Room* room = nullptr;
};
std::variant<Caller, Response> caller(GateApp& gate, Request& req) {
  auto account = gate.authenticate()(req);
  if (!account) return problem(gate, account.error());
  auto room = gate.room(req.param("id"));
  if (!room) return problem(gate, room.error());
  return Caller{*account, *room};
}

platform::Result<std::string> receipt_field(const Request& req) {
  auto body = platform::http::json_object_body(req);
  if (!body) return std::unexpected(body.error());
  return platform::http::string_field(*body, "receipt", 64);
}

Response join(GateApp& gate, Request& req) {
  auto c = caller(gate, req);
  if (auto* r = std::get_if<Response>(&c)) return std::move(*r);
  auto& who = std::get<Caller>(c);
  std::string device(req.header("x-device-id"));
  if (device.empty())
    return problem(gate, {"invalid-device", 422, "Invalid device id", "send the X-Device-Id header"});
  auto decision = gate.screen(req, who.account, device, false);
  if (decision.verdict != shield::Verdict::allow) return gate.refuse(decision);

  // Proof of work: always at the base difficulty when configured, and whenever the shield
  // raised the difficulty above it for this requester.
  bool need_pow = gate.options().pow_base_bits > 0 || decision.pow_bits > gate.options().policy.pow.base_bits;
  if (need_pow) {
    auto body = platform::http::json_object_body(req);
    if (!body) return problem(gate, body.error());
    auto* pow = body->if_contains("pow");
    if (!pow || !pow->is_object())
      return problem(gate, {"pow-required", 403, "Proof of work required",
                            "GET /api/v1/events/{id}/queue/pow, solve it, send {\"pow\":{\"challenge\",\"counter\"}}"});
    auto challenge = platform::http::string_field(pow->as_object(), "challenge", 256);
    auto counter = platform::http::string_field(pow->as_object(), "counter", 32);
    if (!challenge) return problem(gate, challenge.error());
    if (!counter) return problem(gate, counter.error());
    auto ok = gate.pow().verify(*challenge, *counter, who.account, gate.clock().now_ms());
    if (!ok) return problem(gate, ok.error());
  }

  std::lock_guard lock(who.room->mutex);
  auto joined = who.room->room->join(who.account, device);
  if (!joined) return problem(gate, joined.error());
  auto status = who.room->room->status(who.account, joined->receipt);
  gate.count_join(joined->rejoined);
  return json_response(joined->rejoined ? 200 : 201,
                       place_status_body(*status, gate.issue_token(*status, req.param("id")), joined->rejoined));
}

Response status(GateApp& gate, Request& req) {
  auto c = caller(gate, req);
  if (auto* r = std::get_if<Response>(&c)) return std::move(*r);
  auto& who = std::get<Caller>(c);
  auto receipt = req.query_param("receipt").value_or("");
  platform::Result<queue::PlaceStatus> s;
  {
    std::lock_guard lock(who.room->mutex);
    s = who.room->room->status(who.account, receipt);
  }
  if (!s) return problem(gate, s.error());
  auto token = gate.issue_token(*s, req.param("id"));
  auto r = json_response(200, place_status_body(*s, token));
  // Waiting positions change about once a second; admitted responses carry a token.
  r.with_header("Cache-Control", token.empty() ? "private, max-age=1" : "private, no-store");
  return r;
}

Response heartbeat(GateApp& gate, Request& req) {
  auto c = caller(gate, req);
  if (auto* r = std::get_if<Response>(&c)) return std::move(*r);
  auto& who = std::get<Caller>(c);
  auto receipt = receipt_field(req);
  if (!receipt) return problem(gate, receipt.error());
  std::lock_guard lock(who.room->mutex);
  auto ok = who.room->room->heartbeat(who.account, *receipt);
  if (!ok) return problem(gate, ok.error());
  return Response::no_content();
}

Response leave(GateApp& gate, Request& req) {
  auto c = caller(gate, req);
  if (auto* r = std::get_if<Response>(&c)) return std::move(*r);
  auto& who = std::get<Caller>(c);
  auto receipt = receipt_field(req);
  if (!receipt) return problem(gate, receipt.error());
  std::lock_guard lock(who.room->mutex);
  auto left = who.room->room->leave(who.account, *receipt);
  if (!left) return problem(gate, left.error());
  if (*left) gate.tokens().revoke(**left, gate.clock().now_ms() + gate.options().room.shopping_max_ms);
  return Response::no_content();
}

Response summary(GateApp& gate, Request& req) {
  auto room = gate.room(req.param("id"));
  if (!room) return problem(gate, room.error());
  std::lock_guard lock((*room)->mutex);
  auto& wr = *(*room)->room;
  auto s = wr.summary();
  json::object o{{"event_id", wr.event_id()},
                 {"phase", std::string(queue::to_string(s.phase))},
                 {"opens_at_ms", wr.opens_at_ms()},
                 {"waiting", s.waiting},
                 {"active_shoppers", s.active},
                 {"admitted_total", s.admitted_total},
                 {"admission_rate_per_s", s.admission_rate_per_s},
                 {"limits", json::object{{"max_active", s.limits.max_active}, {"per_minute", s.limits.per_minute}}},
                 {"shuffle_commitment", wr.commitment_hex()}};
  return Response::json(200, o).with_header("Cache-Control", "public, max-age=1");
}

Response shuffle(GateApp& gate, Request& req) {
  auto room = gate.room(req.param("id"));
  if (!room) return problem(gate, room.error());
  queue::ShuffleRecord record;
  {
    std::lock_guard lock((*room)->mutex);
    record = (*room)->room->shuffle_record();
  }
  // Before the shuffle the list still grows; afterwards the record never changes.
  return Response::json(200, queue::shuffle_record_to_json(record))
      .with_header("Cache-Control", record.seed_hex.empty() ? "public, max-age=5" : "public, max-age=86400");
}

Response admin(GateApp& gate, Request& req, std::string_view action) {
  auto token = req.header("x-admin-token");
  if (gate.options().admin_token.empty() ||
      !platform::crypto::constant_time_equal(token, gate.options().admin_token))
    return problem(gate, {"admin-forbidden", 403, "Operator token required", {}});
  auto room = gate.room(req.param("id"));
  if (!room) return problem(gate, room.error());
  std::lock_guard lock((*room)->mutex);
  auto& wr = *(*room)->room;
  platform::Result<void> r;
  if (action == "pause") r = wr.pause();
  else if (action == "resume") r = wr.resume();
  else if (action == "drain") r = wr.drain();
  else if (action == "close") r = wr.close();
  else {
    auto body = platform::http::json_object_body(req);
    if (!body) return problem(gate, body.error());
    auto max_active = platform::http::int_field(*body, "max_active", 1, 10'000'000);
    auto per_minute = platform::http::int_field(*body, "per_minute", 1, 10'000'000);
    if (!max_active) return problem(gate, max_active.error());
    if (!per_minute) return problem(gate, per_minute.error());
    wr.set_limits(*max_active, static_cast<double>(*per_minute));
  }
  if (!r) return problem(gate, r.error());
  auto limits = wr.summary().limits;
  return Response::json(200, {{"phase", std::string(queue::to_string(wr.phase()))},
                              {"max_active", limits.max_active},
                              {"per_minute", limits.per_minute}});
}

}  // namespace

void add_waiting_room_routes(platform::http::Router& router, GateApp& gate) {
  GateApp* g = &gate;
  router.post("/api/v1/events/{id}/queue/join", [g](Request& req) { return join(*g, req); });
  router.get("/api/v1/events/{id}/queue/status", [g](Request& req) { return status(*g, req); });
  router.post("/api/v1/events/{id}/queue/heartbeat", [g](Request& req) { return heartbeat(*g, req); });
  router.post("/api/v1/events/{id}/queue/leave", [g](Request& req) { return leave(*g, req); });
  router.get("/api/v1/events/{id}/queue", [g](Request& req) { return summary(*g, req); });
  router.get("/api/v1/events/{id}/queue/shuffle", [g](Request& req) { return shuffle(*g, req); });
  for (std::string action : {"pause", "resume", "drain", "close", "limits"})
    router.post("/api/v1/admin/events/{id}/queue/" + action, [g, action](Request& req) { return admin(*g, req, action); });

  platform::http::StreamHandler stream;
  stream.authorize = [g](Request& req) -> std::optional<Response> {
    auto c = caller(*g, req);
    if (auto* r = std::get_if<Response>(&c)) return std::move(*r);
    auto& who = std::get<Caller>(c);
    std::lock_guard lock(who.room->mutex);
    auto s = who.room->room->status(who.account, req.query_param("receipt").value_or(""));
    if (!s) return problem(*g, s.error());
    return std::nullopt;
  };
  stream.on_open = [g](Request& req, std::shared_ptr<platform::http::Stream> out) {
    auto account = g->authenticate()(req);
    auto room = g->room(req.param("id"));
    if (!account || !room) {
      out->end();
      return;
    }
    std::lock_guard lock((*room)->mutex);
    auto s = (*room)->room->status(*account, "");
    if (s)
      out->write("event: status\ndata: " +
                 place_status_body(*s, g->issue_token(*s, req.param("id"))) + "\n\n");
    (*room)->subscribers.push_back({*account, std::move(out)});
  };
  router.stream("/api/v1/events/{id}/queue/stream", std::move(stream));
}

}  // namespace traffic_master::service
