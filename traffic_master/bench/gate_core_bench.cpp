// gate_core_bench: the parts of `./dev bench gate` that need no HTTP, on one core:
// proof-of-work verifications per second (valid, distinct solutions, so every one runs the
// full check: MAC, expiry, digest, single-use insert) and VQA images generated per second
// (scene + question + cairo PNG).
//   gate_core_bench [--seconds S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "platform/crypto/primitives.hpp"
#include "traffic_master/shield/pow.hpp"
#include "traffic_master/shield/vqa_challenges.hpp"
#include "traffic_master/shield/vqa_render.hpp"
#include "traffic_master/shield/vqa_scene.hpp"

using namespace traffic_master::shield;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  double seconds = 2.0;
  if (argc == 3 && std::string(argv[1]) == "--seconds") seconds = std::atof(argv[2]);
  const platform::Millis now = 1'700'000'000'000;

  // Proof of work: solve a pool up front (at low difficulty: verification cost does not
  // depend on it), then verify each once.
  ProofOfWork pow(platform::crypto::random_bytes(32), PowConfig{});
  std::vector<std::pair<std::string, std::string>> solved;
  const int pool = 200'000;
  solved.reserve(pool);
  for (int i = 0; i < pool; ++i) {
    auto c = pow.issue("bench-subject", 4, platform::crypto::random_bytes(16), now);
    solved.emplace_back(c, pow_solve(c, 4));
  }
  auto t0 = Clock::now();
  std::size_t verified = 0;
  for (const auto& [c, counter] : solved) {
    if (!pow.verify(c, counter, "bench-subject", now + 1)) return 1;  // every solution is valid
    ++verified;
  }
  double pow_s = std::chrono::duration<double>(Clock::now() - t0).count();
  double pow_rate = static_cast<double>(verified) / pow_s;
  std::printf("pow verifications: %zu in %.3f s = %.0f per second (one core)\n", verified, pow_s, pow_rate);

  // VQA: full challenge issue with rendering, many subjects so rate limits do not interfere.
  VqaChallenges vqa({}, [](std::size_t n) { return platform::crypto::random_bytes(n); });
  std::size_t images = 0, bytes = 0;
  t0 = Clock::now();
  double vqa_s = 0;
  while ((vqa_s = std::chrono::duration<double>(Clock::now() - t0).count()) < seconds) {
    auto c = vqa.issue("subject-" + std::to_string(images), images % 2 ? Lang::ko : Lang::en, false, now);
    if (!c || c->png.empty()) return 1;
    bytes += c->png.size();
    ++images;
  }
  double vqa_rate = static_cast<double>(images) / vqa_s;
  std::printf("vqa images: %zu in %.2f s = %.1f per second (one core), average PNG %.1f KiB\n", images, vqa_s,
              vqa_rate, static_cast<double>(bytes) / static_cast<double>(images) / 1024.0);
  std::printf("{\"pow_verify_per_s\": %.0f, \"vqa_images_per_s\": %.1f}\n", pow_rate, vqa_rate);
  return 0;
}
