// Interoperability: the documented format must be decryptable by tools that are not ours.
#include "mind_log/vault/record_cipher.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "mind_log/vault/random.hpp"
#include "platform/core/encoding.hpp"

namespace mind_log::vault {
namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

bool have(const std::string& tool) { return !run("command -v " + tool + " 2>/dev/null").empty(); }

format::Header make_header(Random& random) {
  format::Header h;
  random.fill(h.key_id.data(), h.key_id.size());
  h.key_version = 0x01020304;
  random.fill(h.salt.data(), h.salt.size());
  random.fill(h.nonce.data(), h.nonce.size());
  return h;
}

TEST(RecordCipherTest, DerivationIsStandardHkdfSha256) {
  SystemRandom random;
  std::string key(32, '\0');
  random.fill(reinterpret_cast<std::uint8_t*>(key.data()), 32);
  RecordCipher cipher(key);
  std::uint8_t salt[16];
  random.fill(salt, sizeof salt);
  std::uint8_t ours[32];
  cipher.derive(salt, ours);

  std::string info(kHkdfInfoPrefix);
  info.append(reinterpret_cast<char*>(salt), sizeof salt);
  unsigned char theirs[32];
  std::size_t len = 32;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
  ASSERT_EQ(EVP_PKEY_derive_init(ctx), 1);
  ASSERT_EQ(EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()), 1);
  ASSERT_EQ(EVP_PKEY_CTX_set1_hkdf_salt(ctx, reinterpret_cast<const unsigned char*>(kHkdfSalt.data()),
                                        static_cast<int>(kHkdfSalt.size())), 1);
  ASSERT_EQ(EVP_PKEY_CTX_set1_hkdf_key(ctx, reinterpret_cast<const unsigned char*>(key.data()), 32), 1);
  ASSERT_EQ(EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char*>(info.data()),
                                        static_cast<int>(info.size())), 1);
  ASSERT_EQ(EVP_PKEY_derive(ctx, theirs, &len), 1);
  EVP_PKEY_CTX_free(ctx);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(ours), 32), std::string(reinterpret_cast<char*>(theirs), 32));

  // And the openssl command line agrees (openssl kdf, OpenSSL 3).
  if (have("openssl")) {
    std::string cli = run("openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:" + platform::hex_encode(key) +
                          " -kdfopt hexsalt:" + platform::hex_encode(kHkdfSalt) +
                          " -kdfopt hexinfo:" + platform::hex_encode(info) + " HKDF");
    std::erase(cli, ':');
    for (auto& c : cli) c = static_cast<char>(std::tolower(c));
    EXPECT_EQ(cli, platform::hex_encode(std::string(reinterpret_cast<char*>(ours), 32)));
  }
}

TEST(RecordCipherTest, NodeCryptoDecryptsOurCiphertextFromTheDocumentedFormat) {
  if (!have("node")) GTEST_SKIP() << "node is not installed";
  SystemRandom random;
  std::string key(32, '\0');
  random.fill(reinterpret_cast<std::uint8_t*>(key.data()), 32);
  RecordCipher cipher(key);
  const std::string plaintext = "오늘은 조금 불안했지만 산책을 하고 나니 괜찮아졌다. Felt calmer after a walk.";
  std::string ct = cipher.seal(make_header(random), "user-7", "entry-42", "journal.text", plaintext);

  // An independent decryptor written only from docs/security.md.
  const char* script = R"JS(
const crypto = require('crypto');
const [key, ct, user, record, field] = process.argv.slice(2);
const k = Buffer.from(key, 'hex'), c = Buffer.from(ct, 'hex');
if (c[0] !== 0x4d || c[1] !== 0x56 || c[2] !== 1 || c[3] !== 1) throw new Error('header');
const header = c.subarray(0, 52), salt = c.subarray(24, 40), nonce = c.subarray(40, 52);
const body = c.subarray(52, c.length - 16), tag = c.subarray(c.length - 16);
const info = Buffer.concat([Buffer.from('mind-log record key v1'), salt]);
const rk = Buffer.from(crypto.hkdfSync('sha256', k, Buffer.from('mind-log/vault/v1'), info, 32));
const lp = (s) => { const b = Buffer.from(s, 'utf8'); const l = Buffer.alloc(4); l.writeUInt32BE(b.length); return Buffer.concat([l, b]); };
const d = crypto.createDecipheriv('aes-256-gcm', rk, nonce);
d.setAAD(Buffer.concat([header, lp(user), lp(record), lp(field)]));
d.setAuthTag(tag);
process.stdout.write(Buffer.concat([d.update(body), d.final()]).toString('hex'));
)JS";
  auto dir = std::filesystem::temp_directory_path() / ("vault-node-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "decrypt.js") << script;
  }
  std::string base = "node " + (dir / "decrypt.js").string() + " " + platform::hex_encode(key) + " " +
                     platform::hex_encode(ct) + " ";
  EXPECT_EQ(run(base + "user-7 entry-42 journal.text 2>/dev/null"), platform::hex_encode(plaintext));
  // The binding matters to Node too: the same bytes under another record id do not decrypt.
  EXPECT_EQ(run(base + "user-7 entry-43 journal.text 2>/dev/null"), "");
  std::filesystem::remove_all(dir);
}

TEST(RecordCipherTest, HeaderRoundTripsAndLayoutIsAsDocumented) {
  SystemRandom random;
  auto h = make_header(random);
  std::uint8_t bytes[format::kHeaderSize];
  format::write_header(h, bytes);
  EXPECT_EQ(format::kHeaderSize, 52u);
  EXPECT_EQ(bytes[0], 0x4D);
  EXPECT_EQ(bytes[1], 0x56);
  EXPECT_EQ(bytes[2], 1);
  EXPECT_EQ(bytes[3], 1);
  EXPECT_EQ(bytes[20], 0x01);
  EXPECT_EQ(bytes[23], 0x04);
  std::string full(reinterpret_cast<char*>(bytes), sizeof bytes);
  full.append(format::kTagSize, '\0');
  auto parsed = format::parse_header(full);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->key_version, 0x01020304u);
  EXPECT_EQ(parsed->key_id, h.key_id);
  EXPECT_EQ(parsed->salt, h.salt);
  EXPECT_EQ(parsed->nonce, h.nonce);
}

}  // namespace
}  // namespace mind_log::vault
