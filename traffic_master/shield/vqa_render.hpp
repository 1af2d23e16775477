#pragma once
// Draws a VQA scene to a PNG in memory with cairo (no files). Noise is part of the picture:
// a random background gradient, a slight global skew, jittered outlines and shades, clutter
// curves and speckle - harmless to a person, costly for a template matcher. Thread-safe: each
// call owns its own cairo surface.
#include <string>

#include "traffic_master/shield/vqa_scene.hpp"

namespace traffic_master::shield {

std::string render_scene_png(const Scene& scene);

}  // namespace traffic_master::shield
