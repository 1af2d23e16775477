#include "traffic_master/shield/vqa_render.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace traffic_master::shield {
namespace {

struct Rgb {
  double r, g, b;
};

// Base colours chosen to stay distinct for common colour-vision deficiencies as far as six
// hues allow (shape and size questions remain answerable regardless).
Rgb base_colour(Colour c) {
  switch (c) {
    case Colour::red: return {0.85, 0.12, 0.12};
    case Colour::blue: return {0.12, 0.32, 0.88};
    case Colour::green: return {0.10, 0.62, 0.20};
    case Colour::yellow: return {0.96, 0.84, 0.10};
    case Colour::purple: return {0.56, 0.20, 0.72};
    case Colour::orange: return {0.98, 0.52, 0.05};
  }
  return {0, 0, 0};
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void polygon(cairo_t* cr, SceneRng& rng, const SceneObject& o, int points, double inner_ratio, double phase) {
  int vertices = inner_ratio > 0 ? points * 2 : points;
  for (int i = 0; i < vertices; ++i) {
    double r = (inner_ratio > 0 && i % 2) ? o.radius * inner_ratio : o.radius;
    r *= rng.uniform(0.93, 1.07);  // outline jitter
    double angle = phase + o.rotation + 2 * M_PI * i / vertices;
    double px = o.x + r * std::cos(angle), py = o.y + r * std::sin(angle);
    if (i == 0) cairo_move_to(cr, px, py);
    else cairo_line_to(cr, px, py);
  }
  cairo_close_path(cr);
}

void shape_path(cairo_t* cr, SceneRng& rng, const SceneObject& o) {
  switch (o.shape) {
    case Shape::circle:
      cairo_save(cr);
      cairo_translate(cr, o.x, o.y);
      cairo_scale(cr, rng.uniform(0.92, 1.08), rng.uniform(0.92, 1.08));
      cairo_arc(cr, 0, 0, o.radius, 0, 2 * M_PI);
      cairo_restore(cr);
      break;
    case Shape::square: polygon(cr, rng, o, 4, 0, M_PI / 4); break;
    case Shape::triangle: polygon(cr, rng, o, 3, 0, -M_PI / 2); break;
    case Shape::star: polygon(cr, rng, o, 5, 0.45, -M_PI / 2); break;
    case Shape::diamond:
      // A diamond is a square standing on a corner, drawn narrower so it never reads as one.
      cairo_save(cr);
      cairo_translate(cr, o.x, o.y);
      cairo_scale(cr, 0.72, 1.0);
      cairo_translate(cr, -o.x, -o.y);
      polygon(cr, rng, SceneObject{o.shape, o.colour, o.x, o.y, o.radius, 0, o.large}, 4, 0, 0);
      cairo_restore(cr);
      break;
  }
}

}  // namespace

std::string render_scene_png(const Scene& scene) {
  SceneRng rng(scene.noise_seed);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, scene.width, scene.height), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> ctx(cairo_create(surface.get()), cairo_destroy);
  cairo_t* cr = ctx.get();

  // Background: a light two-stop gradient in a random direction.
  {
    std::unique_ptr<cairo_pattern_t, decltype(&cairo_pattern_destroy)> bg(
        cairo_pattern_create_linear(rng.uniform(0, scene.width), 0, rng.uniform(0, scene.width), scene.height),
        cairo_pattern_destroy);
    cairo_pattern_add_color_stop_rgb(bg.get(), 0, rng.uniform(0.88, 1), rng.uniform(0.88, 1), rng.uniform(0.88, 1));
    cairo_pattern_add_color_stop_rgb(bg.get(), 1, rng.uniform(0.85, 0.98), rng.uniform(0.85, 0.98), rng.uniform(0.85, 0.98));
    cairo_set_source(cr, bg.get());
    cairo_paint(cr);
  }

  // Slight global skew about the centre: positions stay unambiguous (questions keep a 15 px
  // margin) while pixel coordinates no longer match the scene's.
  cairo_matrix_t skew;
  double sx = rng.uniform(-0.04, 0.04), sy = rng.uniform(-0.04, 0.04);
  cairo_matrix_init(&skew, 1, sy, sx, 1, -sx * scene.height / 2, -sy * scene.width / 2);
  cairo_transform(cr, &skew);

  // Clutter curves behind the shapes.
  for (int i = 0; i < 10; ++i) {
    cairo_move_to(cr, rng.uniform(0, scene.width), rng.uniform(0, scene.height));
    cairo_curve_to(cr, rng.uniform(0, scene.width), rng.uniform(0, scene.height), rng.uniform(0, scene.width),
                   rng.uniform(0, scene.height), rng.uniform(0, scene.width), rng.uniform(0, scene.height));
    double grey = rng.uniform(0.45, 0.8);
    cairo_set_source_rgba(cr, grey, grey, grey, 0.7);
    cairo_set_line_width(cr, rng.uniform(0.8, 2.2));
    cairo_stroke(cr);
  }

  for (const auto& o : scene.objects) {
    auto c = base_colour(o.colour);
    double shade = rng.uniform(-0.06, 0.06);
    shape_path(cr, rng, o);
    cairo_set_source_rgb(cr, std::clamp(c.r + shade, 0.0, 1.0), std::clamp(c.g + shade, 0.0, 1.0),
                         std::clamp(c.b + shade, 0.0, 1.0));
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, rng.uniform(0.4, 0.9));
    cairo_set_line_width(cr, rng.uniform(1.0, 2.5));
    cairo_stroke(cr);
  }

  // Thin clutter over the shapes and speckle.
  for (int i = 0; i < 4; ++i) {
    cairo_move_to(cr, rng.uniform(0, scene.width), rng.uniform(0, scene.height));
    cairo_line_to(cr, rng.uniform(0, scene.width), rng.uniform(0, scene.height));
    cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, 0.35);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
  }
  // Speckle in a few grey levels, one path (and one fill) per level: per-dot fills cost
  // more than the rest of the picture together.
  for (int level = 0; level < 4; ++level) {
    for (int i = 0; i < 100; ++i)
      cairo_rectangle(cr, rng.uniform(0, scene.width), rng.uniform(0, scene.height), 1.2, 1.2);
    double grey = 0.2 + 0.2 * level + rng.uniform(0, 0.1);
    cairo_set_source_rgba(cr, grey, grey, grey, 0.6);
    cairo_fill(cr);
  }

  cairo_surface_flush(surface.get());
  std::string png;
  // Failing to encode an in-memory image means cairo itself is broken.
  if (cairo_surface_write_to_png_stream(surface.get(), append_png, &png) != CAIRO_STATUS_SUCCESS) std::abort();
  return png;
}

}  // namespace traffic_master::shield
