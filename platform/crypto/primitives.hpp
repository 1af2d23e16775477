#pragma once
// Small OpenSSL-backed primitives shared by both products. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

namespace platform::crypto {

std::string random_bytes(std::size_t n);      // CSPRNG (OpenSSL RAND_bytes); aborts if it fails
std::uint64_t random_u64();
std::string random_id(std::size_t bytes = 16);  // url-safe text id of `bytes` random bytes
std::string sha256(std::string_view data);      // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace platform::crypto
