#include "mind_log/vault/ciphertext_format.hpp"

#include <cstring>

namespace mind_log::vault::format {

void write_header(const Header& h, std::uint8_t* out) {
  out[0] = kMagic0;
  out[1] = kMagic1;
  out[2] = h.format_version;
  out[3] = h.algorithm;
  std::memcpy(out + 4, h.key_id.data(), kKeyIdSize);
  out[20] = static_cast<std::uint8_t>(h.key_version >> 24);
  out[21] = static_cast<std::uint8_t>(h.key_version >> 16);
  out[22] = static_cast<std::uint8_t>(h.key_version >> 8);
  out[23] = static_cast<std::uint8_t>(h.key_version);
  std::memcpy(out + 24, h.salt.data(), kSaltSize);
  std::memcpy(out + 40, h.nonce.data(), kNonceSize);
}

platform::Result<Header> parse_header(std::string_view ct) {
  if (ct.size() < kOverhead)
    return platform::fail("vault-malformed", 500, "Ciphertext is malformed", "shorter than header and tag");
  auto* p = reinterpret_cast<const std::uint8_t*>(ct.data());
  if (p[0] != kMagic0 || p[1] != kMagic1)
    return platform::fail("vault-malformed", 500, "Ciphertext is malformed", "bad magic");
  Header h;
  h.format_version = p[2];
  h.algorithm = p[3];
  if (h.format_version != kFormatVersion || h.algorithm != kAlgorithmHkdfAes256Gcm)
    return platform::fail("vault-unsupported", 500, "Ciphertext format is not supported");
  std::memcpy(h.key_id.data(), p + 4, kKeyIdSize);
  h.key_version = (std::uint32_t{p[20]} << 24) | (std::uint32_t{p[21]} << 16) | (std::uint32_t{p[22]} << 8) | p[23];
  std::memcpy(h.salt.data(), p + 24, kSaltSize);
  std::memcpy(h.nonce.data(), p + 40, kNonceSize);
  return h;
}

namespace {
void append_lp(std::string& out, std::string_view s) {
  auto n = static_cast<std::uint32_t>(s.size());
  char len[4] = {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                 static_cast<char>(n)};
  out.append(len, 4);
  out.append(s);
}
}  // namespace

void build_aad(std::string_view header_bytes, std::string_view user_id, std::string_view record_id,
               std::string_view field, std::string& out) {
  out.clear();
  out.append(header_bytes);
  append_lp(out, user_id);
  append_lp(out, record_id);
  append_lp(out, field);
}

}  // namespace mind_log::vault::format
