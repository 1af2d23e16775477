#include "traffic_master/queue/shuffle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <sstream>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"
#include "traffic_master/queue/verify_shuffle.hpp"

using namespace traffic_master::queue;

namespace {

std::vector<std::string> receipts(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("r" + std::to_string(i));
  return out;
}

std::string seed_for(int trial) { return platform::crypto::sha256("seed-" + std::to_string(trial)); }

double chi_square(const std::map<std::vector<std::size_t>, int>& counts, int cells, double expected) {
  double chi = 0;
  int seen = 0;
  for (const auto& [perm, c] : counts) {
    chi += (c - expected) * (c - expected) / expected;
    ++seen;
  }
  chi += (cells - seen) * expected;  // cells never hit contribute (0 - e)^2 / e
  return chi;
}

// Critical value of chi-square with 23 degrees of freedom at p = 0.001.
constexpr double kChi23At001 = 49.73;

}  // namespace

TEST(Shuffle, EveryPermutationOfFourIsEquallyLikely) {
  const int trials = 24 * 400;
  std::map<std::vector<std::size_t>, int> counts;
  auto entries = receipts(4);
  for (int t = 0; t < trials; ++t) ++counts[shuffle_order(seed_for(t), entries)];
  EXPECT_EQ(counts.size(), 24u);
  EXPECT_LT(chi_square(counts, 24, trials / 24.0), kChi23At001);
}

TEST(Shuffle, ChiSquareTestDetectsTheClassicBiasedShuffle) {
  // Guards the statistical test itself: the "swap with any index" mistake must be caught.
  const int trials = 24 * 400;
  std::map<std::vector<std::size_t>, int> counts;
  std::mt19937_64 rng(7);
  for (int t = 0; t < trials; ++t) {
    std::vector<std::size_t> order{0, 1, 2, 3};
    for (std::size_t i = 0; i < 4; ++i) std::swap(order[i], order[rng() % 4]);
    ++counts[order];
  }
  EXPECT_GT(chi_square(counts, 24, trials / 24.0), kChi23At001);
}

TEST(Shuffle, EachEntryIsEquallyLikelyInEachPlace) {
  const int n = 10, trials = 5000;
  std::vector<std::vector<int>> at(n, std::vector<int>(n, 0));
  auto entries = receipts(n);
  for (int t = 0; t < trials; ++t) {
    auto order = shuffle_order(seed_for(100'000 + t), entries);
    for (int k = 0; k < n; ++k) ++at[order[static_cast<std::size_t>(k)]][static_cast<std::size_t>(k)];
  }
  double expected = trials / double(n), chi = 0;
  for (auto& row : at)
    for (int c : row) chi += (c - expected) * (c - expected) / expected;
  // 81 degrees of freedom, p = 0.001.
  EXPECT_LT(chi, 124.8);
  // Early arrival gives no edge: entry 0 (first to join) is first about 1/n of the time.
  EXPECT_NEAR(at[0][0] / double(trials), 0.1, 0.03);
}

TEST(Shuffle, OrderIsAPermutationAndDependsOnSeedAndList) {
  auto entries = receipts(50);
  auto a = shuffle_order(seed_for(1), entries);
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_EQ(a, shuffle_order(seed_for(1), entries));
  EXPECT_NE(a, shuffle_order(seed_for(2), entries));
  auto more = entries;
  more.push_back("late");
  auto b = shuffle_order(seed_for(1), more);
  EXPECT_NE(std::vector<std::size_t>(b.begin(), b.begin() + 50), a);
  EXPECT_TRUE(shuffle_order(seed_for(1), {}).empty());
}

TEST(Shuffle, KnownAnswerVectorForThirdPartyImplementations) {
  // Documented in docs/waiting-room.md; an independent implementation must reproduce it.
  std::string seed(32, '\0');
  for (int i = 0; i < 32; ++i) seed[static_cast<std::size_t>(i)] = static_cast<char>(i);
  EXPECT_EQ(shuffle_commitment(seed), "edf8d5d8e6c4952142e7b1fd067785dbdf56ea5868382ec9791d35b6d595d597");
  std::vector<std::string> entries{"a", "b", "c", "d", "e"};
  std::string placed;
  for (auto i : shuffle_order(seed, entries)) placed += entries[i];
  EXPECT_EQ(placed, "cedab");
}

TEST(VerifyShuffle, AcceptsThePublishedRecordAndRejectsTampering) {
  auto seed = seed_for(42);
  ShuffleRecord r;
  r.event_id = "ev1";
  r.commitment_hex = shuffle_commitment(seed);
  r.seed_hex = platform::hex_encode(seed);
  r.entries = receipts(20);
  for (auto i : shuffle_order(seed, r.entries)) r.order.push_back(r.entries[i]);
  EXPECT_TRUE(verify_shuffle(r));

  auto swapped = r;
  std::swap(swapped.order[0], swapped.order[1]);
  EXPECT_EQ(verify_shuffle(swapped).error().code, "shuffle-order-mismatch");

  auto other_seed = r;
  other_seed.seed_hex = platform::hex_encode(seed_for(43));
  EXPECT_EQ(verify_shuffle(other_seed).error().code, "shuffle-commitment-mismatch");

  auto dropped = r;
  dropped.entries.pop_back();
  EXPECT_EQ(verify_shuffle(dropped).error().code, "shuffle-order-mismatch");

  auto bad_hex = r;
  bad_hex.seed_hex = "zz";
  EXPECT_EQ(verify_shuffle(bad_hex).error().code, "shuffle-seed-malformed");
}

TEST(VerifyShuffle, CommandReadsJsonAndReportsExitStatus) {
  auto seed = seed_for(5);
  ShuffleRecord r;
  r.event_id = "ev9";
  r.commitment_hex = shuffle_commitment(seed);
  r.seed_hex = platform::hex_encode(seed);
  r.entries = receipts(7);
  for (auto i : shuffle_order(seed, r.entries)) r.order.push_back(r.entries[i]);
  std::ostringstream out, err;
  std::istringstream good(boost::json::serialize(shuffle_record_to_json(r)));
  EXPECT_EQ(run_verify_shuffle({"-"}, good, out, err), 0);
  EXPECT_NE(out.str().find("OK event ev9"), std::string::npos);

  std::swap(r.order[2], r.order[3]);
  std::istringstream bad(boost::json::serialize(shuffle_record_to_json(r)));
  EXPECT_EQ(run_verify_shuffle({"-"}, bad, out, err), 1);

  std::istringstream garbage("{not json");
  EXPECT_EQ(run_verify_shuffle({"-"}, garbage, out, err), 2);
  std::istringstream missing(R"({"event_id":"x"})");
  EXPECT_EQ(run_verify_shuffle({"-"}, missing, out, err), 2);
}
