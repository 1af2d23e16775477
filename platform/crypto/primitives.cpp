#include "platform/crypto/primitives.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <cstring>

#include "platform/core/encoding.hpp"

namespace platform::crypto {

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  // A failing CSPRNG is a broken invariant: continuing would mint guessable secrets.
  if (n && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) std::abort();
  return out;
}

std::uint64_t random_u64() {
  std::uint64_t v;
  auto b = random_bytes(sizeof v);
  std::memcpy(&v, b.data(), sizeof v);
  return v;
}

std::string random_id(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string sha256(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  // OpenSSL 3's one-shot HMAC() fetches the algorithm on every call (a global lookup under a
  // lock), and a fresh init fetches the digest and schedules the key. Every authenticated
  // request verifies a token, nearly always with the same key, so each thread keeps one
  // context and re-keys it only when the key changes.
  struct Context {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
    std::string key;
    bool keyed = false;
    ~Context() {
      EVP_MAC_CTX_free(ctx);
      EVP_MAC_free(mac);
    }
  };
  thread_local Context c;
  if (!c.ctx) std::abort();  // a MAC that silently failed would accept forgeries
  bool ok;
  if (c.keyed && c.key == key) {
    ok = EVP_MAC_init(c.ctx, nullptr, 0, nullptr) == 1;  // same key: restart from its schedule
  } else {
    static char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest_name, 0), OSSL_PARAM_construct_end()};
    ok = EVP_MAC_init(c.ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params) == 1;
    c.key.assign(key);
    c.keyed = ok;
  }
  std::string out(32, '\0');
  std::size_t len = 0;
  ok = ok && EVP_MAC_update(c.ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
       EVP_MAC_final(c.ctx, reinterpret_cast<unsigned char*>(out.data()), &len, out.size()) == 1;
  if (!ok || len != 32) std::abort();
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace platform::crypto
