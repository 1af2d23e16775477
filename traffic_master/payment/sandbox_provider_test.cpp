#include "traffic_master/payment/sandbox_provider.hpp"

#include <gtest/gtest.h>

namespace traffic_master::payment {
namespace {

ChargeRequest req(std::string card, std::string ref = "ev/1") { return {std::move(ref), 1000, "EUR", std::move(card)}; }

TEST(SandboxPayment, TestCardsBehaveAsDocumented) {
  platform::ManualClock clock;
  SandboxPaymentProvider p(clock, 3000);
  auto ok = p.charge(req("4242 4242 4242 4242", "a"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, PaymentStatus::approved);
  auto declined = p.charge(req("4000000000000002", "b"));
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->status, PaymentStatus::declined);
  auto timeout = p.charge(req("4000000000000119", "c"));
  EXPECT_EQ(timeout.error().code, "payment-timeout");
  EXPECT_EQ(timeout.error().status, 504);
  EXPECT_EQ(p.charge(req("1234", "d")).error().code, "invalid-card");
}

TEST(SandboxPayment, DelayedCardIsApprovedByWebhookLater) {
  platform::ManualClock clock;
  SandboxPaymentProvider p(clock, 3000);
  std::vector<Payment> hooks;
  p.set_webhook([&](const Payment& pay) { hooks.push_back(pay); });
  auto pending = p.charge(req("4000000000003220"));
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->status, PaymentStatus::pending);
  EXPECT_EQ(p.deliver_due_webhooks(), 0u);
  clock.advance(3000);
  EXPECT_EQ(p.deliver_due_webhooks(), 1u);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].status, PaymentStatus::approved);
  EXPECT_EQ(p.find(pending->id)->status, PaymentStatus::approved);
  EXPECT_EQ(p.deliver_due_webhooks(), 0u);
}

TEST(SandboxPayment, OneLivePaymentPerReferenceAndRefunds) {
  platform::ManualClock clock;
  SandboxPaymentProvider p(clock);
  auto first = p.charge(req("4242424242424242"));
  auto second = p.charge(req("4242424242424242"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id, second->id);  // no double charge
  auto r = p.refund(first->id, "hold expired");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, PaymentStatus::refunded);
  EXPECT_TRUE(p.refund(first->id, "again"));  // idempotent
  EXPECT_EQ(p.refund("pay_unknown", "x").error().code, "payment-not-found");
  auto declined = p.charge(req("4000000000000002", "z"));
  EXPECT_EQ(p.refund(declined->id, "x").error().code, "payment-not-refundable");
  // After a refund the reference can be paid again.
  auto third = p.charge(req("4242424242424242"));
  EXPECT_NE(third->id, first->id);
}

}  // namespace
}  // namespace traffic_master::payment
