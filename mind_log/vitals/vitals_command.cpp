#include "mind_log/vitals/vitals_command.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "mind_log/vitals/csv_samples.hpp"
#include "mind_log/vitals/ephemeral_vault.hpp"
#include "mind_log/vitals/ingest_validation.hpp"
#include "mind_log/vitals/series_head.hpp"
#include "mind_log/vitals/vitals_store.hpp"

namespace mind_log::vitals {
namespace {

constexpr const char* kUsage =
    "usage: mind-log vitals stats --metric NAME [--unit UNIT] FILE.csv\n"
    "       mind-log vitals metrics\n";

int fail(const platform::Error& e) {
  std::fprintf(stderr, "mind-log vitals: %s (%s)%s%s\n", e.title.c_str(), e.code.c_str(), e.detail.empty() ? "" : ": ",
               e.detail.c_str());
  return 1;
}

int metrics() {
  boost::json::array out;
  for (const MetricInfo& m : all_metrics()) {
    boost::json::array units{boost::json::string(m.unit)};
    for (const UnitAlias& a : m.aliases) units.emplace_back(boost::json::string(a.name));
    out.push_back(boost::json::object{{"name", m.name},
                                      {"unit", m.unit},
                                      {"accepted_units", units},
                                      {"min", m.min},
                                      {"max", m.max},
                                      {"resolution_decimals", m.kind == MetricKind::real ? -1 : m.decimals}});
  }
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

int stats(const std::vector<std::string>& args) {
  std::string metric, unit, file;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--metric" && i + 1 < args.size()) metric = args[++i];
    else if (args[i] == "--unit" && i + 1 < args.size()) unit = args[++i];
    else if (!args[i].starts_with("--") && file.empty()) file = args[i];
    else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (metric.empty() || file.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const MetricInfo* info = find_metric(metric);
  if (!info) return fail({"unknown-metric", 422, "Unknown metric", metric + " (see: mind-log vitals metrics)"});
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail({"file-unreadable", 400, "Cannot read the file", file});
  std::stringstream text;
  text << in.rdbuf();
  auto rows = parse_samples_csv(text.str());
  if (!rows) return fail(rows.error());
  // Exports are not always in time order; the store needs order within a batch.
  std::stable_sort(rows->begin(), rows->end(), [](const Sample& a, const Sample& b) { return a.t < b.t; });
  IngestLimits limits;
  limits.max_batch_samples = rows->size() + 1;
  platform::SystemClock clock;
  auto valid = validate_batch(metric, unit.empty() ? info->unit : unit, *rows, clock.now_ms(), limits);
  if (!valid) return fail(valid.error());

  SealPolicy policy;
  SeriesHead head;
  head.merge(valid->samples);
  EphemeralVault vault;
  std::size_t codec_bytes = 0, sealed_bytes = 0, chunks = 0, decimal = 0, xor_float = 0;
  for (const auto& chunk : head.take_all(policy)) {
    std::string bytes = encode_chunk(chunk);
    (bytes[3] == 0 ? decimal : xor_float) += 1;
    auto sealed = vault.sealer.seal("stats", chunk_record_id(metric, static_cast<std::int64_t>(chunks)), bytes);
    if (!sealed) return fail(sealed.error());
    codec_bytes += bytes.size();
    sealed_bytes += sealed->size();
    ++chunks;
  }
  const double n = static_cast<double>(valid->samples.size());
  boost::json::object out{
      {"metric", metric},
      {"points", valid->samples.size()},
      {"duplicates_dropped", rows->size() - valid->samples.size()},
      {"chunks", chunks},
      {"bytes", sealed_bytes},
      {"bytes_per_point", static_cast<double>(sealed_bytes) / n},
      {"codec_bytes_per_point", static_cast<double>(codec_bytes) / n},
      {"raw_bytes_per_point", 16},
      {"compression_ratio", 16.0 * n / static_cast<double>(sealed_bytes)},
      {"chunks_decimal", decimal},
      {"chunks_xor", xor_float},
      {"first_ms", valid->samples.front().t},
      {"last_ms", valid->samples.back().t},
  };
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

}  // namespace

std::optional<int> run_vitals_command(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "vitals") return std::nullopt;
  if (args.size() >= 2 && args[1] == "stats") return stats(args);
  if (args.size() == 2 && args[1] == "metrics") return metrics();
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace mind_log::vitals
