#include "platform/auth/signed_token.hpp"

#include <array>
#include <atomic>
#include <functional>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace platform::auth {
namespace json = boost::json;

namespace {

std::uint64_t next_signer_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

struct RememberedToken {
  std::uint64_t signer = 0;  // 0: empty slot
  std::string token;
  std::string subject;
  Millis expires_ms = 0;
};

}  // namespace

TokenSigner::TokenSigner(std::string key, std::string kid)
    : key_(std::move(key)), kid_(std::move(kid)), serial_(next_signer_serial()) {}

std::string TokenSigner::sign(json::object claims, Millis now_ms, Millis ttl_ms) const {
  json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid_}};
  claims["iat"] = now_ms / 1000;
  claims["exp"] = (now_ms + ttl_ms) / 1000;
  claims["exp_ms"] = now_ms + ttl_ms;
  std::string signing_input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(claims));
  return signing_input + "." + base64url_encode(crypto::hmac_sha256(key_, signing_input));
}

Result<json::object> TokenSigner::verify(std::string_view token, Millis now_ms) const {
  auto malformed = [] { return fail("token-malformed", 401, "Malformed token"); };
  if (token.size() > 4096) return malformed();
  auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return malformed();
  auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return malformed();
  auto signing_input = token.substr(0, dot2);
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature) return malformed();
  if (!crypto::constant_time_equal(*signature, crypto::hmac_sha256(key_, signing_input)))
    return fail("token-signature", 401, "Token signature is invalid");
  auto header_text = base64url_decode(token.substr(0, dot1));
  auto payload_text = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header_text || !payload_text) return malformed();
  boost::system::error_code ec;
  auto header = json::parse(*header_text, ec);
  if (ec || !header.is_object() || header.as_object().if_contains("alg") == nullptr ||
      header.as_object().at("alg") != "HS256")
    return malformed();
  auto payload = json::parse(*payload_text, ec);
  if (ec || !payload.is_object()) return malformed();
  auto& claims = payload.as_object();
  auto* exp = claims.if_contains("exp_ms");
  if (!exp || !exp->is_int64()) return malformed();
  if (exp->as_int64() <= now_ms) return fail("token-expired", 401, "Token has expired");
  return std::move(claims);
}

Result<std::string> TokenSigner::verify_subject(std::string_view token, Millis now_ms) const {
  thread_local std::array<RememberedToken, 1024> remembered;
  auto& slot = remembered[std::hash<std::string_view>{}(token) % remembered.size()];
  if (slot.signer == serial_ && slot.token == token) {
    if (slot.expires_ms <= now_ms) return fail("token-expired", 401, "Token has expired");
    return slot.subject;
  }
  auto claims = verify(token, now_ms);
  if (!claims) return std::unexpected(claims.error());
  auto* sub = claims->if_contains("sub");
  if (!sub || !sub->is_string() || sub->as_string().empty()) return fail("token-malformed", 401, "Malformed token");
  slot.signer = serial_;
  slot.token.assign(token);
  slot.subject.assign(sub->as_string());
  slot.expires_ms = claims->at("exp_ms").as_int64();
  return slot.subject;
}

}  // namespace platform::auth
