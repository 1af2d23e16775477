#include "mind_log/vault/keyring_file.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "platform/core/encoding.hpp"

namespace mind_log::vault {
namespace json = boost::json;

namespace {

platform::Error io_error(std::string what, const std::string& path) {
  return platform::Error{"keyring-io", 500, "Keyring file error", what + " " + path + ": " + std::strerror(errno)};
}

platform::Result<void> write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(io_error("write", path));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) return std::unexpected(io_error("fsync", path));
  return {};
}

void fsync_dir(const std::string& path) {
  auto dir = std::filesystem::path(path).parent_path();
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

std::string keyring_to_json(const Keyring& k) {
  json::object keks;
  for (auto& [version, key] : k.keks) keks[std::to_string(version)] = platform::base64url_encode(key);
  json::object o{{"format", "mind-log-keyring/1"},
                 {"min_version", k.min_version},
                 {"keks", std::move(keks)},
                 {"index_key", platform::base64url_encode(k.index_key)}};
  return json::serialize(o) + "\n";
}

platform::Result<Keyring> keyring_from_json(std::string_view text) {
  auto bad = [](std::string d) { return platform::fail("keyring-invalid", 500, "Keyring is invalid", std::move(d)); };
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return bad("not a JSON object");
  auto& o = v.as_object();
  auto* format = o.if_contains("format");
  if (!format || *format != "mind-log-keyring/1") return bad("format is not mind-log-keyring/1");
  Keyring k;
  auto* min = o.if_contains("min_version");
  if (!min || !min->is_int64() || min->as_int64() < 1) return bad("min_version");
  k.min_version = static_cast<std::uint32_t>(min->as_int64());
  auto* keks = o.if_contains("keks");
  if (!keks || !keks->is_object()) return bad("keks");
  for (auto& [name, value] : keks->as_object()) {
    std::uint32_t version = 0;
    try {
      version = static_cast<std::uint32_t>(std::stoul(std::string(name)));
    } catch (...) {
      return bad("kek version is not a number");
    }
    if (!value.is_string()) return bad("kek is not a string");
    auto key = platform::base64url_decode(value.as_string());
    if (!key) return bad("kek is not base64url");
    k.keks[version] = std::move(*key);
  }
  auto* index = o.if_contains("index_key");
  if (!index || !index->is_string()) return bad("index_key");
  auto ik = platform::base64url_decode(index->as_string());
  if (!ik) return bad("index_key is not base64url");
  k.index_key = std::move(*ik);
  if (auto ok = validate(k); !ok) return std::unexpected(ok.error());
  return k;
}

platform::Result<Keyring> keyring_from_env(std::string_view value) {
  if (!value.empty() && value.front() == '{') return keyring_from_json(value);
  auto master = platform::base64url_decode(value);
  if (!master || master->size() != 32)
    return platform::fail("keyring-invalid", 500, "Keyring is invalid", "master key must be 32 bytes, base64url");
  Keyring k;
  k.keks[1] = *master;
  // The index key must differ from the KEK: derive it with HKDF under a distinct label.
  k.index_key.assign(32, '\0');
  std::size_t len = 32;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
  bool ok = ctx && EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set1_hkdf_key(ctx, reinterpret_cast<const unsigned char*>(master->data()), 32) == 1 &&
            EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char*>("mind-log blind index v1"), 23) == 1 &&
            EVP_PKEY_derive(ctx, reinterpret_cast<unsigned char*>(k.index_key.data()), &len) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) std::abort();
  return k;
}

platform::Result<void> save_keyring(const std::string& path, const Keyring& keyring) {
  std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(io_error("create", tmp));
  auto written = write_all(fd, keyring_to_json(keyring), tmp);
  ::close(fd);
  if (!written) return written;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return std::unexpected(io_error("rename", path));
  fsync_dir(path);
  return {};
}

platform::Result<Keyring> load_or_create_keyring(const std::string& path, Random& random) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    Keyring k = with_new_version(Keyring{}, random);
    k.index_key.assign(32, '\0');
    random.fill(reinterpret_cast<std::uint8_t*>(k.index_key.data()), 32);
    int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
      if (errno != EEXIST) return std::unexpected(io_error("create", path));
      return load_or_create_keyring(path, random);  // another process created it first
    }
    auto written = write_all(out, keyring_to_json(k), path);
    ::close(out);
    if (!written) return std::unexpected(written.error());
    fsync_dir(path);
    return k;
  }
  if (fd < 0) return std::unexpected(io_error("open", path));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return std::unexpected(io_error("stat", path));
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    ::close(fd);
    return platform::fail("keyring-permissions", 500, "Keyring file permissions are too open",
                          path + " must be mode 0600 (chmod 600)");
  }
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::unexpected(io_error("read", path));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return keyring_from_json(text);
}

}  // namespace mind_log::vault
