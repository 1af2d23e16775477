#include "mind_log/vault/random.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace mind_log::vault {

void SystemRandom::fill(std::uint8_t* out, std::size_t n) {
  struct Buffer {
    unsigned char bytes[4096];
    std::size_t used = sizeof bytes;
    ~Buffer() { OPENSSL_cleanse(bytes, sizeof bytes); }
  };
  thread_local Buffer buf;
  while (n > 0) {
    if (buf.used == sizeof buf.bytes) {
      // A failing CSPRNG is a broken invariant: continuing would reuse nonces and salts.
      if (RAND_bytes(buf.bytes, sizeof buf.bytes) != 1) std::abort();
      buf.used = 0;
    }
    std::size_t take = std::min(n, sizeof buf.bytes - buf.used);
    std::memcpy(out, buf.bytes + buf.used, take);
    OPENSSL_cleanse(buf.bytes + buf.used, take);  // a byte is handed out once, then forgotten
    buf.used += take;
    out += take;
    n -= take;
  }
}

}  // namespace mind_log::vault
