#include <gtest/gtest.h>

#include "traffic_master/service/service_test_support.hpp"
#include "traffic_master/tickets/ticket_codec.hpp"

namespace traffic_master::service {
namespace {

using testing::ServiceFixture;

class TicketingApiTest : public ServiceFixture {
 protected:
  std::string first_seats(int n, int skip = 0) {
    auto v = boost::json::parse(call("GET", "/api/v1/venues/arena-300", "").raw);
    std::string out = "[";
    int k = 0;
    for (auto& sec : v.at("sections").as_array())
      for (auto& row : sec.at("rows").as_array())
        for (auto& seat : row.at("seats").as_array()) {
          if (k >= skip && k < skip + n) {
            if (out.size() > 1) out += ",";
            out += "\"" + std::string(sec.at("id").as_string()) + "-" + std::string(row.at("label").as_string()) +
                   "-" + std::string(seat.at("number").as_string()) + "\"";
          }
          ++k;
        }
    return out + "]";
  }
  std::string hold_body(int n, int skip = 0) { return R"({"seats":)" + first_seats(n, skip) + "}"; }
};

TEST_F(TicketingApiTest, HoldPayAndGetTickets) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds", alice, hold_body(2), "h-1");
  ASSERT_EQ(hold.status, 201) << hold.raw;
  auto hold_id = std::string(hold.body.at("hold_id").as_string());
  EXPECT_EQ(hold.body.at("seats").as_array().size(), 2u);
  EXPECT_EQ(std::get<1>(counts()), 2);

  auto paid = call("POST", "/api/v1/events/live/holds/" + hold_id + "/payment", alice,
                   R"({"card_number":"4242 4242 4242 4242"})", "pay-1");
  ASSERT_EQ(paid.status, 201) << paid.raw;
  EXPECT_EQ(paid.body.at("payment").at("status"), "approved");
  auto order_id = std::string(paid.body.at("order_id").as_string());
  EXPECT_EQ(counts(), std::make_tuple(std::int64_t{298}, std::int64_t{0}, std::int64_t{2}));

  // Retrying the payment request charges nothing new and returns the same order.
  auto again = call("POST", "/api/v1/events/live/holds/" + hold_id + "/payment", alice,
                    R"({"card_number":"4242 4242 4242 4242"})", "pay-1");
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body.at("order_id").as_string(), order_id);
  EXPECT_TRUE(again.body.at("replayed").as_bool());

  auto orders = call("GET", "/api/v1/orders", alice);
  ASSERT_EQ(orders.status, 200);
  ASSERT_EQ(orders.body.at("orders").as_array().size(), 1u);
  auto tickets = call("GET", "/api/v1/tickets", alice);
  ASSERT_EQ(tickets.body.at("tickets").as_array().size(), 2u);
  auto ticket = tickets.body.at("tickets").as_array()[0].as_object();
  auto verified = call("POST", "/api/v1/tickets/verify", "", R"({"code":")" + std::string(ticket.at("code").as_string()) + "\"}");
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(verified.body.at("seat_id"), ticket.at("seat_id"));
  EXPECT_EQ(ticket.at("qr_png_url").as_string(), "/api/v1/tickets/" + std::string(ticket.at("ticket_id").as_string()) + "/qr.png");
  auto png = call("GET", std::string(ticket.at("qr_png_url").as_string()), alice);
  EXPECT_EQ(png.status, 200);
  EXPECT_EQ(png.content_type, "image/png");
  EXPECT_EQ(png.raw.substr(1, 3), "PNG");
  auto svg = call("GET", std::string(ticket.at("qr_svg_url").as_string()), alice);
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  // Another account cannot see the ticket.
  auto bob = login("bob");
  EXPECT_EQ(call("GET", "/api/v1/tickets/" + std::string(ticket.at("ticket_id").as_string()) + "/qr.png", bob).code(),
            "ticket-not-found");
  EXPECT_EQ(call("GET", "/api/v1/events/live/orders/" + order_id, bob).code(), "order-not-found");
  EXPECT_EQ(call("GET", "/api/v1/events/live/orders/" + order_id, alice).status, 200);
}

TEST_F(TicketingApiTest, WriterBatchesShowInMetrics) {
  auto alice = login("alice");
  ASSERT_EQ(call("POST", "/api/v1/events/live/holds", alice, hold_body(1), "h-1").status, 201);
  auto text = metrics.render();
  // One hold: at least one batch of one command, and its commit timed.
  for (std::string_view family : {"tm_event_batch_commands", "tm_event_commit_seconds", "tm_event_batch_seconds"}) {
    auto at = text.find(std::string(family) + "_count{event=\"live\"} ");
    ASSERT_NE(at, std::string::npos) << family << " missing in\n" << text;
    EXPECT_GE(std::stod(text.substr(text.find(' ', at) + 1)), 1.0) << family;
  }
}

TEST_F(TicketingApiTest, BestAvailableAndRelease) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds/best-available", alice, R"({"category":"P1","count":3})", "b-1");
  ASSERT_EQ(hold.status, 201) << hold.raw;
  EXPECT_EQ(hold.body.at("seats").as_array().size(), 3u);
  EXPECT_FALSE(hold.body.at("orphan_rule_relaxed").as_bool());
  auto retry = call("POST", "/api/v1/events/live/holds/best-available", alice, R"({"category":"P1","count":3})", "b-1");
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(retry.body.at("hold_id"), hold.body.at("hold_id"));
  auto id = std::string(hold.body.at("hold_id").as_string());
  auto released = call("DELETE", "/api/v1/events/live/holds/" + id, alice, "", "r-1");
  ASSERT_EQ(released.status, 200) << released.raw;
  EXPECT_EQ(released.body.at("status"), "released");
  EXPECT_EQ(std::get<1>(counts()), 0);
  EXPECT_EQ(call("GET", "/api/v1/events/live/holds/" + id, alice).body.at("status"), "released");
}

TEST_F(TicketingApiTest, EveryBadInputGetsItsProblemAndChangesNothing) {
  auto alice = login("alice");
  auto bob = login("bob");
  auto held = call("POST", "/api/v1/events/live/holds", bob, hold_body(1, 50), "bob-1");
  ASSERT_EQ(held.status, 201);
  auto bobs_hold = std::string(held.body.at("hold_id").as_string());
  auto before = counts();
  auto one = first_seats(1).substr(1, first_seats(1).size() - 2);  // "\"<id>\""
  struct Case {
    std::string name, method, target, token, body, key;
    int status;
    std::string code;
  };
  std::vector<Case> cases{
      {"no token", "POST", "/api/v1/events/live/holds", "", hold_body(1), "k", 401, "unauthenticated"},
      {"bad token", "POST", "/api/v1/events/live/holds", "abc.def.ghi", hold_body(1), "k", 401, "token-malformed"},
      {"unknown event", "POST", "/api/v1/events/nope/holds", alice, hold_body(1), "k", 404, "event-not-found"},
      {"no idempotency key", "POST", "/api/v1/events/live/holds", alice, hold_body(1), "", 428, "idempotency-key-missing"},
      {"malformed json", "POST", "/api/v1/events/live/holds", alice, "{\"seats\":[", "k", 400, "malformed-json"},
      {"seats not an array", "POST", "/api/v1/events/live/holds", alice, R"({"seats":"101-A-1"})", "k", 422, "invalid-field"},
      {"seat id not a string", "POST", "/api/v1/events/live/holds", alice, R"({"seats":[12]})", "k", 422, "invalid-field"},
      {"unknown seat", "POST", "/api/v1/events/live/holds", alice, R"({"seats":["999-Z-1"]})", "k", 422, "unknown-seat"},
      {"duplicate seat", "POST", "/api/v1/events/live/holds", alice, "{\"seats\":[" + one + "," + one + "]}", "k", 422,
       "duplicate-seat"},
      {"more seats than the limit", "POST", "/api/v1/events/live/holds", alice, hold_body(5), "k", 422, "too-many-seats"},
      {"oversized body", "POST", "/api/v1/events/live/holds", alice, "{\"seats\":[],\"pad\":\"" + std::string(20'000, 'x') + "\"}", "k", 413, "body-too-large"},
      {"sale not open", "POST", "/api/v1/events/later/holds", alice, hold_body(1), "k", 409, "sale-not-open"},
      {"unknown category", "POST", "/api/v1/events/live/holds/best-available", alice, R"({"category":"VIP","count":2})", "k", 422, "unknown-category"},
      {"count wrong type", "POST", "/api/v1/events/live/holds/best-available", alice, R"({"category":"P1","count":"2"})", "k", 422, "invalid-field"},
      {"seat already held", "POST", "/api/v1/events/live/holds", alice, hold_body(1, 50), "k", 409, "seat-unavailable"},
      {"foreign hold release", "DELETE", "/api/v1/events/live/holds/" + bobs_hold, alice, "", "k", 403, "hold-not-owned"},
      {"foreign hold payment", "POST", "/api/v1/events/live/holds/" + bobs_hold + "/payment", alice, R"({"card_number":"4242424242424242"})", "k", 403, "hold-not-owned"},
      {"unknown hold", "DELETE", "/api/v1/events/live/holds/9999", alice, "", "k", 404, "hold-not-found"},
      {"hold id not a number", "DELETE", "/api/v1/events/live/holds/abc", alice, "", "k", 404, "hold-not-found"},
      {"not a test card", "POST", "/api/v1/events/live/holds/" + bobs_hold + "/payment", bob, R"({"card_number":"1234"})", "k", 422, "invalid-card"},
      {"unknown payment", "POST", "/api/v1/events/live/holds/" + bobs_hold + "/confirm", bob, R"({"payment_id":"pay_x"})", "k", 404, "payment-not-found"},
  };
  for (auto& c : cases) {
    auto r = call(c.method, c.target, c.token, c.body, c.key);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.raw;
    EXPECT_EQ(r.code(), c.code) << c.name << ": " << r.raw;
    EXPECT_EQ(r.content_type, "application/problem+json") << c.name;
    EXPECT_EQ(counts(), before) << c.name;
  }
  EXPECT_EQ(counts("later"), std::make_tuple(std::int64_t{300}, std::int64_t{0}, std::int64_t{0}));
  // The hold that was refused payment is still Bob's and still active.
  EXPECT_EQ(call("GET", "/api/v1/events/live/holds/" + bobs_hold, bob).body.at("status"), "active");
}

TEST_F(TicketingApiTest, ExpiredHoldsCannotBePaidOrReleased) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds", alice, hold_body(2), "h");
  auto id = std::string(hold.body.at("hold_id").as_string());
  clock.advance(60'000);
  auto pay = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4242424242424242"})", "p");
  EXPECT_EQ(pay.status, 410);
  EXPECT_EQ(pay.code(), "hold-expired");
  EXPECT_EQ(call("DELETE", "/api/v1/events/live/holds/" + id, alice, "", "r").code(), "hold-expired");
  EXPECT_EQ(counts(), std::make_tuple(std::int64_t{300}, std::int64_t{0}, std::int64_t{0}));
}

TEST_F(TicketingApiTest, DeclinedAndTimedOutPaymentsKeepTheHoldUntilItsTtl) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds", alice, hold_body(1), "h");
  auto id = std::string(hold.body.at("hold_id").as_string());
  auto declined = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4000000000000002"})", "p1");
  EXPECT_EQ(declined.status, 402);
  EXPECT_EQ(declined.code(), "payment-declined");
  auto timeout = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4000000000000119"})", "p2");
  EXPECT_EQ(timeout.status, 504);
  EXPECT_EQ(timeout.code(), "payment-timeout");
  auto h = call("GET", "/api/v1/events/live/holds/" + id, alice);
  EXPECT_EQ(h.body.at("status"), "active");
  EXPECT_TRUE(h.body.at("extended_for_payment").as_bool());
  EXPECT_EQ(std::get<1>(counts()), 1);
  // A later approved card still works while the hold lives.
  auto ok = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4242424242424242"})", "p3");
  EXPECT_EQ(ok.status, 201) << ok.raw;
}

TEST_F(TicketingApiTest, DelayedApprovalConfirmsThroughTheWebhook) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds", alice, hold_body(2), "h");
  auto id = std::string(hold.body.at("hold_id").as_string());
  auto pending = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4000000000003220"})", "p");
  ASSERT_EQ(pending.status, 202) << pending.raw;
  auto payment_id = std::string(pending.body.at("payment_id").as_string());
  EXPECT_EQ(call("POST", "/api/v1/events/live/holds/" + id + "/confirm", alice, "{\"payment_id\":\"" + payment_id + "\"}", "c").code(),
            "payment-pending");
  clock.advance(3000);
  app->tick();  // delivers the webhook, which confirms on the writer
  for (int i = 0; i < 200 && std::get<2>(counts()) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(std::get<2>(counts()), 2);
  // The client's own confirm afterwards replays the same order.
  auto confirm = call("POST", "/api/v1/events/live/holds/" + id + "/confirm", alice, "{\"payment_id\":\"" + payment_id + "\"}", "c");
  EXPECT_EQ(confirm.status, 200) << confirm.raw;
  EXPECT_TRUE(confirm.body.at("replayed").as_bool());
}

TEST_F(TicketingApiTest, LateApprovalAfterExpiryIsRefundedNeverSold) {
  auto alice = login("alice");
  auto hold = call("POST", "/api/v1/events/live/holds", alice, hold_body(2), "h");
  auto id = std::string(hold.body.at("hold_id").as_string());
  auto pending = call("POST", "/api/v1/events/live/holds/" + id + "/payment", alice, R"({"card_number":"4000000000003220"})", "p");
  ASSERT_EQ(pending.status, 202);
  auto payment_id = std::string(pending.body.at("payment_id").as_string());
  clock.advance(90'000);  // past the hard cap: the hold expires before the approval arrives
  auto bob = login("bob");
  auto taken = call("POST", "/api/v1/events/live/holds", bob, hold_body(2), "b");
  ASSERT_EQ(taken.status, 201) << taken.raw;  // the seats went back on sale and Bob has them
  app->tick();
  for (int i = 0; i < 200 && sandbox->find(payment_id)->status != payment::PaymentStatus::refunded; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(sandbox->find(payment_id)->status, payment::PaymentStatus::refunded);
  EXPECT_EQ(counts(), std::make_tuple(std::int64_t{298}, std::int64_t{2}, std::int64_t{0}));
}

TEST_F(TicketingApiTest, AdmissionHookRunsBeforeTheEngine) {
  admission = [](const platform::http::Request&, std::string_view event, std::string_view account) -> platform::Result<void> {
    if (account == "mallory") return platform::fail("admission-required", 403, "Admission token required");
    return {};
  };
  auto mallory = login("mallory");
  auto r = call("POST", "/api/v1/events/live/holds", mallory, hold_body(1), "k");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "admission-required");
  EXPECT_EQ(std::get<1>(counts()), 0);
  EXPECT_EQ(call("POST", "/api/v1/events/live/holds", login("alice"), hold_body(1), "k").status, 201);
}

TEST_F(TicketingApiTest, EventsExposeTheirSchedule) {
  auto r = call("GET", "/api/v1/events", "");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body.at("events").as_array().size(), 2u);
  auto later = call("GET", "/api/v1/events/later", "");
  EXPECT_EQ(later.body.at("status"), "scheduled");
  EXPECT_EQ(later.body.at("on_sale_at").as_int64(), clock.now_ms() + 3'600'000);
  auto s = app->catalog->schedule("live");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, engine::SaleStatus::on_sale);
  EXPECT_EQ(s->available, 300u);
  EXPECT_EQ(call("GET", "/api/v1/events/nope", "").code(), "event-not-found");
}

}  // namespace
}  // namespace traffic_master::service
