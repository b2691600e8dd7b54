#include "web/templates.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace tafel::embedded {
std::span<const EmbeddedFile> web_templates();
}

namespace tafel::web {
namespace {

constexpr std::string_view kSuffix = ".mustache";
constexpr std::string_view kLayout = "layout";

}  // namespace

const Templates& Templates::builtin() {
  static const Templates templates = [] {
    auto parsed = parse(embedded::web_templates());
    if (!parsed) {
      std::fprintf(stderr, "tafel: built-in web templates are malformed: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return templates;
}

Result<Templates> Templates::parse(std::span<const EmbeddedFile> files) {
  Templates templates;
  for (const auto& file : files) {
    // Keyed by the path below web/templates without the suffix ("tables/meeting"),
    // so modules can keep their templates in their own directories.
    std::string_view name = file.path;
    if (name.size() <= kSuffix.size() || name.substr(name.size() - kSuffix.size()) != kSuffix) continue;
    name.remove_suffix(kSuffix.size());
    kainjow::mustache::mustache compiled{std::string(file.content)};
    if (!compiled.is_valid()) {
      return fail("invalid_template", std::string(file.path) + ": " + compiled.error_message());
    }
    templates.sources_.emplace(std::string(name), std::string(file.content));
  }
  if (!templates.sources_.contains(kLayout)) return fail("invalid_template", "layout.mustache is missing");
  return templates;
}

bool Templates::is_fragment(std::string_view name) { return name.find("/_") != std::string_view::npos; }

std::string Templates::render(std::string_view page, const kainjow::mustache::data& view) const {
  auto content = sources_.find(page);
  if (content == sources_.end() || page == kLayout) {
    throw std::runtime_error("no web template named " + std::string(page));
  }
  // Parsing per render keeps rendering free of shared mutable state (a compiled
  // kainjow template records errors while rendering), so any thread may render.
  kainjow::mustache::mustache layout{sources_.find(kLayout)->second};
  kainjow::mustache::data with_content = view;
  const std::string& content_source = content->second;
  with_content.set("content", kainjow::mustache::partial([&content_source] { return content_source; }));
  // Shared fragments ("<dir>/_<name>") may be included by any page as {{> <dir>/_<name>}}.
  for (const auto& [name, source] : sources_) {
    if (!is_fragment(name)) continue;
    const std::string& fragment = source;
    with_content.set(name, kainjow::mustache::partial([&fragment] { return fragment; }));
  }
  std::string html = layout.render(with_content);
  if (!layout.is_valid()) {
    throw std::runtime_error("rendering web template " + std::string(page) + ": " + layout.error_message());
  }
  return html;
}

std::vector<std::string> Templates::pages() const {
  std::vector<std::string> names;
  for (const auto& [name, source] : sources_) {
    if (name != kLayout && !is_fragment(name)) names.push_back(name);
  }
  return names;
}

std::string_view Templates::source(std::string_view name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace tafel::web
