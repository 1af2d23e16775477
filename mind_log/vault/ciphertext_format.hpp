#pragma once
// The self-describing ciphertext header, byte by byte (also in docs/security.md):
//
//   offset size  field
//   0      2     magic "MV" (0x4D 0x56)
//   2      1     format version (1)
//   3      1     algorithm (1 = HKDF-SHA256 record key + AES-256-GCM, 16-byte tag)
//   4      16    key id: names the user's data key
//   20     4     key version, unsigned big-endian
//   24     16    record salt (random; HKDF info input)
//   40     12    GCM nonce (random)
//   52     n     AES-256-GCM ciphertext of the plaintext (n = plaintext length)
//   52+n   16    GCM tag
//
// The GCM AAD is the 52 header bytes followed by three length-prefixed strings (4-byte
// big-endian length, then bytes): user id, record id, field name. Every header bit is
// therefore authenticated, and a ciphertext moved to another user/record/field fails.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"

namespace mind_log::vault::format {

inline constexpr std::uint8_t kMagic0 = 0x4D;  // 'M'
inline constexpr std::uint8_t kMagic1 = 0x56;  // 'V'
inline constexpr std::uint8_t kFormatVersion = 1;
inline constexpr std::uint8_t kAlgorithmHkdfAes256Gcm = 1;
inline constexpr std::size_t kKeyIdSize = 16;
inline constexpr std::size_t kSaltSize = 16;
inline constexpr std::size_t kNonceSize = 12;
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kHeaderSize = 2 + 1 + 1 + kKeyIdSize + 4 + kSaltSize + kNonceSize;  // 52
inline constexpr std::size_t kOverhead = kHeaderSize + kTagSize;

struct Header {
  std::uint8_t format_version = kFormatVersion;
  std::uint8_t algorithm = kAlgorithmHkdfAes256Gcm;
  std::array<std::uint8_t, kKeyIdSize> key_id{};
  std::uint32_t key_version = 0;
  std::array<std::uint8_t, kSaltSize> salt{};
  std::array<std::uint8_t, kNonceSize> nonce{};
};

void write_header(const Header& h, std::uint8_t* out);  // writes kHeaderSize bytes
// Errors: "vault-malformed" (too short, bad magic), "vault-unsupported" (version/algorithm).
platform::Result<Header> parse_header(std::string_view ciphertext);

// AAD = header bytes || lp(user_id) || lp(record_id) || lp(field).
void build_aad(std::string_view header_bytes, std::string_view user_id, std::string_view record_id,
               std::string_view field, std::string& out);

}  // namespace mind_log::vault::format
