#pragma once
// Byte <-> text encodings used by tokens, ids and wire formats.
#include <optional>
#include <string>
#include <string_view>

namespace platform {

std::string hex_encode(std::string_view bytes);
std::optional<std::string> hex_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);  // RFC 4648 section 5, no padding
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);  // standard alphabet with padding

}  // namespace platform
