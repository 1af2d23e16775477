#include "mind_log/vitals/apple_health_import.hpp"

#include <algorithm>
#include <charconv>

#include "mind_log/vitals/csv_samples.hpp"

namespace mind_log::vitals {
namespace {

struct Mapping {
  std::string_view type;
  std::string_view metric;
  double scale;  // canonical = value * scale
};

constexpr Mapping kQuantities[] = {
    {"HKQuantityTypeIdentifierHeartRate", "heart_rate", 1},
    {"HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "hrv_sdnn", 1},
    {"HKQuantityTypeIdentifierStepCount", "steps", 1},
    {"HKQuantityTypeIdentifierRespiratoryRate", "respiratory_rate", 1},
    {"HKQuantityTypeIdentifierOxygenSaturation", "spo2", 100},  // exported as a fraction
    {"HKQuantityTypeIdentifierAppleSleepingWristTemperature", "skin_temperature", 1},
};
constexpr std::string_view kSleep = "HKCategoryTypeIdentifierSleepAnalysis";

// The value of attribute `name` inside one start tag, or empty.
std::string_view attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool boundary = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\n' || tag[pos - 1] == '\t');
    std::size_t eq = pos + name.size();
    if (boundary && eq + 1 < tag.size() && tag[eq] == '=' && (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
      char quote = tag[eq + 1];
      std::size_t end = tag.find(quote, eq + 2);
      if (end == std::string_view::npos) return {};
      return tag.substr(eq + 2, end - eq - 2);
    }
    pos = eq;
  }
  return {};
}

int sleep_stage(std::string_view value) {
  if (value.ends_with("AsleepDeep")) return 2;
  if (value.ends_with("AsleepREM")) return 3;
  if (value.ends_with("AsleepCore") || value.ends_with("AsleepUnspecified") || value.ends_with("Asleep")) return 1;
  if (value.ends_with("Awake")) return 0;
  return -1;  // InBed and anything unknown: not a stage
}

}  // namespace

platform::Result<HealthImport> import_apple_health(std::string_view xml) {
  HealthImport out;
  std::size_t pos = 0;
  while ((pos = xml.find("<Record", pos)) != std::string_view::npos) {
    std::size_t end = xml.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string_view tag = xml.substr(pos, end - pos);
    pos = end;
    if (tag.size() > 7 && tag[7] != ' ' && tag[7] != '\n' && tag[7] != '\t') continue;  // <RecordX
    ++out.records;
    std::string_view type = attribute(tag, "type");
    auto bad = [&](const char* why) {
      return platform::fail("invalid-export", 422, "Malformed Apple Health record",
                            std::string(type) + " record #" + std::to_string(out.records) + ": " + why);
    };
    const Mapping* m = nullptr;
    for (const auto& q : kQuantities)
      if (q.type == type) m = &q;
    if (!m && type != kSleep) {
      ++out.skipped;
      continue;
    }
    auto start = parse_timestamp_ms(attribute(tag, "startDate"));
    if (!start) return bad("unreadable startDate");
    std::string_view value = attribute(tag, "value");
    if (m) {
      double v;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (value.empty() || ec != std::errc() || p != value.data() + value.size()) return bad("unreadable value");
      out.series[std::string(m->metric)].push_back({*start, v * m->scale});
      continue;
    }
    int stage = sleep_stage(value);
    if (stage < 0) {
      ++out.skipped;
      continue;
    }
    auto stop = parse_timestamp_ms(attribute(tag, "endDate"));
    if (!stop || *stop < *start) return bad("unreadable endDate");
    if (*stop - *start > 24 * 3'600'000LL) return bad("sleep interval longer than a day");
    auto& s = out.series["sleep_stage"];
    for (std::int64_t t = *start; t < *stop; t += 60'000) s.push_back({t, static_cast<double>(stage)});
  }
  for (auto& [metric, samples] : out.series) {
    std::stable_sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.t < b.t; });
    auto last = std::unique(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.t == b.t; });
    out.duplicates += static_cast<std::size_t>(samples.end() - last);
    samples.erase(last, samples.end());
  }
  return out;
}

}  // namespace mind_log::vitals
