#include <gtest/gtest.h>

#include "traffic_master/tickets/qr_image.hpp"
#include "traffic_master/tickets/ticket_codec.hpp"

namespace traffic_master::tickets {
namespace {

const std::string kSeed(32, 's'), kRotation(32, 'r');
TicketClaims claims() { return {"t-1", "ev-1", "7", "101-A-1", "alice", 1'700'000'000'000}; }

TEST(TicketCodes, StaticCodeVerifiesOfflineWithThePublicKey) {
  TicketSigner signer(kSeed, kRotation);
  TicketVerifier gate(signer.public_key(), kRotation);
  auto code = signer.issue(claims());
  auto c = gate.verify(code);
  ASSERT_TRUE(c) << c.error().code;
  EXPECT_EQ(c->seat_id, "101-A-1");
  EXPECT_EQ(c->issued_at, 1'700'000'000'000);
  std::string forged = code;
  forged[6] = forged[6] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(gate.verify(forged));
  EXPECT_EQ(gate.verify("nonsense").error().code, "ticket-malformed");
  TicketSigner other(std::string(32, 'x'), kRotation);
  EXPECT_EQ(gate.verify(other.issue(claims())).error().code, "ticket-signature");
}

TEST(TicketCodes, RotatingCodeExpiresAfterTwoWindows) {
  TicketSigner signer(kSeed, kRotation, 15'000);
  TicketVerifier gate(signer.public_key(), kRotation, 15'000);
  auto code = signer.issue(claims());
  platform::Millis t = 1'700'000'000'000;
  auto rotating = signer.rotating_code(code, t);
  EXPECT_TRUE(gate.verify_rotating(rotating, t));
  EXPECT_TRUE(gate.verify_rotating(rotating, t + 15'000));  // previous window still accepted
  EXPECT_EQ(gate.verify_rotating(rotating, t + 30'000).error().code, "ticket-code-expired");
  EXPECT_EQ(gate.verify_rotating(rotating, t - 15'000).error().code, "ticket-code-expired");
  std::string tampered = rotating;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(gate.verify_rotating(tampered, t).error().code, "ticket-signature");
  EXPECT_EQ(gate.verify_rotating(code, t).error().code, "ticket-malformed");
}

TEST(TicketQr, PngAndSvgAreProduced) {
  auto m = qr_encode("TM1.some-ticket-code");
  ASSERT_TRUE(m);
  EXPECT_GE(m->size, 21);
  auto png = qr_png(*m);
  ASSERT_GT(png.size(), 100u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  auto svg = qr_svg(*m);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
}

}  // namespace
}  // namespace traffic_master::tickets
