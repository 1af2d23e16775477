#pragma once
// What the two gate benches share: one event on sale now, bearer tokens for numbered accounts,
// and gate options that measure the join path itself.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/service/gate_test_support.hpp"

namespace traffic_master::service::gate_bench {

inline void add_bench_event(gate_testing::FixedSchedules& schedules, const platform::Clock& clock) {
  schedules.add({"bench", "Bench event", clock.now_ms() - 1000, clock.now_ms() + 3'600'000});
}

inline std::string account_token(const platform::auth::TokenSigner& signer, const platform::Clock& clock, int i) {
  return signer.sign({{"sub", "acct-" + std::to_string(i)}}, clock.now_ms(), 3'600'000);
}

inline GateOptions bench_options(const std::string& data_dir_prefix) {
  GateOptions o;
  o.data_dir = std::filesystem::temp_directory_path() / (data_dir_prefix + std::to_string(::getpid()));
  o.admission_key = platform::crypto::random_bytes(32);
  o.pow_key = platform::crypto::random_bytes(32);
  // Load generators cannot solve puzzles; pow_verify_per_s is measured separately.
  o.pow_base_bits = 0;
  // Every request comes from 127.0.0.1: the bench measures the join path, not the shield's
  // per-IP limit, and keeps the join difficulty at the (disabled) base although the shield
  // rightly finds one address with thousands of accounts suspicious.
  o.policy.per_ip = o.policy.per_account = o.policy.per_device = {1e9, 1e9};
  o.policy.pow.suspicion_bits = 0;
  o.policy.pow.load_bits = 0;
  o.room.controller.initial_per_minute = 600;
  return o;
}

}  // namespace traffic_master::service::gate_bench
