#include "traffic_master/queue/admission_token.hpp"

#include <gtest/gtest.h>

#include "platform/core/encoding.hpp"

using namespace traffic_master::queue;

namespace {
const std::string kKey(32, 'a');
constexpr platform::Millis kNow = 1'700'000'000'000;

AdmissionClaims claims() { return {"alice", "ev1", "dev-1", "jti-1", kNow + 60'000}; }
}  // namespace

TEST(AdmissionToken, ValidTokenVerifiesForItsAccountEventAndDevice) {
  AdmissionTokens tokens(kKey, "k1");
  auto t = tokens.issue(claims(), kNow);
  auto v = tokens.verify(t, "ev1", "alice", "dev-1", kNow + 1000);
  ASSERT_TRUE(v) << v.error().code;
  EXPECT_EQ(v->jti, "jti-1");
  EXPECT_EQ(v->expires_ms, kNow + 60'000);
  EXPECT_TRUE(tokens.verify(t, "ev1", "alice", "", kNow + 1000));  // no device header
}

TEST(AdmissionToken, EachBadTokenGetsItsOwnCode) {
  AdmissionTokens tokens(kKey, "k1");
  AdmissionTokens forger(std::string(32, 'b'), "k1");
  auto t = tokens.issue(claims(), kNow);
  auto code = [&](std::string_view token, std::string_view ev, std::string_view acct, std::string_view dev,
                  platform::Millis at) {
    auto r = tokens.verify(token, ev, acct, dev, at);
    EXPECT_FALSE(r);
    if (r) return std::string("accepted");
    EXPECT_EQ(r.error().status, 403);
    return r.error().code;
  };
  EXPECT_EQ(code("", "ev1", "alice", "dev-1", kNow), "admission-required");
  EXPECT_EQ(code("garbage", "ev1", "alice", "dev-1", kNow), "admission-invalid");
  EXPECT_EQ(code(forger.issue(claims(), kNow), "ev1", "alice", "dev-1", kNow), "admission-invalid");
  EXPECT_EQ(code(t, "ev1", "alice", "dev-1", kNow + 60'000), "admission-expired");
  EXPECT_EQ(code(t, "ev1", "mallory", "dev-1", kNow), "admission-wrong-account");
  EXPECT_EQ(code(t, "ev2", "alice", "dev-1", kNow), "admission-wrong-event");
  EXPECT_EQ(code(t, "ev1", "alice", "dev-2", kNow), "admission-wrong-device");

  // Payload edited to another account keeps the old signature: rejected.
  auto first = t.find('.'), second = t.rfind('.');
  auto payload = *platform::base64url_decode(t.substr(first + 1, second - first - 1));
  payload.replace(payload.find("alice"), 5, "mallo");
  auto edited = t.substr(0, first + 1) + platform::base64url_encode(payload) + t.substr(second);
  EXPECT_EQ(code(edited, "ev1", "mallo", "dev-1", kNow), "admission-invalid");

  // A login-style token signed with the same key but without the admission type.
  platform::auth::TokenSigner same_key(kKey, "k1");
  auto other_kind = same_key.sign({{"sub", "alice"}, {"evt", "ev1"}, {"dev", "dev-1"}, {"jti", "x"}}, kNow, 60'000);
  EXPECT_EQ(code(other_kind, "ev1", "alice", "dev-1", kNow), "admission-invalid");
}

TEST(AdmissionToken, RevokedTokenIsRejectedUntilItWouldHaveExpired) {
  AdmissionTokens tokens(kKey, "k1");
  auto t = tokens.issue(claims(), kNow);
  tokens.revoke("jti-1", kNow + 60'000);
  auto r = tokens.verify(t, "ev1", "alice", "dev-1", kNow + 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "admission-revoked");
  EXPECT_EQ(tokens.prune(kNow + 59'999), 0u);
  EXPECT_EQ(tokens.prune(kNow + 60'000), 1u);
  EXPECT_EQ(tokens.revoked_count(), 0u);
  // Another admission of the same account carries another jti and is unaffected.
  auto again = claims();
  again.jti = "jti-2";
  EXPECT_TRUE(tokens.verify(tokens.issue(again, kNow), "ev1", "alice", "dev-1", kNow + 1));
}
