#include "traffic_master/service/route_support.hpp"

namespace traffic_master::service {

std::expected<Caller, Response> check_caller(const TicketingApp& app, const Request& req, bool mutation) {
  auto account = app.authenticate(req);
  if (!account) return std::unexpected(Response::problem(account.error()));
  auto* event = app.catalog->find(req.param("id"));
  if (!event)
    return std::unexpected(Response::problem("event-not-found", 404, "No such event", std::string(req.param("id"))));
  Caller c{std::move(*account), event, {}};
  if (!mutation) return c;
  if (auto admitted = app.admission(req, event->id, c.account); !admitted)
    return std::unexpected(Response::problem(admitted.error()));
  c.idempotency_key = std::string(req.header("idempotency-key"));
  if (c.idempotency_key.empty())
    return std::unexpected(Response::problem("idempotency-key-missing", 428, "Idempotency-Key header is required",
                                             "every mutation carries a client-chosen key; retries reuse it"));
  if (c.idempotency_key.size() > 128)
    return std::unexpected(Response::problem("idempotency-key-invalid", 400, "Idempotency-Key is too long",
                                             "at most 128 characters"));
  if (req.body.size() > app.max_body_bytes)
    return std::unexpected(Response::problem("body-too-large", 413, "Request body too large",
                                             "at most " + std::to_string(app.max_body_bytes) + " bytes"));
  return c;
}

std::optional<std::uint64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace traffic_master::service
