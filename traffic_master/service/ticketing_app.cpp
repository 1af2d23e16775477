#include "traffic_master/service/ticketing_app.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"
#include "platform/log/logger.hpp"

namespace traffic_master::service {

platform::Result<Keys> load_or_create_keys(const std::string& data_dir) {
  auto path = data_dir + "/keys";
  Keys k;
  if (std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::string a, b, c;
    in >> a >> b >> c;
    auto ka = platform::hex_decode(a), kb = platform::hex_decode(b), kc = platform::hex_decode(c);
    if (!ka || !kb || !kc || ka->size() < 32 || kb->size() != 32 || kc->size() < 32)
      return platform::fail("keys-corrupt", 500, "Key file is unreadable", path);
    return Keys{*ka, *kb, *kc};
  }
  k = {platform::crypto::random_bytes(32), platform::crypto::random_bytes(32), platform::crypto::random_bytes(32)};
  {
    std::ofstream out(path, std::ios::trunc);
    out << platform::hex_encode(k.token_key) << "\n"
        << platform::hex_encode(k.ticket_seed) << "\n"
        << platform::hex_encode(k.rotation_key) << "\n";
    if (!out) return platform::fail("keys-unwritable", 500, "Cannot write the key file", path);
  }
  chmod(path.c_str(), 0600);
  return k;
}

TicketingApp::TicketingApp(std::unique_ptr<EventCatalog> cat, const platform::Clock& clk, const Keys& keys,
                           std::shared_ptr<payment::PaymentProvider> pay, platform::metrics::Registry& reg)
    : catalog(std::move(cat)),
      clock(clk),
      tokens(keys.token_key, "tm-1"),
      ticket_signer(keys.ticket_seed, keys.rotation_key),
      ticket_verifier(ticket_signer.public_key(), keys.rotation_key),
      payments(std::move(pay)),
      metrics(reg) {}

platform::Result<std::string> TicketingApp::authenticate(const platform::http::Request& req) const {
  auto token = req.bearer_token();
  if (token.empty())
    return platform::fail("unauthenticated", 401, "Authentication required",
                          "send Authorization: Bearer <token> from POST /api/v1/dev/login");
  return tokens.verify_subject(token, clock.now_ms());
}

void TicketingApp::attach_stream_hubs(platform::Millis) {
  for (auto& [id, e] : catalog->events()) hubs[id] = std::make_unique<SeatStreamHub>(*e->writer);
}

void TicketingApp::tick() {
  for (auto& [id, hub] : hubs) hub->tick();
  if (poll_payments) poll_payments();
}

void TicketingApp::on_payment_webhook(const payment::Payment& p) {
  if (p.status != payment::PaymentStatus::approved) return;
  // reference = "<event>/<hold>/<account>" (see hold_routes.cpp)
  auto a = p.reference.find('/');
  auto b = a == std::string::npos ? a : p.reference.find('/', a + 1);
  if (b == std::string::npos) return;
  std::string event_id = p.reference.substr(0, a), account = p.reference.substr(b + 1);
  engine::HoldId hold = std::strtoull(p.reference.substr(a + 1, b - a - 1).c_str(), nullptr, 10);
  auto* ev = catalog->find(event_id);
  if (!ev) return;
  auto provider = payments;
  auto payment_id = p.id;
  auto& clk = clock;
  ev->writer->submit([=, &clk](engine::SeatEngine& eng) -> std::function<void()> {
    auto r = eng.confirm(engine::Command{account, "pay:" + payment_id, clk.now_ms()}, hold, payment_id);
    if (r) {
      return [=] { platform::log::info("payment.webhook.confirmed", {{"event_id", event_id}, {"order", r->order_id}}); };
    }
    auto code = r.error().code;
    return [=] {
      // Too late (expired or released hold): never sell the seats twice, give the money back.
      auto refunded = provider->refund(payment_id, "hold " + code + " before the payment was approved");
      platform::log::warn("payment.webhook.refunded",
                          {{"event_id", event_id}, {"hold", hold}, {"reason", code}, {"refunded", refunded.has_value()}});
    };
  });
}

}  // namespace traffic_master::service
