// Vault AES-256-GCM throughput for 4 KiB records (HKDF record key + header + AAD included),
// single thread, to compare with `openssl speed -evp aes-256-gcm -bytes 4096` in the same run.
// Throughput is bytes per second of this thread's user CPU time, which is what
// `openssl speed` measures by default (it reports user time unless given -elapsed): on a
// shared machine both figures then describe the code, not the neighbours' load.
// Prints one JSON object: {"vault_mib_per_s":..., "wall_mib_per_s":..., "record_bytes":..., "records":...}.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mind_log/vault/local_key_provider.hpp"
#include "mind_log/vault/memory_user_key_store.hpp"
#include "mind_log/vault/vault.hpp"

int main(int argc, char** argv) {
  using namespace mind_log::vault;
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  const std::size_t record_bytes = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 4096;
  SystemRandom random;
  Keyring ring = with_new_version({}, random);
  ring.index_key.assign(32, 'i');
  LocalKeyProvider provider(ring, random);
  MemoryUserKeyStore store;
  Vault vault(provider, store, random);
  std::string plaintext(record_bytes, 'x');
  (void)vault.encrypt("bench-user", "warm", "journal.text", plaintext);

  auto user_seconds = [] {
    rusage ru{};
    getrusage(RUSAGE_THREAD, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
  };
  using clock = std::chrono::steady_clock;
  const double user_start = user_seconds();
  std::size_t records = 0, sink = 0;
  auto start = clock::now();
  auto deadline = start + std::chrono::duration<double>(seconds);
  while (clock::now() < deadline) {
    for (int i = 0; i < 256; ++i) {
      auto ct = vault.encrypt("bench-user", "record", "journal.text", plaintext);
      if (!ct) return 1;
      sink += static_cast<unsigned char>((*ct)[60]);
    }
    records += 256;
  }
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  const double user = user_seconds() - user_start;
  const double mib = static_cast<double>(records * record_bytes) / (1024.0 * 1024.0);
  std::printf("{\"vault_mib_per_s\":%.1f,\"wall_mib_per_s\":%.1f,\"record_bytes\":%zu,\"records\":%zu,\"checksum\":%zu}\n",
              mib / user, mib / elapsed, record_bytes, records, sink % 7);
  return 0;
}
