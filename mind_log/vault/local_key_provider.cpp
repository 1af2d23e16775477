#include "mind_log/vault/local_key_provider.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <memory>

#include "platform/crypto/primitives.hpp"

namespace mind_log::vault {
namespace {

constexpr std::string_view kWrapAad = "mind-log kek wrap v1";
constexpr std::size_t kBlobSize = 4 + 12 + 32 + 16;

using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

void put_u32(unsigned char* p, std::uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

std::uint32_t get_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::string wrap_aad(std::uint32_t version, std::string_view context) {
  std::string aad(kWrapAad);
  unsigned char v[4];
  put_u32(v, version);
  aad.append(reinterpret_cast<char*>(v), 4);
  aad.append(context);
  return aad;
}

void check(int ok) {
  if (ok != 1) std::abort();
}

}  // namespace

platform::Result<void> validate(const Keyring& k) {
  auto bad = [](std::string detail) {
    return platform::fail("keyring-invalid", 500, "Keyring is invalid", std::move(detail));
  };
  if (k.keks.empty()) return bad("no key-encryption key");
  for (auto& [version, key] : k.keks) {
    if (version == 0) return bad("version 0 is reserved");
    if (key.size() != 32) return bad("key version " + std::to_string(version) + " is not 32 bytes");
  }
  if (!k.keks.contains(k.min_version)) return bad("min_version names no key");
  if (k.index_key.size() != 32) return bad("index key is not 32 bytes");
  return {};
}

Keyring with_new_version(Keyring k, Random& random) {
  std::string key(32, '\0');
  random.fill(reinterpret_cast<std::uint8_t*>(key.data()), key.size());
  std::uint32_t next = k.keks.empty() ? 1 : k.keks.rbegin()->first + 1;
  k.keks.emplace(next, std::move(key));
  return k;
}

Keyring retire_below(Keyring k, std::uint32_t min_version) {
  std::erase_if(k.keks, [&](const auto& kv) { return kv.first < min_version; });
  k.min_version = min_version;
  return k;
}

LocalKeyProvider::LocalKeyProvider(Keyring keyring, Random& random) : keyring_(std::move(keyring)), random_(random) {
  if (!validate(keyring_)) std::abort();
}

DataKey LocalKeyProvider::wrap(std::string plaintext, std::string_view context) {
  const std::uint32_t version = current_version();
  const std::string& kek = keyring_.keks.at(version);
  std::string blob(kBlobSize, '\0');
  auto* b = reinterpret_cast<unsigned char*>(blob.data());
  put_u32(b, version);
  random_.fill(b + 4, 12);
  std::string aad = wrap_aad(version, context);
  CtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  check(EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), reinterpret_cast<const unsigned char*>(kek.data()),
                            b + 4, nullptr));
  check(EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())));
  check(EVP_EncryptUpdate(ctx.get(), b + 16, &len, reinterpret_cast<const unsigned char*>(plaintext.data()), 32));
  check(EVP_EncryptFinal_ex(ctx.get(), b + 48, &len));
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, b + 48));
  return DataKey{std::move(plaintext), std::move(blob), version};
}

platform::Result<DataKey> LocalKeyProvider::generate_data_key(std::string_view context) {
  std::string key(32, '\0');
  random_.fill(reinterpret_cast<std::uint8_t*>(key.data()), key.size());
  return wrap(std::move(key), context);
}

platform::Result<std::uint32_t> LocalKeyProvider::wrapped_version(std::string_view wrapped) const {
  if (wrapped.size() != kBlobSize)
    return platform::fail("vault-malformed", 500, "Wrapped key is malformed");
  return get_u32(reinterpret_cast<const unsigned char*>(wrapped.data()));
}

platform::Result<std::string> LocalKeyProvider::decrypt_data_key(std::string_view wrapped, std::string_view context) {
  auto version = wrapped_version(wrapped);
  if (!version) return std::unexpected(version.error());
  if (*version < keyring_.min_version)
    return platform::fail("vault-key-retired", 500, "Key version is retired",
                          "KEK version " + std::to_string(*version) + " is below the minimum");
  auto it = keyring_.keks.find(*version);
  if (it == keyring_.keks.end())
    return platform::fail("vault-key-unknown", 500, "Key is unknown",
                          "KEK version " + std::to_string(*version) + " is not in the keyring");
  auto* b = reinterpret_cast<const unsigned char*>(wrapped.data());
  std::string aad = wrap_aad(*version, context);
  std::string key(32, '\0');
  CtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  check(EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), reinterpret_cast<const unsigned char*>(it->second.data()),
                            b + 4, nullptr));
  check(EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())));
  check(EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(key.data()), &len, b + 16, 32));
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, const_cast<unsigned char*>(b + 48)));
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(key.data()) + len, &len) != 1) {
    OPENSSL_cleanse(key.data(), key.size());
    return platform::fail("vault-auth-failed", 500, "Wrapped key failed authentication");
  }
  return key;
}

platform::Result<DataKey> LocalKeyProvider::re_encrypt(std::string_view wrapped, std::string_view context) {
  auto key = decrypt_data_key(wrapped, context);
  if (!key) return std::unexpected(key.error());
  return wrap(std::move(*key), context);
}

std::string LocalKeyProvider::mac(std::string_view data) const {
  return platform::crypto::hmac_sha256(keyring_.index_key, data);
}

}  // namespace mind_log::vault
