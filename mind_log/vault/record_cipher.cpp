// The low-level SHA256_* API is deprecated in OpenSSL 3 but is the only way to keep a
// precomputed HMAC inner/outer state as a plain struct copy: the EVP equivalents allocate per
// duplication, which costs more than the AES-GCM of a 4 KiB record (docs/performance.md).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "mind_log/vault/record_cipher.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <cstring>

namespace mind_log::vault {
namespace {

// A broken OpenSSL call on well-formed input is a broken invariant, not an input error.
void check(int ok) {
  if (ok != 1) std::abort();
}

const EVP_CIPHER* aes_256_gcm() {
  static EVP_CIPHER* cipher = [] {
    EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    if (!c) std::abort();
    return c;
  }();
  return cipher;
}

// One cipher context per thread and direction, bound to AES-256-GCM once: later inits pass
// only key and nonce, skipping the context reset and algorithm lookup, which otherwise cost
// about a third of the AES-GCM work on a 4 KiB record.
struct ThreadCtx {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  bool bound = false;
  ~ThreadCtx() { EVP_CIPHER_CTX_free(ctx); }
};

void init(ThreadCtx& t, bool encrypt, const unsigned char* key, const unsigned char* nonce) {
  if (!t.ctx) std::abort();
  const EVP_CIPHER* cipher = t.bound ? nullptr : aes_256_gcm();
  check(encrypt ? EVP_EncryptInit_ex2(t.ctx, cipher, key, nonce, nullptr)
                : EVP_DecryptInit_ex2(t.ctx, cipher, key, nonce, nullptr));
  t.bound = true;
}

ThreadCtx& encrypt_ctx() {
  thread_local ThreadCtx t;
  return t;
}

ThreadCtx& decrypt_ctx() {
  thread_local ThreadCtx t;
  return t;
}

std::string& thread_aad() {
  thread_local std::string aad;
  return aad;
}

}  // namespace

struct RecordCipher::State {
  SHA256_CTX inner;  // SHA-256 state after absorbing PRK ^ ipad
  SHA256_CTX outer;  // SHA-256 state after absorbing PRK ^ opad
};

RecordCipher::RecordCipher(std::string_view data_key) : state_(new State) {
  if (data_key.size() != 32) std::abort();
  unsigned char prk[32];
  unsigned int prk_len = 32;
  // HKDF-Extract(salt, IKM) = HMAC(salt, IKM).
  if (!HMAC(EVP_sha256(), kHkdfSalt.data(), static_cast<int>(kHkdfSalt.size()),
            reinterpret_cast<const unsigned char*>(data_key.data()), data_key.size(), prk, &prk_len))
    std::abort();
  unsigned char block[64];
  std::memset(block, 0x36, sizeof block);
  for (int i = 0; i < 32; ++i) block[i] ^= prk[i];
  SHA256_Init(&state_->inner);
  SHA256_Update(&state_->inner, block, sizeof block);
  std::memset(block, 0x5c, sizeof block);
  for (int i = 0; i < 32; ++i) block[i] ^= prk[i];
  SHA256_Init(&state_->outer);
  SHA256_Update(&state_->outer, block, sizeof block);
  OPENSSL_cleanse(prk, sizeof prk);
  OPENSSL_cleanse(block, sizeof block);
}

RecordCipher::~RecordCipher() {
  OPENSSL_cleanse(state_, sizeof *state_);
  delete state_;
}

void RecordCipher::derive(const std::uint8_t* salt, std::uint8_t* out32) const {
  // HKDF-Expand for L = 32: T(1) = HMAC(PRK, info || 0x01).
  SHA256_CTX ctx = state_->inner;
  SHA256_Update(&ctx, kHkdfInfoPrefix.data(), kHkdfInfoPrefix.size());
  SHA256_Update(&ctx, salt, format::kSaltSize);
  const unsigned char counter = 1;
  SHA256_Update(&ctx, &counter, 1);
  unsigned char inner_hash[32];
  SHA256_Final(inner_hash, &ctx);
  ctx = state_->outer;
  SHA256_Update(&ctx, inner_hash, sizeof inner_hash);
  SHA256_Final(out32, &ctx);
  OPENSSL_cleanse(&ctx, sizeof ctx);
}

std::string RecordCipher::seal(const format::Header& header, std::string_view user_id, std::string_view record_id,
                               std::string_view field, std::string_view plaintext) const {
  std::string out(format::kHeaderSize + plaintext.size() + format::kTagSize, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  format::write_header(header, o);
  unsigned char key[32];
  derive(header.salt.data(), key);
  auto& aad = thread_aad();
  format::build_aad(std::string_view(out.data(), format::kHeaderSize), user_id, record_id, field, aad);

  auto& t = encrypt_ctx();
  init(t, true, key, header.nonce.data());
  EVP_CIPHER_CTX* ctx = t.ctx;
  int len = 0;
  OPENSSL_cleanse(key, sizeof key);
  check(EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())));
  check(EVP_EncryptUpdate(ctx, o + format::kHeaderSize, &len,
                          reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size())));
  check(EVP_EncryptFinal_ex(ctx, o + format::kHeaderSize + len, &len));
  check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, format::kTagSize,
                            o + format::kHeaderSize + plaintext.size()));
  return out;
}

platform::Result<std::string> RecordCipher::open(const format::Header& header, std::string_view ciphertext,
                                                 std::string_view user_id, std::string_view record_id,
                                                 std::string_view field) const {
  const std::size_t n = ciphertext.size() - format::kOverhead;  // parse_header checked the size
  auto* c = reinterpret_cast<const unsigned char*>(ciphertext.data());
  unsigned char key[32];
  derive(header.salt.data(), key);
  auto& aad = thread_aad();
  format::build_aad(ciphertext.substr(0, format::kHeaderSize), user_id, record_id, field, aad);

  std::string out(n, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  auto& t = decrypt_ctx();
  init(t, false, key, header.nonce.data());
  EVP_CIPHER_CTX* ctx = t.ctx;
  int len = 0;
  OPENSSL_cleanse(key, sizeof key);
  check(EVP_DecryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())));
  check(EVP_DecryptUpdate(ctx, o, &len, c + format::kHeaderSize, static_cast<int>(n)));
  check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, format::kTagSize,
                            const_cast<unsigned char*>(c + format::kHeaderSize + n)));
  if (EVP_DecryptFinal_ex(ctx, o + len, &len) != 1) {
    OPENSSL_cleanse(out.data(), out.size());  // never hand back unauthenticated plaintext
    return platform::fail("vault-auth-failed", 500, "Ciphertext failed authentication");
  }
  return out;
}

}  // namespace mind_log::vault
