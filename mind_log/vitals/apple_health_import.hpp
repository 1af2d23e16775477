#pragma once
// Importer for Apple Health's export.xml (Health app > Export All Health Data). Reads the
// <Record> elements of the types below into per-metric sample lists ready for ingestion:
//
//   HKQuantityTypeIdentifierHeartRate                  count/min -> heart_rate
//   HKQuantityTypeIdentifierHeartRateVariabilitySDNN   ms        -> hrv_sdnn
//   HKQuantityTypeIdentifierStepCount                  count     -> steps (at the interval start)
//   HKQuantityTypeIdentifierRespiratoryRate            count/min -> respiratory_rate
//   HKQuantityTypeIdentifierOxygenSaturation           % (0..1)  -> spo2 (percent)
//   HKQuantityTypeIdentifierAppleSleepingWristTemperature degC   -> skin_temperature
//   HKCategoryTypeIdentifierSleepAnalysis              intervals -> sleep_stage, one sample per
//       minute of the interval (Core/Unspecified 1, Deep 2, REM 3, Awake 0; InBed ignored)
//
// Timestamps are Apple's "2024-01-05 07:31:12 +0900". Samples come back sorted; when two
// records share a timestamp (a watch and a phone both counting steps) the first one in the
// file is kept and the others are counted in `duplicates`. Pure: the caller reads the file.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct HealthImport {
  std::map<std::string, std::vector<Sample>> series;  // metric -> samples in canonical units
  std::size_t records = 0;     // <Record> elements seen
  std::size_t skipped = 0;     // of types not imported
  std::size_t duplicates = 0;  // same metric and timestamp as an earlier record
};

// Error "invalid-export" 422 when a record of an imported type is malformed (names it).
platform::Result<HealthImport> import_apple_health(std::string_view xml);

}  // namespace mind_log::vitals
