#include "traffic_master/tickets/qr_image.hpp"

#include <cairo.h>
#include <qrencode.h>

namespace traffic_master::tickets {
namespace {

constexpr int kQuiet = 4;

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<QrMatrix> qr_encode(std::string_view text) {
  std::string s(text);
  QRcode* code = QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M);
  if (!code) return std::nullopt;
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
  for (int i = 0; i < m.size * m.size; ++i) m.dark[i] = (code->data[i] & 1) ? 1 : 0;
  QRcode_free(code);
  return m;
}

std::string qr_png(const QrMatrix& m, int module_px) {
  int side = (m.size + 2 * kQuiet) * module_px;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x)
      if (m.dark[static_cast<std::size_t>(y) * m.size + x])
        cairo_rectangle(cr, (x + kQuiet) * module_px, (y + kQuiet) * module_px, module_px, module_px);
  cairo_fill(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, append_png, &png);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return png;
}

std::string qr_svg(const QrMatrix& m) {
  int side = m.size + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x)
      if (m.dark[static_cast<std::size_t>(y) * m.size + x])
        path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
         std::to_string(side) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace traffic_master::tickets
