#include "platform/auth/signed_token.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace platform::auth {
namespace json = boost::json;

TokenSigner::TokenSigner(std::string key, std::string kid) : key_(std::move(key)), kid_(std::move(kid)) {}

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

}  // namespace platform::auth
