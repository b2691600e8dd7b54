#include "web/templates.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace tafel::embedded {
std::span<const EmbeddedFile> web_templates();
}

namespace tafel::web {
namespace {

constexpr std::string_view kSuffix = ".mustache";
constexpr std::string_view kLayout = "layout";
constexpr std::string_view kContent = "content";
constexpr int kMaxDepth = 8;  // fragments including fragments

std::atomic<std::uint64_t> next_id{1};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `source` with each partial tag {{> name}} replaced by the text `partial_text(name)`
// gives (itself spliced); a tag it gives nothing for is kept (kainjow renders an
// unknown partial as nothing). Fails beyond kMaxDepth (a fragment including itself).
template <typename PartialText>
Result<std::string> splice(std::string_view source, const PartialText& partial_text, int depth) {
  if (depth > kMaxDepth) return fail("invalid_template", "fragments include each other too deeply (a cycle?)");
  std::string out;
  std::size_t at = 0;
  while (true) {
    std::size_t open = source.find("{{", at);
    if (open == std::string_view::npos) break;
    // A triple mustache {{{...}}} is a variable, never a partial.
    std::size_t close = source.find("}}", open + 2);
    if (close == std::string_view::npos) break;  // unclosed: parse() reported it
    std::string_view tag = trim(source.substr(open + 2, close - open - 2));
    if (!tag.starts_with('>')) {
      out.append(source.substr(at, close + 2 - at));
      at = close + 2;
      continue;
    }
    std::string_view name = trim(tag.substr(1));
    std::optional<std::string_view> text = partial_text(name);
    out.append(source.substr(at, open - at));
    if (text) {
      auto inner = splice(*text, partial_text, depth + 1);
      if (!inner) return inner;
      out += *inner;
    } else {
      out.append(source.substr(open, close + 2 - open));
    }
    at = close + 2;
  }
  out.append(source.substr(at));
  return out;
}

// Each thread's compiled pages, per Templates (by id).
using Compiled = std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>>;
thread_local std::unordered_map<std::uint64_t, Compiled> compiled_pages;

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
    if (file.content.find("{{=") != std::string_view::npos) {
      return fail("invalid_template", std::string(file.path) + ": set-delimiter tags are not supported");
    }
    templates.sources_.emplace(std::string(name), std::string(file.content));
  }
  auto layout = templates.sources_.find(kLayout);
  if (layout == templates.sources_.end()) return fail("invalid_template", "layout.mustache is missing");
  for (const auto& [name, source] : templates.sources_) {
    if (name == kLayout || is_fragment(name)) continue;
    const std::string& page_source = source;
    auto spliced = splice(
        layout->second,
        [&](std::string_view partial) -> std::optional<std::string_view> {
          if (partial == kContent) return std::string_view(page_source);
          if (!is_fragment(partial)) return std::nullopt;
          auto fragment = templates.sources_.find(partial);
          if (fragment == templates.sources_.end()) return std::nullopt;
          return std::string_view(fragment->second);
        },
        0);
    if (!spliced) return fail("invalid_template", name + ": " + spliced.error().message);
    kainjow::mustache::mustache compiled{*spliced};
    if (!compiled.is_valid()) return fail("invalid_template", name + " in the layout: " + compiled.error_message());
    templates.pages_.emplace(name, std::move(*spliced));
  }
  templates.id_ = next_id.fetch_add(1);
  return templates;
}

bool Templates::is_fragment(std::string_view name) { return name.find("/_") != std::string_view::npos; }

std::string Templates::render(std::string_view page, const kainjow::mustache::data& view) const {
  auto source = pages_.find(page);
  if (source == pages_.end()) throw std::runtime_error("no web template named " + std::string(page));
  Compiled& compiled = compiled_pages[id_];
  auto found = compiled.find(page);
  if (found == compiled.end()) {
    found = compiled.emplace(std::string(page), std::make_unique<kainjow::mustache::mustache>(source->second)).first;
  }
  kainjow::mustache::mustache& layout = *found->second;
  std::string html = layout.render(view);
  if (!layout.is_valid()) {
    std::string message = layout.error_message();
    compiled.erase(found);  // it keeps its error: compile afresh next time
    throw std::runtime_error("rendering web template " + std::string(page) + ": " + message);
  }
  return html;
}

std::vector<std::string> Templates::pages() const {
  std::vector<std::string> names;
  for (const auto& [name, source] : pages_) names.push_back(name);
  return names;
}

std::string_view Templates::source(std::string_view name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Templates::compiled_source(std::string_view page) const {
  auto it = pages_.find(page);
  return it == pages_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace tafel::web
