// Vitals storage benchmark on a generated year (mind_log/bench/vitals_year.hpp):
//   1. bytes per point per metric as stored (sealed chunks, vault encryption included) against
//      the 16-byte raw point, Gorilla's published 1.37 and zstd -19 of the raw binary;
//   2. ingest points/s on one thread through the whole store: validation, head, sealing,
//      rollups, AES-256-GCM via the vault, SQLite commit per request (one request per hour);
//   3. the latency of a one-year, 1,000-bucket chart query (p50/p99 over repeated runs).
// Ends with one JSON line.
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "mind_log/bench/vitals_year.hpp"
#include "mind_log/vitals/chunk.hpp"
#include "mind_log/vitals/sqlite_chunk_store.hpp"
#include "mind_log/vitals/ephemeral_vault.hpp"
#include "mind_log/vitals/value_codec.hpp"
#include "mind_log/vitals/vitals_store.hpp"

using namespace mind_log;
using namespace mind_log::vitals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kStart = 1'735'689'600'000;  // 2025-01-01T00:00Z
constexpr std::int64_t kDay = 86'400'000;
constexpr double kGorilla = 1.37;
constexpr int kZstdDays = 14;
constexpr int kDurableDays = 7;

const char* kMetrics[] = {"heart_rate", "hrv_rmssd", "steps", "sleep_stage", "skin_temperature", "mood",
                          "emotion_valence"};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU time of this thread: what one core spent, independent of how many other processes share
// the machine (wall time is reported too).
double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double load_average() {
  double l[1] = {0};
  return getloadavg(l, 1) == 1 ? l[0] : -1;
}

std::string raw_binary(const std::vector<Sample>& s) {
  std::string out(s.size() * 16, '\0');
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::memcpy(&out[i * 16], &s[i].t, 8);
    std::memcpy(&out[i * 16 + 8], &s[i].v, 8);
  }
  return out;
}

double zstd19_bytes_per_point(const std::vector<Sample>& s) {
  std::string raw = raw_binary(s);
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), 19);
  if (ZSTD_isError(n)) std::abort();
  return static_cast<double>(n) / static_cast<double>(s.size());
}

// The codec alone on a slice, cut into chunks by the production policy.
double codec_bytes_per_point(const std::vector<Sample>& s, const SealPolicy& policy, bool with_vault_overhead) {
  SeriesHead head;
  head.merge(s);
  std::size_t bytes = 0;
  for (auto& chunk : head.take_all(policy)) bytes += encode_chunk(chunk).size() + (with_vault_overhead ? 68 : 0);
  return static_cast<double>(bytes) / static_cast<double>(s.size());
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct IngestRun {
  std::map<std::string, std::vector<Sample>> slice;  // the first kZstdDays days, for zstd
  std::map<std::string, std::size_t> points;
  std::size_t total = 0, requests = 0;
  double wall = 0, cpu = 0;  // inside ingest() only
};

// One request per hour with every metric's samples of that hour, as a phone uploads them;
// the year is generated a week at a time so generation does not interleave with the timing.
bool ingest_days(VitalsStore& store, platform::ManualClock& clock, int days, IngestRun& run, bool keep_slice) {
  bench::VitalsYear year(kStart, 20260101);
  for (int week = 0; week * 7 < days; ++week) {
    std::vector<bench::DayData> block;
    for (int d = week * 7; d < std::min(days, week * 7 + 7); ++d) block.push_back(year.day(d));
    for (std::size_t k = 0; k < block.size(); ++k) {
      const int d = week * 7 + static_cast<int>(k);
      bench::DayData& data = block[k];
      if (keep_slice && d < kZstdDays)
        for (auto& [m, s] : data) run.slice[m].insert(run.slice[m].end(), s.begin(), s.end());
      std::map<std::string, std::size_t> cursor;
      for (int h = 0; h < 24; ++h) {
        const std::int64_t hour_end = kStart + d * kDay + (h + 1) * 3'600'000LL;
        std::vector<SeriesBatch> batches;
        for (auto& [m, s] : data) {
          std::size_t& c = cursor[m];
          std::size_t e = c;
          while (e < s.size() && s[e].t < hour_end) ++e;
          if (e > c) batches.push_back({m, find_metric(m)->unit, std::span<const Sample>(s).subspan(c, e - c)});
          run.points[m] += e - c;
          run.total += e - c;
          c = e;
        }
        clock.set(hour_end + 30'000);  // the phone uploads half a minute after the hour
        auto t0 = Clock::now();
        double c0 = thread_cpu_seconds();
        auto r = store.ingest("bench-user", batches);
        run.cpu += thread_cpu_seconds() - c0;
        run.wall += seconds_since(t0);
        ++run.requests;
        if (!r) {
          std::fprintf(stderr, "ingest failed: %s %s\n", r.error().code.c_str(), r.error().detail.c_str());
          return false;
        }
      }
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int days = 365, query_runs = 200;
  long fuzz_execs = -1, fuzz_seconds = -1;
  bool baselines = true;  // --baselines 0 skips zstd (for profiling the ingest path)
  bool full_sync = false;  // --full-sync 1: fsync every request in the year run too
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    long v = std::atol(argv[i + 1]);
    if (a == "--days") days = static_cast<int>(v);
    else if (a == "--query-runs") query_runs = static_cast<int>(v);
    else if (a == "--fuzz-execs") fuzz_execs = v;
    else if (a == "--fuzz-seconds") fuzz_seconds = v;
    else if (a == "--baselines") baselines = v != 0;
    else if (a == "--full-sync") full_sync = v != 0;
    else {
      std::fprintf(stderr, "usage: vitals_bench [--days N] [--query-runs N] [--baselines 0/1] [--full-sync 0/1] [--fuzz-execs N --fuzz-seconds S]\n");
      return 2;
    }
  }
  if (days < kZstdDays) days = kZstdDays;

  auto dir = std::filesystem::temp_directory_path() / ("vitals-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  EphemeralVault vault;
  SealPolicy policy;
  auto open_db = [&](const char* name, bool full) {
    return SqliteChunkStore::open((dir / name).string(), full ? SqliteChunkStore::Durability::full
                                                             : SqliteChunkStore::Durability::process_crash);
  };
  auto db = open_db("vitals.db", full_sync);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().detail.c_str());
    return 1;
  }
  platform::ManualClock clock(kStart);
  VitalsStore store(**db, vault.sealer, clock, policy);
  std::printf("generating and ingesting %d days, one request per hour with every metric (%s)...\n", days,
              full_sync ? "fsync per request" : "synchronous=NORMAL");
  IngestRun run;
  if (!ingest_days(store, clock, days, run, true)) return 1;
  std::map<std::string, std::vector<Sample>>& slice = run.slice;
  std::map<std::string, std::size_t>& points = run.points;
  const std::size_t total_points = run.total, requests = run.requests;
  double ingest_s = run.wall, ingest_cpu_s = run.cpu;
  clock.advance(8 * kDay);  // let every head seal so the stored figures cover all points
  auto t0 = Clock::now();
  double c0 = thread_cpu_seconds();
  if (auto r = store.seal_idle(); !r) return 1;
  ingest_cpu_s += thread_cpu_seconds() - c0;
  ingest_s += seconds_since(t0);

  // The service fsyncs every request's commit; that costs the disk's flush latency per
  // request, which a short second run on a fresh database measures.
  IngestRun durable;
  {
    auto ddb = open_db("durable.db", true);
    if (!ddb) return 1;
    platform::ManualClock dclock(kStart);
    VitalsStore dstore(**ddb, vault.sealer, dclock, policy);
    if (!ingest_days(dstore, dclock, kDurableDays, durable, false)) return 1;
  }
  const double ingest_rate = static_cast<double>(total_points) / ingest_cpu_s;
  const double ingest_wall_rate = static_cast<double>(total_points) / ingest_s;

  std::printf("\n%-18s %12s %10s %10s %10s %10s %10s\n", "metric", "points", "stored", "codec14d", "zstd19_14d",
              "raw", "gorilla");
  double hr_bpp = 0, float_bpp = 0, hr_zstd = 0, float_zstd = 0;
  std::uint64_t rollup_bytes = 0, stored_bytes = 0;
  for (const char* m : kMetrics) {
    auto t = (*db)->totals("bench-user", m);
    if (!t || t->points != points[m]) {
      std::fprintf(stderr, "%s: stored %llu points, ingested %zu\n", m, t ? (unsigned long long)t->points : 0ULL,
                   points[m]);
      return 1;
    }
    double stored = static_cast<double>(t->chunk_bytes) / static_cast<double>(t->points);
    double codec = codec_bytes_per_point(slice[m], policy, false);
    double zstd = baselines ? zstd19_bytes_per_point(slice[m]) : 0;
    rollup_bytes += t->rollup_bytes;
    stored_bytes += t->chunk_bytes;
    std::printf("%-18s %12zu %10.3f %10.3f %10.3f %10.1f %10.2f\n", m, points[m], stored, codec, zstd, 16.0, kGorilla);
    if (std::string(m) == "heart_rate") hr_bpp = stored, hr_zstd = zstd;
    if (std::string(m) == "skin_temperature") float_bpp = stored, float_zstd = zstd;
  }
  std::printf("(stored = sealed chunks as kept in SQLite incl. 68-byte vault header+tag per chunk; codec14d and\n"
              " zstd19_14d = the first %d days, codec without encryption vs ZSTD level 19 of 16-byte points)\n",
              kZstdDays);
  std::printf("rollups (1m/1h/1d, sealed): %.1f MiB; raw chunks: %.1f MiB; %zu requests\n",
              static_cast<double>(rollup_bytes) / 1048576.0, static_cast<double>(stored_bytes) / 1048576.0, requests);

  // The float path without its decimal form: the same temperatures through XOR only, and
  // full-precision doubles (what a calibrated float pipeline emits) to show where XOR lands.
  {
    std::vector<double> temps;
    for (auto& s : slice["skin_temperature"]) temps.push_back(s.v);
    std::string xor_bytes;
    encode_xor(temps, xor_bytes);
    std::vector<Sample> noisy = slice["skin_temperature"];
    for (std::size_t i = 0; i < noisy.size(); ++i) noisy[i].v += 0.001 * std::sin(static_cast<double>(i) * 0.7);
    std::printf("skin_temperature via XOR only: %.3f B/pt; full-precision doubles: codec %.3f B/pt, zstd19 %.3f B/pt\n",
                static_cast<double>(xor_bytes.size()) / static_cast<double>(temps.size()),
                codec_bytes_per_point(noisy, policy, false), baselines ? zstd19_bytes_per_point(noisy) : 0);
  }

  // Codec throughput alone and with the vault, on full heart-rate chunks.
  double encode_rate = 0, seal_rate = 0, decode_rate = 0;
  {
    const std::size_t kChunk = policy.chunk_points;
    const auto& hr = slice["heart_rate"];
    std::size_t n = 0;
    auto t = Clock::now();
    std::size_t sink = 0;
    for (std::size_t i = 0; i + kChunk <= hr.size(); i += kChunk, n += kChunk) sink += encode_chunk(std::span(hr).subspan(i, kChunk)).size();
    encode_rate = static_cast<double>(n) / seconds_since(t);
    n = 0;
    t = Clock::now();
    for (std::size_t i = 0; i + kChunk <= hr.size(); i += kChunk, n += kChunk) {
      auto sealed = vault.sealer.seal("bench-user", "heart_rate/c/x", encode_chunk(std::span(hr).subspan(i, kChunk)));
      sink += sealed->size();
    }
    seal_rate = static_cast<double>(n) / seconds_since(t);
    std::string one = encode_chunk(std::span(hr).subspan(0, kChunk));
    n = 0;
    t = Clock::now();
    for (int k = 0; k < 100; ++k, n += kChunk) sink += decode_chunk(one)->samples.size();
    decode_rate = static_cast<double>(n) / seconds_since(t);
    if (sink == 42) std::printf(" ");
  }
  std::printf("\ningest through the store, one thread, encryption + SQLite (%s): %.2f M points per CPU-second "
              "(%zu points, %.2f s CPU); %.2f M points per wall-second (%.2f s) at load average %.1f\n",
              full_sync ? "fsync per request" : "synchronous=NORMAL", ingest_rate / 1e6, total_points, ingest_cpu_s,
              ingest_wall_rate / 1e6, ingest_s, load_average());
  const double durable_wall_rate = static_cast<double>(durable.total) / durable.wall;
  const double durable_request_ms = durable.wall * 1000 / static_cast<double>(durable.requests);
  std::printf("durable ingest (fsync per request, as the service runs; %d days): %.2f M points per wall-second, "
              "%.2f ms per request, %.2f M points per CPU-second\n",
              kDurableDays, durable_wall_rate / 1e6, durable_request_ms, static_cast<double>(durable.total) / durable.cpu / 1e6);
  std::printf("codec encode: %.1f M points/s; encode+vault seal: %.1f M points/s; decode: %.1f M points/s\n",
              encode_rate / 1e6, seal_rate / 1e6, decode_rate / 1e6);

  // Chart queries: the whole year at 1,000 buckets (rollups), and one hour at 1,000 (raw).
  std::vector<double> year_ms, year_cpu_ms, hour_ms;
  const std::int64_t year_end = kStart + days * kDay;
  std::size_t buckets = 0;
  const char* resolution = "";
  for (int i = 0; i < query_runs; ++i) {
    auto t = Clock::now();
    double c = thread_cpu_seconds();
    auto r = store.range("bench-user", "heart_rate", kStart, year_end, 1000);
    year_cpu_ms.push_back((thread_cpu_seconds() - c) * 1000);
    year_ms.push_back(seconds_since(t) * 1000);
    if (!r) return 1;
    buckets = r->buckets.size();
    resolution = r->plan.resolution();
    t = Clock::now();
    std::int64_t hour = kStart + (i % days) * kDay + (i % 24) * 3'600'000LL;
    auto d = store.range("bench-user", "heart_rate", hour, hour + 3'600'000, 1000);
    hour_ms.push_back(seconds_since(t) * 1000);
    if (!d || d->plan.tier) return 1;
  }
  double p50 = percentile(year_ms, 0.5), p99 = percentile(year_ms, 0.99);
  std::printf("year chart (%d days -> %zu buckets from %s rollups): p50 %.2f ms, p99 %.2f ms over %d runs "
              "(CPU time p99 %.2f ms; load average %.1f)\n",
              days, buckets, resolution, p50, p99, query_runs, percentile(year_cpu_ms, 0.99), load_average());
  std::printf("hour chart (raw chunks decrypted and decoded -> 1000 buckets): p50 %.2f ms, p99 %.2f ms\n",
              percentile(hour_ms, 0.5), percentile(hour_ms, 0.99));

  std::filesystem::remove_all(dir);
  std::printf("{\"heart_rate_bytes_per_point\":%.4f,\"float_bytes_per_point\":%.4f,\"zstd_bytes_per_point\":%.4f,"
              "\"float_zstd_bytes_per_point\":%.4f,\"raw_bytes_per_point\":16,\"gorilla_bytes_per_point\":%.2f,"
              "\"ingest_points_per_s\":%.0f,\"ingest_points_per_wall_s\":%.0f,\"load_average\":%.1f,\"codec_encode_points_per_s\":%.0f,\"year_query_p50_ms\":%.3f,"
              "\"year_query_p99_ms\":%.3f,\"year_query_p99_cpu_ms\":%.3f,\"full_sync\":%s,\"durable_ingest_points_per_wall_s\":%.0f,\"durable_request_ms\":%.2f,\"days\":%d,\"points\":%zu,\"fuzz_execs\":%ld,\"fuzz_seconds\":%ld}\n",
              hr_bpp, float_bpp, hr_zstd, float_zstd, kGorilla, ingest_rate, ingest_wall_rate, load_average(), encode_rate, p50, p99, percentile(year_cpu_ms, 0.99), full_sync ? "true" : "false", durable_wall_rate, durable_request_ms, days, total_points,
              fuzz_execs, fuzz_seconds);
  return 0;
}
