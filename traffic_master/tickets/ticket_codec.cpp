#include "traffic_master/tickets/ticket_codec.hpp"

#include <openssl/evp.h>

#include <cstdlib>
#include <vector>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace traffic_master::tickets {
namespace {

constexpr std::string_view kPrefix = "TM1.";

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string rotation_mac(std::string_view secret, std::string_view static_code, std::int64_t window) {
  std::string input(static_code);
  input += "." + std::to_string(window);
  return platform::crypto::hmac_sha256(secret, input).substr(0, 10);
}

platform::Error malformed() { return {"ticket-malformed", 400, "Ticket code is malformed", ""}; }

}  // namespace

TicketSigner::TicketSigner(std::string signing_seed, std::string rotation_key, platform::Millis window_ms)
    : rotation_key_(std::move(rotation_key)), window_ms_(window_ms) {
  if (signing_seed.size() != 32 || rotation_key_.size() < 32) std::abort();
  key_ = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                      reinterpret_cast<const unsigned char*>(signing_seed.data()), 32);
  if (!key_) std::abort();
}

TicketSigner::~TicketSigner() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string TicketSigner::issue(const TicketClaims& c) const {
  std::string payload = c.ticket_id + "|" + c.event_id + "|" + c.order_id + "|" + c.seat_id + "|" + c.account + "|" +
                        std::to_string(c.issued_at);
  unsigned char sig[64];
  std::size_t sig_len = sizeof sig;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(key_)) != 1 ||
      EVP_DigestSign(ctx, sig, &sig_len, reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) != 1)
    std::abort();
  EVP_MD_CTX_free(ctx);
  return std::string(kPrefix) + platform::base64url_encode(payload) + "." +
         platform::base64url_encode(std::string_view(reinterpret_cast<const char*>(sig), sig_len));
}

std::string TicketSigner::ticket_secret(std::string_view ticket_id) const {
  return platform::crypto::hmac_sha256(rotation_key_, ticket_id);
}

std::string TicketSigner::rotating_code(const std::string& static_code, platform::Millis now) const {
  auto window = now / window_ms_;
  // The ticket id is inside the signed payload; derive the holder's secret from it.
  auto parts = split(static_code, '.');
  auto payload = platform::base64url_decode(parts.at(1));
  auto ticket_id = std::string_view(*payload).substr(0, payload->find('|'));
  return static_code + "." + std::to_string(window) + "." +
         platform::base64url_encode(rotation_mac(ticket_secret(ticket_id), static_code, window));
}

std::string TicketSigner::public_key() const {
  unsigned char pub[32];
  std::size_t len = sizeof pub;
  EVP_PKEY_get_raw_public_key(static_cast<EVP_PKEY*>(key_), pub, &len);
  return std::string(reinterpret_cast<const char*>(pub), len);
}

TicketVerifier::TicketVerifier(std::string public_key, std::string rotation_key, platform::Millis window_ms)
    : rotation_key_(std::move(rotation_key)), window_ms_(window_ms) {
  key_ = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                     reinterpret_cast<const unsigned char*>(public_key.data()), public_key.size());
  if (!key_) std::abort();
}

TicketVerifier::~TicketVerifier() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

platform::Result<TicketClaims> TicketVerifier::verify(std::string_view code) const {
  if (code.size() > 1024 || code.substr(0, kPrefix.size()) != kPrefix) return std::unexpected(malformed());
  auto parts = split(code, '.');
  if (parts.size() != 3) return std::unexpected(malformed());
  auto payload = platform::base64url_decode(parts[1]);
  auto sig = platform::base64url_decode(parts[2]);
  if (!payload || !sig || sig->size() != 64) return std::unexpected(malformed());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(key_)) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                             reinterpret_cast<const unsigned char*>(payload->data()), payload->size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return platform::fail("ticket-signature", 400, "Ticket signature is invalid");
  auto fields = split(*payload, '|');
  if (fields.size() != 6) return std::unexpected(malformed());
  TicketClaims c{std::string(fields[0]), std::string(fields[1]), std::string(fields[2]),
                 std::string(fields[3]), std::string(fields[4]), std::atoll(std::string(fields[5]).c_str())};
  return c;
}

platform::Result<TicketClaims> TicketVerifier::verify_rotating(std::string_view code, platform::Millis now) const {
  auto parts = split(code, '.');
  if (parts.size() != 5) return std::unexpected(malformed());
  std::string_view static_code = code.substr(0, parts[0].size() + parts[1].size() + parts[2].size() + 2);
  auto claims = verify(static_code);
  if (!claims) return claims;
  std::string window_text(parts[3]);
  if (window_text.empty() || window_text.size() > 15 || window_text.find_first_not_of("0123456789") != std::string::npos)
    return std::unexpected(malformed());
  auto window = std::atoll(window_text.c_str());
  auto current = now / window_ms_;
  if (window != current && window != current - 1)
    return platform::fail("ticket-code-expired", 400, "Rotating ticket code is no longer valid");
  auto mac = platform::base64url_decode(parts[4]);
  auto secret = platform::crypto::hmac_sha256(rotation_key_, claims->ticket_id);
  if (!mac || !platform::crypto::constant_time_equal(*mac, rotation_mac(secret, static_code, window)))
    return platform::fail("ticket-signature", 400, "Ticket signature is invalid");
  return claims;
}

}  // namespace traffic_master::tickets
