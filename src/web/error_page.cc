#include "web/page.h"
#include "web/pages.h"

namespace tafel::web {
namespace {

// The catalog prefix of the texts for `status`.
std::string_view error_kind(int status) {
  switch (status) {
    // A refusal says so, and who may help, without naming the record (issue 11, point 18).
    case 403: return "web.error.forbidden";
    case 404: return "web.error.not_found";
    case 405: return "web.error.method_not_allowed";
    default: return status >= 400 && status < 500 ? "web.error.bad_request" : "web.error.internal";
  }
}

// The requested path as it may be shown: valid UTF-8 (invalid bytes become U+FFFD)
// and at most about 200 bytes, so a hostile address cannot bloat or garble the page.
std::string displayable_path(std::string_view path) {
  constexpr size_t kMaxBytes = 200;
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    if (out.size() >= kMaxBytes) {
      out += "\u2026";
      break;
    }
    auto lead = static_cast<unsigned char>(path[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && i + length <= path.size();
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(path[i + k]) & 0xc0) == 0x80;
    }
    if (valid) {
      out.append(path.substr(i, length));
      i += length;
    } else {
      out += "\ufffd";
      ++i;
    }
  }
  return out;
}

}  // namespace

http::Response error_page(const http::Request& request, const Options& options, int status) {
  Page page(request, options, "");
  const std::string prefix(error_kind(status));
  const std::string heading = page.text(prefix + ".title");
  page.set_title(heading);
  page.set("status_text", page.text("web.error.status", {{"status", std::to_string(status)}}));
  page.set("heading", heading);
  page.set("text", page.text(prefix + ".text"));
  page.set("home_link", page.text("web.error.home_link"));
  if (status == 404) {
    page.set("address_label", page.text("web.error.not_found.address"));
    page.set("requested_path", displayable_path(request.path));
  }
  http::Response response = page.render("error", status);
  // An error page must never be cached: the same address may work a moment later.
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace tafel::web
