#pragma once
// Static assets (the compiled stylesheet, htmx, images) compiled into the binary and
// served under /static/ with content-hashed names, so that browsers may cache them
// for a year: a changed file gets a new URL.
//
// "css/tafel.css" is served as "/static/css/tafel.<hash>.css", where <hash> is the
// first 16 hex digits of the FNV-1a 64 hash of its bytes; the same hash is the ETag.
// Only exact names from the embedded table are served, so no request path can reach
// the file system or another file ("../" and encoded variants simply do not match).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/embedded_file.h"
#include "http/request.h"
#include "http/response.h"

namespace tafel::web {

class Assets {
 public:
  // The assets compiled into this binary.
  static const Assets& builtin();

  // Builds the table from embedded files (paths relative to the asset root).
  explicit Assets(std::span<const EmbeddedFile> files);

  // The public URL of the asset at `path` ("css/tafel.css"). An unknown path is a
  // programmer error (asserted); release builds get "/static/<path>", which 404s.
  std::string url(std::string_view path) const;

  // Answers GET/HEAD /static/{*rest}: the asset with long-lived caching headers, or
  // a 304 when If-None-Match carries its ETag; nullopt when `rest` names no asset
  // (the caller answers 404).
  std::optional<http::Response> serve(const http::Request& request, std::string_view rest) const;

  // The Content-Type for a file name, by extension; application/octet-stream if
  // unknown.
  static std::string_view content_type(std::string_view name);

 private:
  struct Asset {
    std::string_view content;
    std::string etag;       // quoted, as sent
    std::string url;        // "/static/css/tafel.<hash>.css"
  };
  std::unordered_map<std::string, Asset> by_path_;             // "css/tafel.css"
  std::unordered_map<std::string, const Asset*> by_hashed_;    // "css/tafel.<hash>.css"
};

}  // namespace tafel::web
