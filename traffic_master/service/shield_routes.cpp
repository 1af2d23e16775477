#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"
#include "platform/http/json_body.hpp"
#include "traffic_master/service/gate_routes.hpp"

namespace traffic_master::service {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

Response problem(GateApp& gate, const platform::Error& e) {
  gate.count_rejection(e);
  auto r = Response::problem(e);
  if (auto s = shield::retry_after_seconds(e)) r.with_header("Retry-After", std::to_string(*s));
  return r;
}

Response pow_challenge(GateApp& gate, Request& req) {
  auto account = gate.authenticate()(req);
  if (!account) return problem(gate, account.error());
  auto room = gate.room(req.param("id"));
  if (!room) return problem(gate, room.error());
  std::string device(req.header("x-device-id"));
  auto features = shield::extract_features(gate.tracker().telemetry(*account, device, req.remote_address));
  double suspicion = gate.policy().model().score(features);
  int bits = std::max(gate.options().pow_base_bits,
                      shield::pow_difficulty(gate.options().policy.pow, gate.load(), suspicion));
  auto challenge = gate.pow().issue(*account, bits, platform::crypto::random_bytes(16), gate.clock().now_ms());
  return Response::json(200, {{"challenge", challenge}, {"bits", bits}})
      .with_header("Cache-Control", "no-store");
}

Response vqa_issue(GateApp& gate, Request& req) {
  auto account = gate.authenticate()(req);
  if (!account) return problem(gate, account.error());
  auto body = platform::http::json_object_body(req);
  if (!body) return problem(gate, body.error());
  auto lang = platform::http::optional_string_field(*body, "lang", 8);
  if (!lang) return problem(gate, lang.error());
  if (lang->value_or("en") != "en" && lang->value_or("en") != "ko")
    return problem(gate, {"invalid-field", 422, "Invalid field", "lang: expected \"en\" or \"ko\""});
  bool accessible = false;
  if (auto* a = body->if_contains("accessible")) {
    if (!a->is_bool()) return problem(gate, {"invalid-field", 422, "Invalid field", "accessible: expected a boolean"});
    accessible = a->as_bool();
  }
  auto issued = gate.vqa().issue(*account, lang->value_or("en") == "ko" ? shield::Lang::ko : shield::Lang::en,
                                 accessible, gate.clock().now_ms());
  if (!issued) return problem(gate, issued.error());
  json::object o{{"id", issued->id},
                 {"question", issued->question},
                 {"lang", lang->value_or("en")},
                 {"accessible", accessible},
                 {"expires_at_ms", issued->expires_ms}};
  if (accessible) o["description"] = issued->description;
  else o["image"] = "data:image/png;base64," + platform::base64_encode(issued->png);
  gate.metrics().counter("tm_shield_vqa_issued_total", "VQA challenges issued",
                         {{"variant", accessible ? "text" : "image"}}).inc();
  return Response::json(201, o).with_header("Cache-Control", "no-store");
}

Response vqa_answer(GateApp& gate, Request& req) {
  auto account = gate.authenticate()(req);
  if (!account) return problem(gate, account.error());
  auto body = platform::http::json_object_body(req);
  if (!body) return problem(gate, body.error());
  auto answer = platform::http::string_field(*body, "answer", 32);
  if (!answer) return problem(gate, answer.error());
  auto now = gate.clock().now_ms();
  auto ok = gate.vqa().answer(*account, std::string(req.param("vqa")), *answer, now);
  // Only real attempts count toward the failure limit (not unknown ids or rate limits).
  if (ok) gate.policy().record_vqa(*account, true, now);
  else if (ok.error().code == "vqa-wrong-answer") gate.policy().record_vqa(*account, false, now);
  gate.metrics().counter("tm_shield_vqa_answers_total", "VQA answers", {{"result", ok ? "pass" : ok.error().code}}).inc();
  if (!ok) return problem(gate, ok.error());
  return Response::no_content();
}

Response telemetry(GateApp& gate, Request& req) {
  auto account = gate.authenticate()(req);
  if (!account) return problem(gate, account.error());
  std::string device(req.header("x-device-id"));
  if (device.empty()) return problem(gate, {"invalid-device", 422, "Invalid device id", "send the X-Device-Id header"});
  auto body = platform::http::json_object_body(req);
  if (!body) return problem(gate, body.error());
  shield::ClientTelemetry t;
  auto moves = platform::http::int_field(*body, "pointer_moves", 0, 1'000'000);
  auto straight = platform::http::number_field(*body, "pointer_straightness", 0, 1);
  auto speed_cv = platform::http::number_field(*body, "pointer_speed_cv", 0, 100);
  auto focus = platform::http::int_field(*body, "focus_changes", 0, 100'000);
  auto reaction = platform::http::optional_int_field(*body, "seat_map_to_hold_ms", 0, 3'600'000);
  for (const platform::Error* e : {moves ? nullptr : &moves.error(), straight ? nullptr : &straight.error(),
                                   speed_cv ? nullptr : &speed_cv.error(), focus ? nullptr : &focus.error(),
                                   reaction ? nullptr : &reaction.error()})
    if (e) return problem(gate, *e);
  auto* webdriver = body->if_contains("webdriver");
  if (!webdriver || !webdriver->is_bool())
    return problem(gate, {"invalid-field", 422, "Invalid field", "webdriver: expected a boolean"});
  t.pointer_moves = static_cast<int>(*moves);
  t.pointer_straightness = *straight;
  t.pointer_speed_cv = *speed_cv;
  t.focus_changes = static_cast<int>(*focus);
  t.webdriver = webdriver->as_bool();
  t.seat_map_to_hold_ms = reaction->has_value() ? static_cast<double>(**reaction) : -1;
  gate.tracker().record_telemetry(*account, device, t, gate.clock().now_ms());
  return Response::no_content();
}

}  // namespace

void add_shield_routes(platform::http::Router& router, GateApp& gate) {
  GateApp* g = &gate;
  router.get("/api/v1/events/{id}/queue/pow", [g](Request& req) { return pow_challenge(*g, req); });
  router.post("/api/v1/shield/vqa", [g](Request& req) { return vqa_issue(*g, req); });
  router.post("/api/v1/shield/vqa/{vqa}/answer", [g](Request& req) { return vqa_answer(*g, req); });
  router.post("/api/v1/shield/telemetry", [g](Request& req) { return telemetry(*g, req); });
}

}  // namespace traffic_master::service
