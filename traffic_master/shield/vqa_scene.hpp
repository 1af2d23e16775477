#pragma once
// VQA challenge scenes: a random arrangement of coloured shapes, plus the drawing noise the
// renderer applies. Pure: everything comes from a 64-bit seed the caller draws from the
// CSPRNG, so the same seed always yields the same scene (tests) and no seed is guessable.
#include <cstdint>
#include <string_view>
#include <vector>

namespace traffic_master::shield {

enum class Shape { circle, square, triangle, star, diamond };
enum class Colour { red, blue, green, yellow, purple, orange };
inline constexpr int kShapeCount = 5;
inline constexpr int kColourCount = 6;

struct SceneObject {
  Shape shape;
  Colour colour;
  double x, y;       // centre, pixels
  double radius;     // pixels
  double rotation;   // radians
  bool large;
};

struct Scene {
  int width = 400;
  int height = 260;
  std::vector<SceneObject> objects;
  std::uint64_t noise_seed = 0;  // drives distortion, clutter lines and speckle
};

// SplitMix64: small, fast, good enough to lay out a picture (secrecy comes from the seed).
class SceneRng {
 public:
  explicit SceneRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform(double lo, double hi);  // [lo, hi)
  int below(int n);                      // [0, n)
  bool chance(double p) { return uniform(0, 1) < p; }

 private:
  std::uint64_t state_;
};

// 7 to 13 objects, none overlapping, kept clear of the border.
Scene random_scene(std::uint64_t seed);

std::string_view shape_name_en(Shape s);
std::string_view shape_name_ko(Shape s);
std::string_view colour_name_en(Colour c);
std::string_view colour_name_ko(Colour c);

}  // namespace traffic_master::shield
