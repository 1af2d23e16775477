// Paying for a hold, and confirming it into an order.
//
// POST .../holds/{hold_id}/payment enters payment (extends the hold once), charges the card and,
// when approved, confirms at once. POST .../holds/{hold_id}/confirm confirms with a payment that
// was approved later (the delayed-webhook case). Both confirm with the idempotency key
// "pay:<payment id>", so whichever path comes second replays the same order. A payment
// approved after its hold expired is refunded, never confirmed.
//
// The payment route enters payment, charges and confirms in one writer command, so a payment
// costs one batch and one commit, and its answer waits for the order to be durable. This is
// why PaymentProvider::charge must not block: the sandbox answers from memory; a gateway that
// answers later approves through the /confirm path (the delayed-webhook card shows it). A crash
// before the commit loses the extension and the order together; the payment reference then
// finds no order and a later approval is refunded.
#include "platform/http/json_body.hpp"
#include "traffic_master/service/api_json.hpp"
#include "traffic_master/service/route_support.hpp"
#include "traffic_master/service/ticketing_routes.hpp"

namespace traffic_master::service {
using platform::http::Router;

namespace {

void write_payment(platform::JsonWriter& out, const payment::Payment& p) {
  out.begin_object()
      .field("payment_id", p.id)
      .field("status", payment::to_string(p.status))
      .field("amount_cents", p.amount_cents)
      .field("currency", p.currency)
      .field("reference", p.reference)
      .end_object();
}

std::string payment_json(const payment::Payment& p) {
  platform::JsonWriter out(192);
  write_payment(out, p);
  return out.take();
}

std::string reference_of(std::string_view event, engine::HoldId hold, std::string_view account) {
  return std::string(event) + "/" + std::to_string(hold) + "/" + std::string(account);
}

// On the writer: confirms with an approved payment; the continuation answers once the order is
// durable, or refunds the payment if the hold can no longer be confirmed.
std::function<void()> confirm_in_writer(const std::shared_ptr<TicketingApp>& app, engine::SeatEngine& eng,
                                        const std::string& account, engine::HoldId hold, const payment::Payment& paid,
                                        Reply reply) {
  auto r = eng.confirm({account, "pay:" + paid.id, app->clock.now_ms()}, hold, paid.id);
  if (r) {
    platform::JsonWriter body(1280);
    body.begin_object();
    write_order_members(body, eng, r->order_id, app->ticket_signer, r->replayed, false);
    write_payment(body.key("payment"), paid);
    body.end_object();
    return [reply = std::move(reply), body = body.take(), replayed = r->replayed]() mutable {
      reply(Response::json_text(replayed ? 200 : 201, std::move(body)));
    };
  }
  auto error = r.error();
  bool too_late = error.code == "hold-expired" || error.code == "hold-released" || error.code == "hold-confirmed";
  return [app, reply = std::move(reply), error, too_late, paid]() mutable {
    if (too_late) {
      auto refunded = app->payments->refund(paid.id, "hold could not be confirmed: " + error.code);
      if (refunded) error.detail = "payment " + paid.id + " was refunded";
    }
    reply(Response::problem(error));
  };
}

}  // namespace

void register_payment_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  router.add_async("POST", "/api/v1/events/{id}/holds/{hold_id}/payment", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, true);
    if (!caller) return reply(std::move(caller.error()));
    auto hold = parse_id(req.param("hold_id"));
    if (!hold) return reply(Response::problem("hold-not-found", 404, "No such hold"));
    auto body = platform::http::json_object_body(req);
    if (!body) return reply(Response::problem(body.error()));
    auto card = platform::http::string_field(*body, "card_number", 32);
    if (!card) return reply(Response::problem(card.error()));
    auto* event = caller->event;
    event->writer->submit([app, c = std::move(*caller), hold = *hold, card = *card,
                           reply = std::move(reply)](engine::SeatEngine& eng) mutable -> std::function<void()> {
      auto entered = eng.begin_payment({c.account, c.idempotency_key + ":enter", app->clock.now_ms()}, hold);
      if (!entered && entered.error().code != "hold-already-extended")
        return [reply = std::move(reply), e = entered.error()] { reply(Response::problem(e)); };
      payment::ChargeRequest charge{reference_of(eng.config().id, hold, c.account), eng.hold(hold)->amount_cents,
                                    eng.config().currency, card};
      auto paid = app->payments->charge(charge);
      if (!paid) return [reply = std::move(reply), e = paid.error()] { reply(Response::problem(e)); };
      switch (paid->status) {
        case payment::PaymentStatus::approved:
          return confirm_in_writer(app, eng, c.account, hold, *paid, std::move(reply));
        case payment::PaymentStatus::pending:
          return [reply = std::move(reply), body = payment_json(*paid)]() mutable { reply(Response::json_text(202, std::move(body))); };
        case payment::PaymentStatus::declined:
          return [reply = std::move(reply), id = paid->id] {
            reply(Response::problem("payment-declined", 402, "The card was declined",
                                    "payment " + id + "; the hold stays until it expires"));
          };
        case payment::PaymentStatus::refunded:
          return [reply = std::move(reply), id = paid->id] {
            reply(Response::problem("payment-refunded", 409, "The payment was refunded", id));
          };
      }
      return [reply = std::move(reply)] { reply(Response::problem("internal-error", 500, "Internal server error")); };
    });
  });

  router.add_async("POST", "/api/v1/events/{id}/holds/{hold_id}/confirm", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, true);
    if (!caller) return reply(std::move(caller.error()));
    auto hold = parse_id(req.param("hold_id"));
    if (!hold) return reply(Response::problem("hold-not-found", 404, "No such hold"));
    auto body = platform::http::json_object_body(req);
    if (!body) return reply(Response::problem(body.error()));
    auto payment_id = platform::http::string_field(*body, "payment_id", 64);
    if (!payment_id) return reply(Response::problem(payment_id.error()));
    auto paid = app->payments->find(*payment_id);
    if (!paid) return reply(Response::problem("payment-not-found", 404, "No such payment", *payment_id));
    if (paid->reference != reference_of(caller->event->id, *hold, caller->account))
      return reply(Response::problem("payment-mismatch", 422, "The payment is for another hold"));
    switch (paid->status) {
      case payment::PaymentStatus::approved: break;
      case payment::PaymentStatus::pending:
        return reply(Response::problem("payment-pending", 409, "The payment is not approved yet"));
      case payment::PaymentStatus::declined:
        return reply(Response::problem("payment-declined", 402, "The card was declined"));
      case payment::PaymentStatus::refunded:
        return reply(Response::problem("payment-refunded", 409, "The payment was refunded"));
    }
    caller->event->writer->submit([app, account = caller->account, hold = *hold, paid = *paid,
                                   reply = std::move(reply)](engine::SeatEngine& eng) mutable {
      return confirm_in_writer(app, eng, account, hold, paid, std::move(reply));
    });
  });
}

}  // namespace traffic_master::service
