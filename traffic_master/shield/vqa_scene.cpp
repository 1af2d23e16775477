#include "traffic_master/shield/vqa_scene.hpp"

#include <cmath>

namespace traffic_master::shield {

std::uint64_t SceneRng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double SceneRng::uniform(double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

int SceneRng::below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

Scene random_scene(std::uint64_t seed) {
  SceneRng rng(seed);
  Scene scene;
  scene.noise_seed = rng.next();
  int wanted = 7 + rng.below(7);
  // Rejection sampling for non-overlapping positions; gives up on an object after a bounded
  // number of tries so a crowded draw cannot loop forever.
  for (int i = 0; i < wanted; ++i) {
    for (int attempt = 0; attempt < 60; ++attempt) {
      SceneObject o;
      o.large = rng.chance(0.35);
      o.radius = o.large ? rng.uniform(26, 32) : rng.uniform(14, 19);
      o.x = rng.uniform(o.radius + 8, scene.width - o.radius - 8);
      o.y = rng.uniform(o.radius + 8, scene.height - o.radius - 8);
      bool clear = true;
      for (const auto& other : scene.objects) {
        if (std::hypot(o.x - other.x, o.y - other.y) < o.radius + other.radius + 10) {
          clear = false;
          break;
        }
      }
      if (!clear) continue;
      o.shape = static_cast<Shape>(rng.below(kShapeCount));
      o.colour = static_cast<Colour>(rng.below(kColourCount));
      o.rotation = rng.uniform(-0.5, 0.5);
      scene.objects.push_back(o);
      break;
    }
  }
  return scene;
}

std::string_view shape_name_en(Shape s) {
  static constexpr std::string_view names[] = {"circle", "square", "triangle", "star", "diamond"};
  return names[static_cast<int>(s)];
}
std::string_view shape_name_ko(Shape s) {
  static constexpr std::string_view names[] = {"원", "사각형", "삼각형", "별", "마름모"};
  return names[static_cast<int>(s)];
}
std::string_view colour_name_en(Colour c) {
  static constexpr std::string_view names[] = {"red", "blue", "green", "yellow", "purple", "orange"};
  return names[static_cast<int>(c)];
}
std::string_view colour_name_ko(Colour c) {
  static constexpr std::string_view names[] = {"빨간", "파란", "초록", "노란", "보라색", "주황색"};
  return names[static_cast<int>(c)];
}

}  // namespace traffic_master::shield
