#include "web/assets.h"

#include <cassert>
#include <cstdint>
#include <vector>

namespace tafel::embedded {
std::span<const EmbeddedFile> web_static();
std::span<const EmbeddedFile> web_static_built();
}  // namespace tafel::embedded

namespace tafel::web {
namespace {

std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

// "css/tafel.css" + hash -> "css/tafel.<hash>.css"; a name without extension gets
// the hash appended.
std::string hashed_name(std::string_view path, std::string_view hash) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::string(path) + "." + std::string(hash);
  }
  return std::string(path.substr(0, dot)) + "." + std::string(hash) + std::string(path.substr(dot));
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view item = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag || item == "*") return true;
  }
  return false;
}

std::vector<EmbeddedFile> all_builtin_files() {
  std::vector<EmbeddedFile> files;
  for (const auto& f : embedded::web_static()) files.push_back(f);
  for (const auto& f : embedded::web_static_built()) files.push_back(f);
  return files;
}

}  // namespace

const Assets& Assets::builtin() {
  static const Assets assets(all_builtin_files());
  return assets;
}

Assets::Assets(std::span<const EmbeddedFile> files) {
  for (const auto& file : files) {
    if (file.path.empty()) continue;
    std::string hash = content_hash(file.content);
    Asset asset{file.content, "\"" + hash + "\"", "/static/" + hashed_name(file.path, hash)};
    auto [it, inserted] = by_path_.emplace(std::string(file.path), std::move(asset));
    assert(inserted && "two embedded assets with the same path");
    if (inserted) by_hashed_.emplace(hashed_name(file.path, hash), &it->second);
  }
}

std::string Assets::url(std::string_view path) const {
  auto it = by_path_.find(std::string(path));
  assert(it != by_path_.end() && "unknown asset");
  return it == by_path_.end() ? "/static/" + std::string(path) : it->second.url;
}

std::optional<http::Response> Assets::serve(const http::Request& request, std::string_view rest) const {
  auto it = by_hashed_.find(std::string(rest));
  if (it == by_hashed_.end()) return std::nullopt;
  const Asset& asset = *it->second;
  http::Response response;
  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  response.set_header("ETag", asset.etag);
  response.set_header("Content-Type", std::string(content_type(rest)));
  if (auto inm = request.header("if-none-match"); inm && etag_matches(*inm, asset.etag)) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.body = std::string(asset.content);
  return response;
}

std::string_view Assets::content_type(std::string_view name) {
  struct Type {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& t : kTypes) {
    if (name.size() >= t.extension.size() && name.substr(name.size() - t.extension.size()) == t.extension) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

}  // namespace tafel::web
