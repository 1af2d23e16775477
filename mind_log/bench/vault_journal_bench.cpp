// Journal-entry writes with concurrent writers: validation + emotion analysis + seven vault
// encryptions + a durable SQLite commit (WAL, synchronous=FULL) shared through group commit.
// Usage: vault_journal_bench [seconds] [writers] [dir]
// Prints one JSON object: {"journal_writes_per_s":..,"journal_write_p50_ms":..,
//                          "journal_write_p99_ms":..,"writers":..,"writes":..,"commits":..}
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "mind_log/journal/journal_store.hpp"
#include "mind_log/store/sqlite_user_key_store.hpp"
#include "mind_log/vault/local_key_provider.hpp"

int main(int argc, char** argv) {
  using namespace mind_log;
  const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  const int writers = argc > 2 ? std::atoi(argv[2]) : 16;
  std::filesystem::path dir = argc > 3 ? std::filesystem::path(argv[3])
                                       : std::filesystem::temp_directory_path() /
                                             ("vault-journal-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Database::open((dir / "bench.db").string());
  if (!db || !(*db)->migrate("vault", store::vault_migrations()) ||
      !(*db)->migrate("journal", journal::journal_migrations())) {
    std::fprintf(stderr, "cannot open the bench database in %s\n", dir.c_str());
    return 1;
  }
  vault::SystemRandom random;
  vault::Keyring ring = vault::with_new_version({}, random);
  ring.index_key.assign(32, 'i');
  vault::LocalKeyProvider provider(ring, random);
  store::SqliteUserKeyStore keys(**db);
  vault::Vault v(provider, keys, random);
  platform::SystemClock clock;
  journal::JournalStore journal(**db, v, clock);

  journal::EntryInput in;
  in.text = "오늘은 회의 때문에 조금 불안했지만 저녁 산책 후에는 마음이 편안해졌다. "
            "I felt anxious before the meeting, but the evening walk left me calm and grateful.";
  in.mood = 6;
  in.tags = {"anxious", "calm"};
  in.activities = {"work", "walk"};
  in.sleep_hours = 6.5;
  in.occurred_at = "2026-11-27T21:30:00+09:00";
  in.time_zone = "Asia/Seoul";
  for (int w = 0; w < writers; ++w) (void)v.ensure_user_key("bench-user-" + std::to_string(w));

  const std::uint64_t commits_before = (*db)->commits();
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(writers));
  using clock_t = std::chrono::steady_clock;
  const auto start = clock_t::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      const std::string user = "bench-user-" + std::to_string(w);
      auto& lat = latencies[static_cast<std::size_t>(w)];
      while (clock_t::now() < deadline) {
        auto t0 = clock_t::now();
        if (!journal.create(user, in)) {
          failed = true;
          return;
        }
        lat.push_back(std::chrono::duration<double, std::milli>(clock_t::now() - t0).count());
      }
    });
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(clock_t::now() - start).count();
  if (failed) {
    std::fprintf(stderr, "a journal write failed\n");
    return 1;
  }
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))]; };
  const std::uint64_t commits = (*db)->commits() - commits_before;
  std::printf(
      "{\"journal_writes_per_s\":%.1f,\"journal_write_p50_ms\":%.2f,\"journal_write_p99_ms\":%.2f,"
      "\"writers\":%d,\"writes\":%zu,\"commits\":%llu}\n",
      static_cast<double>(all.size()) / elapsed, pct(0.50), pct(0.99), writers, all.size(),
      static_cast<unsigned long long>(commits));
  db->reset();
  if (argc <= 3) std::filesystem::remove_all(dir);
  return 0;
}
