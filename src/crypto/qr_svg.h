#pragma once
// The QR code of a TOTP enrolment URI as an SVG image (libqrencode), so the
// enrolment page needs no external service and no JavaScript. Lives in the crypto
// adapter because it only ever encodes second-factor secrets.

#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::crypto {

// An SVG document (black modules on white, 4-module quiet zone, error correction
// level M) encoding `text`. Fails with "qr_error" when the text is too long.
Result<std::string> qr_svg(std::string_view text);

}  // namespace tafel::crypto
