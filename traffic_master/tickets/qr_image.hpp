#pragma once
// QR images of ticket codes (libqrencode), as PNG (rendered with cairo into memory) and SVG.
// Pure functions; thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace traffic_master::tickets {

struct QrMatrix {
  int size = 0;              // modules per side
  std::string dark;          // size*size bytes, 1 = dark module
};

std::optional<QrMatrix> qr_encode(std::string_view text);  // error correction level M
// module_px pixels per module, 4-module quiet zone.
std::string qr_png(const QrMatrix& m, int module_px = 6);
std::string qr_svg(const QrMatrix& m);

}  // namespace traffic_master::tickets
