#include "crypto/qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace tafel::crypto {

Result<std::string> qr_svg(std::string_view text) {
  std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return fail("qr_error", "the text does not fit in a QR code");
  const int quiet = 4;
  const int width = code->width;
  const int size = width + 2 * quiet;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
                    std::to_string(size) + "\" width=\"" + std::to_string(size * 6) + "\" height=\"" +
                    std::to_string(size * 6) + "\" shape-rendering=\"crispEdges\" role=\"img\">" +
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (code->data[y * width + x] & 1) {
        svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace tafel::crypto
