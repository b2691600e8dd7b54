#include "http/target.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/utf8.h"

namespace tafel::http {
namespace {

bool acceptable_text(std::string_view text) {
  return text.find('\0') == std::string_view::npos && is_valid_utf8(text);
}

bool has_dot_dot_segment(std::string_view path) {
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

}  // namespace

Result<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return fail("bad_target", "The request target must start with '/'.");
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return fail("bad_target", "The request target is not a valid path and query.");
  const boost::urls::url_view& url = *parsed;

  Target out;
  out.path = url.path();  // percent-decoded
  if (out.path.empty()) out.path = "/";
  if (!acceptable_text(out.path)) return fail("bad_target", "The path is not valid UTF-8 or contains a NUL byte.");
  if (has_dot_dot_segment(out.path)) return fail("bad_target", "The path may not contain '..' segments.");

  if (url.has_query()) {
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto param : url.params(opts)) {
      std::string value = param.has_value ? std::string(param.value) : std::string();
      if (!acceptable_text(param.key) || !acceptable_text(value)) {
        return fail("bad_target", "A query parameter is not valid UTF-8 or contains a NUL byte.");
      }
      out.query.emplace(std::string(param.key), std::move(value));
    }
  }
  return out;
}

}  // namespace tafel::http
